import { beforeAll, describe, expect, it } from '@jest/globals';
import { initEngine, tf } from '@scbench/engine';
import { alignment, type AlignAnchor } from './alignment.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

const n = 48;
const zt = { rows: n, cols: 20, data: Float32Array.from({ length: n * 20 }, (_, i) => Math.sin(i * 0.41) + Math.cos(i * 0.07)) };
const base = { projDim: 8, tau: 0.1, varReg: 1e-2, weight: 0.3, trained: true, maxCells: 0, seed: 2 };

/** Largest |gradient| of L_CL alone on h, on the structural head and on the text head. */
function clGradients(anchor: AlignAnchor): { h: number; headF: number; headT: number } {
  const a = alignment(zt, 16, { ...base, anchor });
  const h = tf.variable(tf.randomNormal([n, 16], 0, 1, 'float32', 7) as tf.Tensor2D);
  const heads = a.hooks.variables as tf.Variable[];
  const out = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const view = { h: h as tf.Tensor2D, z: h as tf.Tensor2D, epoch: 1 };
      a.hooks.readout!(view);
      return a.hooks.trainParts!(view).cl;
    }, [h, ...heads]);
    const maxAbs = (vs: tf.Variable[]) => Math.max(...vs.map((v) => tf.max(tf.abs(grads[v.name])).dataSync()[0]));
    // hooks.variables lists the structural head's four tensors, then the text head's.
    return { h: maxAbs([h]), headF: maxAbs(heads.slice(0, 4)), headT: maxAbs(heads.slice(4)) };
  });
  a.dispose();
  h.dispose();
  return out;
}

describe('alignment anchor', () => {
  it("'none' (the code): InfoNCE moves the encoder and both heads", () => {
    const g = clGradients('none');
    expect(g.h).toBeGreaterThan(1e-4);
    expect(g.headF).toBeGreaterThan(1e-4);
    expect(g.headT).toBeGreaterThan(1e-4);
  });

  it("'encoder': both heads learn, the encoder gets nothing from InfoNCE", () => {
    const g = clGradients('encoder');
    expect(g.h).toBe(0);
    expect(g.headF).toBeGreaterThan(1e-4);
    expect(g.headT).toBeGreaterThan(1e-4);
  });

  it("'structure': only the text head learns; the structural side is a fixed target", () => {
    const g = clGradients('structure');
    expect(g.h).toBe(0);
    expect(g.headF).toBe(0);
    expect(g.headT).toBeGreaterThan(1e-4);
  });
});

describe('text share in the read-out', () => {
  const readout = (textShare: number, seed: number): Float32Array => {
    const a = alignment(zt, 16, { ...base, textShare });
    const h = tf.randomNormal([n, 16], 0, 1, 'float32', seed) as tf.Tensor2D;
    const z = a.hooks.readout!({ h, z: h, epoch: 1 });
    const out = Float32Array.from(z.dataSync());
    h.dispose();
    a.dispose();
    return out;
  };

  it('β = 1 reads the text head alone (Z does not depend on h); β = 0 the structural head alone', () => {
    expect(Array.from(readout(1, 1))).toEqual(Array.from(readout(1, 2)));
    const s0 = readout(0, 1);
    // Ẑf is a unit row per cell: β = 0 leaves it unit; any β in between gives shorter rows (two unit vectors averaged).
    const norm = (v: Float32Array, i: number) => Math.hypot(...v.subarray(i * 8, i * 8 + 8));
    expect(norm(s0, 0)).toBeCloseTo(1, 5);
    expect(norm(readout(0.2, 1), 0)).toBeLessThan(1);
    expect(Array.from(readout(0, 1))).not.toEqual(Array.from(readout(0, 2)));
  });

  it('refuses a share outside [0, 1]', () => {
    expect(() => alignment(zt, 16, { ...base, textShare: 1.5 })).toThrow(/textShare must be in \[0, 1\]/);
  });
});

describe("structHead 'identity'", () => {
  const readout = (textShare: number): { z: Float32Array; h: Float32Array; variables: number[][] } => {
    const a = alignment(zt, 16, { ...base, structHead: 'identity', textShare });
    const h = tf.randomNormal([n, 16], 0, 1, 'float32', 3) as tf.Tensor2D;
    const z = a.hooks.readout!({ h, z: h, epoch: 1 });
    const out = { z: Float32Array.from(z.dataSync()), h: Float32Array.from(h.dataSync()), variables: (a.hooks.variables as tf.Variable[]).map((v) => v.shape) };
    h.dispose();
    a.dispose();
    return out;
  };

  it('reads the structural z itself as Ẑf (β = 0: Z = z·√(N / ‖z‖²), no head, no sphere); only the text head is trained', () => {
    const { z, h, variables } = readout(0);
    let sq = 0;
    for (const v of h) sq += v * v;
    const factor = Math.sqrt(n / sq);
    for (let t = 0; t < n * 16; t += 37) expect(z[t]).toBeCloseTo(h[t] * factor, 5);
    let meanSquare = 0;
    for (const v of z) meanSquare += (v * v) / n;
    expect(meanSquare).toBeCloseTo(1, 4);
    // The text head alone: Linear(20 → projDim) → ReLU → Linear(projDim → latent), two tensors each.
    expect(variables).toEqual([[20, 8], [8], [8, 16], [16]]);
  });

  it('β = 1 reads the text head alone, on unit rows of width latent', () => {
    const { z } = readout(1);
    expect(z).toHaveLength(n * 16);
    for (const i of [0, 17, n - 1]) expect(Math.hypot(...z.subarray(i * 16, i * 16 + 16))).toBeCloseTo(1, 5);
  });
});
