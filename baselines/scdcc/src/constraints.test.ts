import { describe, expect, it } from '@jest/globals';
import { randomPairs } from './constraints.ts';

describe('randomPairs (scDCC generate_random_pair)', () => {
  // 20 labelled rows of a 200-cell dataset, 4 classes
  const cells = Int32Array.from({ length: 20 }, (_, i) => i * 10 + 3);
  const labels = Int32Array.from({ length: 20 }, (_, i) => i % 4);
  const classOf = new Map(Array.from(cells, (c, i) => [c, labels[i]]));

  it('makes count pairs among the labelled cells only: must-links within a class, cannot-links across', () => {
    const p = randomPairs({ cells, labels }, 300, 7);
    expect(p.ml1.length + p.cl1.length).toBe(300);
    for (const row of [...p.ml1, ...p.ml2, ...p.cl1, ...p.cl2]) expect(classOf.has(row)).toBe(true);
    p.ml1.forEach((a, t) => {
      expect(a).not.toBe(p.ml2[t]);
      expect(classOf.get(a)).toBe(classOf.get(p.ml2[t]));
    });
    p.cl1.forEach((a, t) => expect(classOf.get(a)).not.toBe(classOf.get(p.cl2[t])));
    // 4 balanced classes: about a quarter of random pairs of distinct cells share a class (here 4·5·4 / (20·19) = 0.21)
    expect(p.ml1.length / 300).toBeGreaterThan(0.12);
    expect(p.ml1.length / 300).toBeLessThan(0.32);
  });

  it('never repeats an ordered must-link (cannot-links may repeat, as in the original)', () => {
    const p = randomPairs({ cells, labels }, 600, 1);
    const ml = new Set(Array.from(p.ml1, (a, t) => `${a}-${p.ml2[t]}`));
    expect(ml.size).toBe(p.ml1.length);
    expect(p.ml1.length).toBeLessThanOrEqual(4 * 5 * 4); // ordered same-class pairs: 4 classes × 5 × 4
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = randomPairs({ cells, labels }, 100, 3);
    const b = randomPairs({ cells, labels }, 100, 3);
    const c = randomPairs({ cells, labels }, 100, 4);
    expect(Array.from(b.ml1)).toEqual(Array.from(a.ml1));
    expect(Array.from(b.cl2)).toEqual(Array.from(a.cl2));
    expect(Array.from(c.cl1)).not.toEqual(Array.from(a.cl1));
  });

  it('refuses what the original would loop on for ever, naming the fix', () => {
    const one = { cells: Int32Array.of(1, 2, 3), labels: Int32Array.of(0, 0, 0) };
    expect(() => randomPairs(one, 7, 0)).toThrow(/only 6 distinct pairs[\s\S]*label more cells/);
    expect(randomPairs(one, 6, 0).ml1.length).toBe(6);
  });
});
