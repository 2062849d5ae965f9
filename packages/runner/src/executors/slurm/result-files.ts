// One file per run attempt under DIR/results, written atomically, and their idempotent, streaming merge into
// DIR/records.jsonl. Thousands of tasks on a shared filesystem never write to one file at once: each renames its own.
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, createReadStream, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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
    if (!/^[0-9a-f]{2}$/.test(shard)) continue; // merged.txt, the merge marker
    const dir = join(root, shard);
    for (const f of readdirSync(dir)) if (f.endsWith('.json') && !f.startsWith('.')) files.push(join(dir, f));
  }
  return files;
}

/** Result files already merged, one path (relative to DIR/results) per line, appended after their records. */
function manifestFile(out: string): string {
  return join(out, 'results', 'merged.txt');
}

/** Present while a merge appends: a merge that finds it was interrupted, and checks records.jsonl itself. */
function markerFile(out: string): string {
  return join(out, 'results', 'merging');
}

function readLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
}

/** Result files not merged into records.jsonl yet, as paths (merged.txt says which are). */
export function unmergedResultFiles(out: string): string[] {
  const merged = new Set(readLines(manifestFile(out)));
  const root = join(out, 'results');
  return listResultFiles(out).filter((f) => !merged.has(relative(root, f)));
}

/**
 * A last line of records.jsonl cut short by a kill during an append is cut off (as readRecords does), and a whole
 * last line without its newline gets one, so the next append starts on a clean line. Reads only the file's tail.
 */
function repairTail(file: string): void {
  if (!existsSync(file)) return;
  const size = statSync(file).size;
  if (size === 0) return;
  const fd = openSync(file, 'r+');
  try {
    const tailSize = Math.min(size, 1 << 20);
    const tail = Buffer.alloc(tailSize);
    readSync(fd, tail, 0, tailSize, size - tailSize);
    if (tail[tailSize - 1] === 0x0a) return;
    const lastNewline = tail.lastIndexOf(0x0a);
    const lastLine = tail.subarray(lastNewline + 1).toString('utf8');
    try {
      JSON.parse(lastLine);
      writeSync(fd, '\n', size);
    } catch {
      ftruncateSync(fd, size - (tailSize - lastNewline - 1)); // its result file is not in merged.txt: merged again
    }
  } finally {
    closeSync(fd);
  }
}

/** The attempt keys in records.jsonl, read line by line (only after an interrupted merge). */
async function recordedAttempts(file: string): Promise<Set<string>> {
  const keys = new Set<string>();
  if (!existsSync(file)) return keys;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') keys.add(attemptKey(JSON.parse(line) as RunRecord));
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
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000 || waited > 600_000) rmSync(lock, { force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

export interface MergeSummary {
  files: number;
  added: number;
}

/**
 * Append to records.jsonl every result file not merged yet, oldest first (so the newest attempt of a run is its last
 * line, as local runs leave it), then list them in results/merged.txt. Idempotent: merging again adds nothing, also
 * after a merge killed half-way (then records.jsonl's own keys decide). Only new files are read, once each (up to
 * 256 MB of them held for the append); records are appended in batches of a megabyte.
 */
export async function mergeResults(out: string): Promise<MergeSummary> {
  const recordsFile = join(out, 'records.jsonl');
  const root = join(out, 'results');
  mkdirSync(root, { recursive: true });
  return withLock(recordsFile, async () => {
    repairTail(recordsFile);
    const interrupted = existsSync(markerFile(out));
    const known = interrupted ? await recordedAttempts(recordsFile) : null;
    const files = listResultFiles(out);
    // records.jsonl removed (to merge afresh): what merged.txt lists is no longer merged.
    const merged = new Set(existsSync(recordsFile) ? readLines(manifestFile(out)) : []);
    const fresh: { file: string; finishedAt: string; append: boolean; text?: string }[] = [];
    let kept = 0;
    for (const file of files) {
      if (merged.has(relative(root, file))) continue;
      const text = readFileSync(file, 'utf8');
      const r = JSON.parse(text) as RunRecord;
      // The text is kept for the append up to 256 MB (~150,000 records); beyond that it is read again then.
      const keep = kept < 1 << 28;
      if (keep) kept += text.length;
      fresh.push({ file, finishedAt: r.finishedAt, append: !known?.has(attemptKey(r)), text: keep ? text : undefined });
    }
    if (fresh.length === 0) return { files: files.length, added: 0 };
    fresh.sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : 0));
    writeFileSync(markerFile(out), '');
    const fd = openSync(recordsFile, 'a');
    let added = 0;
    try {
      let batch = '';
      for (const f of fresh) {
        if (!f.append) continue;
        batch += (f.text ?? readFileSync(f.file, 'utf8')).trimEnd() + '\n';
        added++;
        if (batch.length > 1 << 20) {
          writeSync(fd, batch);
          batch = '';
        }
      }
      if (batch) writeSync(fd, batch);
    } finally {
      closeSync(fd);
    }
    (merged.size === 0 ? writeFileSync : appendFileSync)(manifestFile(out), fresh.map((f) => relative(root, f.file) + '\n').join(''));
    rmSync(markerFile(out));
    return { files: files.length, added };
  });
}
