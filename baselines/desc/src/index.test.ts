import { describe, expect, it } from '@jest/globals';
import { testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { desc, getdims } from './index.ts';

describe('desc', () => {
  // Well separated: a method that works recovers the planted groups; one that does not fails here.
  const { dataset, truth } = synthetic({ cells: 300, genes: 200, groups: 3, seed: 3, logFoldChange: 3, markerFraction: 0.1 });

  it('recovers the planted groups of a well-separated synthetic dataset (ARI > 0.9) with K given', async () => {
    const ctx = testContext(0, false);
    const out = await desc.run(dataset, { ...desc.defaults, pretrainEpochs: 60, maxIter: 10 }, ctx);
    expect(out.labels).toHaveLength(300);
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.9);
    expect(out.info!.initClusters).toBe(3);
    expect(ctx.snapshots.length).toBe(out.info!.refreshes);
  });

  it('hvg=cutoffs selects by scanpy\'s cut-offs (few of the synthetic genes pass)', async () => {
    const out = await desc.run(dataset, { ...desc.defaults, ...desc.smoke, hvg: 'cutoffs' }, testContext(0));
    expect(out.info!.genes).toBeLessThan(100);
  });

  it('init=louvain takes K from the resolution and records it', async () => {
    const out = await desc.run(dataset, { ...desc.defaults, init: 'louvain', pretrainEpochs: 60, maxIter: 5 }, testContext(0, false));
    expect(out.info!.initClusters).toBeGreaterThan(1);
    expect(Math.max(...out.labels) + 1).toBeLessThanOrEqual(out.info!.initClusters as number);
  });

  it('is deterministic for a seed and returns labels in [0, k); the size rule and parameter checks', async () => {
    const params = { ...desc.defaults, ...desc.smoke };
    const a = await desc.run(dataset, params, testContext(1));
    const b = await desc.run(dataset, params, testContext(1));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.labels.every((l) => l >= 0 && l < dataset.nClusters)).toBe(true);
    expect([getdims(400), getdims(1500), getdims(3000), getdims(8000), getdims(15000), getdims(30000)])
      .toEqual([[16], [64], [128], [32, 16], [64, 32], [128, 32]]);
    expect(() => desc.checkParams!({ ...desc.defaults, resolution: 1 })).toThrow(/only with init=louvain/);
    expect(() => desc.checkParams!({ ...desc.defaults, init: 'louvain', resolution: 1 })).not.toThrow();
  });
});
