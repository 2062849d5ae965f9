import { beforeAll, describe, expect, it } from '@jest/globals';
import { testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { initEngine, tf } from '@scbench/engine';
import { scoreAll } from '@scbench/metrics';
import { structuralGraph } from './graphs.ts';
import { structuralInput } from './preprocess.ts';
import { trainStructural, type StructuralTrainOptions } from './train.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

// Raw counts go straight in (as the original): planted groups need clear markers to dominate library size.
const { dataset, truth } = synthetic({ cells: 300, genes: 200, groups: 3, seed: 4, logFoldChange: 3, markerFraction: 0.1 });
const { x } = structuralInput(dataset);

const opts: StructuralTrainOptions = {
  k: 3, pretrainEpochs: 15, trainEpochs: 15, lr: 1e-3, weightDecay: 1e-4,
  weights: { mse: 0.3, cov: 0.15, ort: 0.32, kl: 0.32 }, power: 5,
  trainNormalise: 'row+column', targetSchedule: 'paper', klForm: 'paper', clusterRefresh: 'restart', nInit: 3,
  matchClusters: false, pretrainCheckpoint: 'last', autoencoder: { hidden: 32 },
};

async function run(seed: number, o: Partial<StructuralTrainOptions> = {}, form: 'factored' | 'sparse' = 'factored') {
  const graph = structuralGraph(x, { form, balancer: 0.21, k: 10, knnPcs: 0 });
  const ctx = testContext(seed, false);
  const start = tf.memory().numTensors;
  const res = await trainStructural(x, graph, { ...opts, ...o }, ctx);
  expect(tf.memory().numTensors).toBe(start);
  graph.dispose();
  return { res, ctx };
}

describe('trainStructural', () => {
  it('separates planted groups, snapshots and logs every epoch, and leaks no tensors', async () => {
    const { res, ctx } = await run(1);
    expect(scoreAll(truth.labels, res.labels).ari).toBeGreaterThan(0.7);
    expect(ctx.snapshots.map((s) => s.epoch)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(Array.from(ctx.snapshots[14].labels)).toEqual(Array.from(res.labels));
    const pre = ctx.events.filter((e) => e.event === 'pretrain');
    const train = ctx.events.filter((e) => e.event === 'train');
    expect(pre).toHaveLength(15);
    expect(Object.keys(train[0].values).sort()).toEqual(['cov', 'epoch', 'kl', 'mse', 'ort', 'total']);
    expect(train.every((e) => Object.values(e.values).every(Number.isFinite))).toBe(true);
    expect(res.train.targetRefreshes).toBe(9);
    expect(res.embedding.rows).toBe(300);
  });

  it('is deterministic for a seed', async () => {
    const a = await run(7, { pretrainEpochs: 4, trainEpochs: 4 });
    const b = await run(7, { pretrainEpochs: 4, trainEpochs: 4 });
    expect(Array.from(a.res.labels)).toEqual(Array.from(b.res.labels));
    expect(Array.from(a.res.embedding.data)).toEqual(Array.from(b.res.embedding.data));
  });

  it('runs the corrected switches on the sparse graph with a label-free checkpoint', async () => {
    const { res } = await run(2, {
      targetSchedule: 'every10', klForm: 'kl', clusterRefresh: 'warm', matchClusters: true, pretrainCheckpoint: 'min-loss',
    }, 'sparse');
    expect(scoreAll(truth.labels, res.labels).ari).toBeGreaterThan(0.7);
    expect(res.train.targetRefreshes).toBe(2);
    expect(res.pretrain.checkpoint).toBeGreaterThanOrEqual(1);
  });

  it('shows every pre-train z to an observer without changing training; 0 train epochs returns the checkpoint', async () => {
    const seen: { epoch: number; rows: number; cols: number; data: Float32Array }[] = [];
    const graph = structuralGraph(x, { form: 'factored', balancer: 0.21 });
    const o = { ...opts, pretrainEpochs: 5, trainEpochs: 0 };
    const watched = await trainStructural(x, graph, o, testContext(6, false), {
      afterPretrainEpoch: (epoch, z) => void seen.push({ epoch, rows: z.rows, cols: z.cols, data: Float32Array.from(z.data) }),
    });
    const plain = await trainStructural(x, graph, o, testContext(6, false));
    graph.dispose();
    expect(seen.map((s) => s.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.every((s) => s.rows === 300 && s.cols === 16 && s.data.length === 300 * 16)).toBe(true);
    expect(seen[4].data).not.toEqual(seen[3].data);
    // The last z seen is the checkpoint's, which k-means clustered for the returned labels.
    expect(Array.from(watched.embedding.data)).toEqual(Array.from(seen[4].data));
    expect(Array.from(plain.embedding.data)).toEqual(Array.from(watched.embedding.data));
    expect(Array.from(watched.labels)).toEqual(Array.from(plain.labels));
    expect(watched.train.epochs).toBe(0);
  });

  it('takes hooks: an extra loss part, extra variables and a read-out space for Q and k-means', async () => {
    const graph = structuralGraph(x, { form: 'factored', balancer: 0.21 });
    const ctx = testContext(3, false);
    const head = tf.variable(tf.eye(16).slice([0, 0], [16, 8]) as tf.Tensor2D);
    const start = tf.memory().numTensors;
    const res = await trainStructural(x, graph, { ...opts, pretrainEpochs: 3, trainEpochs: 3 }, ctx, {
      variables: [head],
      weights: { extra: 0.1 },
      readout: ({ z }) => tf.matMul(z, head),
      trainParts: ({ z }) => ({ extra: tf.mean(tf.square(tf.matMul(z, head))) as tf.Scalar }),
    });
    expect(tf.memory().numTensors).toBe(start);
    expect(res.embedding.cols).toBe(8);
    expect(res.centres.cols).toBe(8);
    expect(ctx.events.filter((e) => e.event === 'train').every((e) => Number.isFinite(e.values.extra))).toBe(true);
    head.dispose();
    graph.dispose();
  });
});
