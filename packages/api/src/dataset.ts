import type { Csr, Matrix } from './matrix.ts';

/** What the stored values are; preprocessing depends on it (only raw counts get size factors and log1p). */
export type ValueType = 'raw counts' | 'log-normalised' | 'normalised' | 'RPKM' | 'scaled';

/**
 * What a method sees: expression and gene annotations, never the labels.
 * `nClusters` is the one fact taken from the labels (the number of classes), as every paper in the benchmark does.
 */
export interface Dataset {
  readonly id: string;
  /** cells × genes. */
  readonly counts: Matrix | Csr;
  readonly valueType: ValueType;
  /** Gene symbol (or id where no symbol exists) per column; absent when the file has none. */
  readonly genes?: readonly string[];
  /** Stable gene ids (e.g. Ensembl) per column where the file has them. */
  readonly geneIds?: readonly string[];
  readonly cells?: readonly string[];
  /** Latin species name, e.g. "Homo sapiens". */
  readonly species?: string;
  readonly taxonId?: number;
  readonly nClusters: number;
}

/** The ground truth. Only the runner and control methods ever hold one. */
export interface Truth {
  /** 0-based class code per cell. */
  readonly labels: Int32Array;
  /** names[c] is the name of class c. */
  readonly names: readonly string[];
}
