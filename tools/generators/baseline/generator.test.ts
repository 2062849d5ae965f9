import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import baselineGenerator from './generator.cjs';

const root = join(new URL('.', import.meta.url).pathname, '..', '..', '..');

/** A virtual workspace holding copies of the real registry and runner package.json. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const f of ['packages/runner/src/registry.ts', 'packages/runner/package.json']) tree.write(f, readFileSync(join(root, f), 'utf8'));
  return tree;
}

describe('nx g @scbench/tools:baseline', () => {
  it('writes the method folder from the template and registers it in the runner (registry import + list, dependency)', async () => {
    const tree = workspace();
    await baselineGenerator(tree, { id: 'my-method', label: 'My Method', skipInstall: true });
    for (const f of ['package.json', 'tsconfig.json', 'jest.config.cjs', 'src/index.ts', 'src/index.test.ts', 'README.md']) {
      expect(tree.exists(`baselines/my-method/${f}`)).toBe(true);
    }
    const index = tree.read('baselines/my-method/src/index.ts', 'utf-8')!;
    expect(index).toContain("export const myMethod = defineMethod({");
    expect(index).toContain("id: 'my-method'");
    expect(index).toContain('export async function runMyMethod(');
    expect(index).toMatch(/decStage\(/);
    expect(index).not.toMatch(/<%|%>/);
    const test = tree.read('baselines/my-method/src/index.test.ts', 'utf-8')!;
    expect(test).toContain('toBeGreaterThan(0.9)');
    expect(JSON.parse(tree.read('baselines/my-method/package.json', 'utf-8')!).name).toBe('@scbench/baseline-my-method');
    const registry = tree.read('packages/runner/src/registry.ts', 'utf-8')!;
    expect(registry).toContain("import { myMethod } from '@scbench/baseline-my-method';");
    const list = /export const methods = \[([^\]]*)\]/.exec(registry)![1].split(',').map((s) => s.trim());
    expect(list).toContain('myMethod');
    // before the controls
    expect(list.indexOf('myMethod')).toBeLessThan(list.indexOf('trueLabels'));
    const runner = JSON.parse(tree.read('packages/runner/package.json', 'utf-8')!);
    expect(runner.dependencies['@scbench/baseline-my-method']).toBe('*');
  });

  it('refuses a bad id, an existing folder and a second registration', async () => {
    const tree = workspace();
    await expect(baselineGenerator(tree, { id: 'Bad_Id', skipInstall: true })).rejects.toThrow(/lower case/);
    await baselineGenerator(tree, { id: 'x1', skipInstall: true });
    await expect(baselineGenerator(tree, { id: 'x1', skipInstall: true })).rejects.toThrow(/exists already/);
    expect(() => baselineGenerator.addToRegistry(tree.read('packages/runner/src/registry.ts', 'utf-8')!, 'x1', 'x1')).toThrow(/already imports/);
  });
});
