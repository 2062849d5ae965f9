import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { denseStack } from '../layers/stack.ts';
import { disposeModules, variablesOf } from '../layers/layer.ts';
import { mse } from '../losses/reconstruction.ts';
import { createRng } from '@scbench/numerics';
import { randomTensor } from '../testing/gradcheck.ts';
import { testContext } from '../testing/context.ts';
import { fit, type Phase } from './fit.ts';
import { variableFrom } from '../variable.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

/** A small AE on fixed data; returns the final loss parts and the first weights. */
async function trainAe(seed: number, extra: Partial<Phase> = {}, smoke = false) {
  const start = tf.memory().numTensors;
  const ctx = testContext(seed, smoke);
  const rng = createRng(seed, 'mulberry32');
  const enc = denseStack([20, 16, 4], rng, { activation: 'relu', norm: 'batch', dropout: 0.1 });
  const dec = denseStack([4, 16, 20], rng, { activation: 'relu' });
  const model = { variables: variablesOf(enc, dec) };
  const x = randomTensor([64, 20], 3);
  const report = await fit(
    model,
    {
      rows: 64,
      phases: [
        {
          name: 'pretrain',
          epochs: 30,
          optimizer: { kind: 'adam', lr: 1e-2 },
          loss: (s) => {
            const xb = s.take(x) as tf.Tensor2D;
            const z = enc.apply(xb, s);
            return { recon: mse(dec.apply(z, s), xb), l2: tf.mul(1e-4, tf.sum(tf.square(z))) };
          },
          ...extra,
        },
      ],
    },
    ctx,
  );
  const w = enc.layers[0].kernel.dataSync().slice();
  x.dispose();
  disposeModules(enc, dec);
  return { report, ctx, w, leaked: tf.memory().numTensors - start };
}

describe('fit', () => {
  it('full batch: loss parts logged per epoch, loss decreases, nothing leaks', async () => {
    const { report, ctx, leaked } = await trainAe(1);
    expect(leaked).toBe(0);
    expect(ctx.logs).toHaveLength(30);
    expect(ctx.logs[0].event).toBe('pretrain');
    expect(Object.keys(ctx.logs[0].values!).sort()).toEqual(['epoch', 'l2', 'recon', 'total']);
    expect(ctx.logs[29].values!.recon).toBeLessThan(ctx.logs[0].values!.recon);
    expect(report.phases[0]).toMatchObject({ name: 'pretrain', epochs: 30, stoppedEarly: false });
  });

  it('mini-batch with shuffling: same seed → same weights; another seed → different', async () => {
    const a = await trainAe(5, { batchSize: 16, epochs: 3 });
    const b = await trainAe(5, { batchSize: 16, epochs: 3 });
    const c = await trainAe(6, { batchSize: 16, epochs: 3 });
    expect(a.leaked).toBe(0);
    expect(Array.from(a.w)).toEqual(Array.from(b.w));
    expect(Array.from(a.w)).not.toEqual(Array.from(c.w));
  });

  it('early stop (label-free), afterEpoch stop and snapshots', async () => {
    const es = await trainAe(2, { epochs: 500, earlyStop: { monitor: 'recon', patience: 3, minDelta: 10 } });
    expect(es.report.phases[0].stoppedEarly).toBe(true);
    expect(es.report.phases[0].epochs).toBe(4);
    const labels = new Int32Array([0, 1]);
    const hooks = await trainAe(2, { epochs: 20, snapshot: { every: 5, labels: () => labels }, afterEpoch: (e) => e.epoch === 12 });
    expect(hooks.ctx.snapshots.map((s) => s.epoch)).toEqual([5, 10, 12]);
    expect(hooks.report.phases[0].epochs).toBe(12);
    expect(hooks.leaked).toBe(0);
  });

  it('smoke mode caps epochs and steps', async () => {
    const { ctx, leaked } = await trainAe(1, { batchSize: 8 }, true);
    expect(ctx.logs).toHaveLength(2);
    expect(leaked).toBe(0);
  });

  it('abort signal stops training with the signal reason, and leaks nothing', async () => {
    const start = tf.memory().numTensors;
    const ctx = testContext(1);
    const w = variableFrom(tf.ones([3]));
    const p = fit(
      { variables: [w] },
      {
        phases: [
          {
            name: 'p',
            epochs: 1000,
            optimizer: { kind: 'sgd', lr: 0.1 },
            loss: () => ({ l: tf.sum(tf.square(w)) as tf.Scalar }),
            afterEpoch: (e) => {
              if (e.epoch === 3) ctx.controller.abort(new Error('stop please'));
            },
          },
        ],
      },
      ctx,
    );
    await expect(p).rejects.toThrow('stop please');
    expect(ctx.logs).toHaveLength(3);
    w.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('a non-finite loss is a crash, not a score', async () => {
    const w = variableFrom(tf.ones([2]));
    const run = fit({ variables: [w] }, { phases: [{ name: 'p', epochs: 2, optimizer: { kind: 'adam' }, loss: () => ({ l: tf.div(tf.sum(w), 0) as tf.Scalar }) }] }, testContext());
    await expect(run).rejects.toThrow(/loss is Infinity/);
    w.dispose();
  });
});

describe('fit beforeStep', () => {
  it('counts iterations over the phase and stops before the step that returns true', async () => {
    const seen: [number, number, number][] = [];
    const { report, ctx, leaked } = await trainAe(3, {
      batchSize: 16,
      epochs: 10,
      beforeStep: (it, epoch, step) => {
        seen.push([it, epoch, step]);
        return it === 9;
      },
    });
    expect(leaked).toBe(0);
    // 64 rows / 16 = 4 steps per epoch: iterations 0..8 ran, iteration 9 (epoch 3, step 1) stopped the phase
    expect(seen.at(-1)).toEqual([9, 3, 1]);
    expect(report.phases[0]).toMatchObject({ steps: 9, epochs: 3, stoppedEarly: true });
    expect(ctx.logs).toHaveLength(3);
  });

  it('a stop before an epoch\'s first step ends the phase with the previous epoch', async () => {
    const { report, ctx } = await trainAe(3, { batchSize: 16, epochs: 10, beforeStep: (it) => it === 8 });
    expect(report.phases[0]).toMatchObject({ steps: 8, epochs: 2, stoppedEarly: true });
    expect(ctx.logs).toHaveLength(2);
  });
});
