import { describe, expect, it } from '@jest/globals';
import { lgamma } from './lgamma.ts';
import { createRng, permutation } from './rng.ts';

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
      const pmf = Math.exp(-15 + k * Math.log(15) - lgamma(k + 1));
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

  it('mulberry32 keeps the engine\'s historical stream bit for bit (weights, dropout seeds, batch order of recorded runs)', () => {
    // Values of the engine's own generator (engine/src/random.ts) before it was folded in here, seed 7 and 3.
    const r = createRng(7, 'mulberry32');
    expect([r.uniform(), r.uniform()]).toEqual([0.11125329183414578, 0.3992698567453772]);
    expect([r.normal(), r.normal(), r.normal()]).toEqual([-1.4639754488495478, 2.782914599262713, -0.2991155230990155]);
    expect([r.randint(10), r.randint(1000)]).toEqual([6, 410]);
    expect(r.opSeed()).toBe(274176297);
    expect(r.fork().uniform()).toBe(0.97109186463058);
    expect(Array.from(permutation(createRng(3, 'mulberry32'), 8))).toEqual([2, 7, 3, 5, 0, 1, 4, 6]);
  });

  it('gives both algorithms every distribution, forks of the same algorithm, and 31-bit op seeds', () => {
    for (const algorithm of ['xoshiro128**', 'mulberry32'] as const) {
      const r = createRng(11, algorithm);
      const m = moments(() => r.poisson(20), 20000);
      expect(Math.abs(m.mean - 20) / 20).toBeLessThan(0.02);
      const seeds = Array.from({ length: 1000 }, () => r.opSeed());
      expect(seeds.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 31)).toBe(true);
      const a = createRng(5, algorithm).fork();
      const b = createRng(5, algorithm).fork();
      expect(a.uniform()).toBe(b.uniform());
    }
    expect(createRng(5, 'mulberry32').uniform()).not.toBe(createRng(5).uniform());
  });

  it('rejects bad arguments by name', () => {
    const r = createRng(8);
    expect(() => createRng(1.5)).toThrow(/seed/);
    expect(() => r.gamma(-1)).toThrow(/shape/);
    expect(() => r.poisson(NaN)).toThrow(/lambda/);
    expect(() => r.negativeBinomial(1, 0)).toThrow(/theta/);
    expect(() => r.randint(0)).toThrow(/n must/);
    expect(() => createRng(1, 'mulberry32').randint(2.5)).toThrow(/n must/);
  });
});
