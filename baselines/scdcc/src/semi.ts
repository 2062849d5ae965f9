import { defineParams, defineSemiSupervised, positiveInt, real, type Clustering, type Context, type Dataset, type PartialTruth } from '@scbench/api';
import { runScDeepCluster, scdeepcluster, SCDEEPCLUSTER_PARAMS, type ScDeepClusterModel } from '@scbench/baseline-scdeepcluster';
import { tf, type DecStageOptions } from '@scbench/engine';
import { randomPairs } from './constraints.ts';
import { cannotLinkLoss, mustLinkLoss } from './pairwise-loss.ts';
import { SCDCC_REFERENCE } from './reference.ts';

type ExtraStep = ReturnType<NonNullable<DecStageOptions['afterEpochSteps']>>[number];

/**
 * scDCC with its pairwise constraints: semi-supervised. The runner hands it the labels of a random 10 % of the cells
 * (scDCC_pairwise.py:30, 80-82: label_cells 0.1, ceil of a shuffle), it draws `nPairwise` must-link / cannot-link
 * pairs among them (utils.py:35-82) and, after each clustering epoch, takes one Adadelta step per batch of 256 pairs:
 * must-links on mlWeight·ML + the ZINB loss of both cells' noisy reconstructions, then cannot-links on clWeight·CL
 * (scDCC.py:242-279). Scored by the runner on the other 90 % only, and never ranked with unsupervised methods.
 */
export const SCDCC_SEMI_PARAMS = defineParams({
  ...SCDEEPCLUSTER_PARAMS.rules,
  /** Constraints drawn among the labelled cells (the paper's runs: 1,000; scDCC_pairwise.py's CLI default is 0). */
  nPairwise: positiveInt(1000),
  /** Weight of the must-link loss (ml_weight). */
  mlWeight: real(1, { min: 0 }),
  /** Weight of the cannot-link loss; scDCC_pairwise.py:103 passes ml_weight here (the same at the defaults, 1). */
  clWeight: real(1, { min: 0 }),
});

export type ScDccSemiParams = typeof SCDCC_SEMI_PARAMS.defaults;

/** Seed of the pair draw, apart from the model's stream. */
const PAIRS_SALT = 0x5cdcc;

function batchesOf(a: Int32Array, b: Int32Array, size: number): [Int32Array, Int32Array][] {
  const out: [Int32Array, Int32Array][] = [];
  for (let s = 0; s < a.length; s += size) out.push([a.subarray(s, s + size), b.subarray(s, s + size)]);
  return out;
}

/** The constraint steps of one epoch on the built model: must-link batches, then cannot-link batches. */
export function constraintSteps(m: ScDeepClusterModel, pairs: ReturnType<typeof randomPairs>, p: ScDccSemiParams): ExtraStep[] {
  const rowsOf = (idx: Int32Array) => {
    const i = tf.tensor1d(idx, 'int32');
    return { x: tf.gather(m.x, i), counts: tf.gather(m.counts, i), sf: tf.gather(m.sizeFactors, i) };
  };
  const ml: ExtraStep[] = batchesOf(pairs.ml1, pairs.ml2, p.batchSize).map(([i1, i2]) => (assign) => {
    const [a, b] = [rowsOf(i1), rowsOf(i2)];
    // q from the clean bottleneck, ZINB from the noisy pass, as scDCC's forward (scDCC.py:68-79)
    const zinb = (r: typeof a) => m.ae.zinb.loss(r.counts, m.ae.decode(m.ae.encode(r.x, { training: true }), { training: true }), r.sf, p.ridge);
    const loss = mustLinkLoss(assign(m.ae.encode(a.x, { training: false })), assign(m.ae.encode(b.x, { training: false })));
    return { ml: tf.mul(p.mlWeight, loss) as tf.Scalar, zinb1: zinb(a), zinb2: zinb(b) };
  });
  const cl: ExtraStep[] = batchesOf(pairs.cl1, pairs.cl2, p.batchSize).map(([i1, i2]) => (assign) => {
    const [a, b] = [rowsOf(i1), rowsOf(i2)];
    const loss = cannotLinkLoss(assign(m.ae.encode(a.x, { training: false })), assign(m.ae.encode(b.x, { training: false })));
    return { cl: tf.mul(p.clWeight, loss) as tf.Scalar };
  });
  return [...ml, ...cl];
}

export const scdccSemi = defineSemiSupervised({
  id: 'scdcc-semi',
  label: 'scDCC (semi-supervised: 10 % labelled)',
  summary: 'SEMI-SUPERVISED scDCC: handed the labels of 10 % of cells, 1,000 must-link/cannot-link pairs among them; scored on the other 90 %, never ranked with unsupervised methods',
  reference: SCDCC_REFERENCE,
  kind: 'deep',
  // One run on a cluster (Slurm executor): scDeepCluster's network and schedule, so its hint.
  resources: scdeepcluster.resources,
  supervision: { kind: 'semi', labelFraction: 0.1 },
  defaults: SCDCC_SEMI_PARAMS.defaults,
  paramRules: SCDCC_SEMI_PARAMS.rules,
  smoke: { pretrainEpochs: 2, maxEpochs: 2, encoder: '16,8', decoder: '8,16', latent: 4, nInit: 2, nPairwise: 40 },
  quick: { pretrainEpochs: 30, maxEpochs: 20 },
  run: (data: Dataset, p: ScDccSemiParams, ctx: Context, labelled: PartialTruth): Promise<Clustering> => {
    const pairs = randomPairs(labelled, p.nPairwise, (ctx.seed ^ PAIRS_SALT) >>> 0);
    // γ once, as scdcc; the constraint steps follow each epoch's KL + ZINB batches with the same Adadelta
    return runScDeepCluster(data, p, ctx, p.gamma, (m) => () => constraintSteps(m, pairs, p)).then((out) => ({
      ...out,
      info: { ...out.info, labelledCells: labelled.cells.length, mustLinks: pairs.ml1.length, cannotLinks: pairs.cl1.length },
    }));
  },
});
