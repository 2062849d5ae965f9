import { describe, expect, it } from '@jest/globals';
import { formatSignificant, paperWeight } from './sig-digits.ts';

describe('formatSignificant (Python %.4g)', () => {
  it('matches Python on integers, fractions and both exponent switches', () => {
    // Expected strings are what CPython 3.11 prints for '%.4g' % v.
    const cases: [number, string][] = [
      [3, '3'], [1, '1'], [0, '0'], [1.9, '1.9'], [0.7, '0.7'], [2.5, '2.5'], [1234, '1234'], [12345, '1.234e+04'],
      [12355, '1.236e+04'], [0.0001234, '0.0001234'], [0.00001234, '1.234e-05'], [3.14159, '3.142'], [0.99996, '1'],
      [9.9996, '10'], [9999.6, '1e+04'], [1.0005, '1'], [12.345, '12.35'], [0.00012345, '0.0001234'], [-2.71828, '-2.718'], [100, '100'], [1e21, '1e+21'],
    ];
    for (const [v, s] of cases) expect(formatSignificant(v)).toBe(s);
  });
});

describe('paperWeight (int(float(s)) of the printed value)', () => {
  it('truncates toward zero: 1.9 → 1, 0.7 → 0, 2.0 → 2', () => {
    expect(paperWeight(1.9)).toBe(1);
    expect(paperWeight(0.7)).toBe(0);
    expect(paperWeight(2)).toBe(2);
  });
  it('rounds to 4 significant digits first, as the original string round-trip does', () => {
    expect(paperWeight(0.99996)).toBe(1); // printed "1"
    expect(paperWeight(0.9999)).toBe(0); // printed "0.9999"
    expect(paperWeight(12345)).toBe(12340); // printed "1.234e+04"
  });
});
