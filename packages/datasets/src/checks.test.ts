import { describe, expect, it } from '@jest/globals';
import type { Dataset, Truth } from '@scbench/api';
import { checkLoaded, checkMatrixShape } from './checks.ts';
import { DataError } from './errors.ts';
import type { LoadedDataset } from './types.ts';

function loaded(ds: Partial<Dataset>, truth: Truth | null): LoadedDataset {
  return {
    dataset: { id: 't', counts: { rows: 2, cols: 2, data: Float32Array.of(1, 0, 0, 1) }, valueType: 'raw counts', nClusters: 2, ...ds },
    truth,
    meta: { format: 'h5-scdcc', file: '/data/t.h5', matrix: 'X', labelSource: 'Y', sourceValueType: null, storage: 'dense', emptyCells: 0, notes: [], seconds: 0 },
  };
}
const twoClasses: Truth = { labels: Int32Array.of(0, 1), names: ['a', 'b'] };

describe('checkLoaded', () => {
  it('accepts a consistent dataset', () => {
    expect(() => checkLoaded(loaded({}, twoClasses))).not.toThrow();
  });
  it('every failure is a DataError with file and hint', () => {
    const cases: [Partial<Dataset>, Truth | null, RegExp][] = [
      [{ counts: { rows: 2, cols: 2, data: Float32Array.of(1, Infinity, 0, 1) } }, twoClasses, /non-finite.*cell 0, gene 1/],
      [{ counts: { rows: 2, cols: 2, data: Float32Array.of(1, 0, -2, 1) } }, twoClasses, /negative value -2 at cell 1, gene 0/],
      [{ counts: { rows: 2, cols: 2, data: Float32Array.of(1, 0, 0) } }, twoClasses, /3 values for 2 × 2/],
      [{}, { labels: Int32Array.of(0, 1, 1), names: ['a', 'b'] }, /3 labels for 2 cells/],
      [{ nClusters: 1 }, { labels: Int32Array.of(0, 0), names: ['a'] }, /only 1 class/],
      [{ genes: ['g1'] }, twoClasses, /1 gene names for 2 genes/],
      [{ cells: ['c1', 'c2', 'c3'] }, twoClasses, /3 cell names for 2 cells/],
      [{ nClusters: 3 }, twoClasses, /nClusters = 3 but the labels have 2 classes/],
    ];
    for (const [ds, truth, re] of cases) {
      let err: unknown;
      try {
        checkLoaded(loaded(ds, truth));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DataError);
      expect((err as DataError).message).toMatch(re);
      expect((err as DataError).file).toBe('/data/t.h5');
      expect((err as DataError).hint.length).toBeGreaterThan(10);
    }
  });
  it('scaled data may be negative', () => {
    expect(() => checkLoaded(loaded({ valueType: 'scaled', counts: { rows: 2, cols: 2, data: Float32Array.of(-1, 0, 0, 1) } }, twoClasses))).not.toThrow();
  });
  it('CSR structure is validated', () => {
    const bad = { rows: 2, cols: 2, indptr: Int32Array.of(0, 2, 1), indices: Int32Array.of(0, 1), data: Float32Array.of(1, 1) };
    expect(() => checkMatrixShape(bad, 'f')).toThrow(/indptr\/indices\/data disagree|indptr decreases/);
    const unsorted = { rows: 1, cols: 2, indptr: Int32Array.of(0, 2), indices: Int32Array.of(1, 0), data: Float32Array.of(1, 1) };
    expect(() => checkMatrixShape(unsorted, 'f')).toThrow(/not strictly ascending/);
  });
});
