import { describe, expect, it } from '@jest/globals';
import { digamma } from './digamma.ts';
import { lgamma } from './lgamma.ts';

describe('digamma', () => {
  it('matches known values (scipy.special.digamma) from 1e-3 to 1e6', () => {
    // scipy 1.17.1: python3 -c 'from scipy.special import digamma; print([repr(float(digamma(x))) for x in [1e-3, 0.5, 1, 2.5, 10, 123.4, 1e6]])'
    const cases: [number, number][] = [
      [1e-3, -1000.5755719318103], [0.5, -1.9635100260214235], [1, -0.5772156649015329], [2.5, 0.7031566406452432],
      [10, 2.251752589066721], [123.4, 4.8113737751162775], [1e6, 13.81551005796419],
    ];
    for (const [x, want] of cases) expect(Math.abs(digamma(x) - want) / Math.abs(want)).toBeLessThan(1e-13);
  });

  it('is the derivative of numerics\' lgamma (central differences) and satisfies ψ(x+1) = ψ(x) + 1/x', () => {
    for (const x of [0.05, 0.7, 3.3, 9.99, 10.01, 57, 4000]) {
      const h = 1e-5 * Math.max(1, x);
      expect(digamma(x)).toBeCloseTo((lgamma(x + h) - lgamma(x - h)) / (2 * h), 5);
      expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 12);
    }
    expect(digamma(0)).toBeNaN();
    expect(digamma(-1)).toBeNaN();
  });
});
