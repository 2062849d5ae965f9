import { describe, expect, it } from '@jest/globals';
import { checkParamValues, testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { scname } from './index.ts';

describe('scname', () => {
  const { dataset, truth } = synthetic({ cells: 300, genes: 400, groups: 3, seed: 6, logFoldChange: 3, markerFraction: 0.1 });

  it('checks its values and names what they take', () => {
    expect(() => checkParamValues('scname', scname.paramRules!, { ...scname.defaults, maskProb: 2, batchSize: 0 }))
      .toThrow(/maskProb=2: maskProb takes a number in \[0, 1\]; batchSize=0: batchSize takes an integer ≥ 1/);
  });

  it('smoke-runs, labels in [0, k), a snapshot per fine-tuning epoch, deterministic for a seed', async () => {
    const params = { ...scname.defaults, ...scname.smoke };
    const ctx = testContext(3);
    const a = await scname.run(dataset, params, ctx);
    const b = await scname.run(dataset, params, testContext(3));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.labels.every((l) => l >= 0 && l < 3)).toBe(true);
    expect(ctx.snapshots.map((s) => s.epoch)).toEqual([1, 2]);
  });

  it('separates planted groups after 20 + 10 epochs without the Gaussian noise (1 + 1 epochs: ARI ≈ 0.4)', async () => {
    const out = await scname.run(dataset, { ...scname.defaults, pretrainEpochs: 20, finetuneEpochs: 10, updateEpoch: 5, hvg: 400, noise: 0 }, testContext(0, false));
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.9);
  }, 300000);
});
