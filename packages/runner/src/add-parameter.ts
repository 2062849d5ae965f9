/**
 * Records made before a method gained a parameter lack its key. Two things then go wrong with an old results folder:
 * the report names rows by what differs from the method's defaults, so every old row reads `scllm-dsc
 * [geneVectors=—]`, and resuming the same grid re-runs every old job, because the resume key (paramsHash) covers the
 * full parameter set. A new parameter is added with a default that does what the method did before it existed
 * (the convention here: a new switch's default changes nothing). Under that convention the old records can state it:
 * give them the key with that value and recompute their hash. Records that already have the key are left alone.
 */
import { copyFileSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParamValue, RunRecord } from '@scbench/api';
import { hashParams } from './params.ts';
import { readRecords } from './records.ts';
import { logFile, pictureFile } from './run-files.ts';
import { findMethod } from './registry.ts';

export function addParameter(records: readonly RunRecord[], method: string, key: string, value: ParamValue): { records: RunRecord[]; changed: number } {
  let changed = 0;
  const out = records.map((r) => {
    if (r.method !== method || Object.prototype.hasOwnProperty.call(r.params, key)) return r;
    changed++;
    const params = { ...r.params, [key]: value };
    return { ...r, params, paramsHash: hashParams(params) };
  });
  return { records: out, changed };
}

/**
 * `addParameter` on DIR/records.jsonl with the method's current default for `key`. Checks everything before writing,
 * and writes beside then renames, so a bad argument or a crash leaves the old file whole.
 */
export function addParameterInFolder(dir: string, methodId: string, key: string): { file: string; changed: number; value: ParamValue } {
  const file = join(dir, 'records.jsonl');
  if (!existsSync(file)) throw new Error(`${file} does not exist: give the folder a scbench run wrote (its --out)`);
  const defaults = findMethod(methodId).defaults as Record<string, ParamValue>;
  if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
    throw new Error(`${methodId} has no parameter '${key}'; its parameters: ${Object.keys(defaults).join(', ')}`);
  }
  const before = readRecords(file);
  const { records, changed } = addParameter(before, methodId, key, defaults[key]);
  // A run's log and pictures are named by its hash: copy them to the new name before the records change, remove the
  // old name after, so a crash leaves both names (never a record without its files).
  const moved = records.flatMap((r, i) => (r.paramsHash === before[i].paramsHash ? [] : sideFiles(dir, before[i], r)));
  for (const [from, to] of moved) copyFileSync(from, to);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, records.map((r) => JSON.stringify(r) + '\n').join(''));
  renameSync(tmp, file);
  for (const [from] of moved) rmSync(from);
  return { file, changed, value: defaults[key] };
}

/** [old, new] paths of the run's log and pictures that exist under the old record's name. */
function sideFiles(dir: string, old: RunRecord, now: RunRecord): [string, string][] {
  return [logFile, pictureFile].map((name): [string, string] => [name(dir, old), name(dir, now)]).filter(([from]) => existsSync(from));
}
