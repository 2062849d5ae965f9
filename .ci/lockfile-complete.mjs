#!/usr/bin/env node
// Every optional dependency named in package-lock.json must have its own entry there. npm 11 writes an entry for
// every platform's binary (@swc/core-darwin-arm64, ...); a lockfile written without them is rewritten by the first
// `npm install` of a fresh clone, which leaves the tree dirty and every record of that clone "-dirty".
// Usage: node .ci/lockfile-complete.mjs [package-lock.json]   (exit 1 naming the missing entries)
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const packages = JSON.parse(readFileSync(file, 'utf8')).packages ?? {};

/** Resolve `dep` from the package at `path` the way Node does: its own node_modules, then each parent's. */
function resolves(path, dep) {
  let base = path;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${dep}`]) return true;
    if (!base) return false;
    const up = base.lastIndexOf('/node_modules/');
    base = up < 0 ? '' : base.slice(0, up);
  }
}

const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) if (!resolves(path, dep)) missing.push(`${path || '(root)'} -> ${dep}`);
}
if (missing.length) {
  console.error(`${file}: ${missing.length} optional dependencies have no entry of their own, e.g.\n  ${missing.slice(0, 8).join('\n  ')}`);
  console.error('fix: run "npm install --no-audit --no-fund" with npm >= 11 and commit the package-lock.json it writes');
  process.exit(1);
}
console.log(`${file}: every optional dependency has an entry`);
