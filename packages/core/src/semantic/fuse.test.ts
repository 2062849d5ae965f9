import { describe, expect, it } from '@jest/globals';
import type { Matrix } from '@scbench/api';
import { l2NormalizeRows } from '@scbench/numerics';
import { fuse } from './fuse.ts';

const m = (data: number[]): Matrix => ({ rows: data.length / 2, cols: 2, data: Float32Array.from(data) });

describe('fuse', () => {
  // Path 1 with paper-like scale (norm 500), path 2 unit-norm.
  const z1 = m([300, 400, 0, 0]);
  const z2 = m([0, 1, 1, 0]);

  it('without normalisation adds the raw paths, so the large path dominates (the original)', () => {
    const z = fuse(z1, z2, 0.5, false);
    expect(Array.from(z.data)).toEqual([150, 200.5, 0.5, 0]);
  });
  it('with normalisation weights unit rows by ω and 1 − ω; a zero row stays zero', () => {
    const z = fuse(z1, z2, 0.25, true);
    expect(z.data[0]).toBeCloseTo(0.25 * 0.6, 6);
    expect(z.data[1]).toBeCloseTo(0.25 * 0.8 + 0.75 * 1, 6);
    expect(Array.from(z.data.subarray(2))).toEqual([0.75, 0]);
  });
  it('ω = 1 and ω = 0 give one path alone', () => {
    expect(Array.from(fuse(z1, z2, 1, true).data)).toEqual(Array.from(l2NormalizeRows(z1).data));
    expect(Array.from(fuse(z1, z2, 0, false).data)).toEqual(Array.from(z2.data));
  });
  it('rejects ω outside [0, 1] and mismatched shapes', () => {
    expect(() => fuse(z1, z2, 1.5, true)).toThrow(/omega/);
    expect(() => fuse(z1, m([1, 2]), 0.5, true)).toThrow(/shape/);
  });
});
