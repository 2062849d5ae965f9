/** Dense row-major float32 matrix: element (i, j) lives at data[i * cols + j]. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/** Compressed sparse rows: row i holds indices/data[indptr[i] .. indptr[i+1]), column indices ascending. */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float32Array;
}

export function isCsr(m: Matrix | Csr): m is Csr {
  return (m as Csr).indptr !== undefined;
}
