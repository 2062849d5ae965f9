/**
 * Start the linear autoencoder at its reconstruction optimum: for a linear AE the MSE is minimised exactly by the
 * top-L principal subspace of the centred input (Baldi & Hornik 1989), so this is where 200 epochs of Adam from
 * PyTorch's random init are heading — and on the shared datasets they do not get there (baron, scaled input: k-means
 * on the pre-trained code 0.64 ARI, on PCA 16 of the same data 0.80). The training objective is unchanged; only the
 * starting point moves, after which NCut, KL and alignment refine the code as before. Not the original (random init).
 *
 * The four layers are set so that h = (x − μ)·V and x̂ = μ + h·Vᵀ (V: genes × L, the principal axes): the encoder's
 * first layer holds V in its first L units and zeros elsewhere, the second layer picks those L units (identity), and
 * the decoder mirrors it. The other hidden units start at zero; gradients still reach every entry of the effective
 * maps W₁W₂ and W₃W₄, which are all the linear model is.
 */
import type { Matrix } from '@scbench/api';
import { tf } from '@scbench/engine';
import { pca } from '@scbench/numerics';
import { engineProduct } from './engine-product.ts';
import type { StructuralAutoencoder } from './model.ts';

export type AutoencoderInit = 'random' | 'pca';
export const AUTOENCODER_INITS: readonly AutoencoderInit[] = ['random', 'pca'];

export function initialiseAsPca(ae: StructuralAutoencoder, x: Matrix, seed: number): void {
  if (!ae.linear) throw new Error("aeInit 'pca' needs the linear autoencoder (activation 'linear'): a non-linear AE has no closed-form optimum — use aeInit 'random'");
  const [e1, e2] = ae.encoder;
  const [d1, d2] = ae.decoder;
  const p = x.cols;
  const hidden = e1.kernel.shape[1]!;
  const latent = e2.kernel.shape[1]!;
  if (latent > Math.min(x.rows, p)) throw new Error(`aeInit 'pca': a ${latent}-d code needs at least ${latent} cells and genes; the input is ${x.rows}×${p}`);
  const product = engineProduct(x);
  let axes: Matrix;
  let mean: Float64Array;
  try {
    ({ components: axes, mean } = pca(x, latent, { seed, product: product.product }));
  } finally {
    product.dispose();
  }
  const w1 = new Float32Array(p * hidden); // p × hidden, V in columns 0..L-1
  const w4 = new Float32Array(hidden * p); // hidden × p, Vᵀ in rows 0..L-1
  for (let j = 0; j < latent; j++) {
    for (let g = 0; g < p; g++) {
      const v = axes.data[j * p + g];
      w1[g * hidden + j] = v;
      w4[j * p + g] = v;
    }
  }
  const pick = new Float32Array(hidden * latent); // hidden × L: the identity on the first L units
  const spread = new Float32Array(latent * hidden); // L × hidden
  for (let j = 0; j < latent; j++) {
    pick[j * latent + j] = 1;
    spread[j * hidden + j] = 1;
  }
  const codeBias = new Float32Array(latent); // −μ·V: the code is centred, as PCA scores
  for (let j = 0; j < latent; j++) {
    let s = 0;
    for (let g = 0; g < p; g++) s += mean[g] * axes.data[j * p + g];
    codeBias[j] = -s;
  }
  const set = (v: tf.Variable | null, data: Float32Array): void => {
    if (v) tf.tidy(() => v.assign(tf.tensor(data, v.shape)));
  };
  set(e1.kernel, w1);
  set(e1.bias, new Float32Array(hidden));
  set(e2.kernel, pick);
  set(e2.bias, codeBias);
  set(d1.kernel, spread);
  set(d1.bias, new Float32Array(hidden));
  set(d2.kernel, w4);
  set(d2.bias, Float32Array.from(mean));
}
