import { describe, expect, it } from '@jest/globals';
import { checkParamValues, testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { chooseReadout, scmae } from './index.ts';

describe('scmae', () => {
  const { dataset, truth } = synthetic({ cells: 300, genes: 400, groups: 3, seed: 1, logFoldChange: 3, markerFraction: 0.1 });

  it('reads out by k-means below leidenAbove cells and by Leiden at or above, as the original', () => {
    expect(chooseReadout('auto', 9999, 10000)).toBe('kmeans');
    expect(chooseReadout('auto', 10000, 10000)).toBe('leiden');
    expect(chooseReadout('leiden', 10, 10000)).toBe('leiden');
  });

  it('refuses values it would ignore or cannot use', () => {
    expect(() => scmae.checkParams!({ ...scmae.defaults, readout: 'kmeans', leidenAbove: 5 })).toThrow(/ignored with readout=kmeans/);
    expect(() => checkParamValues('scmae', scmae.paramRules!, { ...scmae.defaults, maskProb: 1.2, readout: 'louvain' }))
      .toThrow(/maskProb=1.2: maskProb takes a number in \[0, 1\]; readout=louvain: readout takes one of 'auto', 'kmeans', 'leiden'/);
  });

  it('smoke-runs, returns labels in [0, k) and is deterministic for a seed', async () => {
    const params = { ...scmae.defaults, ...scmae.smoke };
    const a = await scmae.run(dataset, params, testContext(3));
    const b = await scmae.run(dataset, params, testContext(3));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.labels.every((l) => l >= 0 && l < 3)).toBe(true);
  });

  it('separates planted groups with the default schedule shortened (k-means and Leiden read-outs)', async () => {
    const params = { ...scmae.defaults, epochs: 20, hidden: 32, nTopGenes: 200 };
    const km = await scmae.run(dataset, params, testContext(0, false));
    expect(scoreAll(truth.labels, km.labels).ari).toBeGreaterThan(0.9);
    const ld = await scmae.run(dataset, { ...params, readout: 'leiden' }, testContext(0, false));
    expect(ld.info?.readout).toBe('leiden');
    expect(scoreAll(truth.labels, ld.labels).ari).toBeGreaterThan(0.9);
  });
});
