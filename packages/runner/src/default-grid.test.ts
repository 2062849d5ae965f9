import { describe, expect, it } from '@jest/globals';
import { findDataset } from '@scbench/datasets';
import { DEFAULT_GRID } from './default-grid.ts';
import { jobParams, planJobs } from './plan.ts';
import { findMethod, methods } from './registry.ts';

describe('the default grid', () => {
  it('runs the embedded real dataset and built-in synthetic data only', () => {
    expect(DEFAULT_GRID.datasets[0]).toBe('wang_pancreas');
    expect(findDataset('wang_pancreas')?.hasGeneNames).toBe(true);
    expect(DEFAULT_GRID.datasets.slice(1).every((d) => d.startsWith('synthetic:'))).toBe(true);
  });
  it("gives each method its quick schedule, marked in the parameters, and leaves the others' untouched", () => {
    const jobs = planJobs(methods, ['synthetic'], [0], [], false, true);
    expect(new Set(jobs.map((j) => j.method.id))).toEqual(new Set(methods.map((m) => m.id)));
    const scllm = jobs.find((j) => j.method.id === 'scllm-dsc')!;
    expect(scllm.params).toMatchObject({ pretrainEpochs: 100, trainEpochs: 100, quick: true });
    const pca = jobs.find((j) => j.method.id === 'pca-kmeans')!;
    expect(pca.params).toEqual(jobParams(findMethod('pca-kmeans'), [], false));
    expect('quick' in pca.params).toBe(false);
  });
});
