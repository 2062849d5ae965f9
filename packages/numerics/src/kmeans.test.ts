import { describe, expect, it, jest } from '@jest/globals';
import type { Matrix } from '@scbench/api';
import { fromRows, zeros } from './dense.ts';
import { kmeans, kmeansPlusPlus, kmeansRestarts, nearestCenters } from './kmeans.ts';
import { restartsOnThreads } from './kmeans-threads.ts';
import { createRng } from './rng.ts';

/** Gaussian blobs: `k` centres spread by `spread`, unit noise. */
function blobs(n: number, d: number, k: number, spread: number, seed: number): { x: Matrix; y: Int32Array } {
  const r = createRng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => r.normal() * spread));
  const x = zeros(n, d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % k;
    for (let f = 0; f < d; f++) x.data[i * d + f] = centres[y[i]][f] + r.normal();
  }
  return { x, y };
}

/** Plain Lloyd with sklearn's stopping rule, written independently as the reference. */
function referenceLloyd(x: Matrix, init: Matrix, maxIter: number, tol: number): { labels: Int32Array; inertia: number } {
  const { rows: n, cols: d } = x;
  const k = init.rows;
  let c = Array.from(init.data);
  let labels = new Int32Array(n).fill(-1);
  let strict = false;
  const eStep = (cc: number[]) => {
    const l = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += (x.data[i * d + f] - cc[j * d + f]) ** 2;
        if (s < best) { best = s; l[i] = j; }
      }
    }
    return l;
  };
  for (let it = 0; it < maxIter; it++) {
    const l = eStep(c);
    const next = new Array(k * d).fill(0);
    const cnt = new Array(k).fill(0);
    for (let i = 0; i < n; i++) { cnt[l[i]]++; for (let f = 0; f < d; f++) next[l[i] * d + f] += x.data[i * d + f]; }
    for (let j = 0; j < k; j++) for (let f = 0; f < d; f++) next[j * d + f] = cnt[j] ? next[j * d + f] / cnt[j] : c[j * d + f];
    const shift = next.reduce((s, v, t) => s + (v - c[t]) ** 2, 0);
    c = next;
    if (l.every((v, i) => v === labels[i])) { strict = true; labels = l; break; }
    labels = l;
    if (shift <= tol) break;
  }
  if (!strict) labels = eStep(c);
  let inertia = 0;
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) inertia += (x.data[i * d + f] - c[labels[i] * d + f]) ** 2;
  return { labels, inertia };
}

function meanVar(x: Matrix): number {
  let s = 0;
  for (let f = 0; f < x.cols; f++) {
    let m = 0;
    for (let i = 0; i < x.rows; i++) m += x.data[i * x.cols + f] / x.rows;
    for (let i = 0; i < x.rows; i++) s += (x.data[i * x.cols + f] - m) ** 2 / x.rows;
  }
  return s / x.cols;
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

describe('kmeans', () => {
  it('recovers well-separated blobs exactly', () => {
    const { x, y } = blobs(600, 5, 4, 20, 1);
    const res = kmeans(x, 4, { seed: 3, nInit: 3 });
    expect(samePartition(res.labels, y)).toBe(true);
    expect(res.centers.rows).toBe(4);
    // inertia is the sum of squared distances to the returned centres
    const { distances } = nearestCenters(x, res.centers);
    expect(res.inertia).toBeCloseTo(distances.reduce((s, v) => s + v, 0), 3);
  });

  it('matches plain Lloyd (same init) on overlapping clusters, where Hamerly bounds matter', () => {
    const { x } = blobs(500, 3, 6, 1.5, 2);
    const init = fromRows(Array.from({ length: 6 }, (_, j) => Array.from(x.data.slice(j * 3, j * 3 + 3))));
    for (const maxIter of [1, 2, 5, 300]) {
      const ref = referenceLloyd(x, init, maxIter, 0);
      const res = kmeans(x, 6, { init, maxIter, tol: 0 });
      expect(Array.from(res.labels)).toEqual(Array.from(ref.labels));
      expect(Math.abs(res.inertia - ref.inertia) / ref.inertia).toBeLessThan(1e-9);
    }
  });

  it('with k-means++ seeding (whose distances prime the bounds) also matches plain Lloyd from the same centres', () => {
    const { x } = blobs(600, 4, 7, 1.2, 8);
    for (const seed of [1, 2, 3]) {
      const centres = kmeansPlusPlus(x.data, 600, 4, 7, createRng(seed).fork()); // kmeans() forks one stream per restart
      const init = { rows: 7, cols: 4, data: Float32Array.from(centres) };
      const ref = referenceLloyd(x, init, 300, 1e-4 * meanVar(x));
      const res = kmeans(x, 7, { seed, nInit: 1 });
      expect(Array.from(res.labels)).toEqual(Array.from(ref.labels));
      expect(Math.abs(res.inertia - ref.inertia) / ref.inertia).toBeLessThan(1e-9);
    }
  });

  it('has a non-increasing objective along the Lloyd iterations', () => {
    const { x } = blobs(400, 4, 5, 2, 3);
    const init = fromRows(Array.from({ length: 5 }, (_, j) => Array.from(x.data.slice(j * 4, j * 4 + 4))));
    let prev = Infinity;
    for (let t = 1; t <= 12; t++) {
      const { inertia } = kmeans(x, 5, { init, maxIter: t, tol: 0 });
      expect(inertia).toBeLessThanOrEqual(prev + 1e-9);
      prev = inertia;
    }
  });

  it('is deterministic for a seed, and more restarts never give a worse inertia', () => {
    const { x } = blobs(500, 4, 8, 2, 4);
    const a = kmeans(x, 8, { seed: 11, nInit: 1 });
    const b = kmeans(x, 8, { seed: 11, nInit: 1 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
    const many = kmeans(x, 8, { seed: 11, nInit: 10 });
    expect(many.inertia).toBeLessThanOrEqual(a.inertia);
  });

  it('gives the same result on worker threads as on one thread (restarts are independent streams)', () => {
    const { x } = blobs(600, 5, 6, 1.5, 8);
    const one = kmeans(x, 6, { seed: 3, nInit: 7 });
    const warn = jest.spyOn(process.stderr, 'write'); // a helper that fails to start falls back with a warning
    for (const threads of [2, 3]) {
      const many = kmeans(x, 6, { seed: 3, nInit: 7, threads });
      expect(many.inertia).toBe(one.inertia);
      expect(Array.from(many.labels)).toEqual(Array.from(one.labels));
      expect(Array.from(many.centers.data)).toEqual(Array.from(one.centers.data));
    }
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(() => kmeans(x, 6, { threads: 0 })).toThrow(/threads must be/);
  });

  it('a failure on the calling thread leaves no worker reply behind for the next call', () => {
    const { x } = blobs(300, 4, 5, 1, 12);
    const job = { X: x.data, n: 300, d: 4, k: 5, seeds: [1, 2, 3, 4], maxIter: 300, tol: 0 };
    expect(() => restartsOnThreads(job, 2, () => {
      throw new Error('boom');
    })).toThrow('boom');
    const again = restartsOnThreads({ ...job, seeds: [7, 8, 9, 10] }, 2, kmeansRestarts);
    expect(again.map((r) => r.inertia)).toEqual(kmeansRestarts({ ...job, seeds: [7, 8, 9, 10] }).map((r) => r.inertia));
  });

  it('restart r uses the r-th stream forked from the seed, and the lowest inertia wins', () => {
    const { x } = blobs(400, 3, 5, 1, 9);
    const master = createRng(21);
    const streams = [0, 1, 2, 3].map(() => master.nextUint32());
    const single = kmeansRestarts({ X: x.data, n: 400, d: 3, k: 5, seeds: streams, maxIter: 300, tol: 0 });
    const best = Math.min(...single.map((r) => r.inertia));
    expect(single.map((r) => r.inertia)).not.toEqual(new Array(4).fill(best)); // the restarts do differ
    expect(kmeans(x, 5, { seed: 21, nInit: 4, tol: 0, threads: 2 }).inertia).toBe(best);
  });

  it('k-means++ picks data rows, one per well-separated blob', () => {
    const { x, y } = blobs(300, 3, 5, 50, 5);
    const c = kmeansPlusPlus(x.data, 300, 3, 5, createRng(1));
    const { labels } = nearestCenters(x, { rows: 5, cols: 3, data: Float32Array.from(c) });
    const hit = new Set<number>();
    for (let j = 0; j < 5; j++) {
      const row = Array.from(c.slice(j * 3, j * 3 + 3));
      const i = Array.from({ length: 300 }, (_, t) => t).findIndex((t) => row.every((v, f) => v === x.data[t * 3 + f]));
      expect(i).toBeGreaterThanOrEqual(0); // each centre is one of the data rows
      hit.add(y[i]);
    }
    expect(hit.size).toBe(5);
    expect(new Set(labels).size).toBe(5);
  });

  it('relocates an empty cluster to a far point', () => {
    const { x } = blobs(200, 2, 3, 10, 6);
    const init = fromRows([[x.data[0], x.data[1]], [x.data[2], x.data[3]], [1e6, 1e6]]); // third centre attracts nobody
    const res = kmeans(x, 3, { init });
    expect(new Set(res.labels).size).toBe(3);
    for (const v of res.centers.data) expect(Math.abs(v)).toBeLessThan(1e3);
  });

  it('handles duplicates, k = n and k = 1', () => {
    const same = fromRows(Array.from({ length: 10 }, () => [1, 2]));
    const r1 = kmeans(same, 3, { seed: 1 });
    expect(r1.inertia).toBe(0);
    for (const l of r1.labels) expect(l >= 0 && l < 3).toBe(true);
    const { x } = blobs(7, 2, 7, 5, 7);
    const r2 = kmeans(x, 7, { seed: 1, nInit: 2 });
    expect(r2.inertia).toBeCloseTo(0, 6);
    expect(new Set(r2.labels).size).toBe(7);
    const r3 = kmeans(x, 1);
    expect(Array.from(r3.labels)).toEqual(new Array(7).fill(0));
  });

  it('rejects bad input, naming the argument', () => {
    const x = fromRows([[0, 1], [2, 3]]);
    expect(() => kmeans(x, 3)).toThrow(/k = 3 exceeds/);
    expect(() => kmeans(x, 0)).toThrow(/k must be/);
    expect(() => kmeans(fromRows([[0, NaN]]), 1)).toThrow(/data: entry 1 is NaN/);
    expect(() => kmeans(x, 2, { init: zeros(3, 2) })).toThrow(/init is 3×2/);
  });
});
