import { describe, expect, it } from '@jest/globals';
import type { Matrix } from '@scbench/api';
import { clusterSizes, matchClusters, refreshClusters } from './clusters.ts';
import { refreshesTarget, sinkhornTarget } from './target.ts';

const blobs = (): Matrix => {
  const data = new Float32Array(60 * 2);
  for (let i = 0; i < 60; i++) {
    const g = i % 3;
    data[2 * i] = g * 10 + Math.sin(i) * 0.5;
    data[2 * i + 1] = (g === 1 ? 5 : 0) + Math.cos(i) * 0.5;
  }
  return { rows: 60, cols: 2, data };
};

describe('cluster refresh and Sinkhorn target', () => {
  it("schedules: 'paper' refreshes at epochs 1–9 only, 'every10' at 1, 11, 21, …", () => {
    const ep = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(ep.filter((e) => refreshesTarget('paper', e))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ep.filter((e) => refreshesTarget('every10', e))).toEqual([1, 11, 21, 31]);
  });

  it('matching relabels a permuted clustering back onto the previous centres', () => {
    const z = blobs();
    const a = refreshClusters(z, 3, null, { refresh: 'restart', nInit: 3, seed: 1, match: false });
    const perm = [2, 0, 1];
    const shuffled = {
      labels: Int32Array.from(a.labels, (l) => perm[l]),
      centres: { rows: 3, cols: 2, data: new Float32Array(6) },
    };
    for (let j = 0; j < 3; j++) shuffled.centres.data.set(a.centres.data.subarray(2 * j, 2 * j + 2), 2 * perm[j]);
    const back = matchClusters(a.centres, shuffled);
    expect(Array.from(back.labels)).toEqual(Array.from(a.labels));
    expect(Array.from(back.centres.data)).toEqual(Array.from(a.centres.data));
  });

  it("'warm' refresh starts from the previous centres and keeps indices", () => {
    const z = blobs();
    const a = refreshClusters(z, 3, null, { refresh: 'restart', nInit: 3, seed: 1, match: false });
    const b = refreshClusters(z, 3, a, { refresh: 'warm', nInit: 3, seed: 9, match: true });
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
  });

  it('the Sinkhorn target has unit rows and columns summing to the cluster sizes', () => {
    const labels = Int32Array.from({ length: 30 }, (_, i) => (i < 20 ? 0 : i < 25 ? 1 : 2));
    const q = new Float32Array(30 * 3);
    for (let i = 0; i < 30; i++) for (let j = 0; j < 3; j++) q[i * 3 + j] = 0.2 + 0.1 * ((i * 7 + j * 3) % 5);
    for (let i = 0; i < 30; i++) {
      const s = q[i * 3] + q[i * 3 + 1] + q[i * 3 + 2];
      for (let j = 0; j < 3; j++) q[i * 3 + j] /= s;
    }
    const p = sinkhornTarget({ rows: 30, cols: 3, data: q }, labels, 5);
    const sizes = clusterSizes(labels, 3);
    for (let i = 0; i < 30; i++) expect(p.data[i * 3] + p.data[i * 3 + 1] + p.data[i * 3 + 2]).toBeCloseTo(1, 5);
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let i = 0; i < 30; i++) s += p.data[i * 3 + j];
      expect(s).toBeCloseTo(sizes[j], 3);
    }
  });
});
