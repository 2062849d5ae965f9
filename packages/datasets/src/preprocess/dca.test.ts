// DCA-style preprocessing on a tiny matrix with the arithmetic written out by hand.
import { describe, expect, it } from '@jest/globals';
import type { Dataset, ValueType } from '@scbench/api';
import { toCsr } from '../sparse.ts';
import { dense, nested } from '../test-helpers.ts';
import { dcaCountsSource, dcaPreprocess, likelihoodCounts } from './dca.ts';

const C = [
  [1, 0, 3, 0],
  [0, 0, 2, 2],
  [2, 0, 6, 2],
];
const ds = (rows: number[][], valueType: ValueType = 'raw counts', csr = false): Dataset => ({
  id: 'tiny', counts: csr ? toCsr(dense(rows)) : dense(rows), valueType, nClusters: 2, genes: ['a', 'b', 'c', 'd'],
});

describe('dcaPreprocess', () => {
  it.each([false, true])('filter, size factors, median normalisation, log1p, scale; counts of the same genes (csr %s)', (csr) => {
    const p = dcaPreprocess(ds(C, 'raw counts', csr));
    // gene b has no counts: dropped
    expect(Array.from(p.geneIndex)).toEqual([0, 2, 3]);
    expect(p.genes).toEqual(['a', 'c', 'd']);
    expect(nested(p.counts)).toEqual([[1, 3, 0], [0, 2, 2], [2, 6, 2]]);
    // totals 4, 4, 10 → median 4 → size factors 1, 1, 2.5
    expect(Array.from(p.sizeFactors)).toEqual([1, 1, 2.5]);
    // normalised to 4 per cell: row 3 becomes [0.8, 2.4, 0.8]; log1p; then per gene z-score with ddof 1
    const logd = [[1, 3, 0], [0, 2, 2], [0.8, 2.4, 0.8]].map((r) => r.map(Math.log1p));
    for (let j = 0; j < 3; j++) {
      const col = logd.map((r) => r[j]);
      const m = col.reduce((a, b) => a + b) / 3;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - m) ** 2, 0) / 2);
      for (let i = 0; i < 3; i++) expect(p.x.data[i * 3 + j]).toBeCloseTo((col[i] - m) / sd, 5);
    }
    expect(p.steps).toContain('log1p');
  });

  it('HVG restricts the counts to the same genes; scale can be turned off', () => {
    // 40 cells × 30 genes; gene g's counts vary with g so dispersions differ
    const rows = Array.from({ length: 40 }, (_, i) => Array.from({ length: 30 }, (_, g) => ((i * (g + 3) * 7919) % (g + 2)) * (g % 5 === 0 ? 3 : 1)));
    const d: Dataset = { id: 'hvg', counts: dense(rows), valueType: 'raw counts', nClusters: 2 };
    const p = dcaPreprocess(d, { hvg: 5, scale: false });
    expect(p.x.cols).toBeLessThan(30);
    expect(p.counts.cols).toBe(p.x.cols);
    expect(p.geneIndex.length).toBe(p.x.cols);
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < p.x.cols; j++) {
        expect(p.counts.data[i * p.x.cols + j]).toBe(rows[i][p.geneIndex[j]]);
        expect(p.x.data[i * p.x.cols + j]).toBeGreaterThanOrEqual(0); // unscaled log1p values
      }
    }
    const cut = dcaPreprocess(d, { hvgCutoffs: { minMean: 0, maxMean: 10, minDisp: -10 } });
    expect(cut.x.cols).toBeGreaterThan(0);
    expect(() => dcaPreprocess(d, { hvgCutoffs: { minMean: 100 } })).toThrow(/no gene passes the HVG cut-offs/);
  });

  it('non-count value types: log-normalised goes back through expm1; scaled is refused with the fix', () => {
    const logged = C.map((r) => r.map(Math.log1p));
    const p = dcaPreprocess(ds(logged, 'log-normalised'));
    expect(p.counts.data[0]).toBeCloseTo(1, 5);
    expect(p.steps[0]).toMatch(/expm1/);
    const asGiven = dcaPreprocess(ds(logged, 'log-normalised'), { logInput: 'as-given' });
    expect(asGiven.counts.data[0]).toBeCloseTo(Math.log1p(1), 6);
    expect(() => dcaPreprocess(ds(C, 'scaled'))).toThrow(/scaled .*raw-count file/);
  });

  it('likelihoodCounts: raw counts untouched, log values through expm1 or as stored, scaled refused', () => {
    const logged = C.map((r) => r.map(Math.log1p));
    const raw = likelihoodCounts(ds(C));
    expect(raw.step).toBeUndefined();
    expect(nested(raw.counts)).toEqual(C);
    const back = likelihoodCounts(ds(logged, 'log-normalised'));
    nested(back.counts).forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(C[i][j], 5)));
    expect(back.step).toMatch(/^expm1/);
    const stored = likelihoodCounts(ds(logged, 'log-normalised'), 'as-given');
    expect(stored.counts.data[0]).toBeCloseTo(Math.log1p(1), 6);
    expect(stored.step).toMatch(/as stored/);
    expect(likelihoodCounts(ds(C, 'RPKM')).step).toMatch(/RPKM values as stored/);
    expect(() => likelihoodCounts(ds(C, 'scaled'))).toThrow(/scaled .*raw-count file/);
  });

  it("names the likelihood's values for a record's info: raw counts, or the logInput conversion", () => {
    const logged = C.map((r) => r.map(Math.log1p));
    expect(dcaCountsSource(dcaPreprocess(ds(C)))).toBe('raw counts');
    expect(dcaCountsSource(dcaPreprocess(ds(logged, 'log-normalised')))).toBe('expm1 of the log-normalised values (not raw counts)');
    expect(dcaCountsSource(dcaPreprocess(ds(logged, 'log-normalised'), { logInput: 'as-given' }))).toBe('the log-normalised values as stored (not raw counts)');
  });
});
