import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * `ctx.cache` on disk: values are stored with v8 structured serialisation (typed arrays survive intact),
 * written to a temporary name and renamed so a killed run never leaves a half-written entry.
 */
export function diskCache(dir: string) {
  return async function cache<T>(key: string, make: () => Promise<T>): Promise<T> {
    const file = join(dir, createHash('sha256').update(key).digest('hex') + '.v8');
    if (existsSync(file)) return deserialize(readFileSync(file)) as T;
    const value = await make();
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize(value));
    renameSync(tmp, file);
    return value;
  };
}
