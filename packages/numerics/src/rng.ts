/**
 * Seeded pseudo-random numbers: the one RNG of the repository. Same seed ⇒ same stream, on every platform (32-bit
 * integer ops only). An `Rng` is a bundle of closures over its own state: no globals, and `fork()` derives an
 * independent stream (used e.g. for k-means restarts and one stream per layer, so that one consumer's draws do not
 * shift another's).
 *
 * Two bit generators behind the one interface:
 * - 'xoshiro128**' (default; Blackman & Vigna, seeded through splitmix32 so that any integer seed, 0 included, gives
 *   a well-mixed 128-bit state): uniforms with 53 random bits, Marsaglia-polar normals, unbiased `randint`.
 * - 'mulberry32': the stream every network weight, dropout seed and mini-batch order has been drawn from (weight
 *   init, `fit`, scLLM-DSC's alignment subsets). Recorded runs depend on its exact numbers, so it keeps its own
 *   conventions: 32-bit uniforms, Box–Muller normals, `randint` as ⌊u·n⌋. Use it where those records must reproduce;
 *   new code takes the default.
 */
import { lgamma } from './lgamma.ts';

export type RngAlgorithm = 'xoshiro128**' | 'mulberry32';

export interface Rng {
  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1): 53 random bits (xoshiro128**) or 32 (mulberry32). */
  uniform(): number;
  /** Standard normal N(0, 1): Marsaglia polar (xoshiro128**) or Box–Muller (mulberry32). */
  normal(): number;
  /** Gamma(shape, scale 1) (Marsaglia & Tsang 2000; boosted for shape < 1). */
  gamma(shape: number): number;
  /** Poisson(lambda): inversion for small lambda, PTRS (Hörmann 1993) for lambda ≥ 10. */
  poisson(lambda: number): number;
  /**
   * Negative binomial as a gamma–Poisson mixture with mean μ and inverse dispersion θ (the NB "size"):
   * Var = μ + μ²/θ — the (μ, θ) parametrisation of the NB/ZINB losses in DCA and scDeepCluster.
   */
  negativeBinomial(mean: number, theta: number): number;
  /** Uniform integer in [0, n). */
  randint(n: number): number;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;
  /** A fresh 31-bit seed for a backend op that takes one (tfjs dropout, randomNormal). */
  opSeed(): number;
  /** An independent generator of the same algorithm, seeded from this one's stream. */
  fork(): Rng;
}

/** What a bit generator supplies; the distributions (gamma, Poisson, NB, shuffle) are built on it once. */
type Source = Pick<Rng, 'nextUint32' | 'uniform' | 'normal' | 'randint' | 'opSeed' | 'fork'>;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed)) throw new Error(`createRng: seed must be an integer, got ${seed}`);
}

export function createRng(seed: number, algorithm: RngAlgorithm = 'xoshiro128**'): Rng {
  checkSeed(seed);
  return withDistributions(algorithm === 'mulberry32' ? mulberry32(seed) : xoshiro128(seed));
}

function xoshiro128(seed: number): Source {
  // Seeds above 2^32 are folded so that e.g. Date.now()-style seeds still work deterministically.
  const sm = splitmix32((seed >>> 0) ^ Math.floor(seed / 4294967296));
  let s0 = sm();
  let s1 = sm();
  let s2 = sm();
  let s3 = sm();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point of xoshiro

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const uniform = (): number => {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };

  let spare = NaN; // the polar method yields normals in pairs
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = NaN;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };

  const randint = (n: number): number => {
    checkRange(n);
    if (n <= 4294967296) {
      // Rejection sampling to avoid modulo bias.
      const limit = 4294967296 - (4294967296 % n);
      for (;;) {
        const x = nextUint32();
        if (x < limit) return x % n;
      }
    }
    return Math.floor(uniform() * n);
  };

  return { nextUint32, uniform, normal, randint, opSeed: () => nextUint32() >>> 1, fork: () => createRng(nextUint32()) };
}

/**
 * mulberry32 on a splitmix-scrambled seed (the engine's generator since its first commit): tiny and fast. Kept
 * bit for bit, conventions included, so that recorded runs reproduce (see the top of this file).
 */
function mulberry32(seed: number): Source {
  let s = (Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  const nextUint32 = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const uniform = (): number => nextUint32() / 4294967296;
  let spare: number | null = null; // Box–Muller yields normals in pairs
  const normal = (): number => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const th = 2 * Math.PI * uniform();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
  const randint = (n: number): number => {
    checkRange(n);
    return Math.floor(uniform() * n);
  };
  return {
    nextUint32, uniform, normal, randint,
    opSeed: () => Math.floor(uniform() * 0x7fffffff),
    fork: () => createRng(Math.floor(uniform() * 0xffffffff), 'mulberry32'),
  };
}

function checkRange(n: number): void {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`randint: n must be a positive integer, got ${n}`);
}

/** Gamma, Poisson, negative binomial and shuffle, drawn from a source's uniforms, normals and integers. */
function withDistributions(source: Source): Rng {
  const { uniform, normal, randint } = source;
  const gamma = (shape: number): number => {
    if (!(shape > 0) || !Number.isFinite(shape)) throw new Error(`gamma: shape must be a positive finite number, got ${shape}`);
    if (shape < 1) {
      // Gamma(a) = Gamma(a + 1) · U^(1/a)
      const u = uniform();
      return gamma(shape + 1) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };

  const poisson = (lambda: number): number => {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`poisson: lambda must be a finite number ≥ 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 10) {
      // Inversion by sequential search: expected lambda + 1 uniforms.
      let k = 0;
      let p = Math.exp(-lambda);
      let cdf = p;
      const u = uniform();
      while (u > cdf && k < 1000) {
        k++;
        p *= lambda / k;
        cdf += p;
      }
      return k;
    }
    // PTRS: transformed rejection with squeeze (Hörmann 1993), as numpy uses for lam ≥ 10.
    const slam = Math.sqrt(lambda);
    const logLam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = uniform() - 0.5;
      const v = uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * logLam - lgamma(k + 1)) return k;
    }
  };

  const negativeBinomial = (mean: number, theta: number): number => {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new Error(`negativeBinomial: mean must be finite and ≥ 0, got ${mean}`);
    if (!(theta > 0)) throw new Error(`negativeBinomial: theta (inverse dispersion) must be > 0, got ${theta}`);
    if (mean === 0) return 0;
    if (theta === Infinity) return poisson(mean);
    // λ ~ Gamma(θ, scale μ/θ) has mean μ and variance μ²/θ; then Poisson(λ).
    return poisson((gamma(theta) * mean) / theta);
  };

  const shuffle = <T extends { length: number; [i: number]: unknown }>(array: T): T => {
    for (let i = array.length - 1; i > 0; i--) {
      const j = randint(i + 1);
      const t = array[i];
      array[i] = array[j];
      array[j] = t;
    }
    return array;
  };

  return { ...source, gamma, poisson, negativeBinomial, shuffle };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** 0..n-1 in random order. */
export function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return rng.shuffle(p);
}
