// CI's accuracy guard: the reference cases in reports/references/accuracy.json, run as `scbench run` would run them
// (same registry, loader, parameters and scoring), must not lose more than the stated tolerance.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext, type Scores } from '@scbench/api';
import { dataRoot, loadDataset } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { resolveParams } from './params.ts';
import { findMethod } from './registry.ts';

interface Reference {
  tolerance: number;
  cases: { method: string; dataset: string; seed: number; scores: Partial<Scores> }[];
}

const file = new URL('../../../reports/references/accuracy.json', import.meta.url);
const reference = JSON.parse(readFileSync(file, 'utf8')) as Reference;
const haveData = existsSync(join(dataRoot(), 'manifest.json'));

(haveData || process.env.CI ? describe : describe.skip)('accuracy guard (reports/references/accuracy.json)', () => {
  for (const c of reference.cases) {
    it(`${c.method} on ${c.dataset} (seed ${c.seed}) keeps its scores`, async () => {
      const { dataset, truth } = await loadDataset(c.dataset);
      const method = findMethod(c.method);
      if (method.kind === 'control') throw new Error('controls are not guarded');
      const out = await method.run(dataset, resolveParams(method, [], false), testContext(c.seed, false));
      const got = scoreAll(truth!.labels, out.labels);
      for (const [key, want] of Object.entries(c.scores)) {
        const score = got[key as keyof Scores];
        // A drop beyond the tolerance fails; a rise is reported so the reference can be updated on purpose.
        if (score > want! + reference.tolerance) console.log(`${c.method}/${c.dataset} ${key} rose: ${want} → ${score.toFixed(4)}`);
        expect(score).toBeGreaterThanOrEqual(want! - reference.tolerance);
      }
    }, 180_000);
  }
});
