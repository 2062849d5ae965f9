import { describe, expect, it } from '@jest/globals';
import { ari } from './ari.ts';
import { fmi } from './fmi.ts';
import { completeness, homogeneity, vMeasure } from './homogeneity.ts';
import { nmi } from './nmi.ts';
import { randomLabels } from './testing.ts';

/** Pair counts straight from the definition, O(n²). */
function pairCounts(t: Int32Array, p: Int32Array): { tp: number; fp: number; fn: number; tn: number } {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < t.length; i++) {
    for (let j = 0; j < t.length; j++) {
      if (i === j) continue;
      const sameT = t[i] === t[j];
      const sameP = p[i] === p[j];
      if (sameT && sameP) tp++;
      else if (sameP) fp++;
      else if (sameT) fn++;
      else tn++;
    }
  }
  return { tp, fp, fn, tn };
}

describe('pair-counting metrics', () => {
  it('ARI and FMI equal their pair-count definitions', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const t = randomLabels(60, 2 + (seed % 5), seed);
      const p = randomLabels(60, 2 + (seed % 3), seed * 31);
      const { tp, fp, fn, tn } = pairCounts(t, p);
      const expectedAri = (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
      expect(ari.score(t, p)).toBeCloseTo(expectedAri, 14);
      expect(fmi.score(t, p)).toBeCloseTo(tp / Math.sqrt((tp + fp) * (tp + fn)), 14);
    }
  });

  it('ARI is exact for a million labels (products beyond 2^53)', () => {
    const t = randomLabels(1_000_000, 100, 1);
    const p = t.map((v, i) => (i % 10 === 0 ? (v + 1) % 100 : v));
    const value = ari.score(t, p);
    expect(value).toBeGreaterThan(0.7);
    expect(value).toBeLessThan(1);
  });
});

describe('information metrics', () => {
  it('are invariant to relabelling and symmetric where they should be', () => {
    const t = randomLabels(400, 5, 11);
    const p = randomLabels(400, 7, 12);
    const relabelled = p.map((v) => 1000 - 13 * v);
    for (const m of [nmi, ari, fmi, homogeneity, completeness, vMeasure]) {
      expect(m.score(t, relabelled)).toBeCloseTo(m.score(t, p), 13);
    }
    for (const m of [nmi, ari, fmi, vMeasure]) expect(m.score(p, t)).toBeCloseTo(m.score(t, p), 13);
    expect(homogeneity.score(p, t)).toBeCloseTo(completeness.score(t, p), 13);
  });

  it('separates homogeneity from completeness: splitting clusters is homogeneous, merging is complete', () => {
    const t = randomLabels(300, 4, 3);
    const split = t.map((v, i) => 2 * v + (i % 2));
    const merged = t.map((v) => (v < 2 ? 0 : 1));
    expect(homogeneity.score(t, split)).toBeCloseTo(1, 14);
    expect(completeness.score(t, split)).toBeLessThan(0.9);
    expect(completeness.score(t, merged)).toBeCloseTo(1, 14);
    expect(homogeneity.score(t, merged)).toBeLessThan(0.9);
  });
});
