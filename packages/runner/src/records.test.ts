import { describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '@scbench/api';
import { appendRecord, finishedKeys, latestRecords, readRecords, runKey } from './records.ts';

const rec = (seed: number, status: RunRecord['status'] = 'ok') => ({ dataset: 'd', method: 'm', seed, paramsHash: 'h', status }) as RunRecord;

describe('records.jsonl', () => {
  it('drops a last line cut short by a kill and repairs the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scb-')), 'records.jsonl');
    appendRecord(file, rec(0));
    appendRecord(file, rec(1));
    appendFileSync(file, '{"dataset":"d","meth'); // killed mid-write
    const warnings: string[] = [];
    expect(readRecords(file, (m) => warnings.push(m)).map((r) => r.seed)).toEqual([0, 1]);
    expect(warnings).toEqual([`${file}:3: the last line is cut short (a run stopped while its record was written); dropped it, so that run runs again`]);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    appendRecord(file, rec(2));
    expect(readRecords(file).map((r) => r.seed)).toEqual([0, 1, 2]);
  });
  it('refuses a damaged line in the middle instead of silently losing runs', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scb-')), 'records.jsonl');
    writeFileSync(file, `${JSON.stringify(rec(0))}\nnot json\n${JSON.stringify(rec(1))}\n`);
    expect(() => readRecords(file)).toThrow(/records.jsonl:2 is not valid JSON/);
    writeFileSync(file, `${JSON.stringify(rec(0))}\n[1,2]\n`); // valid JSON, but no record
    expect(() => readRecords(file)).toThrow(/records.jsonl:2 is not a run record/);
  });
  it('skips finished runs, and failed ones only without retry', () => {
    const rs = [rec(0), rec(1, 'failed')];
    expect(finishedKeys(rs).has(runKey(rec(1)))).toBe(true);
    expect(finishedKeys(rs, true).has(runKey(rec(1)))).toBe(false);
    expect(latestRecords([rec(1, 'failed'), rec(1, 'ok')]).map((r) => r.status)).toEqual(['ok']);
  });
});
