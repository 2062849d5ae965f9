import type { Csr, Matrix } from '@scbench/api';
import { csrFromTriplets, knn } from '@scbench/numerics';

/**
 * scGNN's cell graph (juexinwang/scGNN@09ac50b graph_function.py `calculateKNNgraphDistanceMatrixStatsSingleThread`,
 * lines 257–324, the default `--prunetype`): each cell's k nearest cells by euclidean distance on the embedding; an
 * edge is kept (weight 1) when its distance is at most the mean + one (population) standard deviation of that cell's
 * k distances, otherwise it stays in the list with weight 0.
 */
export interface PrunedKnn {
  readonly n: number;
  readonly k: number;
  /** n × k neighbours, nearest first. */
  readonly indices: Int32Array;
  /** n × k: 1 kept, 0 pruned. */
  readonly kept: Uint8Array;
}

export function prunedKnn(z: Matrix, k: number): PrunedKnn {
  if (k > z.rows - 1) throw new Error(`scgnn: knnK=${k} needs more than ${k} cells, the dataset has ${z.rows}; lower knnK`);
  const { indices, distances } = knn(z, k);
  const kept = new Uint8Array(z.rows * k);
  for (let i = 0; i < z.rows; i++) {
    let mean = 0;
    for (let j = 0; j < k; j++) mean += distances[i * k + j];
    mean /= k;
    let ss = 0;
    for (let j = 0; j < k; j++) ss += (distances[i * k + j] - mean) ** 2;
    const boundary = mean + Math.sqrt(ss / k);
    for (let j = 0; j < k; j++) kept[i * k + j] = distances[i * k + j] <= boundary ? 1 : 0;
  }
  return { n: z.rows, k, indices, kept };
}

/**
 * The weighted graph Louvain reads (util_function.py `generateLouvainCluster`, lines 686–711): networkx builds an
 * undirected graph from the edge list, in which a pair listed by both cells keeps the weight written last — the
 * larger cell index's entry — and igraph drops the weight-0 edges. Returned as a symmetric 0/1 CSR.
 */
export function louvainGraph(g: PrunedKnn): Csr {
  const { n, k, indices, kept } = g;
  const weight = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const o = indices[i * k + j];
      if (o === i) continue;
      weight.set(Math.min(i, o) * n + Math.max(i, o), kept[i * k + j]); // rows in order: the later write wins
    }
  }
  const r: number[] = [];
  const c: number[] = [];
  for (const [key, w] of weight) {
    if (w === 0) continue;
    const a = Math.floor(key / n);
    const b = key - a * n;
    r.push(a, b);
    c.push(b, a);
  }
  return csrFromTriplets(n, n, r, c, r.map(() => 1));
}

/**
 * The graph the GAE reads (graph_function.py `generateAdj` → `edgeList2edgeDict`, lines 70–74 and 471–492): every
 * listed edge, pruned or not — the dictionary keeps only the endpoints, not the weights — made undirected.
 */
export function gaeGraph(g: PrunedKnn): Csr {
  const { n, k, indices } = g;
  const r = new Int32Array(n * k);
  for (let i = 0; i < n; i++) r.fill(i, i * k, i * k + k);
  return csrFromTriplets(n, n, r, indices, new Float32Array(n * k).fill(1));
}
