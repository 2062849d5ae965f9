/**
 * What the report draws for one run besides its scores: written by the runner beside records.jsonl
 * (`pictures/<run>.json`) so that `scbench report` re-renders the pictures without re-running anything.
 */
export interface RunPicture {
  /** Names of the true types, by class code. */
  typeNames: string[];
  /** Cells in the dataset, and how many are drawn (a seeded subsample of at most MAX_PICTURE_CELLS). */
  cells: number;
  shown: number;
  /** What the layout was computed from. */
  layoutOf: 'embedding' | 'expression';
  /** x0, y0, x1, y1, … for the drawn cells, scaled to [0, 1]. */
  layout: number[];
  /** True class code and predicted cluster of each drawn cell. */
  truth: number[];
  pred: number[];
  /**
   * True types × predicted clusters over all cells. Columns are ordered by the Hungarian matching (the cluster
   * matched to type 0 first, …; unmatched clusters last); `clusterIds[j]` is the method's id of column j.
   */
  confusion: number[][];
  clusterIds: number[];
  /** The type code the matching paired column j's cluster with, or −1 for a cluster left unmatched. */
  clusterType: number[];
  /** The runner's scores of each `ctx.snapshot` (paper protocol), in epoch order; empty when none were taken. */
  snapshots: { epoch: number; acc: number; nmi: number; ari: number }[];
}

/** Largest number of cells drawn per picture: enough to see the structure, small enough for a light report. */
export const MAX_PICTURE_CELLS = 800;

/** One `ctx.log` event as the runner writes it to logs/<run>.jsonl. */
export interface LogEntry {
  event: string;
  [value: string]: number | string;
}
