import { describe, expect, it } from '@jest/globals';
import { synthetic } from '@scbench/datasets';
import { structuralInput, type InputTransform } from './preprocess.ts';

describe('structuralInput', () => {
  const { dataset } = synthetic({ cells: 60, genes: 300, groups: 3, seed: 4 });

  it("'raw' copies the stored values without aliasing them", () => {
    const { x, steps } = structuralInput(dataset);
    expect([x.rows, x.cols]).toEqual([60, 300]);
    expect(steps).toEqual([]);
    x.data[0] += 1;
    expect(structuralInput(dataset).x.data[0]).toBe(x.data[0] - 1);
  });

  it("'hvg-log' keeps the asked number of genes, non-negative (the cosine graphs need it) and unscaled", () => {
    const { x, steps } = structuralInput(dataset, { transform: 'hvg-log', hvg: 50 });
    expect([x.rows, x.cols]).toEqual([60, 50]);
    expect(x.data.every((v) => v >= 0)).toBe(true);
    expect(steps.join(' ')).toMatch(/normalize_total.*log1p.*highly_variable_genes/);
    // log1p of 1e4-normalised counts stays below log1p(1e4); z-scored values would not be all ≥ 0.
    expect(Math.max(...x.data)).toBeLessThan(Math.log1p(1e4));
  });

  it("'hvg-scaled' is 'hvg-log' with each gene centred, scaled to unit variance and clipped at 10 (scanpy's scale)", () => {
    const log = structuralInput(dataset, { transform: 'hvg-log', hvg: 50 }).x;
    const { x, steps } = structuralInput(dataset, { transform: 'hvg-scaled', hvg: 50 });
    expect([x.rows, x.cols]).toEqual([60, 50]);
    expect(steps.join(' ')).toMatch(/highly_variable_genes.*scale/);
    const column = (m: typeof x, j: number) => Array.from({ length: 60 }, (_, i) => m.data[i * 50 + j]);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    for (let j = 0; j < 50; j++) {
      const s = column(x, j);
      const l = column(log, j);
      expect(Math.abs(mean(s))).toBeLessThan(1e-4);
      // Same gene in the same place: an increasing affine map of the log column, so the two correlate (≈ 1).
      const ms = mean(s);
      const ml = mean(l);
      const cov = mean(s.map((v, i) => (v - ms) * (l[i] - ml)));
      const sd = Math.sqrt(mean(s.map((v) => (v - ms) ** 2)) * mean(l.map((v) => (v - ml) ** 2)));
      expect(cov / sd).toBeGreaterThan(0.99);
    }
    expect(Math.max(...x.data)).toBeLessThanOrEqual(10);
    expect(x.data.some((v) => v < 0)).toBe(true);
  });

  it('refuses transforms that do not fit the value type, naming the fix', () => {
    const scaled = { ...dataset, valueType: 'scaled' as const };
    expect(() => structuralInput(scaled, { transform: 'hvg-log' })).toThrow(/already scaled.*input 'raw'/);
    expect(() => structuralInput({ ...dataset, valueType: 'log-normalised' as const }, { transform: 'log1p' })).toThrow(/needs raw counts/);
    expect(() => structuralInput(dataset, { transform: 'zscore' as InputTransform })).toThrow(/raw, log1p, hvg-log, hvg-scaled/);
  });
});
