import { describe, expect, it } from '@jest/globals';
import { contingency, denseCodes, type Contingency } from './contingency.ts';
import { randomLabels } from './testing.ts';

/** Cells as "trueCode,predCode" → count, computed the obvious way. */
function naive(truth: Int32Array, pred: Int32Array): Map<string, number> {
  const m = new Map<string, number>();
  truth.forEach((t, i) => m.set(`${t},${pred[i]}`, (m.get(`${t},${pred[i]}`) ?? 0) + 1));
  return m;
}

function cells(c: Contingency): Map<string, number> {
  const m = new Map<string, number>();
  for (let r = 0; r < c.rows; r++) {
    for (let k = c.indptr[r]; k < c.indptr[r + 1]; k++) {
      if (k > c.indptr[r]) expect(c.indices[k]).toBeGreaterThan(c.indices[k - 1]); // columns ascending
      m.set(`${c.trueCodes[r]},${c.predCodes[c.indices[k]]}`, c.counts[k]);
    }
  }
  return m;
}

function checkSums(c: Contingency): void {
  const rows = new Int32Array(c.rows);
  const cols = new Int32Array(c.cols);
  for (let r = 0; r < c.rows; r++) {
    for (let k = c.indptr[r]; k < c.indptr[r + 1]; k++) {
      rows[r] += c.counts[k];
      cols[c.indices[k]] += c.counts[k];
    }
  }
  expect(rows).toEqual(c.rowSums);
  expect(cols).toEqual(c.colSums);
  expect(rows.reduce((s, v) => s + v, 0)).toBe(c.n);
}

describe('denseCodes', () => {
  it('numbers distinct values densely in ascending order, with gaps and negatives', () => {
    const d = denseCodes(Int32Array.from([9, 0, 5, 9, -3, 5]));
    expect(Array.from(d.values)).toEqual([-3, 0, 5, 9]);
    expect(Array.from(d.codes)).toEqual([3, 1, 2, 3, 0, 2]);
    expect(Array.from(d.sizes)).toEqual([1, 1, 2, 2]);
  });

  it('takes the Map path for a code range wider than the lookup table, same result', () => {
    const labels = Int32Array.from([2_147_483_647, -2_147_483_648, 0, 2_147_483_647]);
    const d = denseCodes(labels);
    expect(Array.from(d.values)).toEqual([-2_147_483_648, 0, 2_147_483_647]);
    expect(Array.from(d.codes)).toEqual([2, 0, 1, 2]);
  });
});

describe('contingency', () => {
  it('matches a naive count on the dense-table path', () => {
    const truth = randomLabels(5000, 7, 1).map((v) => v * 3); // gaps
    const pred = randomLabels(5000, 11, 2);
    const c = contingency(truth, pred);
    expect([c.rows, c.cols, c.n]).toEqual([7, 11, 5000]);
    expect(cells(c)).toEqual(naive(truth, pred));
    checkSums(c);
  });

  it('matches a naive count on the counting-sort path (many classes)', () => {
    const truth = randomLabels(20000, 5000, 3);
    const pred = randomLabels(20000, 3000, 4).map((v) => v * 1000 + 7);
    const c = contingency(truth, pred);
    expect(c.rows * c.cols).toBeGreaterThan(4 * 20000 + 65536); // really the sparse path
    expect(cells(c)).toEqual(naive(truth, pred));
    checkSums(c);
  });

  it('stays O(n) for a million singletons', () => {
    const n = 1_000_000;
    const truth = Int32Array.from({ length: n }, (_, i) => i);
    const pred = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const c = contingency(truth, pred);
    expect([c.rows, c.cols, c.counts.length]).toEqual([n, n, n]);
    expect(c.indices[0]).toBe(n - 1);
    expect(c.counts.every((v) => v === 1)).toBe(true);
  });

  it('rejects mismatched lengths naming both, and empty input', () => {
    expect(() => contingency(new Int32Array(5), new Int32Array(4))).toThrow(/truth has 5 labels but pred has 4/);
    expect(() => contingency(new Int32Array(0), new Int32Array(0))).toThrow(/empty/);
  });
});
