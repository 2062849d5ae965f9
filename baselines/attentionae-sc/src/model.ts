import {
  batchNorm, clampedExp, crossAttention, dense, gaussianNoise, gcn, tf, type Adjacency, type ApplyOptions, type Layer, type Module,
} from '@scbench/engine';
import type { Rng } from '@scbench/numerics';

/**
 * AttentionAE-sc's network (LiShenghao813/AttentionAE-sc@8bfbbb8 model.py lines 104–149), sizes 256 / 64 / z:
 *   h1 = BN(ReLU(enc1(noise(x))));  g1 = tanh(Â·h1·W1);  g2 = tanh(Â·g1·W2)
 *   h2 = BN(ReLU(enc2(noise(h1))));  h2 = attn1(h2, g1) + h2
 *   z  = zLayer(noise(h2));          z  = attn2(z, g2) + z
 *   decoder z → 64 → 256 (ReLU) → ZINB heads (π sigmoid, mean exp clamped [1e-5, 1e4], dispersion softplus [1e-4, 1e3])
 *   GAE: Â_pred = sigmoid(g2·g2ᵀ)
 * `attn(a, g)` takes keys and values from the AE features a and queries from the GCN features g (AttentionWide(x, y)).
 * Noise is relative, x + 0.1·x·ε (GaussianNoise with is_relative_detach). The ReLU comes before the BatchNorm, as
 * written. PyTorch's Linear initialisation; Xavier-uniform, bias-free GCN weights.
 */
export interface AttentionForward {
  readonly z: tf.Tensor2D;
  /** The GCN branch's last layer (the GAE decoder reads g2·g2ᵀ). */
  readonly g2: tf.Tensor2D;
  readonly pi: tf.Tensor2D;
  readonly mean: tf.Tensor2D;
  readonly dispersion: tf.Tensor2D;
}

export interface AttentionModel extends Module {
  forward(x: tf.Tensor2D, adj: Adjacency, o: ApplyOptions & { queryBlock?: number }): AttentionForward;
  /** The encoder half of `forward` (z and g2, the same values and noise draws): the read-out needs no ZINB heads. */
  encode(x: tf.Tensor2D, adj: Adjacency, o: ApplyOptions & { queryBlock?: number }): Pick<AttentionForward, 'z' | 'g2'>;
  /** What the original's clustering stage optimises: enc_1, enc_2, attn1, attn2, gnn_1, gnn_2, z_layer. */
  readonly encoderVariables: readonly tf.Variable[];
}

export function attentionModel(genes: number, latent: number, heads: number, rng: Rng): AttentionModel {
  const enc1 = dense(genes, 256, rng, { init: 'torch' });
  const bn1 = batchNorm(256);
  const enc2 = dense(256, 64, rng, { init: 'torch' });
  const bn2 = batchNorm(64);
  const zLayer = dense(64, latent, rng, { init: 'torch' });
  const dec1 = dense(latent, 64, rng, { init: 'torch', activation: 'relu' });
  const dec2 = dense(64, 256, rng, { init: 'torch', activation: 'relu' });
  const piHead = dense(256, genes, rng, { init: 'torch', activation: 'sigmoid' });
  const dispHead = dense(256, genes, rng, { init: 'torch' });
  const meanHead = dense(256, genes, rng, { init: 'torch' });
  const gnn1 = gcn(256, 64, rng, { activation: 'tanh' });
  const gnn2 = gcn(64, latent, rng, { activation: 'tanh' });
  const attn1 = crossAttention(64, rng, { heads });
  const attn2 = crossAttention(latent, rng, { heads });
  const noise: Layer = gaussianNoise(0.1, rng, true);
  const encoderParts: Module[] = [enc1, enc2, attn1, attn2, gnn1, gnn2, zLayer];
  const all: Module[] = [...encoderParts, bn1, bn2, dec1, dec2, piHead, dispHead, meanHead];
  const encode: AttentionModel['encode'] = (x, adj, o) => {
    const h1 = bn1.apply(tf.relu(enc1.apply(noise.apply(x, o))), o);
    const g1 = gnn1.apply(h1, adj);
    const g2 = gnn2.apply(g1, adj);
    let h2 = bn2.apply(tf.relu(enc2.apply(noise.apply(h1, o))), o);
    h2 = tf.add(attn1.apply(h2, g1, o), h2);
    let z = zLayer.apply(noise.apply(h2, o));
    z = tf.add(attn2.apply(z, g2, o), z);
    return { z, g2 };
  };
  return {
    variables: all.flatMap((m) => [...m.variables]),
    state: [bn1, bn2].flatMap((m) => [...(m.state ?? [])]),
    encoderVariables: encoderParts.flatMap((m) => [...m.variables]),
    encode,
    forward(x, adj, o) {
      const { z, g2 } = encode(x, adj, o);
      const d = dec2.apply(dec1.apply(z));
      return {
        z,
        g2,
        pi: piHead.apply(d),
        mean: clampedExp(meanHead.apply(d), 1e-5, 1e4) as tf.Tensor2D,
        dispersion: tf.clipByValue(tf.softplus(dispHead.apply(d)), 1e-4, 1e3) as tf.Tensor2D,
      };
    },
  };
}

/** The GAE term: mean over all N² pairs of (sigmoid(g2·g2ᵀ) − target)², target the cells' distance matrix. */
export function graphReconstruction(g2: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.squaredDifference(tf.sigmoid(tf.matMul(g2, g2, false, true)), target)) as tf.Scalar;
}
