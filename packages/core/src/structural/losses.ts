/**
 * The structural loss terms, assembled from the engine's losses (METHODS.md §4.4, §3.8):
 *
 *   mse  = mean (x̂ − x)²                              F.mse_loss
 *   cov  = −tr(zᵀ M z) / d,  M = b·Â₁ + (1 − b)·Â₂      "loss_corvariates", the relaxed normalised cut
 *   ort  = mean((zᵀz − I)²) over the d×d entries       engine `orthogonality`
 *   kl   = the self-supervision against the Sinkhorn target P (train stage only)
 *
 * scCDCG weights them separately (f_construct, f_corvar, f_ort, f_KL); scLLM-DSC writes f_mse·mse +
 * f_ncut·(cov + f_ort·ort) + f_KL·kl — the same thing with cov = f_ncut and ort = f_ncut·f_ort (§4.5 "Mapping").
 */
import { tf, klDivergence, l2NormalizeCols, l2NormalizeRows, orthogonality } from '@scbench/engine';
import type { StructuralGraph } from './graphs.ts';

/** How h becomes z. scCDCG pre-train: 'column'; its train stage: 'row+column'; scLLM-DSC's train stage: 'row' (§6 bug 5). */
export type Normalisation = 'column' | 'row' | 'row+column';

/** h → z by the engine's L2 normalisers (F.normalize, eps 1e-12): rows, columns, or rows then columns. */
export function normaliseEmbedding(h: tf.Tensor2D, how: Normalisation): tf.Tensor2D {
  if (how === 'column') return l2NormalizeCols(h);
  if (how === 'row') return l2NormalizeRows(h);
  return l2NormalizeCols(l2NormalizeRows(h));
}

/**
 * −tr(zᵀMz)/d for the graph operator M. M is symmetric, so the gradient is −2Mz/d: one application of M per
 * step instead of the two that differentiating through M·z would cost.
 */
export function graphTrace(z: tf.Tensor2D, graph: StructuralGraph): tf.Scalar {
  const d = z.shape[1];
  const op = tf.customGrad(((zz: tf.Tensor2D, save: (t: tf.Tensor[]) => void) => {
    const mz = graph.apply(zz);
    save([mz]);
    return {
      value: tf.neg(tf.div(tf.sum(tf.mul(zz, mz)), d)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(saved[0], tf.mul(dy, -2 / d)),
    };
  }) as never);
  return op(z) as tf.Scalar;
}

/**
 * How the KL term is computed.
 * - 'paper': `nn.KLDivLoss(reduction='sum')(Q, P)` as the original calls it, with Q given as probabilities where
 *   log-probabilities are expected: Σ P·(log P − Q) (xlogy: P = 0 adds 0). A linear reward for P·Q (§6 bug 4).
 * - 'kl': the intended KL(P‖Q) = Σ P·log(P/Q), same 'sum' reduction so that f_KL keeps its scale.
 */
export type KlForm = 'paper' | 'kl';

/**
 * 'sum' (both originals) adds one term per cell while MSE, NCut and InfoNCE are means, so f_KL's real weight grows
 * with N (at 2.6k cells the KL term is > 95 % of the loss); 'batchmean' divides by the cells, as DEC does.
 */
export type KlReduction = 'sum' | 'batchmean';

export function targetLoss(q: tf.Tensor2D, p: tf.Tensor2D, form: KlForm, pLogP?: number, reduction: KlReduction = 'sum'): tf.Scalar {
  if (form === 'kl') return klDivergence(p, q, reduction);
  const plogp = pLogP ?? entropyTerm(p.dataSync());
  const sum = tf.sub(plogp, tf.sum(tf.mul(p, q))) as tf.Scalar;
  return reduction === 'sum' ? sum : tf.div(sum, q.shape[0]) as tf.Scalar;
}

/** Σ P log P over P > 0 (a constant of the target; computed once per refresh in float64). */
export function entropyTerm(p: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < p.length; t++) if (p[t] > 0) s += p[t] * Math.log(p[t]);
  return s;
}

export interface StructuralWeights {
  /** f_construct (scCDCG) / f_mse (scLLM-DSC). */
  mse: number;
  /** f_corvar (scCDCG) / f_ncut (scLLM-DSC). */
  cov: number;
  /** f_ort (scCDCG) / f_ncut·f_ort (scLLM-DSC). */
  ort: number;
  /** f_KL. */
  kl: number;
}

/** The spectral part (cov, ort) on z: raw values, weighted by the caller's assembly. */
export function spectralParts(z: tf.Tensor2D, graph: StructuralGraph): { cov: tf.Scalar; ort: tf.Scalar } {
  return { cov: graphTrace(z, graph), ort: orthogonality(z) };
}

/**
 * Weighted total of named raw parts (a part without a weight counts 0). Zero-weighted parts stay in the sum as
 * 0·part, as in the original's `0.0 * loss_x`: the variables they touch then get a zero gradient, not none.
 */
export function weightedTotal(parts: Record<string, tf.Scalar>, weights: Record<string, number>): tf.Scalar {
  const terms = Object.entries(parts).map(([k, v]) => tf.mul(weights[k] ?? 0, v) as tf.Scalar);
  if (terms.length === 0) throw new Error('weightedTotal: no loss parts');
  return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Scalar;
}
