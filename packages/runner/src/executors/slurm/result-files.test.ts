import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunRecord } from '@scbench/api';
import { readRecords } from '../../records.ts';
import { collect } from './collect.ts';
import type { SlurmPlan } from './plan-file.ts';
import { listResultFiles, mergeResults, resultFile, unmergedResultFiles, writeResultFile } from './result-files.ts';

const rec = (seed: number, finishedAt: string, status: RunRecord['status'] = 'ok') =>
  ({ dataset: 'd', method: 'm', seed, paramsHash: 'h', status, startedAt: '2026-12-06T00:00:00.000Z', finishedAt }) as RunRecord;

describe('result files and their merge', () => {
  it('writes by rename, leaving no temporary file, one folder per hash prefix', () => {
    const out = mkdtempSync(join(tmpdir(), 'scb-'));
    const file = resultFile(out, rec(0, 't'), 'sub1');
    writeResultFile(file, rec(0, 't'));
    expect(readdirSync(dirname(file))).toEqual([file.split('/').at(-1)]);
    expect(file).toMatch(/results\/[0-9a-f]{2}\/[0-9a-f]{20}--sub1\.json$/);
    expect(resultFile(out, rec(0, 't'), 'sub2')).not.toBe(file);
  });
  it('merges every attempt once, oldest first, however often it runs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scb-'));
    writeResultFile(resultFile(out, rec(1, 'b'), 's1'), rec(1, '2026-12-06T00:00:02Z', 'failed'));
    writeResultFile(resultFile(out, rec(0, 'a'), 's1'), rec(0, '2026-12-06T00:00:01Z'));
    writeResultFile(resultFile(out, rec(1, 'c'), 's2'), rec(1, '2026-12-06T00:00:03Z'));
    writeFileSync(join(dirname(resultFile(out, rec(0, 'a'), 's1')), '.tmp-1-x'), '{"half'); // a task killed mid-write
    expect(await mergeResults(out)).toEqual({ files: 3, added: 3 });
    expect(await mergeResults(out)).toEqual({ files: 3, added: 0 });
    const rs = readRecords(join(out, 'records.jsonl'));
    expect(rs.map((r) => [r.seed, r.status])).toEqual([[0, 'ok'], [1, 'failed'], [1, 'ok']]);
  });
  it('after a merge killed half-way through its append, cuts the broken line and merges exactly what is missing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scb-'));
    for (let seed = 0; seed < 3; seed++) writeResultFile(resultFile(out, rec(seed, 'a'), 's1'), rec(seed, `2026-12-06T00:00:0${seed}Z`));
    await mergeResults(out);
    // The state a kill leaves: the marker, records 0 whole and 1 cut short, no merged.txt entries yet.
    const file = join(out, 'records.jsonl');
    const [first, second] = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, `${first}\n${second.slice(0, 20)}`);
    writeFileSync(join(out, 'results', 'merged.txt'), '');
    writeFileSync(join(out, 'results', 'merging'), '');
    expect(await mergeResults(out)).toEqual({ files: 3, added: 2 });
    expect(readRecords(file).map((r) => r.seed)).toEqual([0, 1, 2]);
    expect(await mergeResults(out)).toEqual({ files: 3, added: 0 });
    expect(unmergedResultFiles(out)).toEqual([]);
  });
  it('gives a whole last line without its newline one before appending, and merges afresh into a removed records.jsonl', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scb-'));
    const file = join(out, 'records.jsonl');
    writeFileSync(file, JSON.stringify(rec(9, 'local'))); // e.g. written by hand
    writeResultFile(resultFile(out, rec(0, 'a'), 's1'), rec(0, '2026-12-06T00:00:01Z'));
    await mergeResults(out);
    expect(readRecords(file).map((r) => r.seed)).toEqual([9, 0]);
    rmSync(file);
    expect((await mergeResults(out)).added).toBe(1);
  });
  it('records a task that ended without a record from Slurm\'s state, and leaves active tasks alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scb-'));
    const run = (seed: number) => ({ dataset: 'synthetic', method: 'pca-kmeans', seed, params: { nInit: 3 }, paramsHash: 'abc' });
    const plan: SlurmPlan = {
      version: 1, submission: 's1', out, protocol: 'honest', smoke: false, timeoutS: 60, cacheDir: '/c', report: false,
      runs: [run(0), run(1), run(2)], arrays: [{ jobId: '40', resources: { minutes: 5 }, runs: [0, 1, 2] }],
    };
    writeResultFile(resultFile(out, { ...run(0), method: 'pca-kmeans' }, 's1'), { ...rec(0, 'z'), dataset: 'synthetic', method: 'pca-kmeans', paramsHash: 'abc' });
    const states = () => [
      { arrayJobId: '40', taskId: 0, state: 'COMPLETED', reason: 'None', exitCode: '0:0', node: 'n' },
      { arrayJobId: '40', taskId: 1, state: 'TIMEOUT', reason: 'TimeLimit', exitCode: '0:15', node: 'n' },
      { arrayJobId: '40', taskId: 2, state: 'RUNNING', reason: 'None', exitCode: '0:0', node: 'n' },
    ];
    const s = await collect(plan, states);
    expect(s).toMatchObject({ fromSlurm: 1, active: 1, added: 2 });
    const rs = readRecords(join(out, 'records.jsonl'));
    const timedOut = rs.find((r) => r.seed === 1)!;
    expect(timedOut).toMatchObject({ status: 'timeout', method: 'pca-kmeans', params: { nInit: 3 }, paramsHash: 'abc', scores: null });
    expect(timedOut.error).toMatch(/Slurm task 40_1 hit its Slurm time limit .*state TIMEOUT, exit code 0:15/);
    expect((await collect(plan, states)).added).toBe(0);
    expect(existsSync(join(out, 'records.jsonl.lock'))).toBe(false);
    expect(listResultFiles(out)).toHaveLength(2);
  });
});
