import { describe, expect, it } from '@jest/globals';
import { testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { dec } from './index.ts';

describe('dec', () => {
  // Well separated: a method that works recovers the planted groups; one that does not fails here.
  const { dataset, truth } = synthetic({ cells: 300, genes: 200, groups: 3, seed: 3, logFoldChange: 3, markerFraction: 0.1 });

  it('recovers the planted groups of a well-separated synthetic dataset (ARI > 0.9), snapshots at each refresh', async () => {
    const ctx = testContext(0, false);
    const out = await dec.run(dataset, { ...dec.defaults, hidden: '64,64,256', pretrainEpochs: 30, maxIter: 200, updateInterval: 20 }, ctx);
    expect(out.labels).toHaveLength(300);
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.9);
    expect(ctx.snapshots.length).toBe(out.info!.refreshes);
    expect(ctx.snapshots[1].epoch).toBe(20);
  });

  it('is deterministic for a seed and returns labels in [0, k)', async () => {
    const params = { ...dec.defaults, ...dec.smoke };
    const a = await dec.run(dataset, params, testContext(1));
    const b = await dec.run(dataset, params, testContext(1));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.labels.every((l) => l >= 0 && l < dataset.nClusters)).toBe(true);
  });

  it('parameter rules refuse bad layer sizes', () => {
    expect(dec.paramRules!.hidden.accepts('500,0')).toBe(false);
    expect(dec.paramRules!.hidden.accepts('500,500,2000')).toBe(true);
  });
});
