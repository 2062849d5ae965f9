import { describe, expect, it } from '@jest/globals';
import type { AnyMethod, RunRecord } from '@scbench/api';
import { addParameter } from './add-parameter.ts';
import { hashParams } from './params.ts';
import { jobParams } from './plan.ts';
import { findMethod } from './registry.ts';
import { runKey } from './records.ts';

const record = (method: string, params: RunRecord['params']) => ({ dataset: 'd', method, seed: 0, params, paramsHash: hashParams(params), status: 'ok' }) as RunRecord;

describe('addParameter', () => {
  it("gives a method's old records the new key and the hash a run with today's defaults has, so a grid resumes", () => {
    const m = findMethod('pca-kmeans') as AnyMethod;
    const today = jobParams(m, [], false);
    const [key, ...rest] = Object.keys(today);
    const before = Object.fromEntries(rest.map((k) => [k, today[k]]));
    const { records, changed } = addParameter([record('pca-kmeans', before)], 'pca-kmeans', key, today[key]);
    expect(changed).toBe(1);
    expect(records[0].params).toEqual(today);
    expect(runKey(records[0])).toBe(runKey({ dataset: 'd', method: 'pca-kmeans', seed: 0, paramsHash: hashParams(today) }));
  });

  it('leaves other methods, and records that already have the key, as they are', () => {
    const other = record('leiden', { a: 1 });
    const has = record('m', { a: 1, k: 'x' });
    const { records, changed } = addParameter([other, has], 'm', 'k', 'auto');
    expect(changed).toBe(0);
    expect(records[0]).toBe(other);
    expect(records[1]).toBe(has);
  });
});
