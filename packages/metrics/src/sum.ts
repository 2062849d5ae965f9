/**
 * Sum of a float64 slice in exactly numpy's order (pairwise summation, 8-way unrolled blocks of at most 128 elements,
 * numpy/core/src/umath/loops_utils.h). sklearn's entropy and mutual information end in `np.sum`; summing in the same
 * order makes our values agree with sklearn to the last bit more often than a plain loop would (checked against
 * `np.sum` on random arrays in the reference script's cases), which matters for degenerate ratios such as 0/0 limits.
 */
export function pairwiseSum(x: Float64Array, start = 0, length = x.length - start): number {
  if (length < 8) {
    let res = 0;
    for (let i = 0; i < length; i++) res += x[start + i];
    return res;
  }
  if (length <= 128) {
    let r0 = x[start], r1 = x[start + 1], r2 = x[start + 2], r3 = x[start + 3];
    let r4 = x[start + 4], r5 = x[start + 5], r6 = x[start + 6], r7 = x[start + 7];
    const whole = length - (length % 8);
    let i = 8;
    for (; i < whole; i += 8) {
      const o = start + i;
      r0 += x[o]; r1 += x[o + 1]; r2 += x[o + 2]; r3 += x[o + 3];
      r4 += x[o + 4]; r5 += x[o + 5]; r6 += x[o + 6]; r7 += x[o + 7];
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < length; i++) res += x[start + i];
    return res;
  }
  let half = Math.floor(length / 2);
  half -= half % 8;
  return pairwiseSum(x, start, half) + pairwiseSum(x, start + half, length - half);
}
