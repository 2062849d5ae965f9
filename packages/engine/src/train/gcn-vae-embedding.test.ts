import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { createRng, csrFromTriplets, kmeans } from '@scbench/numerics';
import { initEngine } from '../backend.ts';
import { testContext } from '../testing/context.ts';
import { gcnNormalize, gcnVaeEmbedding, undirectedEdges } from './gcn-vae-embedding.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

/** Three dense communities of 20 nodes (each node linked to 6 others of its own) and a few links between them. */
function communities(rng = createRng(5)): { graph: ReturnType<typeof csrFromTriplets>; truth: Int32Array } {
  const size = 20;
  const n = 3 * size;
  const r: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = Math.floor(i / size);
    for (let t = 0; t < 6; t++) { r.push(i); c.push(g * size + rng.randint(size)); }
  }
  for (let t = 0; t < 4; t++) { r.push(rng.randint(n)); c.push(rng.randint(n)); }
  return { graph: csrFromTriplets(n, n, r, c, r.map(() => 1)), truth: Int32Array.from({ length: n }, (_, i) => Math.floor(i / size)) };
}

function agreement(a: Int32Array, b: Int32Array): number {
  // Pairs on which the two partitions agree (same/different), a label-permutation-free check.
  let same = 0;
  let total = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) { total++; if ((a[i] === a[j]) === (b[i] === b[j])) same++; }
  return same / total;
}

describe('gcnVaeEmbedding', () => {
  it('normalises A + I symmetrically and lists each undirected edge once', () => {
    const g = csrFromTriplets(3, 3, [0, 1, 1, 2, 2], [1, 0, 2, 1, 2], [1, 1, 1, 1, 1]);
    const { a, b } = undirectedEdges(g);
    expect(Array.from(a)).toEqual([0, 1]);
    expect(Array.from(b)).toEqual([1, 2]);
    const adj = csrFromTriplets(3, 3, [0, 1, 1, 2], [1, 0, 2, 1], [1, 1, 1, 1]);
    const nrm = gcnNormalize(adj);
    const dense = Array.from({ length: 9 }, () => 0);
    for (let i = 0; i < 3; i++) for (let e = nrm.indptr[i]; e < nrm.indptr[i + 1]; e++) dense[i * 3 + nrm.indices[e]] = nrm.data[e];
    // degrees with self-loops 2, 3, 2
    expect(dense[0]).toBeCloseTo(1 / 2, 6);
    expect(dense[1]).toBeCloseTo(1 / Math.sqrt(6), 6);
    expect(dense[4]).toBeCloseTo(1 / 3, 6);
    expect(dense[2]).toBe(0);
  });

  for (const reconstruction of ['dense', 'sampled'] as const) {
    it(`embeds planted communities so that k-means recovers them (${reconstruction}), deterministically, leaking no tensors`, async () => {
      const { graph, truth } = communities();
      const n = graph.rows;
      // Features carry no community signal: the embedding must come from the graph.
      const fr = createRng(9);
      const features = { rows: n, cols: 8, data: Float32Array.from({ length: n * 8 }, () => (fr.uniform() < 0.5 ? 1 : 0)) };
      const start = tf.memory().numTensors;
      const run = () => gcnVaeEmbedding({
        features, graph, hidden1: 32, hidden2: 16, epochs: 150, lr: 0.01, reconstruction, negativeRatio: 2, holdOutEdges: true, rng: createRng(3),
      }, testContext(0));
      const a = await run();
      const b = await run();
      expect(tf.memory().numTensors).toBe(start);
      expect(Array.from(a.embedding.data)).toEqual(Array.from(b.embedding.data));
      expect(a.embedding.cols).toBe(16);
      const labels = kmeans(a.embedding, 3, { nInit: 10, seed: 0 }).labels;
      expect(agreement(labels, truth)).toBeGreaterThan(0.9);
    });
  }
});
