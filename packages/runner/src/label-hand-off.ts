// What each kind of method is handed, and which cells its scores may then cover. An unsupervised method gets the
// dataset only; a control gets the truth; a semi-supervised method gets the labels of a seeded random share of the
// cells (PartialTruth) and is scored on the other cells only.
import type { AnyMethod, Clustering, Context, Dataset, Matrix, PartialTruth, Params, SupervisionRecord, Truth } from '@scbench/api';
import { createRng } from '@scbench/numerics';

/** Mixed into the run's seed so the labelled cells do not follow the method's own random stream. */
const LABELLED_CELLS_SALT = 0x1abe1;

/**
 * The labelled cells of a semi-supervised run: the first ceil(fraction · n) of a seeded shuffle of 0..n-1 (as scDCC's
 * scDCC_pairwise.py:80-82 takes ceil(label_cells · n) of a shuffle), ascending. The same seed gives the same cells
 * for every method, so semi-supervised methods are compared on the same labels.
 */
export function chooseLabelledCells(n: number, fraction: number, seed: number): Int32Array {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`label fraction must be in (0, 1), got ${fraction}`);
  const count = Math.ceil(fraction * n);
  if (count >= n) throw new Error(`labelling ${count} of ${n} cells leaves none to score; the dataset is too small for a label fraction of ${fraction}`);
  const order = createRng((seed ^ LABELLED_CELLS_SALT) >>> 0).shuffle(Int32Array.from({ length: n }, (_, i) => i));
  return order.slice(0, count).sort();
}

/** Rows 0..n-1 not in `cells` (ascending `cells`), ascending. */
export function otherCells(n: number, cells: Int32Array): Int32Array {
  const taken = new Uint8Array(n);
  for (const c of cells) taken[c] = 1;
  const out = new Int32Array(n - cells.length);
  let j = 0;
  for (let i = 0; i < n; i++) if (!taken[i]) out[j++] = i;
  return out;
}

export function pick(labels: Int32Array, rows: Int32Array): Int32Array {
  return Int32Array.from(rows, (r) => labels[r]);
}

export function pickRows(m: Matrix, rows: Int32Array): Matrix {
  const data = new Float32Array(rows.length * m.cols);
  rows.forEach((r, i) => data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return { rows: rows.length, cols: m.cols, data };
}

export interface HandedRun {
  out: Clustering;
  /** The rows every score covers: null for all (unsupervised methods and controls). */
  scored: Int32Array | null;
  supervision: SupervisionRecord | null;
}

/** Run a method with exactly what its kind may see; the truth itself goes to controls only. */
export async function runHandingLabels(method: AnyMethod, dataset: Dataset, params: Params, ctx: Context, truth: Truth): Promise<HandedRun> {
  if (method.kind === 'control') return { out: await method.run(dataset, params, ctx, truth), scored: null, supervision: null };
  if (method.supervision === undefined) return { out: await method.run(dataset, params, ctx), scored: null, supervision: null };
  const n = truth.labels.length;
  const cells = chooseLabelledCells(n, method.supervision.labelFraction, ctx.seed);
  const labelled: PartialTruth = { cells: Int32Array.from(cells), labels: pick(truth.labels, cells) };
  const out = await method.run(dataset, params, ctx, labelled);
  const scored = otherCells(n, cells);
  return {
    out,
    scored,
    supervision: { kind: 'semi', labelFraction: method.supervision.labelFraction, labelledCells: Array.from(cells), scoredCells: scored.length },
  };
}
