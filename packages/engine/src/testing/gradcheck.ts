/** Test helpers: finite-difference gradient checks and random inputs. Not part of the public API. */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@scbench/numerics';

export function randomTensor(shape: number[], seed: number, scale = 1, offset = 0): tf.Tensor {
  const rng = createRng(seed, 'mulberry32');
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = offset + scale * rng.normal();
  return tf.tensor(v, shape);
}

export interface GradCheckResult {
  maxError: number;
  scale: number;
}

/**
 * Compare tfjs autodiff of f at `inputs` with central differences on up to `samples` coordinates of each input.
 * Float32 makes differences noisy, so the error is relative to the largest gradient entry.
 */
export function gradCheck(f: (...xs: tf.Tensor[]) => tf.Scalar, inputs: tf.Tensor[], opts: { h?: number; samples?: number } = {}): GradCheckResult {
  const h = opts.h ?? 1e-2;
  const samples = opts.samples ?? 12;
  const analytic = tf.tidy(() => tf.grads((...xs: tf.Tensor[]) => f(...xs))(inputs)).map((g) => {
    const v = g.dataSync().slice();
    g.dispose();
    return v;
  });
  let maxError = 0;
  let scale = 1e-6;
  const rng = createRng(7, 'mulberry32');
  inputs.forEach((x, k) => {
    const base = x.dataSync().slice();
    const picks = base.length <= samples ? base.map((_, i) => i) : Array.from({ length: samples }, () => rng.randint(base.length));
    for (const i of picks) {
      const at = (delta: number): number =>
        tf.tidy(() => {
          const v = base.slice();
          v[i] += delta;
          const xs = inputs.map((t, j) => (j === k ? tf.tensor(v, x.shape) : t));
          return f(...xs).dataSync()[0];
        });
      const numeric = (at(h) - at(-h)) / (2 * h);
      maxError = Math.max(maxError, Math.abs(numeric - analytic[k][i]));
    }
    for (const g of analytic[k]) scale = Math.max(scale, Math.abs(g));
  });
  return { maxError, scale };
}

/** Ok when the worst error is within `tol` of the largest gradient entry. */
export function expectGradOk(r: GradCheckResult, tol = 2e-2): void {
  if (!(r.maxError <= tol * r.scale)) {
    throw new Error(`gradient check failed: max |numeric − analytic| = ${r.maxError} vs scale ${r.scale} (tol ${tol})`);
  }
}

/** Like gradCheck, for a variable the function closes over (layers' weights). Restores the variable. */
export function gradCheckVariable(f: () => tf.Scalar, v: tf.Variable, opts: { h?: number; samples?: number } = {}): GradCheckResult {
  const h = opts.h ?? 1e-2;
  const samples = opts.samples ?? 12;
  const analytic = tf.tidy(() => tf.variableGrads(f, [v]).grads[v.name].dataSync().slice());
  const base = v.dataSync().slice();
  const rng = createRng(11, 'mulberry32');
  const picks = base.length <= samples ? base.map((_, i) => i) : Array.from({ length: samples }, () => rng.randint(base.length));
  let maxError = 0;
  const at = (i: number, delta: number): number =>
    tf.tidy(() => {
      const values = base.slice();
      values[i] += delta;
      v.assign(tf.tensor(values, v.shape));
      return f().dataSync()[0];
    });
  for (const i of picks) maxError = Math.max(maxError, Math.abs((at(i, h) - at(i, -h)) / (2 * h) - analytic[i]));
  tf.tidy(() => v.assign(tf.tensor(base, v.shape)));
  let scale = 1e-6;
  for (const g of analytic) scale = Math.max(scale, Math.abs(g));
  return { maxError, scale };
}
