import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsr } from '../sparse.ts';
import { dense } from '../test-helpers.ts';
import { cutBins, highlyVariableGenes } from './hvg.ts';

describe('cutBins (pandas.cut semantics)', () => {
  it('right-closed equal-width bins, lowest edge lowered', () => {
    // range 0..4 in 2 bins: edges [−0.004, 2, 4]; 2 falls in the first bin (right-closed)
    expect(Array.from(cutBins(Float64Array.of(0, 1, 2, 3, 4), 2))).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(cutBins(Float64Array.of(5, 5, 5), 4))).toEqual([1, 1, 1]); // widened range: all in one bin
  });
});

describe('highlyVariableGenes', () => {
  it('one bin: normalized dispersion is the z-score of the log dispersion (hand-computed)', () => {
    // log1p data whose expm1 is exact: gene 0 counts [0, 2, 4] (mean 2, var 4, disp 2),
    // gene 1 [1, 1, 4] (mean 2, var 3, disp 1.5), gene 2 all zero (var 0 → NaN). (A constant non-zero gene is
    // not exactly constant after float32 log1p/expm1 — in scanpy neither — so it would get a tiny dispersion.)
    const raw = [
      [0, 1, 0],
      [2, 1, 0],
      [4, 4, 0],
    ];
    const m = dense(raw.map((r) => r.map((v) => Math.log1p(v))));
    const h = highlyVariableGenes(m, { nTop: 1, nBins: 1 });
    const d0 = Math.log(2);
    const d1 = Math.log(1.5);
    expect(h.dispersions[0]).toBeCloseTo(d0, 5);
    expect(h.dispersions[1]).toBeCloseTo(d1, 5);
    expect(h.dispersions[2]).toBeNaN();
    expect(h.means[0]).toBeCloseTo(Math.log1p(2), 5);
    // two finite values: mean (d0+d1)/2, sd |d0−d1|/√2 → z = ±1/√2
    expect(h.dispersionsNorm[0]).toBeCloseTo(1 / Math.SQRT2, 5);
    expect(h.dispersionsNorm[1]).toBeCloseTo(-1 / Math.SQRT2, 5);
    expect(Array.from(h.indices)).toEqual([0]);
  });

  it('a gene alone in its bin gets normalized dispersion 1 (scanpy rule)', () => {
    const raw = [
      [0, 1, 100],
      [2, 1, 300],
      [4, 4, 100],
    ];
    const h = highlyVariableGenes(dense(raw.map((r) => r.map((v) => Math.log1p(v)))), { nTop: 3, nBins: 2 });
    expect(h.dispersionsNorm[2]).toBeCloseTo(1, 6);
  });

  const ref = JSON.parse(readFileSync(join(new URL('.', import.meta.url).pathname, 'hvg.reference.json'), 'utf8')) as {
    nTop: number;
    nBins: number;
    cells: number;
    genes: number;
    logData: number[];
    means: (number | null)[];
    dispersions: (number | null)[];
    dispersionsNorm: (number | null)[];
    selected: number[];
    cutoff: number;
  };
  const expectClose = (got: Float64Array, want: (number | null)[]) =>
    want.forEach((w, g) => (w === null ? expect(got[g]).toBeNaN() : expect(got[g]).toBeCloseTo(w, 4)));

  it.each(['dense', 'csr'])('matches numpy + pandas along scanpy’s code path (%s)', (kind) => {
    const m = { rows: ref.cells, cols: ref.genes, data: Float32Array.from(ref.logData) };
    const h = highlyVariableGenes(kind === 'csr' ? toCsr(m) : m, { nTop: ref.nTop, nBins: ref.nBins });
    expectClose(h.means, ref.means);
    expectClose(h.dispersions, ref.dispersions);
    expectClose(h.dispersionsNorm, ref.dispersionsNorm);
    expect(Array.from(h.indices)).toEqual(ref.selected);
    expect(h.cutoff).toBeCloseTo(ref.cutoff, 4);
  });
});

describe('highlyVariableGenes by cut-offs', () => {
  // Reference: tools/data/hvg-cutoff-reference.py (numpy + pandas along scanpy's seurat path with min_mean,
  // max_mean, min_disp and no n_top_genes).
  const ref = JSON.parse(readFileSync(join(new URL('.', import.meta.url).pathname, 'hvg-cutoff.reference.json'), 'utf8')) as {
    cells: number; genes: number; nBins: number; minMean: number; maxMean: number; minDisp: number; logData: number[]; selected: number[];
  };
  const m = { rows: ref.cells, cols: ref.genes, data: Float32Array.from(ref.logData) };

  it('selects the same genes as the scanpy-path reference (dense and CSR)', () => {
    const cutoffs = { minMean: ref.minMean, maxMean: ref.maxMean, minDisp: ref.minDisp };
    expect(ref.selected.length).toBeGreaterThan(10);
    expect(Array.from(highlyVariableGenes(m, { nBins: ref.nBins, cutoffs }).indices)).toEqual(ref.selected);
    expect(Array.from(highlyVariableGenes(toCsr(m), { nBins: ref.nBins, cutoffs }).indices)).toEqual(ref.selected);
  });

  it('n_top wins over cut-offs, as in scanpy', () => {
    const h = highlyVariableGenes(m, { nTop: 7, cutoffs: { minDisp: 100 } });
    expect(h.indices.length).toBeGreaterThanOrEqual(7);
  });
});
