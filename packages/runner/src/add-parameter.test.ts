import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyMethod, RunRecord } from '@scbench/api';
import { addParameter, addParameterInFolder } from './add-parameter.ts';
import { hashParams } from './params.ts';
import { jobParams } from './plan.ts';
import { findMethod } from './registry.ts';
import { readRecords, runKey } from './records.ts';
import { logFile, pictureFile } from './run-files.ts';

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

describe('addParameterInFolder', () => {
  const folder = (lines: RunRecord[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'scb-addparam-'));
    writeFileSync(join(dir, 'records.jsonl'), lines.map((r) => JSON.stringify(r) + '\n').join(''));
    return dir;
  };

  it("writes the method's current default into the records that lack it, and nothing beside the file", () => {
    const today = jobParams(findMethod('pca-kmeans'), [], false);
    const { nPcs, ...before } = today;
    const dir = folder([record('pca-kmeans', before), record('leiden', { a: 1 })]);
    expect(addParameterInFolder(dir, 'pca-kmeans', 'nPcs')).toMatchObject({ changed: 1, value: nPcs });
    const [migrated, other] = readRecords(join(dir, 'records.jsonl'));
    expect(migrated.params).toEqual(today);
    expect(migrated.paramsHash).toBe(hashParams(today));
    expect(other.params).toEqual({ a: 1 });
    expect(readdirSync(dir)).toEqual(['records.jsonl']);
  });

  it("moves the runs' logs and pictures to their new names, and leaves other runs' files alone", () => {
    const today = jobParams(findMethod('pca-kmeans'), [], false);
    const { nPcs: _, ...before } = today;
    const old = record('pca-kmeans', before);
    const other = record('leiden', { a: 1 });
    const dir = folder([old, other]);
    for (const sub of ['logs', 'pictures']) mkdirSync(join(dir, sub));
    for (const r of [old, other]) {
      writeFileSync(logFile(dir, r), 'log');
      writeFileSync(pictureFile(dir, r), 'picture');
    }
    addParameterInFolder(dir, 'pca-kmeans', 'nPcs');
    const [migrated] = readRecords(join(dir, 'records.jsonl'));
    expect(readFileSync(logFile(dir, migrated), 'utf8')).toBe('log');
    expect(readFileSync(pictureFile(dir, migrated), 'utf8')).toBe('picture');
    expect(existsSync(logFile(dir, old))).toBe(false);
    expect(existsSync(pictureFile(dir, old))).toBe(false);
    expect(existsSync(pictureFile(dir, other))).toBe(true);
  });

  it('refuses a missing folder, an unknown method or parameter, naming the fix, and leaves the file untouched', () => {
    const dir = folder([record('pca-kmeans', { a: 1 })]);
    const before = readFileSync(join(dir, 'records.jsonl'), 'utf8');
    expect(() => addParameterInFolder(join(dir, 'nope'), 'pca-kmeans', 'nPcs')).toThrow(/records.jsonl does not exist: give the folder a scbench run wrote/);
    expect(() => addParameterInFolder(dir, 'nope', 'nPcs')).toThrow(/unknown method "nope"; known methods: pca-kmeans/);
    expect(() => addParameterInFolder(dir, 'pca-kmeans', 'nope')).toThrow(/pca-kmeans has no parameter 'nope'; its parameters: .*nPcs/);
    expect(readFileSync(join(dir, 'records.jsonl'), 'utf8')).toBe(before);
  });
});
