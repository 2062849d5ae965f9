// Sanity checks every loaded dataset passes before any method sees it. Each failure names the file and the fix.
import { isCsr, type Csr, type Matrix } from '@scbench/api';
import { DataError } from './errors.ts';
import type { LoadedDataset } from './types.ts';
import { isNonNegativeType } from './value-type.ts';

/** Structural consistency of a Matrix or Csr (lengths, index ranges, ascending columns). */
export function checkMatrixShape(m: Matrix | Csr, file: string): void {
  const bad = (what: string): never => {
    throw new DataError(`malformed matrix: ${what}`, file, 'the loader or the file is inconsistent; re-export the matrix');
  };
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 0 || m.cols < 0) bad(`shape ${m.rows} × ${m.cols}`);
  if (!isCsr(m)) {
    if (m.data.length !== m.rows * m.cols) bad(`${m.data.length} values for ${m.rows} × ${m.cols}`);
    return;
  }
  if (m.indptr.length !== m.rows + 1) bad(`indptr has ${m.indptr.length} entries for ${m.rows} rows`);
  const nnz = m.indptr[m.rows];
  if (m.indptr[0] !== 0 || m.indices.length !== nnz || m.data.length !== nnz) bad(`indptr/indices/data disagree (nnz ${nnz})`);
  for (let i = 0; i < m.rows; i++) {
    const s = m.indptr[i];
    const e = m.indptr[i + 1];
    if (e < s) bad(`indptr decreases at row ${i}`);
    for (let p = s; p < e; p++) {
      const j = m.indices[p];
      if (j < 0 || j >= m.cols) bad(`column index ${j} out of range [0, ${m.cols}) in row ${i}`);
      if (p > s && j <= m.indices[p - 1]) bad(`column indices not strictly ascending in row ${i}`);
    }
  }
}

/** Row and column of the p-th stored value. */
function locate(m: Matrix | Csr, p: number): [number, number] {
  if (!isCsr(m)) return [Math.floor(p / m.cols), p % m.cols];
  let lo = 0;
  let hi = m.rows;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (m.indptr[mid] <= p) lo = mid;
    else hi = mid;
  }
  return [lo, m.indices[p]];
}

export function checkFinite(m: Matrix | Csr, file: string, matrixName = 'X'): void {
  const d = m.data;
  let first = -1;
  let count = 0;
  for (let p = 0; p < d.length; p++) {
    // x - x is 0 for finite x and NaN otherwise; no global lookup in the hot loop (slow inside jest's vm context).
    if (d[p] - d[p] !== 0) {
      if (first < 0) first = p;
      count++;
    }
  }
  if (first >= 0) {
    const [i, j] = locate(m, first);
    throw new DataError(
      `${matrixName} has ${count} non-finite value(s) (NaN or ±Inf); the first is ${d[first]} at cell ${i}, gene ${j}`,
      file,
      'replace missing values with 0 or drop those cells/genes before loading; a float64 value beyond float32 range also becomes Inf',
    );
  }
}

export function checkNonNegative(m: Matrix | Csr, file: string, valueType: string, matrixName = 'X'): void {
  const d = m.data;
  for (let p = 0; p < d.length; p++) {
    if (d[p] < 0) {
      const [i, j] = locate(m, p);
      throw new DataError(
        `${matrixName} is declared '${valueType}' but has a negative value ${d[p]} at cell ${i}, gene ${j}`,
        file,
        `read the un-scaled matrix (AnnData: ${file}:matrix=raw.X) or declare what the values are (${file}:valueType=scaled for z-scores)`,
      );
    }
  }
}

/** Cells (rows) without a single non-zero value. */
export function countEmptyCells(m: Matrix | Csr): number {
  let empty = 0;
  for (let i = 0; i < m.rows; i++) {
    let any = false;
    if (isCsr(m)) {
      for (let p = m.indptr[i]; p < m.indptr[i + 1] && !any; p++) any = m.data[p] !== 0;
    } else {
      for (let p = i * m.cols, e = p + m.cols; p < e && !any; p++) any = m.data[p] !== 0;
    }
    if (!any) empty++;
  }
  return empty;
}

/** All checks on a loaded dataset; throws the first problem found. */
export function checkLoaded(loaded: LoadedDataset): void {
  const { dataset: ds, truth, meta } = loaded;
  const file = meta.file;
  const m = ds.counts;
  checkMatrixShape(m, file);
  if (m.rows === 0 || m.cols === 0) {
    throw new DataError(`the matrix is empty (${m.rows} cells × ${m.cols} genes)`, file, 'check that the right matrix and orientation were read');
  }
  checkFinite(m, file, meta.matrix);
  if (countEmptyCells(m) === m.rows) {
    throw new DataError(`every value of ${meta.matrix} is 0 (${m.rows} cells × ${m.cols} genes): nothing to cluster`, file, `check that the right matrix was read (another one: ${file}:matrix=KEY), or re-export the data`);
  }
  if (isNonNegativeType(ds.valueType)) checkNonNegative(m, file, ds.valueType, meta.matrix);
  const names: [string, readonly string[] | undefined, number, string][] = [
    ['gene names', ds.genes, m.cols, 'genes (columns)'],
    ['gene ids', ds.geneIds, m.cols, 'genes (columns)'],
    ['cell names', ds.cells, m.rows, 'cells (rows)'],
  ];
  for (const [what, list, n, axis] of names) {
    if (list && list.length !== n) {
      throw new DataError(`${list.length} ${what} for ${n} ${axis}`, file, `the ${what} belong to another matrix or orientation; check the orientation option or the file`);
    }
  }
  if (truth) {
    if (truth.labels.length !== m.rows) {
      throw new DataError(
        `${truth.labels.length} labels for ${m.rows} cells`,
        file,
        'the labels belong to another matrix or subset; use a label file with one row per cell (matched by cell name)',
      );
    }
    const k = truth.names.length;
    if (k < 2) {
      throw new DataError(`only ${k} class in the labels (${meta.labelSource})`, file, 'clustering needs ≥ 2 classes; choose another label column');
    }
    for (let i = 0; i < truth.labels.length; i++) {
      const c = truth.labels[i];
      if (c < 0 || c >= k) throw new DataError(`label code ${c} at cell ${i} is outside [0, ${k})`, file, 'the label decoding is inconsistent; report this');
    }
    if (ds.nClusters !== k) {
      throw new DataError(`nClusters = ${ds.nClusters} but the labels have ${k} classes`, file, 'drop the nClusters option or make it match the labels');
    }
  }
  if (!(ds.nClusters >= 1)) {
    throw new DataError(`nClusters = ${ds.nClusters}`, file, 'pass nClusters ≥ 1 when loading without labels');
  }
}
