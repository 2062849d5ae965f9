import { describe, expect, it } from '@jest/globals';
import { compactCodes, decodeNumericLabels, encodeStringLabels } from './labels.ts';

describe('decodeNumericLabels', () => {
  it('auto: 1-based when min 1 and max K', () => {
    const d = decodeNumericLabels(Float64Array.of(1, 3, 2, 3), 'f', 'Y');
    expect(Array.from(d.truth.labels)).toEqual([0, 2, 1, 2]);
    expect(d.how).toMatch(/^1-based/);
  });
  it('auto: 0-based when min 0 and max K−1', () => {
    const d = decodeNumericLabels([0, 1, 1], 'f', 'Y');
    expect(Array.from(d.truth.labels)).toEqual([0, 1, 1]);
    expect(d.truth.names).toEqual(['0', '1']);
  });
  it('a declared base that leaves gaps drops unused codes', () => {
    const d = decodeNumericLabels([1, 3], 'f', 'Y', 1);
    expect(Array.from(d.truth.labels)).toEqual([0, 1]);
    expect(d.truth.names).toEqual(['1', '3']);
  });
  it('codes below a declared base and non-integers are errors', () => {
    expect(() => decodeNumericLabels([0, 1], 'f', 'Y', 1)).toThrow(/below the declared base 1/);
    expect(() => decodeNumericLabels([1, 1.5], 'f', 'Y')).toThrow(/Y\[1\] = 1.5 is not an integer code/);
    expect(() => decodeNumericLabels([1, NaN], 'f', 'Y')).toThrow(/not an integer code/);
  });
});

describe('string and categorical labels', () => {
  it('strings: classes sorted in byte order (upper case first)', () => {
    const t = encodeStringLabels(['beta', 'B_cell', 'alpha', 'beta']);
    expect(t.names).toEqual(['B_cell', 'alpha', 'beta']);
    expect(Array.from(t.labels)).toEqual([2, 0, 1, 2]);
  });
  it('strings: missing values are errors', () => {
    expect(() => encodeStringLabels(['a', 'NA'], 'f', 'col')).toThrow(/missing a value at cell 1/);
  });
  it('categorical codes keep category order and drop unused categories', () => {
    const t = compactCodes([2, 0, 2], ['x', 'unused', 'z']);
    expect(t.names).toEqual(['x', 'z']);
    expect(Array.from(t.labels)).toEqual([1, 0, 1]);
  });
});
