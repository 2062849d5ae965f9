import { beforeAll, describe, expect, it } from '@jest/globals';
import { initEngine, tf } from '@scbench/engine';
import { structuralGraph } from './graphs.ts';
import { mixGraphs } from './mixed-graph.ts';
import { tinyCounts } from './test-helpers.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

const n = 9;
const d = 3;
const z = Float32Array.from({ length: n * d }, (_, t) => Math.cos(t + 2));

function applied(g: { apply(z: tf.Tensor2D): tf.Tensor2D }): Float32Array {
  return tf.tidy(() => Float32Array.from(g.apply(tf.tensor2d(z, [n, d])).dataSync() as Float32Array));
}

describe('mixGraphs', () => {
  it('applies (1 − w)·A + w·B, adds the build costs, and leaks no tensors', () => {
    const make = (seed: number, b: number) => structuralGraph(tinyCounts(n, 5 + seed), { form: 'sparse', balancer: b, k: 3, knnPcs: 0, deflate: true });
    const a = make(0, 0.21);
    const b = make(2, 1);
    const want = applied(a).map((v, t) => 0.7 * v + 0.3 * applied(b)[t]);
    const start = tf.memory().numTensors;
    const m = mixGraphs(a, b, 0.3);
    const got = applied(m);
    expect(tf.memory().numTensors).toBe(start);
    for (let t = 0; t < got.length; t++) expect(got[t]).toBeCloseTo(want[t], 5);
    expect(m.info.bytes).toBe(a.info.bytes + b.info.bytes);
    m.dispose();
  });
  it('refuses a weight outside (0, 1) and graphs on different cells', () => {
    const a = structuralGraph(tinyCounts(n, 5), { form: 'sparse', balancer: 1, k: 3, knnPcs: 0 });
    const c = structuralGraph(tinyCounts(n + 1, 5), { form: 'sparse', balancer: 1, k: 3, knnPcs: 0 });
    expect(() => mixGraphs(a, a, 0)).toThrow(/weight must be in \(0, 1\)/);
    expect(() => mixGraphs(a, a, 1)).toThrow(/weight must be in \(0, 1\)/);
    expect(() => mixGraphs(a, c, 0.5)).toThrow(/graphs on 9 and 10 cells/);
    a.dispose();
    c.dispose();
  });
});
