/**
 * The structural view's input (scCDCG `train_scCDCG.py` lines 228–244; METHODS.md §4.1, §3.6).
 *
 * The original does no preprocessing at all: raw counts go straight into the autoencoder and into the cosine
 * graphs (the DCA-style `normalize` in `preprocess.py` is never called). Only the Meuro dataset is rounded to
 * integers (it is read through `prepro`). We keep that as the default (`transform: 'raw'`) and offer a
 * library-size-normalised log1p input as a plain option for users who want it — it is not what the paper ran.
 */
import { isCsr, type Csr, type Dataset, type Matrix } from '@scbench/api';
import { log1p, normalizeTotal } from '@scbench/datasets';

export type InputTransform = 'raw' | 'log1p';

export interface StructuralInputOptions {
  /** 'raw' (original): the stored values as float32. 'log1p': normalize_total(1e4) then log1p (raw counts only). */
  transform?: InputTransform;
  /** Round to integers, as the original does for Meuro only (default false). */
  round?: boolean;
}

export interface StructuralInput {
  /** cells × genes, dense float32 (the original's `torch.tensor(x, dtype=torch.float)`). */
  x: Matrix;
  /** What was done, for the run's info record. */
  transform: InputTransform;
}

export function structuralInput(data: Dataset, opts: StructuralInputOptions = {}): StructuralInput {
  const transform = opts.transform ?? 'raw';
  let m: Matrix | Csr = data.counts;
  if (transform === 'log1p') {
    // Normalising already-normalised data would be wrong; refuse rather than silently transform twice.
    if (data.valueType !== 'raw counts') throw new Error(`structuralInput: transform 'log1p' needs raw counts, dataset '${data.id}' holds ${data.valueType}`);
    m = log1p(normalizeTotal(m, { targetSum: 1e4 }));
  }
  const x = densify(m);
  if (opts.round) for (let t = 0; t < x.data.length; t++) x.data[t] = Math.round(x.data[t]);
  return { x, transform };
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
