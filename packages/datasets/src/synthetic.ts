// Synthetic count data with planted groups, for smoke tests and scaling runs. A simplified Splatter-like model:
//   gene base proportions  b_j  ~ Gamma(0.6, 1), normalised           (a heavy-tailed expression profile)
//   marker genes: each group gets its own random subset (markerFraction of the genes) with log-fold changes
//                 lfc ~ N(logFoldChange, 0.25·logFoldChange), up-regulated (a third of them down-regulated)
//   group profile          p_gj = b_j · exp(lfc_gj), renormalised to sum 1
//   library size           s_i  ~ LogNormal(log(libraryMean), librarySd)
//   counts                 x_ij ~ NB(mean s_i·p_gj, inverse dispersion theta)
//   dropout                x_ij → 0 with probability d / (d + μ_ij (1 − d))  (logistic in log μ; = d at μ = 1)
// Seeded (createRng from @scbench/numerics); the same seed and options give the same data.
import { type Csr, type Dataset, type Matrix, type Truth } from '@scbench/api';
import { createRng, type Rng } from '@scbench/numerics';
import { CsrBuilder, withStorage } from './sparse.ts';
import type { Storage } from './types.ts';

const { exp, log } = Math; // bound once: hot loops avoid global lookups (slow under jest's vm context)

export interface SyntheticOptions {
  readonly cells?: number;
  readonly genes?: number;
  readonly groups?: number;
  readonly seed?: number;
  /** Fraction of genes that are markers of each group (default 0.05). */
  readonly markerFraction?: number;
  /** Mean |log-fold change| of marker genes (natural log, default 1.5). */
  readonly logFoldChange?: number;
  /** NB inverse dispersion (size); larger ⇒ closer to Poisson (default 2). */
  readonly theta?: number;
  /** Mean library size (default 1500 counts per cell). */
  readonly libraryMean?: number;
  /** SD of log library size (default 0.35). */
  readonly librarySd?: number;
  /** Dropout probability at mean 1 (default 0.1; 0 disables). */
  readonly dropout?: number;
  /** Relative group sizes (default equal). */
  readonly groupWeights?: readonly number[];
  readonly storage?: Storage;
  readonly id?: string;
}

export interface Synthetic {
  readonly dataset: Dataset;
  readonly truth: Truth;
  /** markers[g] = indices of the marker genes of group g (ascending). */
  readonly markers: readonly Int32Array[];
}

function pad(i: number, width: number): string {
  return String(i).padStart(width, '0');
}

/** NB(μ, θ) by inversion for small means: one uniform, pmf recursion p_{k+1} = p_k · (k+θ)/(k+1) · μ/(μ+θ). */
function nbSample(rng: Rng, mu: number, theta: number): number {
  if (mu <= 0) return 0;
  if (mu > 30) return rng.negativeBinomial(mu, theta);
  const q = mu / (mu + theta);
  let p = exp(theta * log(theta / (mu + theta)));
  let u = rng.uniform();
  let k = 0;
  while (u > p) {
    u -= p;
    p *= ((k + theta) / (k + 1)) * q;
    k++;
    if (p < 1e-300) break; // numerical tail guard; unreachable for μ ≤ 30
  }
  return k;
}

export function synthetic(o: SyntheticOptions = {}): Synthetic {
  const cells = o.cells ?? 300;
  const genes = o.genes ?? 500;
  const groups = o.groups ?? 4;
  const theta = o.theta ?? 2;
  const lfc = o.logFoldChange ?? 1.5;
  const libMean = o.libraryMean ?? 1500;
  const libSd = o.librarySd ?? 0.35;
  const d = o.dropout ?? 0.1;
  if (!(groups >= 1 && cells >= groups && genes >= 1)) throw new Error(`synthetic: need cells ≥ groups ≥ 1 and genes ≥ 1 (got ${cells}, ${groups}, ${genes})`);
  const rng = createRng(o.seed ?? 0);

  // gene profiles
  const base = new Float64Array(genes);
  for (let j = 0; j < genes; j++) base[j] = rng.gamma(0.6) + 1e-3;
  const nMarkers = Math.max(1, Math.round((o.markerFraction ?? 0.05) * genes));
  const markers: Int32Array[] = [];
  const profile: Float64Array[] = [];
  for (let g = 0; g < groups; g++) {
    const perm = rng.shuffle(Int32Array.from({ length: genes }, (_, j) => j));
    const mk = perm.slice(0, nMarkers).sort();
    markers.push(mk);
    const p = Float64Array.from(base);
    for (let t = 0; t < mk.length; t++) {
      const size = lfc + 0.25 * lfc * rng.normal();
      p[mk[t]] *= exp(t % 3 === 2 ? -size : size);
    }
    let s = 0;
    for (let j = 0; j < genes; j++) s += p[j];
    for (let j = 0; j < genes; j++) p[j] /= s;
    profile.push(p);
  }

  // group assignment: exact proportions, shuffled
  const w = o.groupWeights ?? new Array<number>(groups).fill(1);
  const wsum = w.reduce((a, b) => a + b, 0);
  const labels = new Int32Array(cells);
  let at = 0;
  for (let g = 0; g < groups; g++) {
    const n = g === groups - 1 ? cells - at : Math.round((w[g] / wsum) * cells);
    labels.fill(g, at, at + n);
    at += n;
  }
  rng.shuffle(labels);

  const b = new CsrBuilder(genes, Math.min(cells * genes, cells * 256));
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < cells; i++) {
    const lib = exp(log(libMean) + libSd * rng.normal());
    const p = profile[labels[i]];
    cols.length = 0;
    vals.length = 0;
    for (let j = 0; j < genes; j++) {
      const mu = lib * p[j];
      const x = nbSample(rng, mu, theta);
      if (x === 0) continue;
      if (d > 0 && rng.uniform() < d / (d + mu * (1 - d))) continue;
      cols.push(j);
      vals.push(x);
    }
    b.addSparseRow(cols, vals);
  }
  const counts: Matrix | Csr = withStorage(b.finish(), o.storage ?? 'auto');
  const width = Math.max(4, String(genes).length);
  const cwidth = Math.max(5, String(cells).length);
  const dataset: Dataset = {
    id: o.id ?? `synthetic-${cells}x${genes}x${groups}-s${o.seed ?? 0}`,
    counts,
    valueType: 'raw counts',
    genes: Array.from({ length: genes }, (_, j) => `Gene${pad(j + 1, width)}`),
    cells: Array.from({ length: cells }, (_, i) => `Cell${pad(i + 1, cwidth)}`),
    nClusters: groups,
  };
  return { dataset, truth: { labels, names: Array.from({ length: groups }, (_, g) => `Group${g + 1}`) }, markers };
}
