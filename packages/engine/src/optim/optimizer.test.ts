import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { variableFrom } from '../variable.ts';
import { createOptimizer, type OptimizerSpec } from './optimizer.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

// Loss ½‖p‖² · c has gradient c·p. Reference updates transcribed from torch.optim's documented algorithms.
const C = 3;
type Ref = (p: number[], g: number[], t: number, s: Record<string, number[]>) => number[];

const refs: [OptimizerSpec, Ref][] = [
  [
    { kind: 'adam', lr: 0.1, weightDecay: 0.01, amsgrad: true },
    (p, g0, t, s) => {
      const g = g0.map((v, i) => v + 0.01 * p[i]);
      s.m = (s.m ?? p.map(() => 0)).map((m, i) => 0.9 * m + 0.1 * g[i]);
      s.v = (s.v ?? p.map(() => 0)).map((v, i) => 0.999 * v + 0.001 * g[i] * g[i]);
      s.vmax = (s.vmax ?? p.map(() => 0)).map((v, i) => Math.max(v, s.v[i]));
      return p.map((x, i) => x - (0.1 / (1 - 0.9 ** t)) * s.m[i] / (Math.sqrt(s.vmax[i]) / Math.sqrt(1 - 0.999 ** t) + 1e-8));
    },
  ],
  [
    { kind: 'adamw', lr: 0.1, weightDecay: 0.1 },
    (p0, g, t, s) => {
      const p = p0.map((x) => x * (1 - 0.1 * 0.1));
      s.m = (s.m ?? p.map(() => 0)).map((m, i) => 0.9 * m + 0.1 * g[i]);
      s.v = (s.v ?? p.map(() => 0)).map((v, i) => 0.999 * v + 0.001 * g[i] * g[i]);
      return p.map((x, i) => x - (0.1 / (1 - 0.9 ** t)) * s.m[i] / (Math.sqrt(s.v[i]) / Math.sqrt(1 - 0.999 ** t) + 1e-8));
    },
  ],
  [
    { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
    (p, g0, _t, s) => {
      const g = g0.map((v, i) => v + 0.01 * p[i]);
      s.b = s.b ? s.b.map((b, i) => 0.9 * b + g[i]) : g.slice();
      return p.map((x, i) => x - 0.05 * (g[i] + 0.9 * s.b[i]));
    },
  ],
  [
    { kind: 'adadelta', lr: 1, rho: 0.95 },
    (p, g, _t, s) => {
      s.sq = (s.sq ?? p.map(() => 0)).map((v, i) => 0.95 * v + 0.05 * g[i] * g[i]);
      const d = g.map((gi, i) => (Math.sqrt((s.acc?.[i] ?? 0) + 1e-6) / Math.sqrt(s.sq[i] + 1e-6)) * gi);
      s.acc = (s.acc ?? p.map(() => 0)).map((v, i) => 0.95 * v + 0.05 * d[i] * d[i]);
      return p.map((x, i) => x - d[i]);
    },
  ],
];

describe('optimisers follow the PyTorch update rules', () => {
  for (const [spec, ref] of refs) {
    it(spec.kind, () => {
      const start = tf.memory().numTensors;
      const init = [1, -2, 0.5];
      const v = variableFrom(tf.tensor1d(init));
      const opt = createOptimizer(spec);
      let p = init.slice();
      const state: Record<string, number[]> = {};
      for (let t = 1; t <= 4; t++) {
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => tf.mul(0.5 * C, tf.sum(tf.square(v))) as tf.Scalar, [v]);
          opt.step([v], [grads[v.name]]);
        });
        p = ref(p, p.map((x) => C * x), t, state);
        Array.from(v.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(p[i], 5));
      }
      opt.dispose();
      v.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
