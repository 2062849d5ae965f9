import type { Context, Matrix } from '@scbench/api';
import { dense, disposeModules, fit, predict, tf, variablesOf, type Dense, type Optimizer } from '@scbench/engine';
import type { Rng } from '@scbench/numerics';

/**
 * scGNN's feature autoencoder (juexinwang/scGNN@09ac50b model.py lines 5–25): D → 512 → 128 → 512 → D, ReLU after
 * every layer including the output, PyTorch's nn.Linear initialisation. Its loss without LTMG (`--regulized-type
 * noregu`, the default) is gammaPara · Σ(x̂ − x)² (reduction 'sum', util_function.py lines 276–291) plus
 * L1Para · Σ|θ| over every parameter (scGNN.py lines 300–307).
 */
export interface FeatureAe {
  readonly layers: readonly Dense[];
  readonly variables: tf.Variable[];
  encode(x: tf.Tensor2D): tf.Tensor2D;
  forward(x: tf.Tensor2D): { recon: tf.Tensor2D; z: tf.Tensor2D };
}

export function featureAe(genes: number, rng: Rng): FeatureAe {
  const o = { init: 'torch', activation: 'relu' } as const;
  const layers = [dense(genes, 512, rng, o), dense(512, 128, rng, o), dense(128, 512, rng, o), dense(512, genes, rng, o)];
  const encode = (x: tf.Tensor2D): tf.Tensor2D => layers[1].apply(layers[0].apply(x));
  return {
    layers,
    variables: variablesOf(...layers),
    encode,
    forward(x) {
      const z = encode(x);
      return { z, recon: layers[3].apply(layers[2].apply(z)) };
    },
  };
}

export interface AeTraining {
  readonly epochs: number;
  readonly batchSize: number;
  readonly gamma: number;
  readonly l1: number;
  /** The one Adam the original creates (scGNN.py line 212) and keeps across every phase. */
  readonly optimizer: Optimizer;
}

/** `epochs` epochs of the original's `train()` on the rows of `x`, in order (its DataLoader does not shuffle). */
export async function trainAe(ae: FeatureAe, x: Matrix, t: AeTraining, name: string, ctx: Context): Promise<number> {
  const xt = tf.tensor2d(x.data, [x.rows, x.cols]);
  try {
    const report = await fit(ae, {
      rows: x.rows,
      phases: [{
        name,
        epochs: t.epochs,
        batchSize: t.batchSize,
        shuffle: false,
        optimizer: t.optimizer,
        loss: (step) => {
          const xb = step.take(xt);
          const { recon } = ae.forward(xb);
          return {
            mse: tf.mul(tf.sum(tf.squaredDifference(recon, xb)), t.gamma) as tf.Scalar,
            l1: tf.mul(tf.addN(ae.variables.map((v) => tf.sum(tf.abs(v)))), t.l1) as tf.Scalar,
          };
        },
      }],
    }, ctx);
    return report.seconds;
  } finally {
    xt.dispose();
  }
}

/** The embedding and reconstruction of every row (read after the last step). */
export function aeOutputs(ae: FeatureAe, x: Matrix): { z: Matrix; recon: Matrix } {
  const xt = tf.tensor2d(x.data, [x.rows, x.cols]);
  try {
    const z = predict(xt, (b) => ae.encode(b));
    const recon = predict(xt, (b) => ae.forward(b).recon);
    return { z, recon };
  } finally {
    xt.dispose();
  }
}

export function disposeAe(ae: FeatureAe): void {
  disposeModules(...ae.layers);
}
