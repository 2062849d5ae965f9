import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { RunRecord } from '@scbench/api';
import { EXIT, UserError } from './exit-codes.ts';

/** The identity of a run: the same dataset, method, seed and resolved parameters is the same run. */
export function runKey(r: Pick<RunRecord, 'dataset' | 'method' | 'seed' | 'paramsHash'>): string {
  return `${r.dataset}|${r.method}|${r.seed}|${r.paramsHash}`;
}

/** Does a parsed line have what resuming and the report need of a record? */
function isRecord(v: unknown): v is RunRecord {
  const r = v as Partial<RunRecord> | null;
  return typeof r === 'object' && r !== null && typeof r.dataset === 'string' && typeof r.method === 'string'
    && typeof r.seed === 'number' && typeof r.paramsHash === 'string' && typeof r.status === 'string';
}

/**
 * Read records.jsonl. A line cut short by a kill during the append (only ever the last one) is dropped, with a
 * warning (that run is not recorded, so it runs again), and the file rewritten without it, so the next append starts
 * on a clean line. Any other line that is not a record is an error naming the file and line (exit 3): dropping it
 * would silently lose a run.
 */
export function readRecords(file: string, warn: (message: string) => void = (m) => process.stderr.write(`scbench: warning: ${m}\n`)): RunRecord[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const records: RunRecord[] = [];
  let damaged = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (lines.slice(i + 1).some((l) => l.trim() !== '')) {
        throw new UserError(`${file}:${i + 1} is not valid JSON and is not the last line; fix or delete that line (the other lines are records)`, EXIT.badInput);
      }
      warn(`${file}:${i + 1}: the last line is cut short (a run stopped while its record was written); dropped it, so that run runs again`);
      damaged = true;
      return;
    }
    if (!isRecord(parsed)) {
      throw new UserError(`${file}:${i + 1} is not a run record (no dataset, method, seed, paramsHash and status); fix or delete that line`, EXIT.badInput);
    }
    records.push(parsed);
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
