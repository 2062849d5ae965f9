import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { RunRecord } from '@scbench/api';

/** The identity of a run: the same dataset, method, seed and resolved parameters is the same run. */
export function runKey(r: Pick<RunRecord, 'dataset' | 'method' | 'seed' | 'paramsHash'>): string {
  return `${r.dataset}|${r.method}|${r.seed}|${r.paramsHash}`;
}

/**
 * Read records.jsonl. A line cut short by a kill during the append (only ever the last one) is dropped and the file
 * rewritten without it, so the next append starts on a clean line.
 */
export function readRecords(file: string): RunRecord[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const records: RunRecord[] = [];
  let damaged = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line) as RunRecord);
    } catch {
      if (i < lines.length - 1 && lines.slice(i + 1).some((l) => l.trim() !== '')) {
        throw new Error(`${file}:${i + 1} is not valid JSON and is not the last line; fix or delete that line`);
      }
      damaged = true;
    }
  });
  if (damaged || (text.length > 0 && !text.endsWith('\n'))) {
    writeFileSync(file, records.map((r) => JSON.stringify(r) + '\n').join(''));
  }
  return records;
}

/** One JSON line per run, written with a single append so a whole line lands or (on a crash) a repairable tail. */
export function appendRecord(file: string, record: RunRecord): void {
  appendFileSync(file, JSON.stringify(record) + '\n');
}

/** Runs already recorded, by key; with `retryFailed`, only the successful ones count as done. */
export function finishedKeys(records: readonly RunRecord[], retryFailed = false): Set<string> {
  return new Set(records.filter((r) => !retryFailed || r.status === 'ok').map(runKey));
}

/** The newest record of each run (a retried run appends a second line). */
export function latestRecords(records: readonly RunRecord[]): RunRecord[] {
  const byKey = new Map<string, RunRecord>();
  for (const r of records) byKey.set(runKey(r), r);
  return [...byKey.values()];
}
