// What path 1 sums per gene: the encoder's description embedding as it comes, the same embeddings whitened, or a
// random control (measured in reports/findings, c148726 and 43b7339).
//
// 'encoder' (the paper): e_g as the encoder returns it. Sentence encoders are anisotropic: the descriptions of all
//   genes share a few dominant directions (USE-lite on pbmc3k's 12,376 described genes: the first principal direction
//   carries 12 % of the variance, 16 of 512 carry half). An expression-weighted mean of such vectors is mostly a
//   function of those few directions, so the cells' view has little room for cell-type differences.
// 'whitened': PCA-whitening of the dataset's described genes (centre on the mean embedding, project onto the top
//   `WHITEN_DIMS` principal directions, divide each by its standard deviation). This is the post-processing of
//   Su et al. 2021 ("Whitening sentence representations for better semantics and faster retrieval"), related to
//   Mu & Viswanath 2018 ("All-but-the-top"). It is a fixed linear map of the encoder's space, fitted on gene
//   embeddings only (no cell, no label), so genes whose descriptions the encoder places close stay close.
// 'random': a seeded standard-normal vector per gene, the same width as 'whitened'. It holds no knowledge. Path 1
//   then becomes a random projection of the expression. This is the control that tells what the descriptions add:
//   everything else (path 2, its whitening, the fusion) is as under 'whitened'.
//
// Path 2's cell-sentence embeddings live in the encoder's space too; under 'whitened' and 'random' they go through
// the same whitening map (`project`), so that the two paths are fused in one space, as the paper fuses two vectors
// of one encoder.
import type { Matrix } from '@scbench/api';
import { createRng, gemmTransB, matmulTransB, pca } from '@scbench/numerics';

export type GeneVectors = 'encoder' | 'whitened' | 'random';
export const GENE_VECTORS: readonly GeneVectors[] = ['encoder', 'whitened', 'random'];

/** Components kept by 'whitened' (and the width of 'random'): 98 % of USE-lite's variance on three datasets. */
export const WHITEN_DIMS = 256;

export interface GeneVectorMatrix {
  /** genes × width; zero rows where known[g] = 0. */
  readonly matrix: Matrix;
  readonly known: Uint8Array;
  /** The map from the encoder's space to this one, for other embeddings of the same encoder (path 2); zero rows stay zero. */
  project(m: Matrix): Matrix;
}

/** The gene vectors of `how`, for the genes marked known (the others keep zero rows and stay unknown). */
export function geneVectors(e: Matrix, known: Uint8Array, how: GeneVectors, seed = 0): GeneVectorMatrix {
  if (how === 'encoder') return { matrix: e, known, project: (m) => m };
  const rows: number[] = [];
  for (let g = 0; g < e.rows; g++) if (known[g]) rows.push(g);
  if (rows.length < 3) {
    throw new Error(`geneVectors: '${how}' needs at least 3 genes with a description, got ${rows.length}; use geneVectors 'encoder'`);
  }
  const width = Math.min(WHITEN_DIMS, e.cols, rows.length - 1);
  const { mean, axes, variances } = principalAxes(e, rows, width, seed);
  // Whitening as one affine map x ↦ (x − μ)·Wᵀ, W = the axes scaled by 1/sd (a zero-variance direction maps to 0).
  const w: Matrix = { rows: width, cols: e.cols, data: new Float32Array(width * e.cols) };
  for (let c = 0; c < width; c++) {
    const sd = Math.sqrt(variances[c]);
    for (let j = 0; j < e.cols; j++) w.data[c * e.cols + j] = sd > 0 ? axes[c * e.cols + j] / sd : 0;
  }
  const project = (m: Matrix): Matrix => {
    if (m.cols !== e.cols) throw new Error(`geneVectors: cannot project a ${m.cols}-d embedding with a map fitted on ${e.cols}-d ones`);
    const centred = new Float32Array(m.data.length);
    const zero = new Uint8Array(m.rows);
    for (let i = 0; i < m.rows; i++) {
      let allZero = true;
      for (let j = 0; j < e.cols; j++) {
        const v = m.data[i * e.cols + j];
        if (v !== 0) allZero = false;
        centred[i * e.cols + j] = v - mean[j];
      }
      zero[i] = allZero ? 1 : 0;
    }
    const out = matmulTransB({ rows: m.rows, cols: e.cols, data: centred }, w);
    for (let i = 0; i < m.rows; i++) if (zero[i]) out.data.fill(0, i * width, (i + 1) * width);
    return out;
  };
  const matrix = { rows: e.rows, cols: width, data: new Float32Array(e.rows * width) };
  if (how === 'random') {
    const rng = createRng(seed);
    for (const g of rows) for (let c = 0; c < width; c++) matrix.data[g * width + c] = rng.normal();
  } else {
    const whitened = project(e);
    for (const g of rows) matrix.data.set(whitened.data.subarray(g * width, (g + 1) * width), g * width);
  }
  return { matrix, known, project };
}

/**
 * The top `k` principal axes (rows, unit norm) and variances (ddof 1) of the embeddings of genes `rows`, from their
 * d × d covariance: tens of thousands of genes but d = 512 dimensions, so the covariance (one pass) and its
 * decomposition are ~30× cheaper than a randomized PCA of the genes × d matrix itself.
 */
function principalAxes(e: Matrix, rows: readonly number[], k: number, seed: number): { mean: Float64Array; axes: Float32Array; variances: Float64Array } {
  const d = e.cols;
  const n = rows.length;
  const mean = new Float64Array(d);
  for (const g of rows) for (let j = 0; j < d; j++) mean[j] += e.data[g * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const centredT = new Float32Array(d * n); // dimensions × genes, so the covariance is one A·Aᵀ product
  rows.forEach((g, i) => {
    for (let j = 0; j < d; j++) centredT[j * n + i] = e.data[g * d + j] - mean[j];
  });
  const cov = new Float64Array(d * d);
  gemmTransB(centredT, 0, d, centredT, 0, d, n, cov, d, 0);
  const c32 = Float32Array.from(cov, (v) => v / (n - 1));
  // A symmetric positive semi-definite matrix: its singular vectors are its eigenvectors, its singular values the
  // variances along them.
  const fit = pca({ rows: d, cols: d, data: c32 }, k, { seed, center: false });
  return { mean, axes: fit.components.data, variances: fit.singularValues };
}
