import { describe, expect, it } from '@jest/globals';
import { createRng, logGamma, permutation } from './rng.ts';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: (s2 - n * mean * mean) / (n - 1) };
}

describe('createRng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 20 }, () => a.nextUint32());
    const xb = Array.from({ length: 20 }, () => b.nextUint32());
    const xc = Array.from({ length: 20 }, () => c.nextUint32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    expect(createRng(0).uniform()).not.toBe(createRng(0).fork().uniform());
  });

  it('uniform is in [0,1) with mean 1/2 and variance 1/12', () => {
    const r = createRng(1);
    let min = 1;
    let max = 0;
    const m = moments(() => {
      const u = r.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    }, 50000);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(0.007);
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(0.003);
  });

  it('normal has mean 0 and variance 1', () => {
    const r = createRng(2);
    const m = moments(() => r.normal(), 50000);
    expect(Math.abs(m.mean)).toBeLessThan(0.02);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.03);
  });

  it('gamma(shape) has mean and variance equal to shape, for shape < 1 and > 1', () => {
    for (const shape of [0.3, 2.5, 20]) {
      const r = createRng(3);
      const m = moments(() => r.gamma(shape), 30000);
      expect(Math.abs(m.mean - shape) / shape).toBeLessThan(0.03);
      expect(Math.abs(m.variance - shape) / shape).toBeLessThan(0.06);
    }
  });

  it('poisson(λ) has mean and variance λ on both sampler branches', () => {
    for (const lambda of [0.7, 4, 12, 250]) {
      const r = createRng(4);
      const m = moments(() => r.poisson(lambda), 30000);
      expect(Math.abs(m.mean - lambda) / lambda).toBeLessThan(0.02);
      expect(Math.abs(m.variance - lambda) / lambda).toBeLessThan(0.05);
    }
    expect(createRng(0).poisson(0)).toBe(0);
  });

  it('poisson matches the exact pmf at λ=15 (PTRS branch)', () => {
    const r = createRng(5);
    const n = 50000;
    const counts = new Float64Array(60);
    for (let i = 0; i < n; i++) counts[Math.min(59, r.poisson(15))]++;
    for (const k of [8, 15, 22]) {
      const pmf = Math.exp(-15 + k * Math.log(15) - logGamma(k + 1));
      expect(Math.abs(counts[k] / n - pmf)).toBeLessThan(4 * Math.sqrt(pmf / n));
    }
  });

  it('negativeBinomial(μ, θ) has mean μ and variance μ + μ²/θ', () => {
    const r = createRng(6);
    const m = moments(() => r.negativeBinomial(5, 2), 40000);
    expect(Math.abs(m.mean - 5) / 5).toBeLessThan(0.03);
    expect(Math.abs(m.variance - (5 + 25 / 2)) / 17.5).toBeLessThan(0.06);
  });

  it('randint covers [0,n) evenly and shuffle/permutation are permutations', () => {
    const r = createRng(7);
    const counts = new Int32Array(5);
    for (let i = 0; i < 50000; i++) counts[r.randint(5)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
    const p = permutation(r, 100);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('rejects bad arguments by name', () => {
    const r = createRng(8);
    expect(() => createRng(1.5)).toThrow(/seed/);
    expect(() => r.gamma(-1)).toThrow(/shape/);
    expect(() => r.poisson(NaN)).toThrow(/lambda/);
    expect(() => r.negativeBinomial(1, 0)).toThrow(/theta/);
    expect(() => r.randint(0)).toThrow(/n must/);
  });
});
