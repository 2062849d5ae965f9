import { describe, expect, it } from '@jest/globals';
import { checkParamValues, testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { attentionaeSc, checkAttentionParams } from './index.ts';

describe('attentionae-sc', () => {
  const { dataset, truth } = synthetic({ cells: 240, genes: 300, groups: 3, seed: 4, logFoldChange: 3, markerFraction: 0.1 });

  it('refuses values it would ignore, and bad values with what they take', () => {
    expect(() => checkAttentionParams({ ...attentionaeSc.defaults, resolution: 0.5 })).toThrow(/resolution=0.5 would be ignored with init=kmeans/);
    expect(() => checkAttentionParams({ ...attentionaeSc.defaults, subsample: 'none', maxCells: 10 })).toThrow(/maxCells=10 would be ignored/);
    expect(() => checkParamValues('attentionae-sc', attentionaeSc.paramRules!, { ...attentionaeSc.defaults, studentT: 'fixed' }))
      .toThrow(/studentT takes one of 'corrected', 'paper'/);
  });

  it('smoke-runs with each switch, labels in [0, k) with init=kmeans, deterministic for a seed', async () => {
    const base = { ...attentionaeSc.defaults, ...attentionaeSc.smoke };
    const a = await attentionaeSc.run(dataset, base, testContext(1));
    const b = await attentionaeSc.run(dataset, base, testContext(1));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.labels.every((l) => l >= 0 && l < 3)).toBe(true);
    const paper = await attentionaeSc.run(dataset, { ...base, studentT: 'paper', earlyStop: 'off' }, testContext(1));
    expect(paper.labels.length).toBe(240);
    const ld = await attentionaeSc.run(dataset, { ...base, init: 'leiden', nInit: attentionaeSc.defaults.nInit }, testContext(1));
    expect(ld.info?.clusters).toBeGreaterThanOrEqual(1);
  });

  it('trains on a uniform subsample above maxCells and labels every cell', async () => {
    const out = await attentionaeSc.run(dataset, { ...attentionaeSc.defaults, ...attentionaeSc.smoke, maxCells: 100 }, testContext(2));
    expect(out.info?.trainedOn).toBe(100);
    expect(out.labels.length).toBe(240);
  });

  it('separates planted groups after 10 + 5 epochs (1 + 1: ARI ≈ 0.1)', async () => {
    const out = await attentionaeSc.run(dataset, { ...attentionaeSc.defaults, stage1Epochs: 10, stage2Epochs: 5, nTopGenes: 300 }, testContext(0, false));
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.9);
  }, 180000);
});
