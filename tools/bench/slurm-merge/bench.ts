/**
 * The Slurm collector's merge at scale: N per-run result files (default 100,000, written as array tasks write them:
 * one file each, by rename, under DIR/results/<2 hex>/) merged into records.jsonl, then merged again (idempotent:
 * nothing added; this is what every later collector or re-submission pays: a listing and results/merged.txt).
 *   npx tsx tools/bench/slurm-merge/bench.ts [--runs 100000] [--dir /tmp/somewhere]
 * Records are copies of a real record (reports/issue5, sccdcg on pbmc3k , 1.6 kB) with the seed varied, so the bytes per run are realistic.
 * Prints seconds for writing the files, the first merge, the second merge, and the size of records.jsonl.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunRecord } from '@scbench/api';
import { mergeResults, resultFile, writeResultFile } from '@scbench/runner';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '100000' }, dir: { type: 'string' } } });
const runs = Number(values.runs);
const out = values.dir ?? mkdtempSync(join(tmpdir(), 'scbench-merge-'));
const template = JSON.parse(readFileSync(new URL('../../../reports/issue5/records.jsonl', import.meta.url), 'utf8').split('\n')[0]) as RunRecord;

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);
let t0 = performance.now();
for (let i = 0; i < runs; i++) {
  const r: RunRecord = { ...template, seed: i, finishedAt: new Date(Date.UTC(2026, 11, 6) + i).toISOString() };
  writeResultFile(resultFile(out, r, '20261206T000000Z'), r);
}
console.log(`wrote ${runs} result files (${JSON.stringify(template).length} bytes each): ${seconds(t0)} s`);
t0 = performance.now();
const first = await mergeResults(out);
console.log(`first merge: ${first.added} records added from ${first.files} files in ${seconds(t0)} s; records.jsonl ${(statSync(join(out, 'records.jsonl')).size / 2 ** 20).toFixed(0)} MB`);
t0 = performance.now();
const second = await mergeResults(out);
console.log(`second merge (idempotent): ${second.added} added in ${seconds(t0)} s`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
if (!values.dir) {
  t0 = performance.now();
  rmSync(out, { recursive: true, force: true });
  console.log(`removed the folder in ${seconds(t0)} s`);
}
