import { describe, expect, it } from '@jest/globals';
import { averageRanks, meanSd } from './stats.ts';

describe('meanSd', () => {
  it('uses the n−1 sample standard deviation', () => {
    const { mean, sd } = meanSd([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });
  it('gives sd 0 for one value and NaN for none', () => {
    expect(meanSd([0.7])).toEqual({ mean: 0.7, sd: 0 });
    expect(Number.isNaN(meanSd([]).mean)).toBe(true);
  });
});

describe('averageRanks', () => {
  it('shares tied ranks and puts NaN last', () => {
    expect(averageRanks([0.9, 0.5, 0.9, NaN, 0.1], true)).toEqual([1.5, 3, 1.5, 5, 4]);
    expect(averageRanks([3, 1, 2], false)).toEqual([3, 1, 2]);
  });
});
