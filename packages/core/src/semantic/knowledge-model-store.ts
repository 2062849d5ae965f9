// Disk store of fitted gene-knowledge models (knowledge-encoder.ts), so that the fit — tens of seconds for the
// 20k-gene corpora — is paid once per knowledge version and machine, not once per run process. A file is named by
// the encoder id, which holds the model version and a hash of the tables' bytes: a change to either misses.
// Written to a temporary name and renamed, so concurrent runs never read a half-written file.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { defaultCacheDir } from '@scbench/text-encoder';

/** $SCBENCH_CACHE/knowledge (default <repo>/.scbench-cache/knowledge). */
export function defaultModelDir(): string {
  return join(dirname(defaultCacheDir()), 'knowledge');
}

function fileOf(dir: string, id: string): string {
  return join(dir, `${id.replace(/[^A-Za-z0-9._-]+/g, '_')}.v8`);
}

/** The stored value for `id`, or made by `make` and stored. An unreadable file is refitted and overwritten. */
export async function storedModel<T>(dir: string | null, id: string, make: () => Promise<T> | T): Promise<T> {
  if (dir === null) return make();
  const file = fileOf(dir, id);
  if (existsSync(file)) {
    try {
      return deserialize(readFileSync(file)) as T;
    } catch {
      // fall through: refit
    }
  }
  const value = await make();
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, serialize(value));
  renameSync(tmp, file);
  return value;
}
