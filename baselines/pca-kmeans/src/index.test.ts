import { describe, expect, it } from '@jest/globals';
import { testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { pcaKmeans } from './index.ts';

describe('pca-kmeans', () => {
  const { dataset, truth } = synthetic({ cells: 400, genes: 600, groups: 5, seed: 2 });
  const params = { ...pcaKmeans.defaults, nInit: 5 };

  it('recovers planted groups from raw counts', async () => {
    const out = await pcaKmeans.run(dataset, params, testContext(0));
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.9);
    expect(out.embedding?.cols).toBe(50);
  });
  it('gives the same labels for the same seed', async () => {
    const a = await pcaKmeans.run(dataset, params, testContext(4));
    const b = await pcaKmeans.run(dataset, params, testContext(4));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });
  it('caps the number of components on tiny data instead of failing', async () => {
    const tiny = synthetic({ cells: 20, genes: 30, groups: 2, seed: 1 });
    const out = await pcaKmeans.run(tiny.dataset, params, testContext(0));
    expect(out.embedding?.cols).toBeLessThanOrEqual(19);
  });
});
