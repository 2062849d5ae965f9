/**
 * scLLM-DSC's cross-modal alignment (METHODS.md §3.7 `MultiModalContrastiveModel`) as `trainStructural` hooks:
 *
 *   z_f = row-normalised h (FULL_NN's output)      Ẑf = normalise(proj_f(z_f))    Ẑt = normalise(proj_t(z_t))
 *   (`structHead` 'identity', the corrected default: no proj_f, Ẑf = the structural z rescaled; see the option)
 *   L_CL  = bidirectional InfoNCE on S = ẐtẐfᵀ/τ   (τ = 0.1)
 *   L_var = Σ_{V ∈ {Ẑf, Ẑt}} mean_k relu(1 − √(Var(V[:,k]) + 1e-4))
 *   L_align = L_CL + λ·L_var                       (λ = 1e-2; weighted by f_cl = 0.3 in the total)
 *   Z = ½(Ẑf + Ẑt)                                  (the read-out space; (1 − β)·Ẑf + β·Ẑt with `textShare` β)
 *
 * A projection head is Linear(in, p) → ReLU → Linear(p, p) with PyTorch's default init. The heads' variables are
 * handed to the optimiser only when `trained` (the released code never does, §6 bug 1: gradients pass through
 * the random heads into the encoder, the heads themselves stay at their initial values).
 *
 * The heads are fed the row-normalised h (z_f as the code defines it) by default, whatever normalisation the NCut
 * terms use, so the 'row+column' fix of §6 bug 5 does not also shrink the head's input by √N (`headInput`).
 *
 * `anchor` (corrected: 'structure'): with a text view much weaker than the expression, the symmetric InfoNCE keeps
 * what both views share and pulls z_f toward the text geometry; a stop-gradient on Ẑf makes the structure the
 * target the text head learns to reach. Measured in reports/findings/README.md (331f6c1).
 *
 * `standardiseText` (corrected mode): the semantic view's rows are sums of the same gene embeddings, so every
 * cell's vector points almost the same way (the cell-specific part is a small offset from a shared mean). Fed raw,
 * the text head maps all cells to nearly one point and InfoNCE stays at log N — it never learns. Centring each
 * dimension and scaling it to unit variance (what PCA does before GenePT's k-means) exposes the offsets.
 *
 * Deviation (scale): the N×N similarity is formed on at most `maxCells` cells drawn afresh each epoch (the code
 * uses all N on an 80 GB GPU); Z is always computed for every cell.
 */
import type { Matrix } from '@scbench/api';
import { scale } from '@scbench/datasets';
import { tf, denseStack, infoNce, l2NormalizeRows, stopGradient, varianceRegulariser, type Stack } from '@scbench/engine';
import { createRng, permutation } from '@scbench/numerics';
import type { StructuralHooks, TrainStepView } from '../structural/index.ts';

export interface AlignmentOptions {
  /** Projection width (16 in the code, 128 in the paper). */
  projDim: number;
  tau: number;
  /** Weight of the variance term inside L_align (λ = 1e-2). */
  varReg: number;
  /** Weight of L_align in the total (f_cl = 0.3); 0 = the "no alignment" ablation (heads then untrained). */
  weight: number;
  /** Whether the optimiser updates the heads. */
  trained: boolean;
  /** 0 = all cells. */
  maxCells: number;
  seed: number;
  /** Centre and scale each semantic-view dimension before the text head (see above). Default false (the code). */
  standardiseText?: boolean;
  /**
   * 'none' (the code): L_CL's gradient reaches both heads and the encoder. 'encoder': it reaches both heads but not
   * the encoder (stop-gradient on h), so z_f is shaped by the structural terms only and the heads meet in between.
   * 'structure': the structural side of L_CL is a fixed target (stop-gradient on Ẑf): only the text head learns, to
   * place each cell's semantic view where the structural view put it (reports/findings, 331f6c1).
   */
  anchor?: AlignAnchor;
  /**
   * What the structural head reads: 'row' (the code: row-normalised h) or 'z' (the z the structural terms and
   * structural-only k-means use — with 'row+column' that is column-scaled as well — times √N to undo the column
   * norm's 1/√N). Default 'row'.
   */
  headInput?: HeadInput;
  /** The text head's share β in the read-out Z = (1 − β)·Ẑf + β·Ẑt (the paper: ½). */
  textShare?: number;
  /**
   * The structural side: 'mlp' (the paper: Linear → ReLU → Linear of width `projDim` on the `headInput`, then the
   * unit sphere) or 'identity' (no structural head: Ẑf is the structural terms' z itself — the space scCDCG and the
   * structural-only runs cluster — rescaled to rows of mean squared norm 1, not put on the sphere; the text head maps
   * to its width, `latent`, through a hidden layer of width `projDim`; `headInput` does not apply). With `anchor`
   * 'structure' Ẑf is a fixed target of InfoNCE anyway; a learned head in front of it only adds a map the KL term can
   * bend, and the sphere costs the read-out the radial part of the code (reports/findings, e47f095).
   * Default 'mlp'.
   */
  structHead?: StructHead;
}

export type AlignAnchor = 'none' | 'encoder' | 'structure';
export type HeadInput = 'row' | 'z';
export type StructHead = 'mlp' | 'identity';

export interface Alignment {
  /** Hooks for trainStructural: read-out Z, the `align` part (plus `cl` and `var`, logged only), head variables. */
  readonly hooks: StructuralHooks;
  /** Copies of the heads' weights (tests compare them before and after training). */
  headWeights(): Float32Array[];
  dispose(): void;
}

/** `zt` is the semantic view (cells × text dim), constant during training; `latent` the width of h. */
export function alignment(zt: Matrix, latent: number, o: AlignmentOptions): Alignment {
  const rng = createRng(o.seed ^ 0x5eed, 'mulberry32');
  const identity = o.structHead === 'identity';
  const headF: Stack | null = identity ? null : denseStack([latent, o.projDim, o.projDim], rng, { activation: 'relu', init: 'torch' });
  const headT: Stack = denseStack([zt.cols, o.projDim, identity ? latent : o.projDim], rng, { activation: 'relu', init: 'torch' });
  const heads = headF ? [headF, headT] : [headT];
  // scanpy's pp.scale without clipping: constant columns become 0.
  const input = o.standardiseText ? scale(zt, { maxValue: null }).data : zt;
  const text = tf.keep(tf.tensor2d(input.data, [zt.rows, zt.cols]));
  const n = zt.rows;
  // z · √(N / ‖z‖²_F), the factor held constant: √(N / latent) for 'row+column' (unit columns), 1 for 'row'.
  const unitMeanSquare = (z: tf.Tensor2D): tf.Tensor2D => tf.mul(z, tf.sqrt(tf.div(n, stopGradient(tf.sum(tf.square(z)))))) as tf.Tensor2D;
  const share = o.textShare ?? 0.5;
  const rootN = Math.sqrt(n);
  const headInput = (h: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor2D => (o.headInput === 'z' ? tf.mul(z, rootN) as tf.Tensor2D : l2NormalizeRows(h));
  // Ẑf as read out: the head's unit rows ('mlp'), or z itself, rescaled ('identity': no unit sphere, see the option).
  const structuralSide = (h: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor2D => (headF ? l2NormalizeRows(headF.apply(headInput(h, z))) : unitMeanSquare(z));
  // What InfoNCE and the variance term compare: directions (the head's output already has unit rows).
  const direction = (f: tf.Tensor2D): tf.Tensor2D => (headF ? f : l2NormalizeRows(f));
  if (!(share >= 0 && share <= 1)) throw new Error(`alignment: textShare must be in [0, 1], got ${share}`);
  const sample = o.maxCells > 0 && n > o.maxCells;
  const sampleRng = createRng(o.seed ^ 0xa119, 'mulberry32');
  // readout() and trainParts() are called on the same step view; the heads run once per step.
  let last: { view: TrainStepView; f: tf.Tensor2D; t: tf.Tensor2D; z: tf.Tensor2D } | null = null;
  const project = (view: TrainStepView) => {
    if (last?.view === view) return last;
    const fRead = structuralSide(view.h, view.z);
    const f = direction(fRead);
    const t = l2NormalizeRows(headT.apply(text));
    const z = tf.add(tf.mul(1 - share, fRead), tf.mul(share, t)) as tf.Tensor2D; // β = ½: the same numbers as ½(f + t) (halving is exact in binary floats)
    last = { view, f, t, z };
    return last;
  };
  const useAlign = o.weight > 0;
  const hooks: StructuralHooks = {
    variables: useAlign && o.trained ? heads.flatMap((hd) => hd.variables) : [],
    weights: { align: o.weight },
    readout: (view) => project(view).z,
    trainParts: useAlign
      ? (view) => {
        const { f, t } = project(view);
        let fs = o.anchor === 'structure' ? stopGradient(f)
          : o.anchor === 'encoder' ? direction(structuralSide(stopGradient(view.h), stopGradient(view.z))) : f;
        let ts = t;
        if (sample) {
          const idx = tf.tensor1d(permutation(sampleRng, n).subarray(0, o.maxCells), 'int32');
          fs = tf.gather(fs, idx);
          ts = tf.gather(t, idx);
        }
        const cl = infoNce(ts, fs, o.tau);
        const v = tf.add(varianceRegulariser(f), varianceRegulariser(t)) as tf.Scalar;
        return { align: tf.add(cl, tf.mul(o.varReg, v)) as tf.Scalar, cl, var: v };
      }
      : undefined,
  };
  return {
    hooks,
    headWeights: () => heads.flatMap((hd) => hd.variables).map((v) => Float32Array.from(v.dataSync())),
    dispose: () => {
      for (const v of heads.flatMap((hd) => hd.variables)) v.dispose();
      text.dispose();
      last = null;
    },
  };
}
