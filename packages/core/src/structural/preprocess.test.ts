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

  it('refuses transforms that do not fit the value type, naming the fix', () => {
    const scaled = { ...dataset, valueType: 'scaled' as const };
    expect(() => structuralInput(scaled, { transform: 'hvg-log' })).toThrow(/already scaled.*input 'raw'/);
    expect(() => structuralInput({ ...dataset, valueType: 'log-normalised' as const }, { transform: 'log1p' })).toThrow(/needs raw counts/);
    expect(() => structuralInput(dataset, { transform: 'zscore' as InputTransform })).toThrow(/raw, log1p, hvg-log/);
  });
});
