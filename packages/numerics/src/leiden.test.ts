import { describe, expect, it } from '@jest/globals';
import type { Csr } from '@scbench/api';
import { csrFromTriplets } from './csr.ts';
import { leiden, leidenWithK, louvain, modularity } from './leiden.ts';
import { createRng } from './rng.ts';

/** Undirected graph from an edge list (both directions stored). */
function graph(n: number, edges: [number, number, number?][]): Csr {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (const [a, b, w = 1] of edges) {
    r.push(a, b);
    c.push(b, a);
    v.push(w, w);
  }
  return csrFromTriplets(n, n, r, c, v);
}

function cliques(count: number, size: number): [number, number][] {
  const e: [number, number][] = [];
  for (let q = 0; q < count; q++) for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) e.push([q * size + a, q * size + b]);
  return e;
}

/** Planted partition: `groups` blocks of `size`, edge probability pIn inside, pOut across. */
function planted(groups: number, size: number, pIn: number, pOut: number, seed: number): { g: Csr; truth: Int32Array } {
  const r = createRng(seed);
  const n = groups * size;
  const e: [number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) {
    if (r.uniform() < (Math.floor(a / size) === Math.floor(b / size) ? pIn : pOut)) e.push([a, b]);
  }
  return { g: graph(n, e), truth: Int32Array.from({ length: n }, (_, i) => Math.floor(i / size)) };
}

function samePartition(a: Int32Array, b: Int32Array): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}

/** Every cluster induces a connected subgraph (Leiden's guarantee). */
function clustersConnected(g: Csr, labels: Int32Array): boolean {
  const seen = new Uint8Array(g.rows);
  const roots = new Set<number>();
  for (let s = 0; s < g.rows; s++) {
    if (seen[s]) continue;
    if (roots.has(labels[s])) return false; // a second component of the same cluster
    roots.add(labels[s]);
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const v = stack.pop()!;
      for (let p = g.indptr[v]; p < g.indptr[v + 1]; p++) {
        const u = g.indices[p];
        if (!seen[u] && labels[u] === labels[v]) {
          seen[u] = 1;
          stack.push(u);
        }
      }
    }
  }
  return true;
}

describe('modularity', () => {
  it('matches the hand value for two triangles joined by an edge', () => {
    const g = graph(6, [...cliques(2, 3), [2, 3]]);
    // m = 7; each side: 3 internal edges, degree sum 7 ⇒ Q = 2·(3/7 − (7/14)²) = 5/14
    expect(modularity(g, Int32Array.from([0, 0, 0, 1, 1, 1]))).toBeCloseTo(5 / 14, 12);
    expect(modularity(g, new Int32Array(6))).toBeCloseTo(0, 12);
    expect(modularity(g, Int32Array.from([0, 0, 0, 1, 1, 1]), 2)).toBeCloseTo(2 * (3 / 7 - 2 * 0.25), 12);
  });
});

describe('leiden', () => {
  it('splits two cliques joined by one edge', () => {
    const g = graph(10, [...cliques(2, 5), [4, 5]]);
    const res = leiden(g, { seed: 1 });
    expect(res.nClusters).toBe(2);
    expect(samePartition(res.labels, Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]))).toBe(true);
    expect(res.quality).toBeCloseTo(modularity(g, res.labels), 12);
  });

  it('finds each clique of a small ring of cliques, and beats the planted partition where the resolution limit bites', () => {
    const ring = (count: number, size: number) => {
      const e: [number, number][] = cliques(count, size);
      for (let q = 0; q < count; q++) e.push([q * size, ((q + 1) % count) * size + 1]);
      return graph(count * size, e);
    };
    const small = ring(6, 5);
    const truth = Int32Array.from({ length: 30 }, (_, i) => Math.floor(i / 5));
    expect(samePartition(leiden(small, { seed: 2 }).labels, truth)).toBe(true);
    // 30 cliques of 3: modularity prefers merging neighbouring cliques (Fortunato & Barthélemy 2007)
    const big = ring(30, 3);
    const bigTruth = Int32Array.from({ length: 90 }, (_, i) => Math.floor(i / 3));
    const res = leiden(big, { seed: 2 });
    expect(res.quality).toBeGreaterThan(modularity(big, bigTruth));
    expect(res.nClusters).toBeLessThan(30);
    expect(clustersConnected(big, res.labels)).toBe(true);
  });

  it('reaches at least the modularity of a Louvain pass, with connected clusters', () => {
    for (const seed of [1, 2, 3]) {
      const { g } = planted(6, 25, 0.25, 0.03, seed);
      const l = leiden(g, { seed });
      const lv = louvain(g, { seed, nIterations: 1 });
      expect(l.quality).toBeGreaterThanOrEqual(lv.quality - 1e-12);
      expect(clustersConnected(g, l.labels)).toBe(true);
    }
  });

  it('recovers a clear planted partition, numbers clusters by size, and is deterministic for a seed', () => {
    const { g, truth } = planted(4, 30, 0.4, 0.01, 7);
    const a = leiden(g, { seed: 5 });
    const b = leiden(g, { seed: 5 });
    expect(samePartition(a.labels, truth)).toBe(true);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    const sizes = Array.from({ length: a.nClusters }, (_, c) => a.labels.filter((l) => l === c).length);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
  });

  it('follows edge weights, leaves isolated nodes alone, and merges everything at resolution 0', () => {
    // a 4-cycle whose heavy edges (0,1) and (2,3) define the communities; node 4 is isolated
    const g = graph(5, [[0, 1, 10], [1, 2, 1], [2, 3, 10], [3, 0, 1]]);
    const res = leiden(g, { seed: 1 });
    expect(res.nClusters).toBe(3);
    expect(res.labels[0]).toBe(res.labels[1]);
    expect(res.labels[2]).toBe(res.labels[3]);
    expect(res.labels[0]).not.toBe(res.labels[2]);
    const flat = leiden(g, { seed: 1, resolution: 0 });
    expect(flat.nClusters).toBe(2);
    expect(new Set(Array.from(flat.labels.subarray(0, 4))).size).toBe(1);
  });

  it('rejects non-symmetric or invalid graphs, naming the problem', () => {
    const directed = csrFromTriplets(2, 2, [0], [1], [1]);
    expect(() => leiden(directed)).toThrow(/symmetric/);
    const negative = csrFromTriplets(2, 2, [0, 1], [1, 0], [-1, -1]);
    expect(() => leiden(negative)).toThrow(/weight at \(0, 1\) is -1/);
    expect(() => leiden(graph(2, [[0, 1]]), { resolution: -1 })).toThrow(/resolution/);
  });
});

describe('leidenWithK', () => {
  it('finds a resolution giving exactly k clusters on a planted-partition graph', () => {
    const { g } = planted(6, 20, 0.35, 0.02, 11);
    for (const k of [3, 6, 9]) {
      const res = leidenWithK(g, k, { seed: 1 });
      expect(res.exact).toBe(true);
      expect(res.nClusters).toBe(k);
      expect(res.tries).toBeLessThanOrEqual(30);
    }
  });

  it('returns the closest count with exact: false when k is unreachable', () => {
    const g = graph(6, [[0, 1], [2, 3], [4, 5]]); // three components: never fewer than 3 clusters
    const res = leidenWithK(g, 1, { seed: 1, maxTries: 12 });
    expect(res.exact).toBe(false);
    expect(res.nClusters).toBe(3);
    expect(() => leidenWithK(g, 7)).toThrow(/k = 7 exceeds/);
  });
});
