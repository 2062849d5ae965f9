import { join } from 'node:path';
import type { RunRecord } from '@scbench/api';

type RunId = Pick<RunRecord, 'dataset' | 'method' | 'seed' | 'paramsHash'>;

function safeName(s: string): string {
  return s.replace(/[^\w.-]+/g, '_').slice(-80);
}

/** The file stem of a run's side files in an output folder: one name for its log and its picture data. */
export function runStem(r: RunId): string {
  return `${safeName(r.dataset)}__${r.method}__s${r.seed}__${r.paramsHash}`;
}

/** `ctx.log` events of the run, one JSON line each. */
export function logFile(out: string, r: RunId): string {
  return join(out, 'logs', `${runStem(r)}.jsonl`);
}

/** What the report draws of the run (labels, a 2-D layout, the confusion matrix, snapshot scores). */
export function pictureFile(out: string, r: RunId): string {
  return join(out, 'pictures', `${runStem(r)}.json`);
}
