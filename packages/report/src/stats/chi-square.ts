import { lgamma } from '@scbench/metrics';

/**
 * Upper tail P(X ≥ x) of the chi-square distribution with `df` degrees of freedom: the regularized upper incomplete
 * gamma Q(df/2, x/2), by its power series below a + 1 and by Lentz's continued fraction above (Numerical Recipes
 * §6.2), each converged to double precision. Checked against scipy.stats.chi2.sf (reference.json).
 */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0)) throw new Error(`chi-square needs df > 0, got ${df}`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  const a = df / 2;
  const z = x / 2;
  const logPrefix = a * Math.log(z) - z - lgamma(a);
  if (z < a + 1) {
    // P(a, z) = e^{-z} z^a / Γ(a) · Σ z^n / (a (a+1) … (a+n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10000; n++) {
      term *= z / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - Math.exp(logPrefix) * sum);
  }
  // Q(a, z) = e^{-z} z^a / Γ(a) · 1 / (z + 1 − a − 1·(1−a) / (z + 3 − a − …)), modified Lentz.
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}
