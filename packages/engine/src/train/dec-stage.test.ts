import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { dense } from '../layers/dense.ts';
import { disposeModules } from '../layers/layer.ts';
import { mse } from '../losses/reconstruction.ts';
import { createRng } from '@scbench/numerics';
import { testContext } from '../testing/context.ts';
import { decStage, type DecStageOptions } from './dec-stage.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

/** Three separated blobs of 30 points in 5-D; the truth is row ÷ 30 (used only to check the result). */
function blobs(seed: number): { x: tf.Tensor2D; truth: Int32Array } {
  const rng = createRng(seed, 'mulberry32');
  const n = 90;
  const v = new Float32Array(n * 5);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = Math.floor(i / 30);
    for (let j = 0; j < 5; j++) v[i * 5 + j] = (j === truth[i] ? 6 : 0) + rng.normal();
  }
  return { x: tf.tensor2d(v, [n, 5]), truth };
}

/** Each predicted cluster holds one true group and each true group one cluster. */
function sameGroups(a: Int32Array, b: Int32Array): boolean {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((map.get(a[i]) ?? b[i]) !== b[i] || (back.get(b[i]) ?? a[i]) !== a[i]) return false;
    map.set(a[i], b[i]);
    back.set(b[i], a[i]);
  }
  return true;
}

async function run(seed: number, extra: Partial<DecStageOptions> = {}) {
  const { x, truth } = blobs(4);
  const enc = dense(5, 3, createRng(seed, 'mulberry32'));
  const ctx = testContext(seed);
  const start = tf.memory().numTensors;
  const res = await decStage({
    k: 3,
    x,
    encode: (b) => enc.apply(b),
    train: (s) => ({ z: enc.apply(s.take(x)) }),
    variables: enc.variables,
    optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
    batchSize: 32,
    shuffle: false,
    maxIter: 60,
    updateInterval: 10,
    unit: 'iterations',
    tol: 0.001,
    ...extra,
  }, ctx);
  const leaked = tf.memory().numTensors - start;
  x.dispose();
  disposeModules(enc);
  return { res, ctx, truth, leaked };
}

describe('decStage', () => {
  it('recovers separated groups, refreshes every updateInterval iterations with a snapshot each, leaks nothing', async () => {
    const { res, ctx, truth, leaked } = await run(1, { tol: 0 });
    expect(leaked).toBe(0);
    expect(sameGroups(res.labels, truth)).toBe(true);
    // tol 0 never stops: refreshes at iterations 0, 10, …, 50; 60 steps in all
    expect(res.refreshes).toBe(6);
    expect(ctx.snapshots.map((s) => s.epoch)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(res.iterations).toBe(60);
    expect(res.converged).toBe(false);
    expect(res.embedding.rows).toBe(90);
    expect(res.centres.rows).toBe(3);
    // KL is logged per epoch under the phase name
    expect(ctx.logs.some((l) => l.event === 'cluster' && l.values!.kl !== undefined)).toBe(true);
  });

  it('stops on the label-change tolerance at the second refresh when labels are stable', async () => {
    const { res } = await run(1, { tol: 0.5 });
    expect(res.converged).toBe(true);
    expect(res.refreshes).toBe(2);
    expect(res.iterations).toBe(10);
    expect(res.lastDelta).toBeLessThan(0.5);
  });

  it('epoch unit refreshes at epoch starts; same seed gives the same result; a z that ignores the encoder is refused', async () => {
    const a = await run(2, { unit: 'epochs', maxIter: 4, updateInterval: 2, tol: 0 });
    expect(a.ctx.snapshots.map((s) => s.epoch)).toEqual([0, 2]);
    expect(a.res.epochs).toBe(4);
    expect(a.res.iterations).toBe(12);
    const b = await run(2, { unit: 'epochs', maxIter: 4, updateInterval: 2, tol: 0 });
    expect(Array.from(b.res.centres.data)).toEqual(Array.from(a.res.centres.data));
    const withRec = await run(2, {
      unit: 'epochs', maxIter: 2, updateInterval: 1, tol: 0,
      train: (s) => ({ z: tf.zeros([s.rows!.length, 3]) as tf.Tensor2D, parts: { rec: mse(tf.ones([2, 2]), tf.ones([2, 2])) } }),
    }).catch((e: Error) => e);
    // z not depending on the encoder leaves its variables without a gradient: fit says so
    expect(withRec).toBeInstanceOf(Error);
  });

  it('afterEpochSteps: extra steps after each trained epoch share the optimiser, may leave variables unreached, leak nothing', async () => {
    const calls: number[] = [];
    const base = { unit: 'epochs', maxIter: 3, updateInterval: 1, tol: 0 } as const;
    const plain = await run(3, base);
    const withSteps = await run(3, {
      ...base,
      afterEpochSteps: (epoch) => {
        calls.push(epoch);
        // must-link between a cell of group 0 and one of group 1, as scDCC's ML loss: -log Σ_k q1k q2k
        const pull = (assign: (z: tf.Tensor2D) => tf.Tensor2D) => {
          const q = assign(tf.tensor2d([[6, 0, 0], [0, 6, 0]]) as tf.Tensor2D); // a fixed z: only the centres are reached
          return { ml: tf.neg(tf.log(tf.sum(tf.mul(q.slice([0, 0], [1, 3]), q.slice([1, 0], [1, 3]))))) as tf.Scalar };
        };
        // a part only some steps return is averaged over those steps: `two` logs 2, not 2 / 3
        const two = (assign: (z: tf.Tensor2D) => tf.Tensor2D) => ({ two: tf.add(tf.mul(0, tf.sum(assign(tf.tensor2d([[6, 0, 0]])))), 2) as tf.Scalar });
        return [pull, pull, two];
      },
    });
    expect(withSteps.leaked).toBe(0);
    expect(calls).toEqual([1, 2, 3]);
    const extra = withSteps.ctx.logs.filter((l) => l.event === 'cluster-extra');
    expect(extra.map((l) => [l.values!.epoch, l.values!.steps])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(extra[0].values!.ml).toBeGreaterThan(0);
    expect(extra[0].values!.two).toBe(2);
    // the steps moved the centres
    expect(Array.from(withSteps.res.centres.data)).not.toEqual(Array.from(plain.res.centres.data));
  });

  it('given centres skip k-means; bad options are refused with the name of the option', async () => {
    const centres = { rows: 3, cols: 3, data: new Float32Array(9) };
    await expect(run(1, { initCentres: { rows: 2, cols: 3, data: new Float32Array(6) } })).rejects.toThrow(/initCentres is 2×3/);
    await expect(run(1, { updateInterval: 0 })).rejects.toThrow(/updateInterval/);
    const { res } = await run(1, { initCentres: centres, maxIter: 1 });
    expect(res.initLabels.length).toBe(90);
  });
});
