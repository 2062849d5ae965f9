import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { sparseMatrix } from '../sparse.ts';
import { expectGradOk, gradCheck, randomTensor } from '../testing/gradcheck.ts';
import { decTarget, klDivergence, studentT } from './clustering.ts';
import { infoNce, l2NormalizeCols, l2NormalizeRows, varianceRegulariser } from './contrastive.ts';
import { nbNll, zinbNll } from './count-likelihood.ts';
import { zinbNllOpForm } from './zinb-op-form.ts';
import { lgamma as lgammaScalar } from '@scbench/numerics';
import { lgamma } from './lgamma.ts';
import { bce, bceWithLogits, mse } from './reconstruction.ts';
import { ncutTrace, orthogonality } from './spectral.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

const pos = (shape: number[], seed: number) => tf.tidy(() => tf.add(tf.abs(randomTensor(shape, seed)), 0.2));
const counts = (shape: number[], seed: number) => tf.tidy(() => tf.floor(tf.mul(tf.abs(randomTensor(shape, seed)), 3)));
const probs = (shape: number[], seed: number) => tf.tidy(() => tf.sigmoid(randomTensor(shape, seed)));

/** Leak check around a block of checks. */
function noLeak(f: () => void): void {
  const start = tf.memory().numTensors;
  f();
  expect(tf.memory().numTensors).toBe(start);
}

describe('lgamma', () => {
  it('matches known values (numerics\' scalar ln Γ and the tensor op)', () => {
    const xs = [1e-4, 0.1, 0.5, 1, 1.5, 2, 3.7, 10, 123.4, 5000];
    // Python math.lgamma
    const exact = [9.210282659, 2.252712652, 0.572364943, 0, -0.120782238, 0, 1.428072327, 12.80182748, 469.336097442, 37582.626315685];
    xs.forEach((x, i) => expect(Math.abs(lgammaScalar(x) - exact[i])).toBeLessThan(1e-8 * Math.max(1, Math.abs(exact[i]))));
    noLeak(() => {
      const t = tf.tensor1d(xs);
      const y = lgamma(t);
      // float32: relative accuracy ~1e-6 of the largest intermediate term
      Array.from(y.dataSync()).forEach((v, i) => expect(Math.abs(v - exact[i])).toBeLessThan(2e-6 * Math.max(1, Math.abs(exact[i]), xs[i] * Math.log(xs[i] + 8)) + 2e-5));
      tf.dispose([t, y]);
    });
  });

  it('has digamma as its gradient', () => {
    // ψ(1) = −γ, ψ(0.5) = −γ − 2 ln 2, ψ(10) ≈ 2.251752589
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(lgamma(x)))(tf.tensor1d([1, 0.5, 10])).dataSync());
    expect(g[0]).toBeCloseTo(-0.5772157, 4);
    expect(g[1]).toBeCloseTo(-1.9635100, 4);
    expect(g[2]).toBeCloseTo(2.2517526, 4);
  });
});

describe('count likelihoods', () => {
  // Float64 references written from the formulas (DCA / scDeepCluster), independent of the tensor code.
  const nbRef = (x: number, mu: number, th: number) =>
    lgammaScalar(th) + lgammaScalar(x + 1) - lgammaScalar(x + th) + (th + x) * Math.log(1 + mu / th) + x * (Math.log(th) - Math.log(mu));
  const zinbRef = (x: number, mu: number, th: number, pi: number, ridge: number) =>
    (x < 1e-8 ? -Math.log(pi + (1 - pi) * Math.pow(th / (th + mu), th)) : nbRef(x, mu, th) - Math.log(1 - pi)) + ridge * pi * pi;

  it('NB and ZINB NLL equal float64 references, with size factors', () => {
    noLeak(() => {
      const x = tf.tensor2d([[0, 1, 5], [3, 0, 12]]);
      const mean = tf.tensor2d([[0.5, 2, 4], [1, 0.3, 10]]);
      const theta = tf.tensor2d([[1, 0.5, 3], [2, 1, 0.7]]);
      const pi = tf.tensor2d([[0.1, 0.3, 0.2], [0.05, 0.5, 0.4]]);
      const sf = tf.tensor1d([1.5, 0.8]);
      const xv = [[0, 1, 5], [3, 0, 12]];
      const mv = [[0.5, 2, 4], [1, 0.3, 10]];
      const tv = [[1, 0.5, 3], [2, 1, 0.7]];
      const pv = [[0.1, 0.3, 0.2], [0.05, 0.5, 0.4]];
      const sfv = [1.5, 0.8];
      let nb = 0;
      let zinb = 0;
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 3; j++) {
          nb += nbRef(xv[i][j], mv[i][j] * sfv[i], tv[i][j]) / 6;
          zinb += zinbRef(xv[i][j], mv[i][j] * sfv[i], tv[i][j], pv[i][j], 0.5) / 6;
        }
      }
      const a = tf.tidy(() => nbNll(x, mean, theta, { sizeFactors: sf }));
      const b = tf.tidy(() => zinbNll(x, mean, theta, pi, { sizeFactors: sf, ridge: 0.5 }));
      expect(a.dataSync()[0]).toBeCloseTo(nb, 4);
      expect(b.dataSync()[0]).toBeCloseTo(zinb, 4);
      tf.dispose([x, mean, theta, pi, sf, a, b]);
    });
  });

  it('gradients w.r.t. mean, dispersion and π match finite differences', () => {
    const x = counts([4, 5], 1);
    const sf = pos([4], 2);
    expectGradOk(gradCheck((m, t) => nbNll(x, m, t, { sizeFactors: sf }), [pos([4, 5], 3), pos([4, 5], 4)], { h: 1e-3 }));
    expectGradOk(gradCheck((m, t, p) => zinbNll(x, m, t, p, { sizeFactors: sf, ridge: 1 }), [pos([4, 5], 5), pos([4, 5], 6), probs([4, 5], 7)], { h: 1e-3 }));
  });
});

describe('zinbNll custom gradient', () => {
  // The op form (DCA / scDeepCluster) differentiated by autodiff is the reference.
  const opForm = zinbNllOpForm;

  it('works when the counts and size factors are made inside the differentiated function (a mini-batch gather)', () => {
    const counts = tf.tensor2d([[0, 3, 1], [7, 0, 2], [1, 1, 0]]);
    const sfAll = tf.tensor1d([0.5, 1.5, 1]);
    const m = tf.variable(tf.tensor2d([[1, 2, 0.5], [3, 0.2, 1]]));
    const t = tf.variable(tf.tensor2d([[1, 0.5, 2], [0.7, 1, 3]]));
    const p = tf.variable(tf.tensor2d([[0.2, 0.1, 0.5], [0.3, 0.6, 0.05]]));
    const idx = tf.tensor1d([2, 0], 'int32');
    const { grads } = tf.variableGrads(() => zinbNll(tf.gather(counts, idx), m, t, p, { sizeFactors: tf.gather(sfAll, idx), ridge: 1 }));
    for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([counts, sfAll, m, t, p, idx, ...Object.values(grads)]);
  });

  it('∂μ stays accurate where x ≈ μ or θ ≪ x (the combined form), against the float64 derivative', () => {
    const X: number[] = [], M: number[] = [], T: number[] = [];
    for (const x of [1, 10, 1000, 20000]) for (const m of [1e-3, 1, 1e3, 1e6]) for (const t of [1e-4, 0.1, 10, 1e4]) { X.push(x); M.push(m); T.push(t); }
    const n = X.length;
    const want = X.map((x, i) => { const th = T[i] + 1e-10; return (th * (M[i] - x) + 1e-10 * (th + x)) / ((th + M[i]) * (M[i] + 1e-10)); });
    const got = tf.tidy(() => {
      const x = tf.tensor2d(X, [1, n]);
      const t = tf.tensor2d(T, [1, n]);
      const p = tf.fill([1, n], 0.1);
      return tf.grad((m: tf.Tensor) => zinbNll(x, m, t, p))(tf.tensor2d(M, [1, n])).dataSync();
    });
    want.forEach((w, i) => expect(Math.abs(got[i] * n - w)).toBeLessThan(1e-3 * Math.abs(w) + 1e-12));
  });

  it('has the op form\'s value and gradients, with zeros, large counts, extreme π and a per-gene θ', () => {
    const start = tf.memory().numTensors;
    const [n, g] = [6, 7];
    const xs = Array.from({ length: n * g }, (_, t) => (t % 3 === 0 ? 0 : t % 5 === 0 ? 900 + t : (t * 7) % 13));
    const x = tf.tensor2d(xs, [n, g]);
    const mean = tf.tidy(() => tf.add(tf.mul(tf.abs(randomTensor([n, g], 11)), 20), 0.01));
    const thetaRow = tf.tidy(() => tf.add(tf.abs(randomTensor([1, g], 12)), 0.05)); // broadcast over cells
    const pi = tf.tidy(() => tf.clipByValue(tf.sigmoid(tf.mul(randomTensor([n, g], 13), 4)), 1e-4, 0.999));
    const sf = tf.tensor1d([0.5, 1, 1.7, 2.2, 0.9, 1.1]);
    for (const ridge of [0, 1]) {
      const f = (fn: typeof opForm) => tf.tidy(() => {
        const { value, grads } = tf.valueAndGrads((m: tf.Tensor, t: tf.Tensor, p: tf.Tensor) => fn(x, m, t, p, sf, ridge))([mean, thetaRow, pi]);
        return [value.dataSync()[0], ...grads.map((t) => Array.from(t.dataSync()))] as [number, ...number[][]];
      });
      const [v, ...gs] = f((xx, m, t, p, s, r) => zinbNll(xx, m, t, p, { sizeFactors: s, ridge: r }));
      const [vRef, ...gsRef] = f(opForm);
      expect(v).toBeCloseTo(vRef, 4);
      gs.forEach((gr, k) => gr.forEach((val, i) => {
        expect(Math.abs(val - gsRef[k][i])).toBeLessThan(2e-3 * Math.max(1e-3, Math.abs(gsRef[k][i])) + 1e-6);
      }));
    }
    tf.dispose([x, mean, thetaRow, pi, sf]);
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('reconstruction losses', () => {
  it('values and gradients', () => {
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[1, 0], [0, 4]]);
    expect(mse(a, b).dataSync()[0]).toBeCloseTo((4 + 9) / 4, 6);
    expect(mse(a, b, tf.tensor2d([[1, 1], [0, 1]])).dataSync()[0]).toBeCloseTo(4 / 4, 6);
    const logits = tf.tensor1d([-3, 0.5, 40]);
    const y = tf.tensor1d([0, 1, 1]);
    const ref = (Math.log1p(Math.exp(-3)) + Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-40))) / 3;
    expect(bceWithLogits(logits, y).dataSync()[0]).toBeCloseTo(ref, 5);
    expect(bce(tf.sigmoid(logits), y).dataSync()[0]).toBeCloseTo(ref, 4);
    const t = probs([3, 4], 9);
    expectGradOk(gradCheck((p, q) => mse(p, q), [randomTensor([3, 4], 1), randomTensor([3, 4], 2)]));
    expectGradOk(gradCheck((z) => bceWithLogits(z, t, t), [randomTensor([3, 4], 3)]));
    expectGradOk(gradCheck((p) => bce(p, t), [probs([3, 4], 4)], { h: 1e-3 }));
  });
});

describe('clustering losses', () => {
  it('Student-t rows sum to 1 and match the formula; DEC target sharpens; KL ≥ 0 and 0 at P = Q', () => {
    noLeak(() =>
      tf.tidy(() => {
        const z = tf.tensor2d([[0, 0], [1, 1]]);
        const mu = tf.tensor2d([[0, 0], [2, 0]]);
        const q = studentT(z, mu).arraySync();
        expect(q[0][0]).toBeCloseTo(1 / (1 + 1 / 5), 5); // distances 0 and 4
        expect(q[1][0] + q[1][1]).toBeCloseTo(1, 6);
        const qq = studentT(randomTensor([10, 3], 1) as tf.Tensor2D, randomTensor([4, 3], 2) as tf.Tensor2D, 2);
        const p = decTarget(qq);
        expect(Math.max(...p.max(1).dataSync())).toBeGreaterThan(Math.max(...qq.max(1).dataSync()) - 1e-6);
        expect(klDivergence(qq, qq).dataSync()[0]).toBeCloseTo(0, 6);
        expect(klDivergence(p, qq).dataSync()[0]).toBeGreaterThan(0);
        expect(klDivergence(p, qq, 'sum').dataSync()[0]).toBeCloseTo(klDivergence(p, qq).dataSync()[0] * 10, 4);
      }),
    );
  });

  it('gradients: Student-t (z and centres), KL through Q, and no gradient through the DEC target', () => {
    const p = tf.tidy(() => decTarget(studentT(randomTensor([6, 3], 5) as tf.Tensor2D, randomTensor([3, 3], 6) as tf.Tensor2D)));
    expectGradOk(gradCheck((z, mu) => klDivergence(p, studentT(z as tf.Tensor2D, mu as tf.Tensor2D)), [randomTensor([6, 3], 7), randomTensor([3, 3], 8)]));
    expectGradOk(gradCheck((z, mu) => tf.sum(tf.mul(studentT(z as tf.Tensor2D, mu as tf.Tensor2D, 3), tf.range(0, 9).reshape([3, 3]).slice([0, 0], [3, 3]).tile([2, 1]))) as tf.Scalar, [randomTensor([6, 3], 9), randomTensor([3, 3], 10)]));
    const g = tf.tidy(() => tf.grad((q: tf.Tensor) => tf.sum(decTarget(q as tf.Tensor2D)))(tf.softmax(randomTensor([4, 3], 11))).dataSync());
    expect(Array.from(g).every((v) => v === 0)).toBe(true);
  });
});

describe('alignment and spectral terms', () => {
  it('InfoNCE equals the formula, is symmetric in its inputs, and has correct gradients', () => {
    tf.tidy(() => {
      const a = l2NormalizeRows(randomTensor([5, 4], 1) as tf.Tensor2D);
      const b = l2NormalizeRows(randomTensor([5, 4], 2) as tf.Tensor2D);
      const s = tf.div(tf.matMul(a, b, false, true), 0.1).arraySync() as number[][];
      let rows = 0;
      let cols = 0;
      for (let i = 0; i < 5; i++) {
        rows -= s[i][i] - Math.log(s[i].reduce((acc, v) => acc + Math.exp(v), 0));
        cols -= s[i][i] - Math.log(s.reduce((acc, r) => acc + Math.exp(r[i]), 0));
      }
      expect(infoNce(a, b, 0.1).dataSync()[0]).toBeCloseTo((rows / 5 + cols / 5) / 2, 4);
      expect(infoNce(a, b).dataSync()[0]).toBeCloseTo(infoNce(b, a).dataSync()[0], 5);
    });
    expectGradOk(gradCheck((x, y) => infoNce(l2NormalizeRows(x as tf.Tensor2D), l2NormalizeRows(y as tf.Tensor2D), 0.5), [randomTensor([5, 4], 3), randomTensor([5, 4], 4)]));
  });

  it('InfoNCE matches the log-softmax form (value and gradients) on both shift paths', () => {
    const reference = (a: tf.Tensor2D, b: tf.Tensor2D, t: number): tf.Scalar => {
      const s = tf.div(tf.matMul(a, b, false, true), t);
      const eye = tf.eye(a.shape[0]);
      const rows = tf.neg(tf.div(tf.sum(tf.mul(tf.logSoftmax(s, 1), eye)), a.shape[0]));
      const cols = tf.neg(tf.div(tf.sum(tf.mul(tf.logSoftmax(tf.transpose(s), 1), eye)), a.shape[0]));
      return tf.mul(0.5, tf.add(rows, cols)) as tf.Scalar;
    };
    noLeak(() => tf.tidy(() => {
      // unit rows, τ 0.1 (single shift) and raw rows at τ 0.02 (bound ≫ 40: per-row/column shifts)
      for (const [unit, t] of [[true, 0.1], [false, 0.02]] as const) {
        const x = randomTensor([40, 6], 7) as tf.Tensor2D;
        const y = randomTensor([40, 6], 8) as tf.Tensor2D;
        const a = unit ? l2NormalizeRows(x) : tf.mul(x, 3) as tf.Tensor2D;
        const b = unit ? l2NormalizeRows(y) : tf.mul(y, 3) as tf.Tensor2D;
        const want = reference(a, b, t).dataSync()[0];
        expect(Number.isFinite(want)).toBe(true);
        expect(infoNce(a, b, t).dataSync()[0]).toBeCloseTo(want, 3);
        const [ga, gb] = tf.grads((p: tf.Tensor, q: tf.Tensor) => infoNce(p as tf.Tensor2D, q as tf.Tensor2D, t))([a, b]);
        const [ra, rb] = tf.grads((p: tf.Tensor, q: tf.Tensor) => reference(p as tf.Tensor2D, q as tf.Tensor2D, t))([a, b]);
        expect(tf.max(tf.abs(tf.sub(ga, ra))).dataSync()[0]).toBeLessThan(1e-4 * Math.max(1, tf.max(tf.abs(ra)).dataSync()[0]));
        expect(tf.max(tf.abs(tf.sub(gb, rb))).dataSync()[0]).toBeLessThan(1e-4 * Math.max(1, tf.max(tf.abs(rb)).dataSync()[0]));
      }
    }));
  });

  it('variance regulariser: value on known data and gradient', () => {
    tf.tidy(() => {
      const z = tf.tensor2d([[0, 0], [0.2, 2], [0.4, 4]]); // unbiased var: 0.04 and 4
      const expected = (1 - Math.sqrt(0.04 + 1e-4) + 0) / 2;
      expect(varianceRegulariser(z).dataSync()[0]).toBeCloseTo(expected, 5);
    });
    expectGradOk(gradCheck((z) => varianceRegulariser(z as tf.Tensor2D), [randomTensor([8, 3], 5, 0.3)]));
  });

  it('NCut trace equals −tr(zᵀAz)/d with dense and sparse A; orthogonality penalty; both differentiable', () => {
    const csr = { rows: 4, cols: 4, indptr: new Int32Array([0, 2, 4, 5, 7]), indices: new Int32Array([0, 1, 0, 1, 2, 1, 3]), data: new Float32Array([0.5, 0.5, 0.5, 0.3, 1, 0.3, 0.7]) };
    const sp = sparseMatrix(csr);
    const dense = tf.tensor2d([[0.5, 0.5, 0, 0], [0.5, 0.3, 0, 0], [0, 0, 1, 0], [0, 0.3, 0, 0.7]]);
    tf.tidy(() => {
      const z = randomTensor([4, 2], 1) as tf.Tensor2D;
      const zv = z.arraySync();
      const av = dense.arraySync();
      let tr = 0;
      for (let c = 0; c < 2; c++) for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) tr += zv[i][c] * av[i][j] * zv[j][c];
      expect(ncutTrace(z, dense).dataSync()[0]).toBeCloseTo(-tr / 2, 5);
      expect(ncutTrace(z, sp).dataSync()[0]).toBeCloseTo(-tr / 2, 5);
      const zc = l2NormalizeCols(z);
      const g = tf.matMul(zc, zc, true, false).arraySync() as number[][];
      expect(orthogonality(zc).dataSync()[0]).toBeCloseTo((2 * g[0][1] ** 2) / 4, 5);
    });
    expectGradOk(gradCheck((z) => ncutTrace(l2NormalizeCols(z as tf.Tensor2D), sp), [randomTensor([4, 2], 2)]));
    expectGradOk(gradCheck((z) => ncutTrace(z as tf.Tensor2D, dense), [randomTensor([4, 2], 3)]));
    expectGradOk(gradCheck((z) => orthogonality(l2NormalizeCols(z as tf.Tensor2D)), [randomTensor([6, 3], 4)]));
    dense.dispose();
  });
});
