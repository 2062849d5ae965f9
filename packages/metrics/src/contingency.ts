/**
 * Contingency table of two labelings, stored sparse (CSR) so that 1,000,000 singletons cost O(n), not O(n²).
 *
 * Rows are the true classes, columns the predicted clusters, both numbered densely in ascending order of their
 * original codes — the order of sklearn's `np.unique`, so row/column sums and nonzeros come in the same order as
 * sklearn's CSR `contingency_matrix` (which lets later sums run in numpy's order). Codes may be any int32, with gaps.
 */
export interface Contingency {
  /** Number of samples. */
  readonly n: number;
  /** Number of distinct true classes. */
  readonly rows: number;
  /** Number of distinct predicted clusters. */
  readonly cols: number;
  /** Samples per true class (sklearn's `pi`, `a`). */
  readonly rowSums: Int32Array;
  /** Samples per predicted cluster (sklearn's `pj`, `b`). */
  readonly colSums: Int32Array;
  /** Nonzero cells of row r are indptr[r] .. indptr[r+1]), columns ascending. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly counts: Int32Array;
  /** Original code of each row / column. */
  readonly trueCodes: Int32Array;
  readonly predCodes: Int32Array;
}

/** The checks sklearn's `check_clusterings` makes, plus a refusal of empty input (see registry.ts for why). */
export function checkLabelings(truth: Int32Array, pred: Int32Array): void {
  if (truth.length !== pred.length) {
    throw new Error(`metrics: truth has ${truth.length} labels but pred has ${pred.length}; they must be the same length`);
  }
  if (truth.length === 0) throw new Error('metrics: cannot score empty labelings (0 samples)');
}

export interface DenseCodes {
  /** codes[i] ∈ [0, values.length). */
  readonly codes: Int32Array;
  /** Distinct original values, ascending; values[codes[i]] === labels[i]. */
  readonly values: Int32Array;
  /** Samples per code. */
  readonly sizes: Int32Array;
}

/** Lookup tables up to this many entries (or 4n) are used for relabelling; wider code ranges go through a Map. */
const LOOKUP_LIMIT = 1 << 22;

/** Relabel arbitrary int32 codes to 0..k−1 in ascending order of value (np.unique(…, return_inverse=True)). */
export function denseCodes(labels: Int32Array): DenseCodes {
  const n = labels.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const codes = new Int32Array(n);
  if (n === 0) return { codes, values: new Int32Array(0), sizes: new Int32Array(0) };
  const range = max - min + 1;
  if (range <= Math.max(LOOKUP_LIMIT, 4 * n)) {
    // Counting pass over the value range: O(n + range), ascending order for free.
    const slot = new Int32Array(range);
    for (let i = 0; i < n; i++) slot[labels[i] - min]++;
    let k = 0;
    for (let v = 0; v < range; v++) if (slot[v] > 0) k++;
    const values = new Int32Array(k);
    const sizes = new Int32Array(k);
    k = 0;
    for (let v = 0; v < range; v++) {
      if (slot[v] > 0) {
        values[k] = v + min;
        sizes[k] = slot[v];
        slot[v] = k++;
      }
    }
    for (let i = 0; i < n; i++) codes[i] = slot[labels[i] - min];
    return { codes, values, sizes };
  }
  // Sparse code space (e.g. hashed ids): distinct values, sorted, then a Map lookup.
  const values = Int32Array.from(new Set(labels)).sort();
  const index = new Map<number, number>();
  values.forEach((v, c) => index.set(v, c));
  const sizes = new Int32Array(values.length);
  for (let i = 0; i < n; i++) {
    const c = index.get(labels[i])!;
    codes[i] = c;
    sizes[c]++;
  }
  return { codes, values, sizes };
}

/** Build the table in O(n + k): a dense count array when rows·cols is O(n), otherwise a two-pass counting sort. */
export function contingency(truth: Int32Array, pred: Int32Array): Contingency {
  checkLabelings(truth, pred);
  const n = truth.length;
  const t = denseCodes(truth);
  const p = denseCodes(pred);
  const rows = t.values.length;
  const cols = p.values.length;
  const indptr = new Int32Array(rows + 1);
  let indices: Int32Array;
  let counts: Int32Array;
  if (rows * cols <= 4 * n + 65536) {
    const cells = new Int32Array(rows * cols);
    for (let i = 0; i < n; i++) cells[t.codes[i] * cols + p.codes[i]]++;
    let nnz = 0;
    for (let c = 0; c < cells.length; c++) if (cells[c] !== 0) nnz++;
    indices = new Int32Array(nnz);
    counts = new Int32Array(nnz);
    let k = 0;
    for (let r = 0; r < rows; r++) {
      const off = r * cols;
      for (let j = 0; j < cols; j++) {
        const v = cells[off + j];
        if (v !== 0) {
          indices[k] = j;
          counts[k++] = v;
        }
      }
      indptr[r + 1] = k;
    }
  } else {
    // Stable counting sort by predicted code, then by true code: samples end up ordered by (row, col).
    const byCol = new Int32Array(n);
    const next = new Int32Array(Math.max(rows, cols) + 1);
    for (let j = 0, acc = 0; j < cols; j++) {
      next[j] = acc;
      acc += p.sizes[j];
    }
    for (let i = 0; i < n; i++) byCol[next[p.codes[i]]++] = i;
    const byCell = new Int32Array(n);
    for (let r = 0, acc = 0; r < rows; r++) {
      next[r] = acc;
      acc += t.sizes[r];
    }
    for (let s = 0; s < n; s++) {
      const i = byCol[s];
      byCell[next[t.codes[i]]++] = i;
    }
    // Run-length encode equal (row, col) cells.
    const colOf = new Int32Array(n);
    const runOf = new Int32Array(n);
    let nnz = 0;
    let s = 0;
    for (let r = 0; r < rows; r++) {
      const end = s + t.sizes[r];
      while (s < end) {
        const j = p.codes[byCell[s]];
        let run = 0;
        while (s < end && p.codes[byCell[s]] === j) {
          run++;
          s++;
        }
        colOf[nnz] = j;
        runOf[nnz++] = run;
      }
      indptr[r + 1] = nnz;
    }
    indices = colOf.slice(0, nnz);
    counts = runOf.slice(0, nnz);
  }
  return {
    n, rows, cols, rowSums: t.sizes, colSums: p.sizes, indptr, indices, counts, trueCodes: t.values, predCodes: p.values,
  };
}
