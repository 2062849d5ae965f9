import { describe, expect, it } from '@jest/globals';
import type { Dataset } from '@scbench/api';
import { synthetic, toDense } from '@scbench/datasets';
import { attentionInput } from './input.ts';

describe('attentionInput', () => {
  const { dataset } = synthetic({ cells: 60, genes: 80, groups: 3, seed: 3 });
  const dense = toDense(dataset.counts);
  const logged: Dataset = { ...dataset, valueType: 'log-normalised', counts: { ...dense, data: dense.data.map(Math.log1p) } };

  it("log-normalised data take load_data's path (normalize_per_cell 1e4, not DCA's median): as given, or from expm1", () => {
    const asGiven = attentionInput(logged, 40, 'as-given');
    const same = attentionInput({ ...dataset, counts: logged.counts }, 40);
    expect(Array.from(asGiven.logX.data)).toEqual(Array.from(same.logX.data));
    expect(Array.from(asGiven.counts.data)).toEqual(Array.from(same.counts.data));
    expect(asGiven.countsFrom).toMatch(/as stored/);
    const back = attentionInput(logged, 80);
    const fromCounts = attentionInput(dataset, 80);
    back.logX.data.forEach((v, i) => expect(v).toBeCloseTo(fromCounts.logX.data[i], 4));
    expect(back.countsFrom).toMatch(/^expm1/);
  });

  it('log data = log1p of each cell scaled to 10,000 over all kept genes; size factors from the same totals', () => {
    const inp = attentionInput(dataset, 1000); // more than the genes: no HVG step
    const g = inp.counts.cols;
    const totals = Array.from({ length: inp.counts.rows }, (_, i) => inp.counts.data.slice(i * g, (i + 1) * g).reduce((a, b) => a + b, 0));
    const sorted = [...totals].sort((a, b) => a - b);
    const median = (sorted[29] + sorted[30]) / 2;
    for (const i of [0, 31, 59]) {
      expect(inp.sizeFactors[i]).toBeCloseTo(totals[i] / median, 5);
      for (const j of [0, 7, g - 1]) expect(inp.logX.data[i * g + j]).toBeCloseTo(Math.log1p((inp.counts.data[i * g + j] / totals[i]) * 1e4), 4);
    }
  });
});
