/**
 * ln Γ(x) for x > 0, accurate to a few ulps over the whole range the metrics use (integers up to ~1e8): the one
 * scalar ln Γ of the repository (AMI's expected mutual information, the Poisson sampler in rng.ts, the report's
 * chi-square tail; the engine's differentiable tensor op is checked against it).
 *
 * Why our own: the expected mutual information (AMI) is a sum of exp(Σ ±lnΓ(·)) where the lnΓ values reach ~1e7 and
 * cancel down to O(1), so lnΓ must be accurate to ~1 ulp of its value; a Lanczos fit (relative error ~1e-14) would
 * lose ~7 digits there. scipy's `gammaln` (cephes) uses the same two regimes as here: exact log-factorials / an upward
 * recurrence for small x, and Stirling's asymptotic series for large x.
 */

const HALF_LN_2PI = 0.9189385332046727; // ½·ln(2π)
/** Shift small arguments up to here before using the series; its first omitted term is < 1e-17 for x ≥ 15. */
const SERIES_FROM = 15;
/** k! for k ≤ 22 is exactly representable in float64 (its odd part is < 2^53), so ln((x−1)!) rounds only once. */
const FACTORIALS: Float64Array = (() => {
  const f = new Float64Array(23);
  f[0] = 1;
  for (let k = 1; k <= 22; k++) f[k] = f[k - 1] * k;
  return f;
})();

/** Stirling's series with Bernoulli coefficients B₂ₖ / (2k(2k−1)), k = 1..6. */
function stirling(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  const series =
    r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series;
}

export function lgamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN; // negative arguments are never needed here
  if (x === 0) return Infinity;
  if (x === 1 || x === 2) return 0;
  if (x <= 23 && Number.isInteger(x)) return Math.log(FACTORIALS[x - 1]);
  if (x >= SERIES_FROM) return stirling(x);
  // Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)): move into the series' accurate range.
  let product = 1;
  let y = x;
  while (y < SERIES_FROM) {
    product *= y;
    y += 1;
  }
  return stirling(y) - Math.log(product);
}
