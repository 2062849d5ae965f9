// Tiny matrices with expectations computed by hand (comments show the arithmetic), dense and CSR alike.
import { describe, expect, it } from '@jest/globals';
import type { Csr, Matrix } from '@scbench/api';
import { toCsr, toDense } from '../sparse.ts';
import { dense, nested } from '../test-helpers.ts';
import { filterCells, filterGenes } from './filter.ts';
import { log1p } from './log1p.ts';
import { normalizeTotal } from './normalize-total.ts';
import { scale } from './scale.ts';
import { sizeFactors } from './size-factors.ts';

const C = [
  [1, 0, 3, 0],
  [0, 0, 0, 0],
  [2, 0, 6, 2],
];
const both = (rows: number[][]): [string, Matrix | Csr][] => [
  ['dense', dense(rows)],
  ['csr', toCsr(dense(rows))],
];
const close = (a: number[][], b: number[][], digits = 5) =>
  a.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], digits)));

describe.each(both(C))('filters (%s)', (_, m) => {
  it('filterCells: min counts / min genes', () => {
    const f = filterCells(m, { minCounts: 1 });
    expect(Array.from(f.kept)).toEqual([0, 2]);
    expect(nested(toDense(f.counts))).toEqual([C[0], C[2]]);
    expect(Array.from(filterCells(m, { minGenes: 3 }).kept)).toEqual([2]);
    expect(Array.from(filterCells(m, { maxCounts: 4 }).kept)).toEqual([0, 1]);
  });
  it('filterGenes: min counts / min cells', () => {
    const f = filterGenes(m, { minCounts: 1 });
    expect(Array.from(f.kept)).toEqual([0, 2, 3]);
    expect(nested(toDense(f.counts))).toEqual([
      [1, 3, 0],
      [0, 0, 0],
      [2, 6, 2],
    ]);
    expect(Array.from(filterGenes(m, { minCells: 2 }).kept)).toEqual([0, 2]);
  });
});

describe.each(both(C))('normalisation (%s)', (_, m) => {
  it('size factors = total / median total (totals 4, 0, 10 → median 4)', () => {
    expect(Array.from(sizeFactors(m))).toEqual([1, 0, 2.5]);
  });
  it('normalize_total to 10: rows scaled to sum 10, empty rows stay 0', () => {
    close(nested(toDense(normalizeTotal(m, { targetSum: 10 }))), [
      [2.5, 0, 7.5, 0],
      [0, 0, 0, 0],
      [2, 0, 6, 2],
    ]);
  });
  it("normalize_total 'median' uses the median of non-zero totals: (4 + 10) / 2 = 7", () => {
    close(nested(toDense(normalizeTotal(m, { targetSum: 'median' }))), [
      [1.75, 0, 5.25, 0],
      [0, 0, 0, 0],
      [1.4, 0, 4.2, 1.4],
    ]);
  });
  it('log1p', () => {
    close(nested(toDense(log1p(m))), C.map((r) => r.map((v) => Math.log(1 + v))));
  });
});

describe('scale', () => {
  it('zero mean, unit (ddof=1) variance, zero-variance genes → 0', () => {
    // gene 0: values 1, 0, 2 → mean 1, var ((0)+(1)+(1))/2 = 1 → z = 0, −1, 1
    // gene 1: all 0 → std set to 1 → all 0
    // gene 2: 3, 0, 6 → mean 3, var 18/2 = 9 → z = 0, −1, 1
    // gene 3: 0, 0, 2 → mean 2/3, var (4/9 + 4/9 + 16/9)/2 = 4/3 → z = −1/√3, −1/√3, 2/√3
    const s = scale(dense(C));
    const r3 = 1 / Math.sqrt(3);
    close(nested(s.data), [
      [0, 0, 0, -r3],
      [-1, 0, -1, -r3],
      [1, 0, 1, 2 * r3],
    ]);
    expect(Array.from(s.mean)).toEqual([1, 0, 3, 2 / 3]);
    expect(s.std[1]).toBe(1);
  });
  it('clips at ±maxValue when zero-centring', () => {
    const rows = Array.from({ length: 11 }, (_, i) => [i === 0 ? 10 : 0]);
    const s = scale(dense(rows), { maxValue: 1 });
    expect(s.data.data[0]).toBe(1);
    expect(Math.min(...s.data.data)).toBeGreaterThanOrEqual(-1);
    // mean 10/11, var (ddof 1) = 100/11, std = 10/√11 → z = (100/11)/(10/√11) = 10/√11, others −1/√11
    const unclipped = scale(dense(rows), { maxValue: null });
    expect(unclipped.data.data[0]).toBeCloseTo(10 / Math.sqrt(11), 5);
    expect(unclipped.data.data[1]).toBeCloseTo(-1 / Math.sqrt(11), 5);
  });
  it('same result from CSR input', () => {
    expect(nested(scale(toCsr(dense(C))).data)).toEqual(nested(scale(dense(C)).data));
  });
});
