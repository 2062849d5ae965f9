import { describe, expect, it } from '@jest/globals';
import { gridStrides, zinbNllGradients, zinbNllSum, type ZinbGrid } from './zinb.ts';

/** A 3 × 4 problem with zeros and counts, a per-gene θ (broadcast over cells) and per-cell size factors. */
function problem(mean: Float32Array, theta: Float32Array, pi: Float32Array, ridge: number): ZinbGrid {
  return {
    rows: 3, cols: 4, ridge,
    x: { data: Float32Array.of(0, 3, 1, 0, 7, 0, 2, 40, 1, 1, 0, 0), rowStride: 4, colStride: 1 },
    mean: { data: mean, rowStride: 4, colStride: 1 },
    theta: { data: theta, rowStride: 0, colStride: 1 },
    pi: { data: pi, rowStride: 4, colStride: 1 },
    sizeFactors: { data: Float32Array.of(0.5, 1.5, 1), rowStride: 1, colStride: 0 },
  };
}

const MEAN = Float32Array.of(1, 2, 0.5, 3, 0.2, 1, 4, 30, 0.7, 2, 0.1, 5);
const THETA = Float32Array.of(1, 0.5, 2, 0.3);
const PI = Float32Array.of(0.2, 0.1, 0.5, 0.3, 0.6, 0.05, 0.4, 0.01, 0.9, 0.2, 0.3, 0.5);

describe('zinb', () => {
  it('broadcasts operands by NumPy rules and refuses shapes that do not broadcast', () => {
    expect(gridStrides([3, 4], 3, 4)).toEqual({ rowStride: 4, colStride: 1 });
    expect(gridStrides([1, 4], 3, 4)).toEqual({ rowStride: 0, colStride: 1 });
    expect(gridStrides([4], 3, 4)).toEqual({ rowStride: 0, colStride: 1 });
    expect(gridStrides([3, 1], 3, 4)).toEqual({ rowStride: 1, colStride: 0 });
    expect(gridStrides([], 3, 4)).toEqual({ rowStride: 0, colStride: 0 });
    expect(gridStrides([2, 4], 3, 4)).toBeNull();
    expect(gridStrides([3, 4, 1], 3, 4)).toBeNull();
  });

  it('sums the element-wise NLL: a zero entry and a positive one by hand', () => {
    const single = (x: number, mean: number, theta: number, pi: number): number => zinbNllSum({
      rows: 1, cols: 1, ridge: 0, sizeFactors: null,
      x: { data: Float32Array.of(x), rowStride: 1, colStride: 1 }, mean: { data: Float32Array.of(mean), rowStride: 1, colStride: 1 },
      theta: { data: Float32Array.of(theta), rowStride: 1, colStride: 1 }, pi: { data: Float32Array.of(pi), rowStride: 1, colStride: 1 },
    });
    // x = 0, μ = 2, θ = 1, π = 0.25: −log(π + (1−π)·(θ/(θ+μ))^θ) = −log(0.25 + 0.75/3) = log 2
    expect(single(0, 2, 1, 0.25)).toBeCloseTo(Math.log(2), 8);
    // x = 2, μ = 1, θ = 1, π = 0: NB(2; μ = 1, θ = 1) = (1/2)·(1/2)² = 1/8 (geometric)
    expect(single(2, 1, 1, 0)).toBeCloseTo(Math.log(8), 8);
  });

  it('its gradients are the central differences of the sum (broadcast θ summed over cells), with a ridge', () => {
    for (const ridge of [0, 0.7]) {
      const out = { mean: new Float32Array(12), theta: new Float32Array(4), pi: new Float32Array(12) };
      zinbNllGradients(problem(MEAN, THETA, PI, ridge), 2, out);
      const operands: [Float32Array, Float32Array][] = [[MEAN, out.mean], [THETA, out.theta], [PI, out.pi]];
      for (const [which, [base, grad]] of operands.entries()) {
        for (let k = 0; k < base.length; k++) {
          const at = (delta: number): number => {
            const moved = [MEAN, THETA, PI].map((a, w) => (w === which ? Float32Array.from(a, (v, i) => (i === k ? v + delta : v)) : a));
            return zinbNllSum(problem(moved[0], moved[1], moved[2], ridge));
          };
          const h = 1e-3 * Math.max(0.01, base[k]);
          // float32 operands: the step is rounded, so difference over the step actually taken
          const up = Math.fround(base[k] + h) - base[k];
          const fd = (2 * (at(h) - at(-h))) / (2 * up);
          expect(Math.abs(grad[k] - fd)).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
        }
      }
    }
  });
});
