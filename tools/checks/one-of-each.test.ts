/**
 * Repository checks for "one implementation of each primitive": each shared primitive is defined once, where it
 * belongs; no package has two source files of the same name; no module imports itself back through a chain of
 * relative imports (type-only imports included: they are a cycle for a reader and for tools that load modules).
 * Source is read as text — simple on purpose, like madge's scan, without a parser.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, normalize, relative } from 'node:path';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');

/** Tracked and untracked (not ignored) TypeScript sources of packages, baselines and tools. */
function sources(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'packages', 'baselines', 'tools'], { cwd: ROOT, encoding: 'utf8' });
  return [...new Set(out.split('\n'))].filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.includes('node_modules/'));
}

const files = sources();
const text = new Map<string, string>();
const read = (f: string): string => {
  if (!text.has(f)) {
    try {
      text.set(f, readFileSync(join(ROOT, f), 'utf8'));
    } catch {
      text.set(f, ''); // listed by git but deleted in the working tree
    }
  }
  return text.get(f)!;
};

/** Where each primitive is defined: the one file allowed to define it. */
const PRIMITIVES: readonly { what: string; definition: RegExp; home: string }[] = [
  { what: 'the seeded RNG', definition: /\bfunction createRng\s*\(/, home: 'packages/numerics/src/rng.ts' },
  { what: 'a random permutation', definition: /\bfunction permutation\s*\(/, home: 'packages/numerics/src/rng.ts' },
  { what: 'scalar ln Γ', definition: /\bfunction \w*(lgamma|logGamma|lnGamma|gammaln)\w*\s*\(\s*\w+\s*:\s*number/i, home: 'packages/numerics/src/lgamma.ts' },
  { what: 'Lanczos coefficients', definition: /676\.5203681218851/, home: 'packages/engine/src/losses/lgamma.ts' },
  { what: 'an enum-parameter validator', definition: /\bfunction (oneOf|pick|choice)\s*<\s*(const\s+)?T extends string/, home: 'packages/api/src/param-rules.ts' },
  { what: 'tensor L2 row/column normalisation', definition: /\bfunction l2Normali[sz]e(Rows|Cols)\w*\s*\(\s*\w+\s*:\s*tf\.|tf\.norm\([^)]*'euclidean'/, home: 'packages/engine/src/losses/contrastive.ts' },
  { what: 'typed-array L2 row normalisation', definition: /\bfunction l2Normali[sz]eRows\w*\s*\(\s*\w+\s*:\s*(Matrix|Float32Array)/, home: 'packages/numerics/src/dense.ts' },
  { what: 'the wasm backend interface', definition: /\binterface WasmBackend\b/, home: 'packages/engine/src/wasm-backend.ts' },
];

/**
 * Cycles known when this check was written, each to be removed by moving the shared type to a file of its own (then
 * drop the entry): leaderboard.ts takes `MetricTable` from model.ts, which builds the leaderboards (type-only).
 */
const KNOWN_CYCLES: readonly (readonly string[])[] = [['packages/report/src/leaderboard.ts', 'packages/report/src/model.ts']];

/** Same-named files that are known and explained. */
const SAME_NAME_ALLOWED = new Set(['index.ts', 'packages/datasets:h5.ts' /* src/h5.ts reads HDF5; loaders/h5.ts is the loader on it */]);

describe('one implementation of each primitive', () => {
  it.each(PRIMITIVES.map((p) => [p.what, p] as const))('%s is defined only in its home file', (_what, p) => {
    const defining = files.filter((f) => !f.endsWith('.test.ts') && f !== 'tools/checks/one-of-each.test.ts' && p.definition.test(read(f)));
    expect(defining).toEqual([p.home]);
  });

  it('no package has two source files of the same name', () => {
    const seen = new Map<string, string[]>();
    for (const f of files) {
      const m = /^((?:packages|baselines)\/[^/]+)\/src\//.exec(f);
      if (!m || f.endsWith('.test.ts')) continue;
      const key = `${m[1]}:${basename(f)}`;
      if (SAME_NAME_ALLOWED.has(basename(f)) || SAME_NAME_ALLOWED.has(key)) continue;
      seen.set(key, [...(seen.get(key) ?? []), f]);
    }
    expect([...seen.values()].filter((v) => v.length > 1)).toEqual([]);
  });
});

/** Relative imports and re-exports of a file, resolved to repository paths. */
function relativeImports(f: string): string[] {
  const out: string[] = [];
  for (const m of read(f).matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*'(\.{1,2}\/[^']+)'/gms)) {
    out.push(normalize(join(dirname(f), m[1])));
  }
  return out;
}

/** Every cycle of the import graph, each as the chain of files that closes it (Tarjan's strongly connected components). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('no import cycles', () => {
  it('finds a cycle when there is one (the check itself)', () => {
    expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(importCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('no module of packages, baselines or tools imports itself back through relative imports', () => {
    const graph = new Map(files.map((f) => [f, relativeImports(f)] as const));
    const known = new Set(KNOWN_CYCLES.map((c) => c.join(' ')));
    const cycles = importCycles(graph).map((c) => c.map((f) => relative('.', f))).filter((c) => !known.has(c.join(' ')));
    expect(cycles).toEqual([]);
  });
});
