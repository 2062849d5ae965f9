import { describe, expect, it } from '@jest/globals';
import type { Dataset } from '@scbench/api';
import { synthetic, toDense } from '@scbench/datasets';
import { scdscInput } from './input.ts';

describe('scdscInput', () => {
  const { dataset } = synthetic({ cells: 60, genes: 80, groups: 3, seed: 2 });
  const dense = toDense(dataset.counts);
  const logged: Dataset = { ...dataset, valueType: 'log-normalised', counts: { ...dense, data: dense.data.map(Math.log1p) } };
  const raw = (counts: Dataset['counts']): Dataset => ({ ...dataset, counts });

  it('log-normalised data take scanpy_filter.py\'s path (normalize_total 1e4, not DCA\'s median): as given, or from expm1', () => {
    const asGiven = scdscInput(logged, 'all', 'as-given');
    const same = scdscInput(raw(logged.counts), 'all');
    expect(Array.from(asGiven.x.data)).toEqual(Array.from(same.x.data));
    expect(Array.from(asGiven.counts.data)).toEqual(Array.from(same.counts.data));
    expect(asGiven.countsFrom).toMatch(/as stored/);
    const back = scdscInput(logged, 'all');
    const fromCounts = scdscInput(dataset, 'all');
    back.x.data.forEach((v, i) => expect(v).toBeCloseTo(fromCounts.x.data[i], 4));
    expect(back.countsFrom).toMatch(/^expm1/);
    expect(fromCounts.countsFrom).toBe('raw counts');
  });

  it('features are log1p of each cell scaled to 10,000, counts unscaled, size factors total / median', () => {
    const inp = scdscInput(dataset, 'all');
    const c = toDense(dataset.counts);
    const keep = inp.counts.cols;
    expect(keep).toBeLessThanOrEqual(c.cols);
    const totals = Array.from({ length: inp.counts.rows }, (_, i) => inp.counts.data.slice(i * keep, (i + 1) * keep).reduce((a, b) => a + b, 0));
    const sorted = [...totals].sort((a, b) => a - b);
    const median = (sorted[29] + sorted[30]) / 2;
    for (const i of [0, 17, 59]) {
      expect(inp.sizeFactors[i]).toBeCloseTo(totals[i] / median, 5);
      for (const j of [0, 5, keep - 1]) expect(inp.x.data[i * keep + j]).toBeCloseTo(Math.log1p((inp.counts.data[i * keep + j] / totals[i]) * 1e4), 4);
    }
  });
});
