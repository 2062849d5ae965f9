import { describe, expect, it } from '@jest/globals';
import { checkParamValues, testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { checkScdscParams, graphInputFor, scdsc } from './index.ts';

describe('scdsc', () => {
  const { dataset, truth } = synthetic({ cells: 300, genes: 400, groups: 3, seed: 5, logFoldChange: 3, markerFraction: 0.1 });

  it('builds the graph from the features below graphPcaAbove cells, from their PCA above', () => {
    expect(graphInputFor({ graphInput: 'auto', graphPcaAbove: 20000 }, 19999)).toBe('features');
    expect(graphInputFor({ graphInput: 'auto', graphPcaAbove: 20000 }, 20000)).toBe('pca');
    expect(graphInputFor({ graphInput: 'features', graphPcaAbove: 20000 }, 1e6)).toBe('features');
  });

  it('refuses values it would ignore, and bad values with what they take', () => {
    expect(() => checkScdscParams({ ...scdsc.defaults, graphInput: 'pca', graphPcaAbove: 5 })).toThrow(/graphPcaAbove=5 would be ignored/);
    expect(() => checkScdscParams({ ...scdsc.defaults, graphInput: 'features', graphPcs: 20 })).toThrow(/graphPcs=20 would be ignored/);
    expect(() => checkParamValues('scdsc', scdsc.paramRules!, { ...scdsc.defaults, graph: 'pearson', loss: 'bce' }))
      .toThrow(/loss=bce: loss takes one of 'paper', 'kl'; graph=pearson: graph takes one of 'heat', 'cos', 'ncos', 'p'/);
  });

  it('smoke-runs in both loss forms, returns labels in [0, k), snapshots every epoch, deterministic for a seed', async () => {
    for (const loss of ['paper', 'kl'] as const) {
      const params = { ...scdsc.defaults, ...scdsc.smoke, loss };
      const ctx = testContext(2);
      const a = await scdsc.run(dataset, params, ctx);
      const b = await scdsc.run(dataset, params, testContext(2));
      expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
      expect(a.labels.every((l) => l >= 0 && l < 3)).toBe(true);
      expect(ctx.snapshots.map((s) => s.epoch)).toEqual([1, 2]);
    }
  });

  it('separates planted groups (default losses and graph, shortened schedule and layers)', async () => {
    // Narrower deep layers keep the test short; at 40 epochs or with enc1 = 64 the GCN head still merges two groups (ARI ≈ 0.5).
    const params = { ...scdsc.defaults, pretrainEpochs: 30, epochs: 80, enc2: 64, enc3: 128, nInit: 5 };
    const out = await scdsc.run(dataset, params, testContext(0, false));
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.9);
  }, 300000);
});
