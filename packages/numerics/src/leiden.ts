/**
 * Leiden community detection (Traag, Waltman & van Eck 2019) on a weighted undirected graph, with the
 * RB-configuration quality (modularity with resolution γ): H = Σ_ij (A_ij − γ k_i k_j / 2m) δ(c_i, c_j).
 *
 * One pass: fast local moving (a queue of nodes; only neighbours of moved nodes are revisited) → refinement
 * (inside each community, singletons merge into well-connected sub-communities, chosen at random with probability
 * ∝ exp(ΔH/θ) among non-negative moves) → aggregation on the *refined* partition, the aggregate starting from the
 * *non-refined* one. Passes repeat ("iterations", scanpy's n_iterations; −1 = until the partition is stable).
 *
 * Fidelity to leidenalg (what scanpy's tl.leiden calls): ΔH is in edge-weight units as in leidenalg's diff_move, θ
 * (`randomness`) defaults to 0.01, and when refinement merges nothing the aggregation falls back to the
 * non-refined partition. Clusters are numbered by decreasing size. Graph convention: the CSR is the symmetric
 * adjacency matrix, k_i = Σ_j A_ij and 2m = Σ_ij A_ij; a diagonal entry A_ii counts once (igraph counts a
 * self-loop twice in the degree), which only matters for graphs given with self-loops (Seurat's SNN).
 */
import type { Csr } from '@scbench/api';
import { createRng, permutation, type Rng } from './rng.ts';

export interface LeidenOptions {
  /** γ (default 1). */
  resolution?: number;
  seed?: number;
  /** Full passes; −1 (default, as scanpy) repeats until a pass changes nothing (at most 50). */
  nIterations?: number;
  /** θ of the refinement's random merge (default 0.01, as leidenalg). */
  randomness?: number;
}

export interface LeidenResult {
  /** Cluster of each node, 0 = largest cluster. */
  labels: Int32Array;
  nClusters: number;
  /** Modularity (with the same γ) of `labels`. */
  quality: number;
  /** Passes made. */
  iterations: number;
}

export function leiden(graph: Csr, options: LeidenOptions = {}): LeidenResult {
  return optimise('leiden', graph, options, true);
}

/** Louvain (Blondel et al. 2008): the same local moving and aggregation without refinement — for comparison. */
export function louvain(graph: Csr, options: LeidenOptions = {}): LeidenResult {
  return optimise('louvain', graph, options, false);
}

/** Modularity with resolution γ: (1/2m) Σ_c [in_c − γ K_c² / 2m]. */
export function modularity(graph: Csr, labels: Int32Array, resolution = 1): number {
  const g = toGraph('modularity', graph);
  if (labels.length !== g.n) throw new Error(`modularity: labels has ${labels.length} entries, graph has ${g.n} nodes`);
  return quality(g, labels, resolution);
}

export interface LeidenWithKOptions extends Omit<LeidenOptions, 'resolution'> {
  /** Leiden runs allowed (default 30). */
  maxTries?: number;
  /** First resolution tried (default 1). */
  initialResolution?: number;
}

export interface LeidenWithKResult extends LeidenResult {
  resolution: number;
  /** Whether nClusters === k. */
  exact: boolean;
  tries: number;
}

/**
 * Resolution search for exactly k clusters: double or halve γ until the cluster count brackets k, then bisect
 * (geometrically) between the bracket ends. Returns the first exact hit, else the closest count seen (smaller γ
 * on ties) with `exact: false`. Uses only k, never labels (so not a leak; scMAE and others do the same).
 */
export function leidenWithK(graph: Csr, k: number, options: LeidenWithKOptions = {}): LeidenWithKResult {
  if (!Number.isInteger(k) || k < 1) throw new Error(`leidenWithK: k must be a positive integer, got ${k}`);
  if (k > graph.rows) throw new Error(`leidenWithK: k = ${k} exceeds the number of nodes (${graph.rows})`);
  const maxTries = options.maxTries ?? 30;
  let tries = 0;
  let best: LeidenWithKResult | undefined;
  const run = (resolution: number): LeidenWithKResult => {
    tries++;
    const res = leiden(graph, { ...options, resolution });
    const out = { ...res, resolution, exact: res.nClusters === k, tries };
    const gap = Math.abs(res.nClusters - k);
    if (!best || gap < Math.abs(best.nClusters - k) || (gap === Math.abs(best.nClusters - k) && resolution < best.resolution)) best = out;
    return out;
  };
  let lo = 0; // a resolution with fewer than k clusters (0 = none found yet)
  let hi = Infinity; // one with more than k
  let gamma = options.initialResolution ?? 1;
  while (tries < maxTries && (lo === 0 || hi === Infinity)) {
    const r = run(gamma);
    if (r.exact) return { ...r, tries };
    if (r.nClusters < k) lo = gamma;
    else hi = gamma;
    if (lo === 0) gamma /= 2;
    else if (hi === Infinity) gamma *= 2;
    if (gamma < 1e-8 || gamma > 1e8) break; // k unreachable (e.g. more components than k)
  }
  while (tries < maxTries && lo > 0 && hi < Infinity) {
    const mid = Math.sqrt(lo * hi);
    const r = run(mid);
    if (r.exact) return { ...r, tries };
    if (r.nClusters < k) lo = mid;
    else hi = mid;
  }
  return { ...best!, tries };
}

// ---------------------------------------------------------------------------------------------------------------

interface Graph {
  n: number;
  indptr: Int32Array;
  indices: Int32Array;
  weights: Float64Array;
  /** k_i = Σ_j A_ij (diagonal included). */
  strength: Float64Array;
  /** 2m = Σ_i k_i. */
  total: number;
}

function optimise(name: string, graph: Csr, options: LeidenOptions, refine: boolean): LeidenResult {
  const g = toGraph(name, graph);
  const gamma = options.resolution ?? 1;
  const theta = options.randomness ?? 0.01;
  const nIter = options.nIterations ?? -1;
  if (!(gamma >= 0) || !Number.isFinite(gamma)) throw new Error(`${name}: resolution must be a finite number ≥ 0, got ${gamma}`);
  if (!(theta > 0)) throw new Error(`${name}: randomness must be > 0, got ${theta}`);
  if (!Number.isInteger(nIter) || nIter === 0 || nIter < -1) throw new Error(`${name}: nIterations must be −1 or a positive integer, got ${nIter}`);
  const rng = createRng(options.seed ?? 0);
  let labels: Int32Array = new Int32Array(g.n);
  for (let i = 0; i < g.n; i++) labels[i] = i;
  let iterations = 0;
  const maxIter = nIter < 0 ? 50 : nIter;
  if (g.total > 0) {
    while (iterations < maxIter) {
      iterations++;
      const next = onePass(g, labels, rng, gamma, theta, refine);
      const changed = !samePartition(next, labels);
      labels = next;
      if (!changed) break;
    }
  }
  const nClusters = renumberBySize(labels);
  return { labels, nClusters, quality: quality(g, labels, gamma), iterations };
}

/** One multi-level pass starting from `initial` on g; returns the membership of g's nodes. */
function onePass(g0: Graph, initial: Int32Array, rng: Rng, gamma: number, theta: number, refine: boolean): Int32Array {
  let g = g0;
  let comm: Int32Array = Int32Array.from(initial);
  renumber(comm);
  const nodeOf = new Int32Array(g0.n); // original node → node of the current aggregate graph
  for (let i = 0; i < g0.n; i++) nodeOf[i] = i;
  for (let level = 0; level < 1000; level++) {
    moveNodesFast(g, comm, rng, gamma);
    const nComm = renumber(comm);
    if (nComm === g.n) break; // every node alone: nothing left to aggregate
    let aggregateOn = comm;
    let nextComm: Int32Array;
    let refined: Int32Array | undefined;
    if (refine) {
      refined = refinePartition(g, comm, rng, gamma, theta);
      if (renumber(refined) === g.n) refined = undefined; // refinement merged nothing: aggregate on comm instead
    }
    if (refined) {
      aggregateOn = refined;
      nextComm = new Int32Array(g.n); // sized generously; only the first (#refined) entries are used below
      for (let v = 0; v < g.n; v++) nextComm[refined[v]] = comm[v];
    } else {
      nextComm = new Int32Array(nComm);
      for (let c = 0; c < nComm; c++) nextComm[c] = c;
    }
    const agg = aggregate(g, aggregateOn);
    for (let i = 0; i < g0.n; i++) nodeOf[i] = aggregateOn[nodeOf[i]];
    comm = nextComm.slice(0, agg.n);
    g = agg;
  }
  const out = new Int32Array(g0.n);
  for (let i = 0; i < g0.n; i++) out[i] = comm[nodeOf[i]];
  return out;
}

/** Fast local moving: best move per node (empty community allowed), revisiting only neighbours of moved nodes. */
function moveNodesFast(g: Graph, comm: Int32Array, rng: Rng, gamma: number): void {
  const { n, indptr, indices, weights, strength, total } = g;
  const commStrength = new Float64Array(n);
  const commSize = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    commStrength[comm[v]] += strength[v];
    commSize[comm[v]]++;
  }
  const empty: number[] = [];
  for (let c = n - 1; c >= 0; c--) if (commSize[c] === 0) empty.push(c);
  const queue = permutation(rng, n);
  const inQueue = new Uint8Array(n).fill(1);
  let head = 0;
  let size = n;
  const wTo = new Float64Array(n);
  const touched = new Int32Array(n);
  const scale = gamma / total;
  while (size > 0) {
    const v = queue[head];
    head = (head + 1) % n;
    size--;
    inQueue[v] = 0;
    const a = comm[v];
    const kv = strength[v];
    let nt = 0;
    for (let p = indptr[v]; p < indptr[v + 1]; p++) {
      const u = indices[p];
      if (u === v) continue;
      const c = comm[u];
      if (wTo[c] === 0) touched[nt++] = c;
      wTo[c] += weights[p];
    }
    commStrength[a] -= kv;
    commSize[a]--;
    let best = a;
    let bestGain = wTo[a] - scale * kv * commStrength[a];
    for (let t = 0; t < nt; t++) {
      const c = touched[t];
      const gain = wTo[c] - scale * kv * commStrength[c];
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
    }
    if (bestGain < 0 && commSize[a] > 0) {
      best = empty.pop()!; // alone is better than anywhere (an empty community always exists: v's own vacated one or another)
    }
    for (let t = 0; t < nt; t++) wTo[touched[t]] = 0;
    if (best === a) {
      commStrength[a] += kv;
      commSize[a]++;
      continue;
    }
    if (commSize[a] === 0) empty.push(a);
    comm[v] = best;
    commStrength[best] += kv;
    commSize[best]++;
    for (let p = indptr[v]; p < indptr[v + 1]; p++) {
      const u = indices[p];
      if (!inQueue[u] && comm[u] !== best) {
        inQueue[u] = 1;
        queue[(head + size) % n] = u;
        size++;
      }
    }
  }
}

/** Refinement: within each community, singletons merge (randomly, ∝ exp(ΔH/θ)) into well-connected sub-communities. */
function refinePartition(g: Graph, comm: Int32Array, rng: Rng, gamma: number, theta: number): Int32Array {
  const { n, indptr, indices, weights, strength, total } = g;
  const scale = gamma / total;
  const commStrength = new Float64Array(n);
  for (let v = 0; v < n; v++) commStrength[comm[v]] += strength[v];
  const inWeight = new Float64Array(n); // E(v, S − v)
  for (let v = 0; v < n; v++) {
    for (let p = indptr[v]; p < indptr[v + 1]; p++) {
      const u = indices[p];
      if (u !== v && comm[u] === comm[v]) inWeight[v] += weights[p];
    }
  }
  const ref = new Int32Array(n);
  const refStrength = Float64Array.from(strength);
  const refExternal = Float64Array.from(inWeight); // E(C, S − C)
  const refSize = new Int32Array(n).fill(1);
  for (let v = 0; v < n; v++) ref[v] = v;
  const wTo = new Float64Array(n);
  const touched = new Int32Array(n);
  const candidates = new Int32Array(n);
  const gains = new Float64Array(n);
  const order = permutation(rng, n);
  for (let o = 0; o < n; o++) {
    const v = order[o];
    if (refSize[ref[v]] !== 1) continue; // only singletons move
    const s = comm[v];
    const kv = strength[v];
    const ks = commStrength[s];
    if (inWeight[v] < scale * kv * (ks - kv)) continue; // v not well connected to its community
    let nt = 0;
    for (let p = indptr[v]; p < indptr[v + 1]; p++) {
      const u = indices[p];
      if (u === v || comm[u] !== s) continue;
      const c = ref[u];
      if (wTo[c] === 0) touched[nt++] = c;
      wTo[c] += weights[p];
    }
    // Candidates: staying alone (ΔH = 0) and every well-connected sub-community with ΔH ≥ 0.
    let nc = 0;
    candidates[nc] = ref[v];
    gains[nc++] = 0;
    let maxGain = 0;
    for (let t = 0; t < nt; t++) {
      const c = touched[t];
      if (c === ref[v]) continue;
      if (refExternal[c] < scale * refStrength[c] * (ks - refStrength[c])) continue;
      const gain = wTo[c] - scale * kv * refStrength[c];
      if (gain < 0) continue;
      candidates[nc] = c;
      gains[nc++] = gain;
      if (gain > maxGain) maxGain = gain;
    }
    let chosen = candidates[0];
    if (nc > 1) {
      let sum = 0;
      for (let t = 0; t < nc; t++) sum += gains[t] = Math.exp((gains[t] - maxGain) / theta);
      let r = rng.uniform() * sum;
      for (let t = 0; t < nc; t++) {
        r -= gains[t];
        if (r <= 0 || t === nc - 1) {
          chosen = candidates[t];
          break;
        }
      }
    }
    const wChosen = wTo[chosen];
    for (let t = 0; t < nt; t++) wTo[touched[t]] = 0;
    if (chosen === ref[v]) continue;
    refSize[ref[v]] = 0;
    ref[v] = chosen;
    refSize[chosen]++;
    refStrength[chosen] += kv;
    refExternal[chosen] += inWeight[v] - 2 * wChosen;
  }
  return ref;
}

/** Collapse each group of `part` (ids 0..m−1) into one node; edge weights summed, internal ones into a self-loop. */
function aggregate(g: Graph, part: Int32Array): Graph {
  let m = 0;
  for (let v = 0; v < g.n; v++) if (part[v] + 1 > m) m = part[v] + 1;
  const start = new Int32Array(m + 1);
  for (let v = 0; v < g.n; v++) start[part[v] + 1]++;
  for (let c = 0; c < m; c++) start[c + 1] += start[c];
  const members = new Int32Array(g.n);
  const cursor = start.slice(0, m);
  for (let v = 0; v < g.n; v++) members[cursor[part[v]]++] = v;
  const acc = new Float64Array(m);
  const seen = new Uint8Array(m);
  const touched = new Int32Array(m);
  const indptr = new Int32Array(m + 1);
  const idx: number[] = [];
  const w: number[] = [];
  const strength = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    let nt = 0;
    for (let q = start[c]; q < start[c + 1]; q++) {
      const v = members[q];
      strength[c] += g.strength[v];
      for (let p = g.indptr[v]; p < g.indptr[v + 1]; p++) {
        const d = part[g.indices[p]];
        if (!seen[d]) {
          seen[d] = 1;
          touched[nt++] = d;
        }
        acc[d] += g.weights[p];
      }
    }
    for (let t = 0; t < nt; t++) {
      const d = touched[t];
      idx.push(d);
      w.push(acc[d]);
      acc[d] = 0;
      seen[d] = 0;
    }
    indptr[c + 1] = idx.length;
  }
  return { n: m, indptr, indices: Int32Array.from(idx), weights: Float64Array.from(w), strength, total: g.total };
}

function quality(g: Graph, labels: Int32Array, gamma: number): number {
  if (g.total === 0) return 0;
  const inside = new Float64Array(g.n);
  const tot = new Float64Array(g.n);
  let maxLabel = 0;
  for (let v = 0; v < g.n; v++) {
    const c = labels[v];
    if (!(c >= 0 && c < g.n)) throw new Error(`modularity: labels[${v}] = ${c} out of range [0, ${g.n})`);
    if (c > maxLabel) maxLabel = c;
    tot[c] += g.strength[v];
    for (let p = g.indptr[v]; p < g.indptr[v + 1]; p++) if (labels[g.indices[p]] === c) inside[c] += g.weights[p];
  }
  let q = 0;
  for (let c = 0; c <= maxLabel; c++) q += inside[c] - (gamma * tot[c] * tot[c]) / g.total;
  return q / g.total;
}

function toGraph(name: string, a: Csr): Graph {
  const n = a.rows;
  if (a.cols !== n) throw new Error(`${name}: graph must be square, got ${a.rows}×${a.cols}`);
  if (a.indptr.length !== n + 1) throw new Error(`${name}: graph.indptr has length ${a.indptr.length}, expected ${n + 1}`);
  const nnz = a.indptr[n];
  const weights = new Float64Array(nnz);
  const strength = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const w = a.data[p];
      const j = a.indices[p];
      if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`${name}: graph weight at (${i}, ${j}) is ${w}; weights must be finite and ≥ 0`);
      if (!(j >= 0 && j < n)) throw new Error(`${name}: graph column index ${j} in row ${i} out of range [0, ${n})`);
      weights[p] = w;
      strength[i] += w;
    }
    total += strength[i];
  }
  checkSymmetric(name, a);
  return { n, indptr: a.indptr, indices: a.indices, weights, strength, total };
}

/** Undirected means A = Aᵀ; compare each entry with its mirror (rows sorted ⇒ binary search). */
function checkSymmetric(name: string, a: Csr): void {
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const j = a.indices[p];
      let lo = a.indptr[j];
      let hi = a.indptr[j + 1] - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (a.indices[mid] === i) {
          found = mid;
          break;
        }
        if (a.indices[mid] < i) lo = mid + 1;
        else hi = mid - 1;
      }
      if (found < 0 || Math.abs(a.data[found] - a.data[p]) > 1e-6 * Math.max(1, Math.abs(a.data[p]))) {
        throw new Error(`${name}: graph must be symmetric (undirected) with sorted column indices; entry (${i}, ${j}) has no matching (${j}, ${i})`);
      }
    }
  }
}

/** Relabel to 0..m−1 in order of first appearance; returns m. */
function renumber(labels: Int32Array): number {
  const map = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    let c = map.get(labels[i]);
    if (c === undefined) {
      c = map.size;
      map.set(labels[i], c);
    }
    labels[i] = c;
  }
  return map.size;
}

/** Relabel so that 0 is the largest cluster (ties: the one holding the smallest node index); returns the count. */
function renumberBySize(labels: Int32Array): number {
  const m = renumber(labels); // first-appearance order = smallest member index order
  const size = new Int32Array(m);
  for (const c of labels) size[c]++;
  const order = Array.from({ length: m }, (_, c) => c).sort((x, y) => size[y] - size[x] || x - y);
  const rank = new Int32Array(m);
  order.forEach((c, r) => (rank[c] = r));
  for (let i = 0; i < labels.length; i++) labels[i] = rank[labels[i]];
  return m;
}

function samePartition(a: Int32Array, b: Int32Array): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = ab.get(a[i]);
    const y = ba.get(b[i]);
    if ((x !== undefined && x !== b[i]) || (y !== undefined && y !== a[i])) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}
