import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let commitCache: string | undefined;

/** The commit the code ran from, with "-dirty" when the work tree had changes; "unknown" outside git. */
export function currentCommit(): string {
  if (commitCache !== undefined) return commitCache;
  try {
    const opts = { cwd: new URL('.', import.meta.url).pathname, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'] };
    const head = execFileSync('git', ['rev-parse', 'HEAD'], opts).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], opts).trim() !== '';
    commitCache = dirty ? `${head}-dirty` : head;
  } catch {
    commitCache = 'unknown';
  }
  return commitCache;
}

export function scbenchVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function versions(): Record<string, string> {
  return { scbench: scbenchVersion(), node: process.versions.node };
}
