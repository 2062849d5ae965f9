// A latent model of documents made of tokens: TF-IDF weighting, then a truncated SVD (latent semantic analysis,
// Deerwester et al. 1990). The gene-knowledge encoders use it twice: words of a gene's description (summary LSA) and
// the GO ids annotated to a gene (GO-SVD: the gene × GO-term matrix, IDF-weighted, factorised).
//
// Weighting as scikit-learn's TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm='l2', min_df, max_df):
// tf = 1 + ln(count), idf = ln((1 + N) / (1 + df)) + 1, each row scaled to unit L2 norm. Factorisation as
// TruncatedSVD (no centring): numerics' randomized SVD of the sparse matrix with center = false, sign-fixed, so the
// model is a deterministic function of the corpus. A document's vector is its TF-IDF row projected on the top-k right
// singular vectors (x·V_k, "fold-in"); for a training document that is its row of U_k·Σ_k.
import type { Csr } from '@scbench/api';
import { pca } from '@scbench/numerics';

export interface TfidfSvdOptions {
  /** Latent dimensions k. */
  readonly dims: number;
  /** Keep tokens in at least this many documents (default 2). */
  readonly minDf?: number;
  /** Drop tokens in more than this share of documents (default 0.5): template labels, "the", "protein". */
  readonly maxDfShare?: number;
  /** Randomized SVD power iterations (default 4). */
  readonly powerIterations?: number;
}

export interface TfidfSvdModel {
  readonly dims: number;
  /** Token → column, tokens sorted. */
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly idf: Float64Array;
  /** k × vocabulary, unit rows: the right singular vectors. */
  readonly components: Float32Array;
  readonly singularValues: Float64Array;
  /** Documents the model was fitted on. */
  readonly documents: number;
}

/** A document's TF-IDF entries (unit L2 norm): column indices ascending, and values; empty when no token is known. */
export function tfidfRow(model: Pick<TfidfSvdModel, 'vocabulary' | 'idf'>, tokens: readonly string[]): { cols: Int32Array; vals: Float64Array } {
  const counts = new Map<number, number>();
  for (const t of tokens) {
    const c = model.vocabulary.get(t);
    if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const cols = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const vals = new Float64Array(cols.length);
  let norm = 0;
  cols.forEach((c, i) => {
    vals[i] = (1 + Math.log(counts.get(c)!)) * model.idf[c];
    norm += vals[i] * vals[i];
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vals.length; i++) vals[i] /= norm;
  return { cols, vals };
}

export function fitTfidfSvd(docs: readonly (readonly string[])[], options: TfidfSvdOptions): TfidfSvdModel {
  const n = docs.length;
  const minDf = options.minDf ?? 2;
  const maxDf = Math.floor((options.maxDfShare ?? 0.5) * n);
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const kept = [...df.entries()].filter(([, c]) => c >= minDf && c <= maxDf).map(([t]) => t).sort();
  const vocabulary = new Map<string, number>(kept.map((t, j) => [t, j]));
  const idf = Float64Array.from(kept, (t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
  const rows = docs.map((d) => tfidfRow({ vocabulary, idf }, d));
  const indptr = new Int32Array(n + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i] + r.cols.length));
  const indices = new Int32Array(indptr[n]);
  const data = new Float32Array(indptr[n]);
  rows.forEach((r, i) => {
    indices.set(r.cols, indptr[i]);
    data.set(r.vals, indptr[i]);
  });
  const x: Csr = { rows: n, cols: kept.length, indptr, indices, data };
  const dims = Math.min(options.dims, n - 1, kept.length);
  if (dims < 1) throw new Error(`fitTfidfSvd: ${n} documents and ${kept.length} kept tokens leave no latent dimension`);
  const fit = pca(x, dims, { center: false, seed: 0, powerIterations: options.powerIterations ?? 4 });
  return { dims, vocabulary, idf, components: fit.components.data, singularValues: fit.singularValues, documents: n };
}

/** The document's latent vector x·V_k (k entries); all zeros when none of its tokens is in the vocabulary. */
export function foldIn(model: TfidfSvdModel, tokens: readonly string[]): Float32Array {
  const { cols, vals } = tfidfRow(model, tokens);
  const p = model.vocabulary.size;
  const out = new Float32Array(model.dims);
  for (let c = 0; c < model.dims; c++) {
    let s = 0;
    for (let i = 0; i < cols.length; i++) s += vals[i] * model.components[c * p + cols[i]];
    out[c] = s;
  }
  return out;
}

/** Lower-case word tokens of a text: letters and digits, at least two characters, not only digits. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 2 && !/^\d+$/.test(w));
}
