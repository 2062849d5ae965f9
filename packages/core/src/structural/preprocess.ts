/**
 * The structural view's input (scCDCG `train_scCDCG.py` lines 228–244; METHODS.md §4.1, §3.6).
 *
 * The original does no preprocessing at all: raw counts go straight into the autoencoder and into the cosine
 * graphs (the DCA-style `normalize` in `preprocess.py` is never called). Only the Meuro dataset is rounded to
 * integers (it is read through `prepro`). We keep that as the default (`transform: 'raw'`) and offer two plain
 * options that are not what the paper ran:
 *
 * - 'log1p': normalize_total(1e4) then log1p on all genes (raw counts only).
 * - 'hvg-log': scanpy's recipe without the final scaling — drop all-zero genes, normalize_total(1e4), log1p, the
 *   `hvg` most variable genes (Seurat dispersion) — the input the classical baselines cluster. No z-scoring: the
 *   cosine graphs (and the factored form's A₂ = A₁²) need non-negative values, and unit-variance genes would
 *   give every noisy gene the weight of a marker in a linear AE's reconstruction.
 * - 'hvg-scaled': 'hvg-log' then scanpy's `scale` (each gene centred to mean 0, unit variance, clipped at 10) —
 *   exactly what the PCA + k-means pipeline clusters. Values are signed, so only the kNN graph form takes it
 *   (cosines between neighbours; a negative one is dropped as an edge).
 */
import { isCsr, type Csr, type Dataset, type Matrix } from '@scbench/api';
import { log1p, normalizeTotal, standardPipeline } from '@scbench/datasets';

export type InputTransform = 'raw' | 'log1p' | 'hvg-log' | 'hvg-scaled';
export const INPUT_TRANSFORMS: readonly InputTransform[] = ['raw', 'log1p', 'hvg-log', 'hvg-scaled'];

export interface StructuralInputOptions {
  /** 'raw' (original), 'log1p', 'hvg-log' or 'hvg-scaled' (see the file comment). */
  transform?: InputTransform;
  /** 'hvg-log' / 'hvg-scaled': how many highly variable genes (default 2000; all genes if fewer). */
  hvg?: number;
  /** Round to integers, as the original does for Meuro only (default false). */
  round?: boolean;
}

export interface StructuralInput {
  /** cells × genes, dense float32 (the original's `torch.tensor(x, dtype=torch.float)`). */
  x: Matrix;
  /** What was done, for the run's info record. */
  transform: InputTransform;
  /** The preprocessing steps, in order (empty for 'raw'). */
  steps: readonly string[];
}

export function structuralInput(data: Dataset, opts: StructuralInputOptions = {}): StructuralInput {
  const transform = opts.transform ?? 'raw';
  let m: Matrix | Csr = data.counts;
  let steps: readonly string[] = [];
  if (transform === 'log1p') {
    // Normalising already-normalised data would be wrong; refuse rather than silently transform twice.
    if (data.valueType !== 'raw counts') throw new Error(`structuralInput: transform 'log1p' needs raw counts, dataset '${data.id}' holds ${data.valueType} — use input 'raw' or 'hvg-log'`);
    m = log1p(normalizeTotal(m, { targetSum: 1e4 }));
    steps = ['normalize_total(10000)', 'log1p'];
  } else if (transform === 'hvg-log' || transform === 'hvg-scaled') {
    // Scaled data have lost the non-negativity the cosine graphs need, and HVG selection needs un-scaled values.
    if (data.valueType === 'scaled') throw new Error(`structuralInput: transform '${transform}' needs counts or log-normalised values, dataset '${data.id}' is already scaled — use input 'raw'`);
    const pre = standardPipeline(data, { hvg: opts.hvg ?? 2000, scale: transform === 'hvg-scaled' });
    m = pre.data;
    steps = pre.steps;
  } else if (transform !== 'raw') {
    throw new Error(`structuralInput: transform must be one of ${INPUT_TRANSFORMS.join(', ')}, got '${String(transform)}'`);
  }
  const x = densify(m);
  if (opts.round) for (let t = 0; t < x.data.length; t++) x.data[t] = Math.round(x.data[t]);
  return { x, transform, steps };
}

/** A dense copy (never aliases the dataset's buffer: rounding must not write into the caller's data). */
function densify(m: Matrix | Csr): Matrix {
  if (!isCsr(m)) return { rows: m.rows, cols: m.cols, data: Float32Array.from(m.data) };
  const out = new Float32Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) out[i * m.cols + m.indices[p]] += m.data[p];
  }
  return { rows: m.rows, cols: m.cols, data: out };
}
