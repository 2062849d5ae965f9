import { describe, expect, it } from '@jest/globals';
import type { Dataset } from '@scbench/api';
import { scgnnInput } from './input.ts';

// 200 cells × 3 genes: gene 0 non-zero in one cell only (< 1%: dropped), genes 1 and 2 everywhere.
function dataset(valueType: Dataset['valueType']): Dataset {
  const data = new Float32Array(200 * 3);
  for (let i = 0; i < 200; i++) {
    data[i * 3] = i === 0 ? 5 : 0;
    data[i * 3 + 1] = 1 + (i % 2);
    data[i * 3 + 2] = 3 + (i % 5);
  }
  return { id: 't', counts: { rows: 200, cols: 3, data }, valueType, nClusters: 2 };
}

describe('scgnnInput', () => {
  it('drops genes non-zero in < 1% of cells, keeps the top genes by variance in order, then log(x + 1)', () => {
    const one = scgnnInput(dataset('raw counts'), 1);
    expect(one.x.cols).toBe(1);
    expect(one.x.data[0]).toBeCloseTo(Math.log(4), 6); // gene 2 (variance 2) beats gene 1 (0.25); cell 0 holds 3
    const all = scgnnInput(dataset('raw counts'), 2000);
    expect(all.x.cols).toBe(2);
    expect(all.x.data[1]).toBeCloseTo(Math.log(4), 6);
    expect(all.step).toBeUndefined();
  });

  it('turns log-normalised values back with expm1, or logs them again with as-given', () => {
    const back = scgnnInput(dataset('log-normalised'), 2000);
    expect(back.x.data[0]).toBeCloseTo(1, 5); // log(expm1(1) + 1)
    expect(back.step).toMatch(/expm1/);
    const again = scgnnInput(dataset('log-normalised'), 2000, 'as-given');
    expect(again.x.data[0]).toBeCloseTo(Math.log(2), 5);
  });

  it('refuses scaled values, naming the dataset and the fix', () => {
    expect(() => scgnnInput(dataset('scaled'), 10)).toThrow(/dataset 't' holds scaled .* Use the dataset's count or log-normalised file/);
  });
});
