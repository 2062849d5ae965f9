// Highly variable genes, Seurat flavour, following scanpy's pp.highly_variable_genes(flavor='seurat',
// n_top_genes=n) step by step (scanpy ≥ 1.9 semantics):
//   1. undo the log: expm1 of log1p-transformed data;
//   2. per gene mean and variance (ddof = 1); a zero mean becomes 1e-12; dispersion = var / mean;
//      dispersion 0 → NaN; dispersion → log(dispersion); mean → log1p(mean);
//   3. bin the log means into n_bins equal-width bins as pandas.cut(means, n_bins) does (right-closed intervals,
//      the lowest edge moved down by 0.1 % of the range);
//   4. per bin, mean and sample std (ddof = 1) of the non-NaN dispersions; a bin with a single gene gets
//      avg 0 and dev = that dispersion, so its normalized dispersion is 1 (scanpy's rule);
//   5. normalized dispersion = (dispersion − avg) / dev;
//   6. the cutoff is the n-th highest non-NaN normalized dispersion and every gene ≥ cutoff is selected
//      (NaN counts as −∞), so ties at the cutoff can select more than n genes, exactly as in scanpy.
//   6'. without n_top_genes, scanpy selects by cut-offs instead: NaN normalized dispersions become 0, and a gene is
//      kept when min_mean < mean < max_mean and min_disp < dispersion_norm < max_disp (all strict; scanpy's defaults
//      0.0125, 3, 0.5, ∞). Given both, n_top_genes wins and the cut-offs are ignored, as in scanpy — which is what
//      scziDesk's call (n_top_genes=500 with the cut-offs) gets.
import type { Csr, Matrix } from '@scbench/api';
import { geneMeanVar } from './stats.ts';

const { expm1, log, log1p } = Math;

export interface HvgOptions {
  /** Number of genes to select (scanpy's n_top_genes). */
  readonly nTop?: number;
  /** Number of mean bins (default 20). */
  readonly nBins?: number;
  /**
   * Select by scanpy's cut-offs instead of the top n (only without `nTop`; scanpy ignores them when n_top_genes is
   * given). Unset values take scanpy's defaults: minMean 0.0125, maxMean 3, minDisp 0.5, maxDisp ∞.
   */
  readonly cutoffs?: HvgCutoffs;
}

export interface HvgCutoffs {
  readonly minMean?: number;
  readonly maxMean?: number;
  readonly minDisp?: number;
  readonly maxDisp?: number;
}

export interface HvgResult {
  /** Selected gene indices, ascending (the original gene order, as scanpy's subset keeps it). */
  readonly indices: Int32Array;
  readonly highlyVariable: Uint8Array;
  /** log1p of the mean of expm1(x), per gene. */
  readonly means: Float64Array;
  /** log of the dispersion (var / mean), NaN where the variance is 0. */
  readonly dispersions: Float64Array;
  readonly dispersionsNorm: Float64Array;
  readonly cutoff: number;
}

/** pandas.cut(x, nBins) bin codes for finite x (right-closed, lowest edge lowered by 0.1 % of the range). */
export function cutBins(x: Float64Array, nBins: number): Int32Array {
  let mn = Infinity;
  let mx = -Infinity;
  for (const v of x) {
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  const edges = new Float64Array(nBins + 1);
  if (mn === mx) {
    // pandas widens a zero range by 0.1 % of |value| (or 0.001) on both sides
    const d = mn !== 0 ? 0.001 * Math.abs(mn) : 0.001;
    mn -= d;
    mx += d;
    const step = (mx - mn) / nBins;
    for (let i = 0; i < nBins; i++) edges[i] = mn + i * step;
    edges[nBins] = mx;
  } else {
    const step = (mx - mn) / nBins; // as numpy.linspace: start + i·step, last edge exactly the stop
    for (let i = 0; i < nBins; i++) edges[i] = mn + i * step;
    edges[nBins] = mx;
    edges[0] -= (mx - mn) * 0.001;
  }
  const codes = new Int32Array(x.length);
  for (let g = 0; g < x.length; g++) {
    // first edge ≥ x (searchsorted side='left'), minus one
    let lo = 0;
    let hi = nBins + 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] < x[g]) lo = mid + 1;
      else hi = mid;
    }
    codes[g] = Math.min(nBins - 1, Math.max(0, lo - 1));
  }
  return codes;
}

/** Seurat-flavour HVG selection on log1p-transformed data (cells × genes). */
export function highlyVariableGenes(logData: Matrix | Csr, o: HvgOptions = {}): HvgResult {
  const nBins = o.nBins ?? 20;
  const G = logData.cols;
  const { mean, variance } = geneMeanVar(logData, expm1);
  const means = new Float64Array(G);
  const dispersions = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const m = mean[g] === 0 ? 1e-12 : mean[g];
    const d = variance[g] / m;
    dispersions[g] = d === 0 ? NaN : log(d);
    means[g] = log1p(m);
  }
  const bins = cutBins(means, nBins);
  const n = new Float64Array(nBins);
  const sum = new Float64Array(nBins);
  for (let g = 0; g < G; g++) {
    if (dispersions[g] === dispersions[g]) {
      n[bins[g]]++;
      sum[bins[g]] += dispersions[g];
    }
  }
  const avg = new Float64Array(nBins);
  const dev = new Float64Array(nBins);
  for (let b = 0; b < nBins; b++) avg[b] = n[b] > 0 ? sum[b] / n[b] : NaN;
  for (let g = 0; g < G; g++) {
    if (dispersions[g] === dispersions[g]) {
      const d = dispersions[g] - avg[bins[g]];
      dev[bins[g]] += d * d;
    }
  }
  for (let b = 0; b < nBins; b++) {
    if (n[b] > 1) dev[b] = Math.sqrt(dev[b] / (n[b] - 1));
    else {
      // scanpy: a bin whose std is NaN (≤ 1 gene) gets dev = avg and avg = 0
      dev[b] = avg[b];
      avg[b] = 0;
    }
  }
  const dispersionsNorm = new Float64Array(G);
  for (let g = 0; g < G; g++) dispersionsNorm[g] = (dispersions[g] - avg[bins[g]]) / dev[bins[g]];

  if (o.cutoffs && o.nTop === undefined) return byCutoffs(means, dispersions, dispersionsNorm, o.cutoffs);
  const finite = Array.from(dispersionsNorm).filter((v) => v === v);
  finite.sort((a, b) => b - a);
  const k = Math.min(o.nTop ?? 2000, G, finite.length);
  const cutoff = k > 0 ? finite[k - 1] : Infinity;
  const highlyVariable = new Uint8Array(G);
  const idx: number[] = [];
  for (let g = 0; g < G; g++) {
    const v = dispersionsNorm[g] === dispersionsNorm[g] ? dispersionsNorm[g] : -Infinity;
    if (v >= cutoff) {
      highlyVariable[g] = 1;
      idx.push(g);
    }
  }
  return { indices: Int32Array.from(idx), highlyVariable, means, dispersions, dispersionsNorm, cutoff };
}

function byCutoffs(means: Float64Array, dispersions: Float64Array, dispersionsNorm: Float64Array, c: HvgCutoffs): HvgResult {
  const minMean = c.minMean ?? 0.0125;
  const maxMean = c.maxMean ?? 3;
  const minDisp = c.minDisp ?? 0.5;
  const maxDisp = c.maxDisp ?? Infinity;
  const highlyVariable = new Uint8Array(means.length);
  const idx: number[] = [];
  for (let g = 0; g < means.length; g++) {
    const d = dispersionsNorm[g] === dispersionsNorm[g] ? dispersionsNorm[g] : 0;
    if (means[g] > minMean && means[g] < maxMean && d > minDisp && d < maxDisp) {
      highlyVariable[g] = 1;
      idx.push(g);
    }
  }
  return { indices: Int32Array.from(idx), highlyVariable, means, dispersions, dispersionsNorm, cutoff: minDisp };
}
