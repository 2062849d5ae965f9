import { describe, expect, it } from '@jest/globals';
import { layout2d, orderedConfusion, pictureCells } from './picture.ts';

describe('report pictures', () => {
  it('orders the confusion matrix by the Hungarian matching, unmatched clusters last', () => {
    const truth = { labels: Int32Array.from([0, 0, 0, 1, 1, 2, 2]), names: ['x', 'y', 'z'] };
    const pred = Int32Array.from([5, 5, 7, 9, 9, 9, 3]);
    // x↔5 (2 cells), y↔9 (2), z↔3 or 9… the best total: x–5, y–9, z–3 = 5 matched; 7 left over.
    expect(orderedConfusion(truth, pred)).toEqual({
      confusion: [[2, 0, 0, 1], [0, 2, 0, 0], [0, 1, 1, 0]], clusterIds: [5, 9, 3, 7], clusterType: [0, 1, 2, -1],
    });
  });
  it('draws every cell of a small dataset and the same seeded sample of a large one', () => {
    expect(Array.from(pictureCells(5, 10))).toEqual([0, 1, 2, 3, 4]);
    const a = pictureCells(1000, 100);
    expect(a).toHaveLength(100);
    expect(Array.from(a)).toEqual(Array.from(pictureCells(1000, 100)));
    expect(Array.from(a)).toEqual([...a].sort((x, y) => x - y));
  });
  it('lays out deterministically per seed, scaled to [0, 1]', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 2 ? 10 + (i % 5) : i % 7, i % 3, (i * 7) % 11]);
    const a = layout2d(rows, 1);
    expect(a).toEqual(layout2d(rows, 1));
    expect(a).toHaveLength(80);
    expect(Math.min(...a)).toBe(0);
    expect(Math.max(...a)).toBe(1);
  });
});
