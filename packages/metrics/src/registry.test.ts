import { describe, expect, it } from '@jest/globals';
import { SCORE_KEYS } from '@scbench/api';
import { labelMetrics, scoreAll } from './registry.ts';
import { randomLabels } from './testing.ts';

describe('label metric registry', () => {
  it('lists exactly the Scores keys, in order, with sane metadata', () => {
    expect(labelMetrics.map((m) => m.id)).toEqual([...SCORE_KEYS]);
    for (const m of labelMetrics) {
      expect(m.label.length).toBeGreaterThan(0);
      expect(m.range[0]).toBeLessThan(m.range[1]);
      expect(m.higherIsBetter).toBe(true);
    }
  });

  it('scoreAll gives what each metric gives on its own, within its range', () => {
    const truth = randomLabels(3000, 8, 21);
    const pred = truth.map((v, i) => (i % 4 === 0 ? (v * 5 + i) % 11 : v + 100));
    const all = scoreAll(truth, pred);
    for (const m of labelMetrics) {
      const value = all[m.id as keyof typeof all];
      expect(m.score(truth, pred)).toBe(value);
      expect(value).toBeGreaterThanOrEqual(m.range[0]);
      expect(value).toBeLessThanOrEqual(m.range[1]);
    }
  });

  it('refuses empty input and mismatched lengths with clear errors', () => {
    expect(() => scoreAll(new Int32Array(0), new Int32Array(0))).toThrow(/empty/);
    expect(() => scoreAll(new Int32Array(3), new Int32Array(7))).toThrow(/truth has 3 labels but pred has 7/);
    for (const m of labelMetrics) expect(() => m.score(new Int32Array(2), new Int32Array(1))).toThrow(/2 labels .* 1/);
  });
});
