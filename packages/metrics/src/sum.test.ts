import { describe, expect, it } from '@jest/globals';
import { loadReference } from './reference.ts';
import { pairwiseSum } from './sum.ts';

describe('pairwiseSum', () => {
  it('reproduces np.sum bit for bit (lengths around the 8-wide and 128 block boundaries)', () => {
    for (const { x, sum } of loadReference().sums) expect(pairwiseSum(Float64Array.from(x))).toBe(sum);
  });

  it('sums a sub-range', () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => i + 0.5);
    expect(pairwiseSum(x, 100, 50)).toBe(Array.from(x.subarray(100, 150)).reduce((s, v) => s + v, 0));
  });
});
