// One file per run attempt under DIR/results, written atomically, and their idempotent, streaming merge into
// DIR/records.jsonl. Thousands of tasks on a shared filesystem never write to one file at once: each renames its own.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunRecord } from '@scbench/api';
import { runKey } from '../../records.ts';

type RunId = Pick<RunRecord, 'dataset' | 'method' | 'seed' | 'paramsHash'>;

/**
 * DIR/results/<2 hex>/<run hash>--<submission>.json: 256 sub-folders keep a 100,000-run grid at ~400 files per
 * folder; the submission in the name keeps a re-submitted run's second attempt beside its first.
 */
export function resultFile(out: string, run: RunId, submission: string): string {
  const h = createHash('sha256').update(runKey(run)).digest('hex').slice(0, 20);
  return join(out, 'results', h.slice(0, 2), `${h}--${submission}.json`);
}

/** Write the record to a temporary name in the same folder, then rename: readers see the whole file or none. */
export function writeResultFile(file: string, record: RunRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(tmp, JSON.stringify(record) + '\n');
  renameSync(tmp, file);
}

/** What makes two lines the same attempt of a run: its identity and when it ran. */
function attemptKey(r: Pick<RunRecord, 'dataset' | 'method' | 'seed' | 'paramsHash' | 'startedAt' | 'finishedAt'>): string {
  return `${runKey(r)}|${r.startedAt}|${r.finishedAt}`;
}

/** Every finished result file (temporary files skipped). */
export function listResultFiles(out: string): string[] {
  const root = join(out, 'results');
  if (!existsSync(root)) return [];
  const files: string[] = [];
  for (const shard of readdirSync(root)) {
    const dir = join(root, shard);
    for (const f of readdirSync(dir)) if (f.endsWith('.json') && !f.startsWith('.')) files.push(join(dir, f));
  }
  return files;
}

/**
 * The attempt keys already in records.jsonl, read line by line (the records themselves are not kept). A last line
 * cut short by a kill during an append is cut off the file, as readRecords does, so the next append starts clean.
 */
async function recordedAttempts(file: string): Promise<Set<string>> {
  const keys = new Set<string>();
  if (!existsSync(file)) return keys;
  let start = 0;
  let badStart = -1;
  let lineNo = 0;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo++;
    if (line.trim() !== '') {
      if (badStart >= 0) throw new Error(`${file}:${lineNo - 1} is not valid JSON and is not the last line; fix or delete that line`);
      try {
        keys.add(attemptKey(JSON.parse(line) as RunRecord));
      } catch {
        badStart = start;
      }
    }
    start += Buffer.byteLength(line, 'utf8') + 1;
  }
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  try {
    if (badStart >= 0) {
      ftruncateSync(fd, badStart); // the cut line goes; its result file is still there and is merged again
    } else if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) writeSync(fd, '\n', size);
    }
  } finally {
    closeSync(fd);
  }
  return keys;
}

/** A lock file beside records.jsonl, so two collectors finishing at once do not append the same records twice. */
async function withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  for (let waited = 0; ; waited += 200) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock left by a collector killed mid-merge is stale after ten minutes (a merge takes seconds).
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 600_000 || waited > 600_000) unlinkSync(lock);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    unlinkSync(lock);
  }
}

export interface MergeSummary {
  files: number;
  added: number;
}

/**
 * Append to records.jsonl every result file whose attempt is not in it yet, oldest first (so the newest attempt of a
 * run is its last line, as local runs leave it). Idempotent: merging again adds nothing. Streams: records.jsonl is
 * read line by line for keys only; new records are appended in batches.
 */
export async function mergeResults(out: string): Promise<MergeSummary> {
  const recordsFile = join(out, 'records.jsonl');
  return withLock(recordsFile, async () => {
    const known = await recordedAttempts(recordsFile);
    const files = listResultFiles(out);
    const fresh: { file: string; finishedAt: string }[] = [];
    for (const file of files) {
      const r = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
      if (!known.has(attemptKey(r))) fresh.push({ file, finishedAt: r.finishedAt });
    }
    fresh.sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : 0));
    const fd = openSync(recordsFile, 'a');
    try {
      let batch = '';
      for (const { file } of fresh) {
        batch += readFileSync(file, 'utf8').trimEnd() + '\n';
        if (batch.length > 1 << 20) {
          writeSync(fd, batch);
          batch = '';
        }
      }
      if (batch) writeSync(fd, batch);
    } finally {
      closeSync(fd);
    }
    return { files: files.length, added: fresh.length };
  });
}
