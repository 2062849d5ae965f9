import { describe, expect, it } from '@jest/globals';
import { maskedSwap } from './masked-swap.ts';
import { createRng } from './rng.ts';

describe('maskedSwap', () => {
  const rows = 200;
  const cols = 50;
  // Distinct values everywhere, so every swap with another cell changes the entry.
  const x = Float32Array.from({ length: rows * cols }, (_, e) => e + 1);

  it('row-permutation (scMAE): swapped entries of a row all come from one donor row, same gene; the mask marks exactly the changes', () => {
    const { corrupted, mask } = maskedSwap(x, rows, cols, 0.4, createRng(3));
    let masked = 0;
    for (let i = 0; i < rows; i++) {
      const donors = new Set<number>();
      for (let j = 0; j < cols; j++) {
        const e = i * cols + j;
        expect(mask[e]).toBe(corrupted[e] !== x[e] ? 1 : 0);
        if (mask[e]) {
          const src = corrupted[e] - 1;
          expect(src % cols).toBe(j); // same gene
          donors.add(Math.floor(src / cols));
          masked++;
        }
      }
      expect(donors.size).toBeLessThanOrEqual(1);
    }
    // P(masked) = 0.4 · (1 − 1/rows): about 0.398.
    expect(masked / (rows * cols)).toBeGreaterThan(0.37);
    expect(masked / (rows * cols)).toBeLessThan(0.43);
  });

  it('column-shuffle (VIME, scNAME): same gene, donors differ within a row; rate close to p', () => {
    const { corrupted, mask } = maskedSwap(x, rows, cols, 0.3, createRng(4), 'column-shuffle');
    let masked = 0;
    let manyDonors = 0;
    for (let i = 0; i < rows; i++) {
      const donors = new Set<number>();
      for (let j = 0; j < cols; j++) {
        const e = i * cols + j;
        expect(mask[e]).toBe(corrupted[e] !== x[e] ? 1 : 0);
        if (mask[e]) {
          expect((corrupted[e] - 1) % cols).toBe(j);
          donors.add(Math.floor((corrupted[e] - 1) / cols));
          masked++;
        }
      }
      if (donors.size > 1) manyDonors++;
    }
    expect(manyDonors).toBeGreaterThan(rows / 2);
    expect(masked / (rows * cols)).toBeGreaterThan(0.27);
    expect(masked / (rows * cols)).toBeLessThan(0.33);
  });

  it('does not mark a swap that brings an equal value, is deterministic per seed, and checks its input', () => {
    const flat = new Float32Array(rows * cols).fill(2);
    expect(maskedSwap(flat, rows, cols, 0.5, createRng(1)).mask.every((m) => m === 0)).toBe(true);
    expect(Array.from(maskedSwap(x, rows, cols, 0.4, createRng(9)).corrupted)).toEqual(Array.from(maskedSwap(x, rows, cols, 0.4, createRng(9)).corrupted));
    expect(() => maskedSwap(x, rows, cols, 1.5, createRng(1))).toThrow(/probability/);
    expect(() => maskedSwap(x, rows, cols + 1, 0.4, createRng(1))).toThrow(/expected/);
  });
});
