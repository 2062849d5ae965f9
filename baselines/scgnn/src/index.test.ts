import { describe, expect, it } from '@jest/globals';
import { checkParamValues, testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { binariseColumns, louvainK, reconstructionFor, scgnn } from './index.ts';

describe('scgnn', () => {
  // Well separated: a method that works recovers the planted groups; one that does not fails here.
  const { dataset, truth } = synthetic({ cells: 300, genes: 200, groups: 3, seed: 3, logFoldChange: 3, markerFraction: 0.1 });

  it('recovers the planted groups of a well-separated synthetic dataset (ARI > 0.9)', async () => {
    const ctx = testContext(0, false);
    // The quick (README demo) schedule with 50 EM epochs and 3 iterations: with 20 EM epochs the second iteration's
    // clusters still merge part of two groups here (ARI 0.88), with 50 they agree with the first (converged).
    const out = await scgnn.run(dataset, { ...scgnn.defaults, ...scgnn.quick, emEpochs: 50, emIterations: 3 }, ctx);
    expect(out.labels).toHaveLength(300);
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.9);
    expect(out.info?.gaeReconstruction).toBe('dense');
    expect(out.info?.converged).toBe(true);
  });

  it('is deterministic for a seed and returns labels in [0, k)', async () => {
    const params = { ...scgnn.defaults, ...scgnn.smoke };
    const a = await scgnn.run(dataset, params, testContext(1));
    const b = await scgnn.run(dataset, params, testContext(1));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.labels.every((l) => l >= 0 && l < dataset.nClusters)).toBe(true);
  });

  it('runs the per-cluster AEs, the sampled GAE and the LouvainK read-out (smoke)', async () => {
    const params = { ...scgnn.defaults, ...scgnn.smoke, clusterAe: 'paper' as const, reconstruction: 'sampled' as const, readout: 'louvain-k' as const };
    const ctx = testContext(2, true);
    const out = await scgnn.run(dataset, params, ctx);
    expect(out.info?.gaeReconstruction).toBe('sampled');
    expect(out.info?.readout).toMatch(/^LouvainK: k-means, k = \d+$/);
    expect(out.labels).toHaveLength(300);
  });

  it('refuses values another parameter would ignore, and values out of range', () => {
    const d = scgnn.defaults;
    expect(() => scgnn.checkParams!({ ...d, clusterAe: 'off', clusterEpochs: 5 })).toThrow(/clusterEpochs=5 would be ignored with clusterAe=off/);
    expect(() => scgnn.checkParams!({ ...d, embedding: 'feature', gaeEpochs: 5 })).toThrow(/gaeEpochs=5 would be ignored with embedding=feature/);
    expect(() => scgnn.checkParams!({ ...d, reconstruction: 'dense', sampledAbove: 10 })).toThrow(/sampledAbove=10 would be ignored/);
    expect(() => scgnn.checkParams!({ ...d, reconstruction: 'dense', negativeRatio: 2 })).toThrow(/negativeRatio=2 would be ignored/);
    expect(() => checkParamValues('scgnn', scgnn.paramRules!, { ...d, convergence: 1.5 })).toThrow(/convergence=1.5/);
  });

  it('follows the original for the GAE input, the LouvainK count and the dense/sampled switch', () => {
    const b = binariseColumns({ rows: 3, cols: 2, data: Float32Array.from([0, 5, 1, 1, 2, 0]) });
    expect(Array.from(b.data)).toEqual([0, 1, 0, 0, 1, 0]); // column means 1 and 2: strictly above
    expect(louvainK(10, 1999)).toBe(8);
    expect(louvainK(10, 2000)).toBe(5);
    expect(louvainK(3, 100)).toBe(2);
    expect(reconstructionFor({ reconstruction: 'auto', sampledAbove: 5000 }, 4999)).toBe('dense');
    expect(reconstructionFor({ reconstruction: 'auto', sampledAbove: 5000 }, 5000)).toBe('sampled');
  });
});
