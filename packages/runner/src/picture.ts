// What the report draws of one run, computed in the worker after the method has returned and the run was timed:
// a seeded 2-D UMAP layout (umap-js) of the method's embedding — or of the expression when it has none — for at
// most MAX_PICTURE_CELLS cells, the labels of those cells, and the confusion matrix over all cells.
import type { Clustering, Dataset, Matrix, Truth } from '@scbench/api';
import { selectRows, standardPipeline, toDense } from '@scbench/datasets';
import { bestMatching, contingency, scoreAll } from '@scbench/metrics';
import { createRng, pca } from '@scbench/numerics';
import { MAX_PICTURE_CELLS, type RunPicture } from '@scbench/report';
import { UMAP } from 'umap-js';
import type { Snapshot } from './score-run.ts';

type Cache = <T>(key: string, make: () => Promise<T>) => Promise<T>;

/** The cells drawn: all, or a sample fixed per dataset (seed 0), so every method and seed shows the same cells. */
export function pictureCells(n: number, max = MAX_PICTURE_CELLS): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (n <= max) return all;
  return createRng(0).shuffle(all).subarray(0, max).sort();
}

function rowsOf(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

/** Seeded UMAP to 2-D, scaled to [0, 1] and rounded (the report draws at most a few hundred pixels). */
export function layout2d(rows: number[][], seed: number): number[] {
  let xy: number[][];
  if (rows[0].length <= 2) xy = rows.map((r) => [r[0], r[1] ?? 0]);
  else {
    const rng = createRng(seed);
    const umap = new UMAP({ nComponents: 2, nNeighbors: Math.max(2, Math.min(15, rows.length - 1)), minDist: 0.3, nEpochs: 200, random: () => rng.uniform() });
    xy = umap.fit(rows);
  }
  const out: number[] = [];
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (const p of xy) for (let d = 0; d < 2; d++) {
    lo[d] = Math.min(lo[d], p[d]);
    hi[d] = Math.max(hi[d], p[d]);
  }
  for (const p of xy) for (let d = 0; d < 2; d++) out.push(Math.round(((p[d] - lo[d]) / (hi[d] - lo[d] || 1)) * 1000) / 1000);
  return out;
}

/** PCA (≤ 50 components) of a matrix's chosen rows, for a layout of data with more dimensions than UMAP needs. */
function reduce(m: Matrix, seed: number): Matrix {
  const k = Math.min(50, m.rows - 1, m.cols);
  return m.cols > 50 && k >= 2 ? pca(m, k, { seed }).scores : m;
}

/** The expression layout of a dataset: standard preprocessing → PCA → UMAP of the drawn cells; one per dataset. */
async function expressionLayout(dataset: Dataset, spec: string, cells: Int32Array, cache: Cache): Promise<number[]> {
  return cache(`report-picture|expression-layout|v1|${spec}|${dataset.counts.rows}x${dataset.counts.cols}|${cells.length}`, async () => {
    const sub: Dataset = { ...dataset, counts: selectRows(dataset.counts, cells) };
    const pre = standardPipeline(sub, { hvg: 2000 });
    return layout2d(rowsOf(reduce(toDense(pre.data), 0)), 0);
  });
}

/** True types × clusters over all cells, clusters ordered by the Hungarian matching (unmatched ones last). */
export function orderedConfusion(truth: Truth, pred: Int32Array): { confusion: number[][]; clusterIds: number[]; clusterType: number[] } {
  const c = contingency(truth.labels, pred);
  const matching = bestMatching(c);
  const order: number[] = [];
  const clusterType: number[] = [];
  for (let r = 0; r < c.rows; r++) {
    if (matching.rowToCol[r] < 0) continue;
    order.push(matching.rowToCol[r]);
    clusterType.push(c.trueCodes[r]);
  }
  for (let j = 0; j < c.cols; j++) if (!order.includes(j)) {
    order.push(j);
    clusterType.push(-1);
  }
  const rowOfCode = new Map<number, number>();
  c.trueCodes.forEach((code, r) => rowOfCode.set(code, r));
  const confusion = truth.names.map((_, code) => {
    const r = rowOfCode.get(code);
    const row = new Array<number>(order.length).fill(0);
    if (r === undefined) return row;
    for (let k = c.indptr[r]; k < c.indptr[r + 1]; k++) row[order.indexOf(c.indices[k])] = c.counts[k];
    return row;
  });
  // A type with no cells in this dataset still gets its (empty) row, so rows line up with typeNames.
  return { confusion, clusterIds: order.map((j) => c.predCodes[j]), clusterType };
}

/**
 * `scored`: the rows a semi-supervised run is scored on (null: all); the snapshots' scores cover only those, as the
 * record's do. The layout and confusion matrix show every cell.
 */
export async function runPicture(dataset: Dataset, spec: string, truth: Truth, out: Clustering, snapshots: readonly Snapshot[], seed: number, cache: Cache, scored: Int32Array | null = null): Promise<RunPicture> {
  const only = (labels: Int32Array) => (scored ? Int32Array.from(scored, (r) => labels[r]) : labels);
  const n = dataset.counts.rows;
  const cells = pictureCells(n);
  const emb = out.embedding;
  const layout = emb && emb.rows === n
    ? layout2d(rowsOf(reduce(toDense(selectRows(emb, cells)), seed)), seed)
    : await expressionLayout(dataset, spec, cells, cache);
  return {
    typeNames: [...truth.names],
    cells: n,
    shown: cells.length,
    layoutOf: emb && emb.rows === n ? 'embedding' : 'expression',
    layout,
    truth: Array.from(cells, (i) => truth.labels[i]),
    pred: Array.from(cells, (i) => out.labels[i]),
    ...orderedConfusion(truth, out.labels),
    snapshots: [...snapshots].sort((a, b) => a.epoch - b.epoch).map((s) => {
      const sc = scoreAll(only(truth.labels), only(s.labels));
      const r = (v: number) => Math.round(v * 10000) / 10000;
      return { epoch: s.epoch, acc: r(sc.acc), nmi: r(sc.nmi), ari: r(sc.ari) };
    }),
  };
}
