import type { AnyMethod, Params } from '@scbench/api';
import { hashParams, resolveParams, type ParamOverride } from './params.ts';

export interface Job {
  dataset: string;
  method: AnyMethod;
  seed: number;
  params: Params;
  paramsHash: string;
}

/** methods × datasets × seeds, dataset-major so one dataset's runs sit together in the output. */
export function planJobs(methods: readonly AnyMethod[], datasets: readonly string[], seeds: readonly number[], overrides: readonly ParamOverride[], smoke: boolean): Job[] {
  const resolved = methods.map((m) => {
    const params = { ...resolveParams(m, overrides, smoke), ...(smoke ? { smoke: true } : {}) };
    return { method: m, params, paramsHash: hashParams(params) };
  });
  const jobs: Job[] = [];
  for (const dataset of datasets) for (const r of resolved) for (const seed of seeds) jobs.push({ dataset, seed, ...r });
  return jobs;
}
