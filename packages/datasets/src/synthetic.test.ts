import { describe, expect, it } from '@jest/globals';
import { isCsr } from '@scbench/api';
import { checkLoaded } from './checks.ts';
import { toDense } from './sparse.ts';
import { synthetic } from './synthetic.ts';

describe('synthetic', () => {
  const s = synthetic();

  it('default: 300 cells × 500 genes × 4 groups of raw counts, names, no labels in the dataset', () => {
    const m = s.dataset.counts;
    expect([m.rows, m.cols, s.dataset.nClusters]).toEqual([300, 500, 4]);
    expect(s.dataset.valueType).toBe('raw counts');
    expect(s.dataset.genes![0]).toBe('Gene0001');
    expect(s.dataset.genes![499]).toBe('Gene0500');
    expect(s.truth.names).toEqual(['Group1', 'Group2', 'Group3', 'Group4']);
    const sizes = [0, 0, 0, 0];
    for (const c of s.truth.labels) sizes[c]++;
    expect(sizes).toEqual([75, 75, 75, 75]);
    expect(toDense(m).data.every((v) => v >= 0 && v % 1 === 0)).toBe(true);
    expect(() =>
      checkLoaded({ dataset: s.dataset, truth: s.truth, meta: { format: 'h5-uniform', file: 'synthetic', matrix: 'X', labelSource: null, sourceValueType: null, storage: 'dense', emptyCells: 0, notes: [], seconds: 0 } }),
    ).not.toThrow();
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = synthetic();
    expect(toDense(again.dataset.counts).data).toEqual(toDense(s.dataset.counts).data);
    expect(Array.from(again.truth.labels)).toEqual(Array.from(s.truth.labels));
    const other = synthetic({ seed: 1 });
    expect(toDense(other.dataset.counts).data).not.toEqual(toDense(s.dataset.counts).data);
  });

  it('planted markers: up-regulated markers are higher in their own group', () => {
    const m = toDense(s.dataset.counts);
    const libs = Array.from({ length: m.rows }, (_, i) => m.data.subarray(i * m.cols, (i + 1) * m.cols).reduce((a, b) => a + b, 0));
    let wins = 0;
    let total = 0;
    s.markers.forEach((mk, g) => {
      mk.forEach((j, t) => {
        if (t % 3 === 2) return; // down-regulated third
        let inG = 0;
        let nIn = 0;
        let out = 0;
        let nOut = 0;
        for (let i = 0; i < m.rows; i++) {
          const v = m.data[i * m.cols + j] / libs[i]; // composition, not depth
          if (s.truth.labels[i] === g) {
            inG += v;
            nIn++;
          } else {
            out += v;
            nOut++;
          }
        }
        total++;
        if (inG / nIn > out / nOut) wins++;
      });
    });
    expect(wins / total).toBeGreaterThan(0.9);
  });

  it('library sizes vary, dropout adds zeros', () => {
    const m = toDense(s.dataset.counts);
    const libs = Array.from({ length: m.rows }, (_, i) => m.data.subarray(i * m.cols, (i + 1) * m.cols).reduce((a, b) => a + b, 0));
    expect(Math.max(...libs) / Math.min(...libs)).toBeGreaterThan(2);
    const zeros = (x: ReturnType<typeof synthetic>) => toDense(x.dataset.counts).data.filter((v) => v === 0).length;
    expect(zeros(synthetic({ dropout: 0.5 }))).toBeGreaterThan(zeros(synthetic({ dropout: 0 })));
  });

  it('CSR on request, with unequal groups', () => {
    const t = synthetic({ cells: 400, genes: 100, groups: 3, groupWeights: [2, 1, 1], storage: 'csr', seed: 3 });
    expect(isCsr(t.dataset.counts)).toBe(true);
    const sizes = [0, 0, 0];
    for (const c of t.truth.labels) sizes[c]++;
    expect(sizes).toEqual([200, 100, 100]);
  });
});
