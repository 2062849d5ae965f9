import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { disposeModules } from '../layers/layer.ts';
import { denseStack } from '../layers/stack.ts';
import { createRng } from '@scbench/numerics';
import { randomTensor } from '../testing/gradcheck.ts';
import { predict, predictTensor } from './predict.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

describe('predict', () => {
  it('runs in eval mode (noise and dropout off), batch size does not change the result, nothing leaks', () => {
    const enc = denseStack([6, 8, 3], createRng(1, 'mulberry32'), { inputNoise: 2.5, hiddenNoise: 1, dropout: 0.5 });
    const x = randomTensor([37, 6], 2) as tf.Tensor2D;
    const start = tf.memory().numTensors;
    const whole = predict(x, (b, o) => enc.apply(b, o), 1000);
    const batched = predict(x, (b, o) => enc.apply(b, o), 5);
    const clean = tf.tidy(() => enc.apply(x, { training: false }).dataSync());
    expect(whole.rows).toBe(37);
    expect(whole.cols).toBe(3);
    for (let i = 0; i < clean.length; i++) {
      expect(whole.data[i]).toBeCloseTo(clean[i], 5);
      expect(batched.data[i]).toBeCloseTo(clean[i], 5);
    }
    const t = predictTensor(x, (b, o) => enc.apply(b, o), 7);
    expect(t.shape).toEqual([37, 3]);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
    let sawTraining = false;
    predict(x, (b, o) => {
      sawTraining ||= o.training === true;
      return b;
    }, 10);
    expect(sawTraining).toBe(false);
    expect(() => predict(x, (b) => b, 0)).toThrow(/batchSize/);
    x.dispose();
    disposeModules(enc);
  });
});
