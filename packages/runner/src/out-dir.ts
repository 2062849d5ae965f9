// The output folder checked before any run: a folder that cannot hold the records would otherwise be found only
// when the first result is written, after that run's minutes or hours are spent, and then lost.
import { accessSync, closeSync, constants, mkdirSync, openSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { EXIT, UserError } from './exit-codes.ts';

/** The sub-folders `scbench run` writes besides records.jsonl. */
export const OUT_SUBDIRS = ['logs', 'pictures'] as const;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw cannotUse(path, e);
  }
}

function cannotUse(path: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system'
    : code === 'ENOTDIR' ? 'a part of the path is a file, not a folder' : code === 'ENOSPC' ? 'no space left on the device' : (e as Error).message;
  return new UserError(`--out: cannot write ${path} (${why}); give --out a folder you can write to`, EXIT.badInput);
}

/**
 * Make sure `out` is (or can become) a folder that holds records.jsonl and the run folders, and that all of them
 * can be written: the wrong kind of thing is a command-line error (exit 2), no permission an unusable output (exit 3).
 * Creates what is missing (records.jsonl empty), so the check is the real operation, not a guess.
 */
export function prepareOutDir(out: string): void {
  const top = statOrNull(out);
  if (top && !top.isDirectory()) throw new UserError(`--out ${out} is a file, not a folder; give a folder (it is created if missing)`);
  for (const sub of OUT_SUBDIRS) {
    const s = statOrNull(join(out, sub));
    if (s && !s.isDirectory()) throw new UserError(`--out ${out}: ${join(out, sub)} is a file, not a folder; move it away or choose another --out`);
  }
  const records = join(out, 'records.jsonl');
  const r = statOrNull(records);
  if (r && !r.isFile()) throw new UserError(`--out ${out}: ${records} is not a file; move it away or choose another --out`);
  try {
    for (const sub of OUT_SUBDIRS) mkdirSync(join(out, sub), { recursive: true });
  } catch (e) {
    throw cannotUse(out, e);
  }
  for (const sub of OUT_SUBDIRS) {
    try {
      accessSync(join(out, sub), constants.W_OK);
    } catch (e) {
      throw cannotUse(join(out, sub), e);
    }
  }
  try {
    closeSync(openSync(records, 'a')); // opened for appending, as every record is written
  } catch (e) {
    throw cannotUse(records, e);
  }
}
