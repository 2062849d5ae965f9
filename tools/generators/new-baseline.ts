// Scaffold a new baseline folder: `npx tsx tools/generators/new-baseline.ts my-method "My Method"`.
// It writes baselines/<id>/ (package.json, tsconfig.json, jest.config.cjs, src/index.ts, src/index.test.ts, README.md)
// and prints the two lines to add to packages/runner/src/registry.ts. It never overwrites an existing folder.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [id, label = id] = process.argv.slice(2);
if (!id || !/^[a-z][a-z0-9-]*$/.test(id)) {
  console.error('usage: npx tsx tools/generators/new-baseline.ts <id: lower-case-with-dashes> ["Label"]');
  process.exit(2);
}
const root = new URL('../../', import.meta.url).pathname;
const dir = join(root, 'baselines', id);
if (existsSync(dir)) {
  console.error(`${dir} exists already; choose another id or edit it by hand`);
  process.exit(2);
}
const camel = id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const files: Record<string, string> = {
  'package.json': JSON.stringify({
    name: `@scbench/baseline-${id}`, version: '0.1.0', private: true, type: 'module', exports: { '.': './src/index.ts' },
    nx: { tags: ['runtime:consumer', 'type:baseline'] },
    dependencies: { '@scbench/api': '*', '@scbench/datasets': '*', '@scbench/numerics': '*' },
    scripts: {
      test: 'node --experimental-vm-modules --no-warnings ../../node_modules/jest/bin/jest.js',
      lint: 'eslint src', typecheck: 'tsc -p tsconfig.json',
    },
  }, null, 2) + '\n',
  'tsconfig.json': '{ "extends": "../../tsconfig.base.json", "include": ["src/**/*.ts"] }\n',
  'jest.config.cjs': `module.exports = { ...require('../../jest.preset.cjs'), displayName: '${id}' };\n`,
  'src/index.ts': `import { defineMethod } from '@scbench/api';

/** ${label}: one paragraph on what it does, and what of the original it follows. */
export const ${camel} = defineMethod({
  id: '${id}',
  label: '${label}',
  summary: 'TODO: one line for \`scbench methods\`',
  reference: { paper: 'TODO: authors, title, venue, year', repo: 'owner/name', commit: 'TODO' },
  kind: 'deep',
  defaults: { epochs: 100 },
  smoke: { epochs: 2 },
  run: async (data, params, ctx) => {
    // Labels are never available here; k is data.nClusters. Call ctx.snapshot(epoch, labels) each epoch if the
    // original reports a best epoch, so the runner can show the paper protocol beside the honest one.
    void params;
    void ctx;
    return { labels: new Int32Array(data.counts.rows) };
  },
});
`,
  'src/index.test.ts': `import { describe, expect, it } from '@jest/globals';
import { synthetic } from '@scbench/datasets';
import { ${camel} } from './index.ts';

describe('${id}', () => {
  it('separates planted groups on synthetic data', async () => {
    const { dataset } = synthetic({ cells: 200, genes: 300, groups: 3, seed: 1 });
    const ctx = { seed: 0, smoke: true, signal: new AbortController().signal, log: () => {}, progress: () => {}, snapshot: () => {}, cache: <T>(_: string, f: () => Promise<T>) => f() };
    const out = await ${camel}.run(dataset, { ...${camel}.defaults, ...${camel}.smoke }, ctx);
    expect(out.labels.length).toBe(200);
  });
});
`,
  'README.md': `# ${id} — ${label}

**Paper.** TODO
**Original code.** TODO owner/name @ commit
**What matches.** TODO
**What deviates, and why.** TODO
`,
};
mkdirSync(join(dir, 'src'), { recursive: true });
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
console.log(`created ${dir}
next:
  1. npm install                      (links the new workspace package)
  2. in packages/runner/src/registry.ts:
       import { ${camel} } from '@scbench/baseline-${id}';
       and add ${camel} to the methods list
  3. add "@scbench/baseline-${id}": "*" to packages/runner/package.json dependencies`);
