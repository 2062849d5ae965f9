import { describe, expect, it } from '@jest/globals';
import { testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { sczidesk } from './index.ts';

describe('sczidesk', () => {
  // Well separated: a method that works recovers the planted groups; one that does not fails here.
  const { dataset, truth } = synthetic({ cells: 300, genes: 200, groups: 3, seed: 3, logFoldChange: 3, markerFraction: 0.1 });

  it('recovers the planted groups of a well-separated synthetic dataset (ARI > 0.9)', async () => {
    const ctx = testContext(0, false);
    const out = await sczidesk.run(dataset, { ...sczidesk.defaults, hvg: 0, noise: 0.5, lr: 1e-3, pretrainEpochs: 50, finetuneEpochs: 20 }, ctx);
    expect(out.labels).toHaveLength(300);
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.9);
    // a snapshot of the k-means start and of every label check
    expect(ctx.snapshots).toHaveLength((out.info!.labelChecks as number) + 1);
  }, 180000);

  it('is deterministic for a seed and returns labels in [0, k)', async () => {
    const params = { ...sczidesk.defaults, ...sczidesk.smoke };
    const a = await sczidesk.run(dataset, params, testContext(1));
    const b = await sczidesk.run(dataset, params, testContext(1));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.labels.every((l) => l >= 0 && l < dataset.nClusters)).toBe(true);
  });
});
