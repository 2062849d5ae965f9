import { describe, expect, it } from '@jest/globals';
import { defineMethod, defineSemiSupervised, isCsr } from './index.ts';

describe('api', () => {
  it('defineMethod returns the definition unchanged', async () => {
    const m = defineMethod({
      id: 'all-zero', label: 'All zero', summary: 's', reference: { paper: 'p' }, kind: 'classical',
      defaults: { k: 2 },
      run: async (data) => ({ labels: new Int32Array(data.counts.rows) }),
    });
    const out = await m.run(
      { id: 'd', counts: { rows: 3, cols: 1, data: new Float32Array(3) }, valueType: 'raw counts', nClusters: 1 },
      m.defaults,
      {} as never,
    );
    expect(Array.from(out.labels)).toEqual([0, 0, 0]);
  });
  it('defineSemiSupervised refuses a label fraction outside (0, 1), naming the method', () => {
    const def = (labelFraction: number) => defineSemiSupervised({
      id: 'semi', label: 'Semi', summary: 's', reference: { paper: 'p' }, kind: 'deep', defaults: {},
      supervision: { kind: 'semi', labelFraction },
      run: async (data, _p, _c, labelled) => ({ labels: new Int32Array(data.counts.rows).fill(labelled.labels[0] ?? 0) }),
    });
    expect(def(0.1).supervision.labelFraction).toBe(0.1);
    expect(() => def(1)).toThrow(/semi: supervision.labelFraction must be in \(0, 1\), got 1/);
    expect(() => def(0)).toThrow(/labelFraction/);
  });
  it('isCsr tells sparse from dense', () => {
    expect(isCsr({ rows: 0, cols: 0, data: new Float32Array() })).toBe(false);
    expect(isCsr({ rows: 0, cols: 0, indptr: new Int32Array(1), indices: new Int32Array(), data: new Float32Array() })).toBe(true);
  });
});
