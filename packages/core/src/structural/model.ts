/**
 * scCDCG's autoencoder `AE_NN` (model.py; METHODS.md §3.7, §4.3): encoder D → 256 → 16, decoder 16 → 256 → D,
 * `nn.Linear` layers with bias and *no activation* (the LeakyReLU is commented out in the original, bug 16),
 * PyTorch's default init (uniform ±1/√fan_in for weights and biases). h is the 16-d code; x̂ the reconstruction.
 *
 * Speed, without changing the model: because every layer is linear, h = x·(W₁W₂) + (b₁W₂ + b₂) and
 * x̂ = h·(W₃W₄) + (b₃W₄ + b₄). We keep the four layers as the trained parameters (same parameterisation,
 * same Adam state, same gradients in exact arithmetic) but evaluate through the products: the big matrix x
 * (cells × genes) then only meets 16-column matrices, and the reconstruction error is expanded as
 *   Σ(x̂ − x)² = ‖x‖² − 2⟨x, hV + 1c⟩ + ‖hV + 1c⟩‖²,  with hᵀx (16×genes) and hᵀh (16×16) as the only
 * products touching x — the N×genes matrix x̂ is never formed. That is ≈ 30× fewer flops per step than the
 * layer-by-layer evaluation (x·W₁ and its gradient are N·genes·256 products) and no N×genes temporaries, which
 * is what lets 100k cells fit. With `activation` other than linear the layers are evaluated one by one.
 */
import { tf, dense, type Activation, type Dense, type Module, activate } from '@scbench/engine';
import type { Rng } from '@scbench/numerics';
import type { Matrix } from '@scbench/api';

export interface AutoencoderOptions {
  /** Hidden width (256 in the original). */
  hidden?: number;
  /** Code width (16 in the original). */
  latent?: number;
  /** 'linear' as the original; anything else evaluates layer by layer with that activation between layers. */
  activation?: Activation;
}

/** Constants of the input the expanded reconstruction error needs, computed once in float64. */
export interface InputStats {
  /** Σ x² over all entries. */
  sumSquares: number;
  /** Column sums of x (length genes). */
  colSums: Float32Array;
}

export function inputStats(x: Matrix): InputStats {
  let sumSquares = 0;
  const col = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0, o = i * x.cols; j < x.cols; j++, o++) {
      const v = x.data[o];
      sumSquares += v * v;
      col[j] += v;
    }
  }
  return { sumSquares, colSums: Float32Array.from(col) };
}

export interface StructuralAutoencoder extends Module {
  readonly encoder: readonly [Dense, Dense];
  readonly decoder: readonly [Dense, Dense];
  readonly linear: boolean;
  /** h, the N×16 code. */
  encode(x: tf.Tensor2D): tf.Tensor2D;
  /** x̂ (materialised; for tests and small data — training uses `reconstructionMse`). */
  decode(h: tf.Tensor2D): tf.Tensor2D;
  /**
   * h together with x·Vᵀ (V the decoder's effective 16×genes map) from one pass over x: x·[W | Vᵀ]. With it the
   * reconstruction's cross term is ⟨h, xVᵀ⟩ instead of ⟨V, hᵀx⟩, so a step streams the big x twice (this product
   * and its transposed gradient) instead of four times. `xv` is null for a non-linear AE.
   */
  encodeWithProjection(x: tf.Tensor2D): { h: tf.Tensor2D; xv: tf.Tensor2D | null };
  /** mean((x̂ − x)²) over all N×genes entries, x̂ = decode(h), as F.mse_loss; `xv` from encodeWithProjection. */
  reconstructionMse(x: tf.Tensor2D, h: tf.Tensor2D, stats: InputStats, xv?: tf.Tensor2D | null): tf.Scalar;
  /** Copies of the current weights (a checkpoint), and restoring one. */
  save(): Float32Array[];
  restore(weights: readonly Float32Array[]): void;
  dispose(): void;
}

export function structuralAutoencoder(inputDim: number, rng: Rng, opts: AutoencoderOptions = {}): StructuralAutoencoder {
  const hidden = opts.hidden ?? 256;
  const latent = opts.latent ?? 16;
  const act = opts.activation ?? 'linear';
  const linear = act === 'linear';
  const r = rng.fork();
  // PyTorch builds Encoder[i] and Decoder[i] alternately; the draw order only matters within one RNG anyway.
  const e1 = dense(inputDim, hidden, r, { init: 'torch' });
  const d1 = dense(latent, hidden, r, { init: 'torch' });
  const e2 = dense(hidden, latent, r, { init: 'torch' });
  const d2 = dense(hidden, inputDim, r, { init: 'torch' });
  const variables = [e1, e2, d1, d2].flatMap((l) => [...l.variables]);
  const row = (b: tf.Variable | null): tf.Tensor2D => tf.reshape(b!, [1, -1]) as tf.Tensor2D;
  // Effective affine maps of the linear chains: W = W_a W_b, c = b_a W_b + b_b.
  const affine = (a: Dense, b: Dense): { w: tf.Tensor2D; c: tf.Tensor2D } => ({
    w: tf.matMul(a.kernel as tf.Tensor2D, b.kernel as tf.Tensor2D),
    c: tf.add(tf.matMul(row(a.bias), b.kernel as tf.Tensor2D), row(b.bias)) as tf.Tensor2D,
  });
  const layered = (x: tf.Tensor2D, a: Dense, b: Dense): tf.Tensor2D => b.apply(activate(a.apply(x), act) as tf.Tensor2D);
  return {
    encoder: [e1, e2],
    decoder: [d1, d2],
    linear,
    variables,
    encode(x) {
      if (!linear) return layered(x, e1, e2);
      const { w, c } = affine(e1, e2);
      return tf.add(tf.matMul(x, w), c) as tf.Tensor2D;
    },
    encodeWithProjection(x) {
      if (!linear) return { h: layered(x, e1, e2), xv: null };
      const { w, c } = affine(e1, e2);
      const { w: v } = affine(d1, d2);
      const both = tf.matMul(x, tf.concat([w, tf.transpose(v)], 1));
      const n = x.shape[0];
      return {
        h: tf.add(tf.slice(both, [0, 0], [n, latent]), c) as tf.Tensor2D,
        xv: tf.slice(both, [0, latent], [n, latent]) as tf.Tensor2D,
      };
    },
    decode(h) {
      if (!linear) return layered(h, d1, d2);
      const { w, c } = affine(d1, d2);
      return tf.add(tf.matMul(h, w), c) as tf.Tensor2D;
    },
    reconstructionMse(x, h, stats, xv) {
      const [n, p] = x.shape;
      if (!linear) return tf.mean(tf.squaredDifference(this.decode(h), x)) as tf.Scalar;
      const { w: v, c } = affine(d1, d2); // x̂ = hV + 1c
      // ⟨x, hV⟩ = ⟨V, hᵀx⟩ = ⟨h, xVᵀ⟩
      const hvx = xv ? tf.sum(tf.mul(h, xv)) : tf.sum(tf.mul(v, tf.matMul(h, x, true, false)));
      const cross = tf.add(hvx, tf.sum(tf.mul(c, tf.reshape(stats.colSums, [1, p]))));
      const hv = tf.matMul(tf.sum(h, 0, true), v); // 1ᵀhV
      const sq = tf.addN([
        tf.sum(tf.mul(tf.matMul(h, h, true, false), tf.matMul(v, v, false, true))),
        tf.mul(2, tf.sum(tf.mul(hv, c))),
        tf.mul(n, tf.sum(tf.square(c))),
      ]);
      return tf.div(tf.add(tf.sub(stats.sumSquares, tf.mul(2, cross)), sq), n * p) as tf.Scalar;
    },
    save: () => variables.map((w) => Float32Array.from(w.dataSync() as Float32Array)),
    restore(weights) {
      variables.forEach((w, i) => tf.tidy(() => w.assign(tf.tensor(weights[i], w.shape))));
    },
    dispose() {
      for (const w of variables) w.dispose();
    },
  };
}
