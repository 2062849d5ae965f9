import { describe, expect, it } from '@jest/globals';
import type { Matrix } from '@scbench/api';
import { fromRows, zeros } from './dense.ts';
import { knn, knnFromRowBlocks, type KnnMetric } from './knn.ts';
import { createRng } from './rng.ts';

function random(n: number, d: number, seed: number): Matrix {
  const r = createRng(seed);
  const m = zeros(n, d);
  for (let i = 0; i < m.data.length; i++) m.data[i] = r.normal();
  return m;
}

function bruteForce(x: Matrix, k: number, metric: KnnMetric): { idx: number[][]; dist: number[][] } {
  const { rows: n, cols: d } = x;
  const idx: number[][] = [];
  const dist: number[][] = [];
  for (let i = 0; i < n; i++) {
    const all: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let v = 0;
      if (metric === 'euclidean') {
        for (let f = 0; f < d; f++) v += (x.data[i * d + f] - x.data[j * d + f]) ** 2;
        v = Math.sqrt(v);
      } else {
        let dot = 0, na = 0, nb = 0;
        for (let f = 0; f < d; f++) {
          dot += x.data[i * d + f] * x.data[j * d + f];
          na += x.data[i * d + f] ** 2;
          nb += x.data[j * d + f] ** 2;
        }
        v = 1 - dot / Math.sqrt(na * nb);
      }
      all.push([v, j]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    idx.push(all.slice(0, k).map((p) => p[1]));
    dist.push(all.slice(0, k).map((p) => p[0]));
  }
  return { idx, dist };
}

describe('knn', () => {
  for (const metric of ['euclidean', 'cosine'] as const) {
    it(`matches brute force (${metric}), across block boundaries`, () => {
      const x = random(157, 7, metric === 'euclidean' ? 1 : 2);
      const res = knn(x, 9, { metric, blockSize: 16 });
      const ref = bruteForce(x, 9, metric);
      expect(res.k).toBe(9);
      for (let i = 0; i < 157; i++) {
        expect(Array.from(res.indices.subarray(i * 9, i * 9 + 9))).toEqual(ref.idx[i]);
        for (let t = 0; t < 9; t++) expect(Math.abs(res.distances[i * 9 + t] - ref.dist[i][t])).toBeLessThan(1e-5);
      }
      // the default blocking gives the same answer
      expect(knn(x, 9, { metric }).indices).toEqual(res.indices);
    });
  }

  it('breaks distance ties by index, whatever the blocking (integer grid, many ties)', () => {
    const r = createRng(9);
    const x = zeros(60, 2);
    for (let i = 0; i < x.data.length; i++) x.data[i] = r.randint(4);
    const ref = bruteForce(x, 6, 'euclidean');
    for (const blockSize of [1, 7, 256]) {
      const res = knn(x, 6, { blockSize });
      for (let i = 0; i < 60; i++) expect(Array.from(res.indices.subarray(i * 6, i * 6 + 6))).toEqual(ref.idx[i]);
    }
  });

  it('excludes the point itself but keeps its duplicates, sorted ascending', () => {
    const x = fromRows([[0, 0], [0, 0], [1, 0], [3, 0], [0, 0]]);
    const res = knn(x, 4);
    for (let i = 0; i < 5; i++) {
      const row = Array.from(res.indices.subarray(i * 4, i * 4 + 4));
      expect(row).not.toContain(i);
      const ds = Array.from(res.distances.subarray(i * 4, i * 4 + 4));
      expect(ds).toEqual([...ds].sort((a, b) => a - b));
    }
    expect(Array.from(res.indices.subarray(0, 3))).toEqual([1, 4, 2]);
    expect(Array.from(res.distances.subarray(0, 3))).toEqual([0, 0, 1]);
  });

  it('treats zero rows as cosine distance 1', () => {
    const x = fromRows([[0, 0], [1, 0], [0, 2], [3, 0]]);
    const res = knn(x, 2, { metric: 'cosine' });
    expect(Array.from(res.distances.subarray(0, 2))).toEqual([1, 1]);
    expect(res.indices[2]).toBe(3); // [1,0] and [3,0] point the same way
    expect(res.distances[2]).toBeCloseTo(0, 6);
    expect(res.distances[3]).toBeCloseTo(1, 6); // then the zero row or [0,2], both at 1
  });

  it('rejects bad input, naming the argument', () => {
    const x = random(5, 2, 3);
    expect(() => knn(x, 5)).toThrow(/k = 5 but only 4/);
    expect(() => knn(x, 0)).toThrow(/k must be/);
    expect(() => knn(fromRows([[1, Infinity], [0, 0]]), 1)).toThrow(/data: entry 1/);
    expect(() => knn(x, 2, { metric: 'manhattan' as KnnMetric })).toThrow(/unknown metric/);
  });
});

describe('knnFromRowBlocks', () => {
  it('matches knn when handed the exact dot products, whatever the block size', () => {
    const n = 70;
    const d = 5;
    const x = { rows: n, cols: d, data: Float32Array.from({ length: n * d }, (_, t) => Math.sin(t * 1.3) + 0.1 * Math.cos(t * 0.7)) };
    const norms = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) norms[i] += x.data[i * d + f] ** 2;
    const dots = (q0: number, q1: number): Float32Array => {
      const out = new Float32Array((q1 - q0) * n);
      for (let i = q0; i < q1; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += x.data[i * d + f] * x.data[j * d + f];
        out[(i - q0) * n + j] = s;
      }
      return out;
    };
    const want = knn(x, 6);
    for (const block of [1, 16, 70]) {
      const got = knnFromRowBlocks(n, 6, norms, dots, block);
      expect(got.indices).toEqual(want.indices);
      for (let t = 0; t < want.distances.length; t++) expect(got.distances[t]).toBeCloseTo(want.distances[t], 5);
    }
    expect(() => knnFromRowBlocks(n, 6, norms, () => new Float32Array(3), 10)).toThrow(/block 0–10 has 3 dots/);
  });
});
