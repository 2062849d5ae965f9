import {
  batchNorm, dense, gcn, mse, recomputed, recomputedRowChunks, studentT, tf, zinbDecoder, type Adjacency, type ApplyOptions, type Dense,
  type GraphLayer, type Layer, type Module,
} from '@scbench/engine';
import type { Rng } from '@scbench/numerics';

/**
 * scDSC's network (DHUDBlab/scDSC@1247a63 MTAB/dsc_mtab.py lines 21–119): SDCN's autoencoder with BatchNorm after
 * every hidden linear layer, a ZINB head on the last decoder layer, and five GCN layers whose inputs mix the previous
 * GCN output with the matching AE hidden state at σ = 0.5. PyTorch's nn.Linear initialisation for the AE and heads,
 * Xavier-uniform without bias for the GCN layers (GNN.py lines 28–43).
 */

/** The full-batch training pass: the soft assignments and the reconstruction losses, already reduced. */
export interface SdcnTrainingPass {
  readonly z: tf.Tensor2D;
  /** Student-t soft assignment of z to the cluster centres (ν = 1). */
  readonly q: tf.Tensor2D;
  /** Softmax of the last GCN layer: the read-out ("res2"). */
  readonly predict: tf.Tensor2D;
  /** MSE(x̄, x). */
  readonly mse: tf.Scalar;
  /** ZINB NLL of the counts. */
  readonly zinb: tf.Scalar;
}

export interface SdcnModel extends Module {
  readonly ae: Module;
  /** z = centres' space; set from k-means on the pre-trained z. */
  readonly centres: tf.Variable;
  /** The autoencoder alone (pre-training on mini-batches). */
  autoencode(x: tf.Tensor2D, o: ApplyOptions): { xBar: tf.Tensor2D; z: tf.Tensor2D };
  /** z of every cell without the decoder (k-means initialisation); no gradient. */
  embed(x: tf.Tensor2D, o: ApplyOptions): tf.Tensor2D;
  /** The GCN softmax of every cell, the read-out, without the decoder and heads; no gradient. */
  readout(x: tf.Tensor2D, adj: Adjacency, o: ApplyOptions): tf.Tensor2D;
  /**
   * The full-batch training step's forward pass (training mode) with the reconstruction losses. With `recompute`,
   * every block (Linear → BatchNorm → ReLU, each GCN layer) is a gradient checkpoint and the heads' losses are
   * checkpointed in row chunks (engine `recomputed`, `recomputedRowChunks`): the tape keeps the blocks' outputs only,
   * and the backward pass runs each block once more. The gradients are the same up to float rounding.
   */
  trainingPass(x: tf.Tensor2D, counts: tf.Tensor2D, sizeFactors: tf.Tensor1D, adj: Adjacency, recompute: boolean): SdcnTrainingPass;
}

interface Block { dense: Dense; norm: Layer }

function blockVars(b: Block): tf.Variable[] {
  return [...b.dense.variables, ...b.norm.variables];
}

function linearBlock(inDim: number, outDim: number, rng: Rng): Block {
  return { dense: dense(inDim, outDim, rng, { init: 'torch' }), norm: batchNorm(outDim) };
}

function run(b: Block, x: tf.Tensor2D, o: ApplyOptions): tf.Tensor2D {
  return tf.relu(b.norm.apply(b.dense.apply(x), o));
}

/** f() in its own tidy, freeing `prev` once f's value exists. */
function replacing(prev: tf.Tensor2D, f: () => tf.Tensor2D): tf.Tensor2D {
  const out = tf.tidy(f);
  prev.dispose();
  return out;
}

const TRAIN: ApplyOptions = { training: true };
const TRAIN_AGAIN: ApplyOptions = { training: true, updateStatistics: false };
/** Rows per checkpoint of the reconstruction heads (1,024 × 2,000 genes: 8 MB per temporary). */
const HEAD_CHUNK = 1024;

/** f(inputs) as a gradient checkpoint when `on`, plainly otherwise. */
function block<T extends tf.Tensor>(on: boolean, f: (inputs: tf.Tensor[], again: boolean) => T, inputs: tf.Tensor[], vars: readonly tf.Variable[]): T {
  return on ? recomputed(f, inputs, vars) : f(inputs, false);
}

export function sdcnModel(genes: number, enc: readonly [number, number, number], latent: number, k: number, rng: Rng): SdcnModel {
  const [e1, e2, e3] = enc;
  const encoder = [linearBlock(genes, e1, rng), linearBlock(e1, e2, rng), linearBlock(e2, e3, rng)];
  const zLayer = dense(e3, latent, rng, { init: 'torch' });
  const decoder = [linearBlock(latent, e3, rng), linearBlock(e3, e2, rng), linearBlock(e2, e1, rng)];
  const xBarLayer = dense(e1, genes, rng, { init: 'torch' });
  const gnn: GraphLayer[] = [
    gcn(genes, e1, rng, { activation: 'relu' }),
    gcn(e1, e2, rng, { activation: 'relu' }),
    gcn(e2, e3, rng, { activation: 'relu' }),
    gcn(e3, latent, rng, { activation: 'relu' }),
    gcn(latent, k, rng),
  ];
  const zinbHead = zinbDecoder(e1, genes, rng, { init: 'torch' });
  const centres = tf.tidy(() => tf.variable(tf.zeros([k, latent]), true));
  const blocks = [...encoder, ...decoder];
  const aeVars = [...blocks.flatMap((b) => [...b.dense.variables, ...b.norm.variables]), ...zLayer.variables, ...xBarLayer.variables];
  const ae: Module = { variables: aeVars, state: blocks.flatMap((b) => [...(b.norm.state ?? [])]) };

  /** [h1, h2, h3, z] of every cell, each block in its own tidy: the read-outs (no tape) hold one block's temporaries. */
  function encoderStates(x: tf.Tensor2D, o: ApplyOptions): tf.Tensor2D[] {
    const states: tf.Tensor2D[] = [];
    let t = x;
    for (const b of encoder) states.push((t = tf.tidy(() => run(b, t, o))));
    states.push(tf.tidy(() => zLayer.apply(t)));
    return states;
  }

  /** The five GCN layers; layer i > 0 takes (1 − σ)·(previous GCN output) + σ·(AE state i), σ = 0.5. */
  function graphPass(x: tf.Tensor2D, states: readonly tf.Tensor2D[], adj: Adjacency, recompute: boolean): tf.Tensor2D {
    const sigma = 0.5;
    let g = tf.tidy(() => block(recompute, () => gnn[0].apply(x, adj), [], gnn[0].variables));
    for (let i = 1; i < gnn.length; i++) {
      const layer = gnn[i];
      const mixIn = (prev: tf.Tensor, a: tf.Tensor): tf.Tensor2D => tf.add(tf.mul(prev, 1 - sigma), tf.mul(a, sigma)) as tf.Tensor2D;
      // Each layer in its own tidy, the previous output freed: a tape keeps its own references to what it needs.
      g = replacing(g, () => block(recompute, ([prev, a]) => layer.apply(mixIn(prev, a), adj), [g, states[i - 1]], layer.variables));
    }
    return g;
  }

  return {
    ae,
    centres,
    variables: [...aeVars, ...gnn.flatMap((g) => [...g.variables]), ...zinbHead.variables, centres],
    state: ae.state,
    autoencode(x, o) {
      let t = x;
      for (const b of encoder) t = run(b, t, o);
      const z = zLayer.apply(t);
      t = z;
      for (const b of decoder) t = run(b, t, o);
      return { z, xBar: xBarLayer.apply(t) };
    },
    embed(x, o) {
      const states = encoderStates(x, o);
      tf.dispose(states.slice(0, -1));
      return states[states.length - 1];
    },
    readout(x, adj, o) {
      const states = encoderStates(x, o);
      const g = graphPass(x, states, adj, false);
      tf.dispose(states);
      const out = tf.softmax(g);
      g.dispose();
      return out;
    },
    trainingPass(x, counts, sizeFactors, adj, recompute) {
      const h: tf.Tensor2D[] = [];
      let t = x;
      for (const [i, b] of encoder.entries()) {
        // The first block's input is the data (a constant, in f's closure): only the variables get gradients.
        const ins = i === 0 ? [] : [t];
        h.push((t = block(recompute, (a, again) => run(b, i === 0 ? x : (a[0] as tf.Tensor2D), again ? TRAIN_AGAIN : TRAIN), ins, blockVars(b))));
      }
      const z = zLayer.apply(t);
      t = z;
      for (const b of decoder) t = block(recompute, (a, again) => run(b, a[0] as tf.Tensor2D, again ? TRAIN_AGAIN : TRAIN), [t], blockVars(b));
      const decH3 = t;
      // The heads are row-local: with recompute, their losses are checkpointed in row chunks (engine
      // recomputedRowChunks), so the backward pass holds one chunk's N×G temporaries at a time.
      const rows = (all: tf.Tensor, start: number, size: number): tf.Tensor2D =>
        (all.rank === 1 ? tf.slice(all, [start], [size]) : tf.slice(all, [start, 0], [size, all.shape[1]!])) as tf.Tensor2D;
      const mseLoss = recompute
        ? recomputedRowChunks(([a], start, size) => mse(xBarLayer.apply(a), rows(x, start, size)), [decH3], xBarLayer.variables, HEAD_CHUNK)
        : mse(xBarLayer.apply(decH3), x);
      const zinbLoss = recompute
        ? recomputedRowChunks(
          ([a], start, size) => zinbHead.loss(rows(counts, start, size), zinbHead.apply(a), rows(sizeFactors, start, size)),
          [decH3], zinbHead.variables, HEAD_CHUNK,
        )
        : zinbHead.loss(counts, zinbHead.apply(decH3), sizeFactors);
      const g = graphPass(x, [h[0], h[1], h[2], z], adj, recompute);
      return { z, q: studentT(z, centres as tf.Variable<tf.Rank.R2>, 1), predict: tf.softmax(g), mse: mseLoss, zinb: zinbLoss };
    },
  };
}
