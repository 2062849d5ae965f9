// CI's accuracy guard: the reference cases in reports/references/accuracy.json, run as `scbench run` would run them
// (same registry, loader, parameters, label hand-off and scoring), must not lose more than the stated tolerance.
// A case's `set` ({ KEY: VALUE }) is read as `--set METHOD.KEY=VALUE` would be: a shorter schedule where the
// defaults take more than a minute, named in the file's `about`.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext, type Scores } from '@scbench/api';
import { dataRoot, loadDataset } from '@scbench/datasets';
import { runHandingLabels } from './label-hand-off.ts';
import { resolveParams } from './params.ts';
import { findMethod } from './registry.ts';
import { scoreRun } from './score-run.ts';

interface Reference {
  tolerance: number;
  cases: { method: string; dataset: string; seed: number; set?: Record<string, string | number | boolean>; scores: Partial<Scores> }[];
}

const file = new URL('../../../reports/references/accuracy.json', import.meta.url);
const reference = JSON.parse(readFileSync(file, 'utf8')) as Reference;
const haveData = existsSync(join(dataRoot(), 'manifest.json'));

(haveData || process.env.CI ? describe : describe.skip)('accuracy guard (reports/references/accuracy.json)', () => {
  for (const c of reference.cases) {
    const sets = Object.entries(c.set ?? {}).map(([key, value]) => ({ method: c.method, key, raw: String(value) }));
    const named = sets.map((o) => ` ${o.key}=${o.raw}`).join('');
    it(`${c.method}${named} on ${c.dataset} (seed ${c.seed}) keeps its scores`, async () => {
      const { dataset, truth } = await loadDataset(c.dataset);
      const method = findMethod(c.method);
      if (method.kind === 'control') throw new Error('controls are not guarded');
      const ctx = testContext(c.seed, false);
      const run = await runHandingLabels(method, dataset, resolveParams(method, sets, false), ctx, truth!);
      const got = scoreRun(truth!.labels, run.out, [], run.scored, c.seed).scores;
      for (const [key, want] of Object.entries(c.scores)) {
        const score = got[key as keyof Scores];
        // A drop beyond the tolerance fails; a rise is reported so the reference can be updated on purpose.
        if (score > want! + reference.tolerance) console.log(`${c.method}/${c.dataset} ${key} rose: ${want} → ${score.toFixed(4)}`);
        expect(score).toBeGreaterThanOrEqual(want! - reference.tolerance);
      }
    }, 180_000);
  }
});
