import { describe, expect, it } from '@jest/globals';
import { checkParamValues, testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { HYPER, hyperFor } from './hyper.ts';
import { chooseGraph, ignoredHyperValues, sccdcg, type ScCdcgParams } from './index.ts';

describe('sccdcg', () => {
  const { dataset, truth } = synthetic({ cells: 240, genes: 150, groups: 3, seed: 5, logFoldChange: 3, markerFraction: 0.1 });

  it('picks the per-dataset table by registry id, Sonya-Liver otherwise', () => {
    expect(hyperFor('auto', 'cbmc_top2000')).toEqual({ key: 'cite_cbmc', values: HYPER.cite_cbmc });
    expect(hyperFor('auto', 'worm_neuron').values.balancer).toBe(0.7);
    expect(hyperFor('auto', 'pbmc10x_top2000').key).toBe('sonya_liver');
    expect(hyperFor('meuro', 'anything').values.lr).toBe(5e-3);
    expect(() => hyperFor('nope', 'x')).toThrow(/unknown hyper/);
    expect(HYPER.cite_cbmc).toMatchObject({ lr: 1e-3, weightDecay: 5e-4, balancer: 0.05, fOrt: 0.71, fKl: 0.12, fCorvar: 0.6, fConstruct: 0.06 });
  });

  it('refuses a tabled value that the per-dataset table would silently override, and names hyper=manual', () => {
    expect(() => ignoredHyperValues({ ...sccdcg.defaults, fKl: 0 })).toThrow(/fKl=0 would be ignored: hyper=auto .* Add hyper=manual/);
    expect(() => ignoredHyperValues({ ...sccdcg.defaults, hyper: 'meuro', lr: 1e-2, balancer: 0.3 })).toThrow(/lr=0\.01, balancer=0\.3 would be ignored: hyper=meuro/);
    expect(() => ignoredHyperValues({ ...sccdcg.defaults, hyper: 'manual', fKl: 0 })).not.toThrow();
    expect(() => ignoredHyperValues({ ...sccdcg.defaults, lambda: 2, trainEpochs: 5 })).not.toThrow(); // not tabled
  });

  it('auto graph: exact factored graph up to sparseAbove cells, kNN above', () => {
    expect(chooseGraph('auto', 8617, 50000)).toBe('factored');
    expect(chooseGraph('auto', 100000, 50000)).toBe('sparse');
    expect(chooseGraph('dense', 10, 50000)).toBe('dense');
    // @ts-expect-error graph is a string-literal union: an unknown form does not compile
    chooseGraph('knn', 10, 5);
  });

  it('refuses values a parameter cannot take, before any data loads (its rules)', () => {
    const check = (set: Record<string, unknown>) => () => checkParamValues('sccdcg', sccdcg.paramRules!, { ...sccdcg.defaults, ...set } as ScCdcgParams);
    expect(check({ graph: 'knn' })).toThrow("sccdcg: graph=knn: graph takes one of 'auto', 'dense', 'factored', 'sparse'");
    expect(check({ hyper: 'nope' })).toThrow(/hyper takes one of 'auto', 'manual', 'mouse_pancreas_1'/);
    expect(check({ nInit: -1, balancer: 2 })).toThrow('balancer=2: balancer takes a number in [0, 1]; nInit=-1: nInit takes an integer ≥ 1');
    expect(check({ input: 'log2' })).toThrow("input takes one of 'raw', 'log1p', 'hvg-log', 'hvg-scaled'");
    expect(check({ knnPcs: 0, hyper: 'meuro' })).not.toThrow(); // knnPcs 0: exact search
    expect(sccdcg.defaults.input).toBe('raw');
  });

  it('smoke-runs in both modes, returns labels in [0, k) and is deterministic for a seed', async () => {
    for (const mode of ['paper', 'corrected'] as const) {
      const params = { ...sccdcg.defaults, ...sccdcg.smoke, mode };
      const a = await sccdcg.run(dataset, params, testContext(2));
      const b = await sccdcg.run(dataset, params, testContext(2));
      expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
      expect(a.labels.every((l) => l >= 0 && l < 3)).toBe(true);
      expect(a.info?.graph).toBe('factored');
    }
  });

  it('separates planted groups with the Sonya-Liver settings (sparse graph, paper mode)', async () => {
    const ctx = testContext(1, false);
    const out = await sccdcg.run(dataset, { ...sccdcg.defaults, pretrainEpochs: 20, trainEpochs: 20, nInit: 3, hidden: 32, graph: 'sparse', knnPcs: 0 }, ctx);
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.7);
    expect(ctx.snapshots).toHaveLength(20);
    expect(out.info?.hyper).toBe('sonya_liver');
  });
});
