import { describe, expect, it } from '@jest/globals';
import { findDataset } from '@scbench/datasets';
import { DEFAULT_GRID, plannableJobs, unmetNeed } from './default-grid.ts';
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
    expect(scllm.params).toMatchObject({ pretrainEpochs: 50, trainEpochs: 50, quick: true });
    const pca = jobs.find((j) => j.method.id === 'pca-kmeans')!;
    expect(pca.params).toEqual(jobParams(findMethod('pca-kmeans'), [], false));
    expect('quick' in pca.params).toBe(false);
  });
});

describe("the default grid's pairs", () => {
  const planned = planJobs(methods, [...DEFAULT_GRID.datasets], [0], [], false, true);
  const { jobs, note } = plannableJobs(planned);
  const pairs = new Set(jobs.map((j) => `${j.method.id}@${j.dataset}`));
  it('leaves out a method that needs gene names on synthetic data, and names it in one note', () => {
    for (const id of ['genept-w', 'genept-s']) {
      expect(pairs.has(`${id}@wang_pancreas`)).toBe(true);
      for (const d of DEFAULT_GRID.datasets.slice(1)) expect(pairs.has(`${id}@${d}`)).toBe(false);
    }
    expect(note).toMatch(/^default grid leaves out genept-w \(needs gene names\) on synthetic:/);
    expect(note).toContain('genept-s (needs gene names)');
    expect(jobs.length).toBe(planned.length - 2 * (DEFAULT_GRID.datasets.length - 1));
  });
  it('keeps the count-likelihood methods on log-normalised wang_pancreas, through their logInput path', () => {
    for (const id of ['scdeepcluster', 'scdcc', 'sczidesk']) expect(pairs.has(`${id}@wang_pancreas`)).toBe(true);
  });
  it('leaves out a method whose parameters make it need raw counts on log-normalised data', () => {
    const m = findMethod('sccdcg');
    const job = { ...planJobs([m], ['wang_pancreas'], [0], [{ method: 'sccdcg', key: 'input', raw: 'log1p' }], false, true)[0] };
    expect(unmetNeed(job)).toBe('needs raw counts, the data are log-normalised');
    expect(unmetNeed(planJobs([m], ['wang_pancreas'], [0], [], false, true)[0])).toBeNull();
  });
});
