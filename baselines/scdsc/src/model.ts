import {
  batchNorm, dense, gcn, studentT, tf, zinbDecoder, type Adjacency, type ApplyOptions, type Dense, type GraphLayer,
  type Layer, type Module, type ZinbDecoder, type ZinbOutput,
} from '@scbench/engine';
import type { Rng } from '@scbench/numerics';

/**
 * scDSC's network (DHUDBlab/scDSC@1247a63 MTAB/dsc_mtab.py lines 21–119): SDCN's autoencoder with BatchNorm after
 * every hidden linear layer, a ZINB head on the last decoder layer, and five GCN layers whose inputs mix the previous
 * GCN output with the matching AE hidden state at σ = 0.5. PyTorch's nn.Linear initialisation for the AE and heads,
 * Xavier-uniform without bias for the GCN layers (GNN.py lines 28–43).
 */
export interface SdcnForward {
  readonly xBar: tf.Tensor2D;
  readonly z: tf.Tensor2D;
  /** Student-t soft assignment of z to the cluster centres (ν = 1). */
  readonly q: tf.Tensor2D;
  /** Softmax of the last GCN layer: the read-out ("res2"). */
  readonly predict: tf.Tensor2D;
  readonly zinb: ZinbOutput;
}

export interface SdcnModel extends Module {
  readonly ae: Module;
  /** z = centres' space; set from k-means on the pre-trained z. */
  readonly centres: tf.Variable;
  autoencode(x: tf.Tensor2D, o: ApplyOptions): { xBar: tf.Tensor2D; z: tf.Tensor2D };
  forward(x: tf.Tensor2D, adj: Adjacency, o: ApplyOptions): SdcnForward;
  readonly zinbHead: ZinbDecoder;
}

interface Block { dense: Dense; norm: Layer }

function block(inDim: number, outDim: number, rng: Rng): Block {
  return { dense: dense(inDim, outDim, rng, { init: 'torch' }), norm: batchNorm(outDim) };
}

function run(b: Block, x: tf.Tensor2D, o: ApplyOptions): tf.Tensor2D {
  return tf.relu(b.norm.apply(b.dense.apply(x), o));
}

export function sdcnModel(genes: number, enc: readonly [number, number, number], latent: number, k: number, rng: Rng): SdcnModel {
  const [e1, e2, e3] = enc;
  const encoder = [block(genes, e1, rng), block(e1, e2, rng), block(e2, e3, rng)];
  const zLayer = dense(e3, latent, rng, { init: 'torch' });
  const decoder = [block(latent, e3, rng), block(e3, e2, rng), block(e2, e1, rng)];
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

  function aePass(x: tf.Tensor2D, o: ApplyOptions): { h: tf.Tensor2D[]; z: tf.Tensor2D; decH3: tf.Tensor2D; xBar: tf.Tensor2D } {
    const h: tf.Tensor2D[] = [];
    let t = x;
    for (const b of encoder) h.push((t = run(b, t, o)));
    const z = zLayer.apply(t);
    t = z;
    for (const b of decoder) t = run(b, t, o);
    return { h, z, decH3: t, xBar: xBarLayer.apply(t) };
  }

  return {
    ae,
    centres,
    zinbHead,
    variables: [...aeVars, ...gnn.flatMap((g) => [...g.variables]), ...zinbHead.variables, centres],
    state: ae.state,
    autoencode(x, o) {
      const { z, xBar } = aePass(x, o);
      return { z, xBar };
    },
    forward(x, adj, o) {
      const { h: [t1, t2, t3], z, decH3, xBar } = aePass(x, o);
      const sigma = 0.5;
      const mix = (g: tf.Tensor2D, a: tf.Tensor2D): tf.Tensor2D => tf.add(tf.mul(g, 1 - sigma), tf.mul(a, sigma));
      let g = gnn[0].apply(x, adj);
      g = gnn[1].apply(mix(g, t1), adj);
      g = gnn[2].apply(mix(g, t2), adj);
      g = gnn[3].apply(mix(g, t3), adj);
      g = gnn[4].apply(mix(g, z), adj);
      return { xBar, z, q: studentT(z, centres as tf.Variable<tf.Rank.R2>, 1), predict: tf.softmax(g), zinb: zinbHead.apply(decH3) };
    },
  };
}
