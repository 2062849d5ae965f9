/**
 * The practical speed limit for the reference training step on this CPU: one hand-built ONNX graph doing the
 * dense autoencoder's forward pass, MSE, backward pass and Adam update, run by onnxruntime with all state kept
 * in pre-allocated buffers that are swapped between steps (no copies, no per-op dispatch). Linear layers, as
 * scCDCG's autoencoder.
 */
import type { OnnxGraph, OnnxNode, OnnxInitializer } from '../ort/onnx-model.ts';
import { ortTensor, createSyncSession, type OrtTensor } from '../ort/binding.ts';
import { onnxModel } from '../ort/onnx-model.ts';

export interface AeWeights {
  /** Per layer: kernel [in, out] and bias [out], row-major. */
  kernels: Float32Array[];
  biases: Float32Array[];
}

export interface StepRunner {
  /** One training step; returns the loss before the update. */
  step(): number;
  dispose(): void;
}

/** Multiply–adds ×2 of one training step (forward, input gradients except the first layer's, weight gradients). */
export function aeStepFlops(rows: number, dims: readonly number[]): number {
  let fwd = 0;
  let back = 0;
  for (let l = 1; l < dims.length; l++) {
    const f = 2 * rows * dims[l - 1] * dims[l];
    fwd += f;
    back += l > 1 ? 2 * f : f;
  }
  return fwd + back;
}

function aeGraph(rows: number, dims: readonly number[], lr: number): OnnxGraph {
  const L = dims.length - 1;
  const b1 = 0.9;
  const b2 = 0.999;
  const nodes: OnnxNode[] = [];
  const n = (op: string, inputs: string[], output: string, attrs?: OnnxNode['attrs']): string => {
    nodes.push({ op, inputs, outputs: [output], attrs });
    return output;
  };
  const inits: OnnxInitializer[] = [
    { name: 'k_grad', dims: [], values: [2 / (rows * dims[L])] },
    { name: 'beta1', dims: [], values: [b1] },
    { name: 'nbeta1', dims: [], values: [1 - b1] },
    { name: 'beta2', dims: [], values: [b2] },
    { name: 'nbeta2', dims: [], values: [1 - b2] },
    { name: 'eps', dims: [], values: [1e-8] },
    { name: 'lr', dims: [], values: [lr] },
    { name: 'axis0', dims: [1], values: [0], int64: true },
  ];
  const h = ['X'];
  for (let l = 1; l <= L; l++) h.push(n('Gemm', [h[l - 1], `W${l}`, `b${l}`], `H${l}`));
  const diff = n('Sub', [h[L], 'X'], 'diff');
  n('ReduceMean', [n('Mul', [diff, diff], 'sq')], 'loss', { keepdims: 0 });
  let g = n('Mul', [diff, 'k_grad'], `G${L}`);
  const grads: Record<string, string> = {};
  for (let l = L; l >= 1; l--) {
    grads[`W${l}`] = n('Gemm', [h[l - 1], g], `dW${l}`, { transA: 1 });
    grads[`b${l}`] = n('ReduceSum', [g, 'axis0'], `db${l}`, { keepdims: 0 });
    if (l > 1) g = n('Gemm', [g, `W${l}`], `G${l - 1}`, { transB: 1 });
  }
  // Adam, PyTorch form: p −= (lr/bc₁)·m / (√v/√bc₂ + ε); bc₁, bc₂ come in as the scalars a = 1/bc₁, c = 1/√bc₂.
  for (const [p, gr] of Object.entries(grads)) {
    const m = n('Add', [n('Mul', [`m_${p}`, 'beta1'], `m1_${p}`), n('Mul', [gr, 'nbeta1'], `m2_${p}`)], `out_m_${p}`);
    const v = n('Add', [n('Mul', [`v_${p}`, 'beta2'], `v1_${p}`), n('Mul', [n('Mul', [gr, gr], `gg_${p}`), 'nbeta2'], `v2_${p}`)], `out_v_${p}`);
    const den = n('Add', [n('Mul', [n('Sqrt', [v], `sv_${p}`), 'c'], `svc_${p}`), 'eps'], `den_${p}`);
    const upd = n('Mul', [n('Mul', [n('Div', [m, den], `r_${p}`), 'a'], `ra_${p}`), 'lr'], `u_${p}`);
    n('Sub', [p, upd], `out_${p}`);
  }
  const params = Object.keys(grads);
  const shapeOf = (p: string): number[] => {
    const l = Number(p.slice(1));
    return p.startsWith('W') ? [dims[l - 1], dims[l]] : [dims[l]];
  };
  const inputs = [
    { name: 'X', shape: [rows, dims[0]] },
    { name: 'a', shape: [] },
    { name: 'c', shape: [] },
    ...params.flatMap((p) => [p, `m_${p}`, `v_${p}`].map((name) => ({ name, shape: shapeOf(p) }))),
  ];
  const outputs = [
    { name: 'loss', shape: [] },
    ...params.flatMap((p) => [`out_${p}`, `out_m_${p}`, `out_v_${p}`].map((name) => ({ name, shape: shapeOf(p) }))),
  ];
  return { nodes, inputs, outputs, initializers: inits };
}

/** A hand-built ORT training step for the AE, starting from `init` (the engine model's initial weights). */
export function referenceAeStep(x: Float32Array, rows: number, dims: readonly number[], init: AeWeights, threads: number, lr = 1e-3): StepRunner {
  const session = createSyncSession(onnxModel(aeGraph(rows, dims, lr)), threads, process.env.SCBENCH_REF_SPIN !== '0');
  const Tensor = ortTensor();
  const L = dims.length - 1;
  // Two buffer sets; each step reads one and writes the other.
  const sets = [0, 1].map(() => {
    const s: Record<string, OrtTensor> = {};
    for (let l = 1; l <= L; l++) {
      for (const [p, shape, values] of [
        [`W${l}`, [dims[l - 1], dims[l]], init.kernels[l - 1]],
        [`b${l}`, [dims[l]], init.biases[l - 1]],
      ] as [string, number[], Float32Array][]) {
        s[p] = new Tensor('float32', Float32Array.from(values), shape);
        s[`m_${p}`] = new Tensor('float32', new Float32Array(values.length), shape);
        s[`v_${p}`] = new Tensor('float32', new Float32Array(values.length), shape);
      }
    }
    return s;
  });
  const X = new Tensor('float32', x, [rows, dims[0]]);
  const loss = new Tensor('float32', new Float32Array(1), []);
  let t = 0;
  return {
    step() {
      t++;
      const [src, dst] = t % 2 === 1 ? sets : [sets[1], sets[0]];
      const feeds: Record<string, OrtTensor> = {
        X,
        a: new Tensor('float32', Float32Array.of(1 / (1 - 0.9 ** t)), []),
        c: new Tensor('float32', Float32Array.of(1 / Math.sqrt(1 - 0.999 ** t)), []),
        ...src,
      };
      const into: Record<string, OrtTensor> = { loss };
      for (const k of Object.keys(dst)) into[`out_${k}`] = dst[k];
      session.run(feeds, into);
      return (loss.data as Float32Array)[0];
    },
    dispose: () => session.dispose(),
  };
}
