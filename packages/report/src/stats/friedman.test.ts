import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { chiSquareSf } from './chi-square.ts';
import { friedmanTest } from './friedman.ts';
import { cliques, nemenyiCriticalDifference } from './nemenyi.ts';

// Produced by reference.py (scipy): friedmanchisquare, chi2.sf and studentized_range.
const ref = JSON.parse(readFileSync(new URL('./reference.json', import.meta.url), 'utf8')) as {
  friedman: { name: string; scores: number[][]; statistic: number; pValue: number; meanRanks: number[] }[];
  chi2: { x: number; df: number; sf: number }[];
  criticalDifference: { k: number; n: number; alpha: 0.05 | 0.1; cd: number }[];
};

describe('friedmanTest', () => {
  it.each(ref.friedman.map((c) => [c.name, c] as const))('equals scipy.stats.friedmanchisquare on %s', (_, c) => {
    const r = friedmanTest(c.scores);
    expect(r.statistic).toBeCloseTo(c.statistic, 10);
    expect(r.pValue).toBeCloseTo(c.pValue, 12);
    r.meanRanks.forEach((m, j) => expect(m).toBeCloseTo(c.meanRanks[j], 12));
  });
  it('ranks lower-is-better scores the other way round', () => {
    const r = friedmanTest([[1, 2, 3], [1, 3, 2]], false);
    expect(r.meanRanks).toEqual([1, 2.5, 2.5]);
  });
  it('ranks a failure (NaN) last and refuses a table too small to test', () => {
    expect(friedmanTest([[0.9, NaN], [0.1, 0.5]]).meanRanks).toEqual([1.5, 1.5]);
    expect(() => friedmanTest([[0.5, 0.6]])).toThrow(/at least 2 datasets/);
  });
});

describe('chiSquareSf', () => {
  it.each(ref.chi2.map((c) => [c.x, c.df, c] as const))('equals scipy.stats.chi2.sf(%p, %p)', (_x, _df, c) => {
    const got = chiSquareSf(c.x, c.df);
    expect(Math.abs(got - c.sf)).toBeLessThanOrEqual(1e-13 + 1e-11 * c.sf);
  });
  it('is 1 at x ≤ 0', () => expect(chiSquareSf(0, 3)).toBe(1));
});

describe('nemenyiCriticalDifference', () => {
  it.each(ref.criticalDifference.map((c) => [c.k, c.n, c.alpha, c] as const))('k=%p n=%p alpha=%p equals scipy', (_k, _n, _a, c) => {
    expect(nemenyiCriticalDifference(c.k, c.n, c.alpha)).toBeCloseTo(c.cd, 5);
  });
  it("reproduces Demšar's worked example (4 classifiers, 14 data sets: CD = 1.25)", () => {
    expect(nemenyiCriticalDifference(4, 14)).toBeCloseTo(1.25, 2);
  });
  it('refuses a method count outside the table', () => {
    expect(() => nemenyiCriticalDifference(1, 5)).toThrow(/2 to 60 methods/);
  });
});

describe('cliques', () => {
  it('joins the maximal runs of methods closer than the critical difference', () => {
    expect(cliques([1, 1.5, 2.2, 3.9, 4.0], 1.3)).toEqual([[0, 2], [3, 4]]);
    expect(cliques([1, 3, 5], 1)).toEqual([]);
    expect(cliques([1, 1.9, 2.8], 1)).toEqual([[0, 1], [1, 2]]);
  });
});
