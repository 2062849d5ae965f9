import type { AnyMethod, Params } from '@scbench/api';
import { hashParams, resolveParams, type ParamOverride } from './params.ts';

export interface Job {
  dataset: string;
  method: AnyMethod;
  seed: number;
  params: Params;
  paramsHash: string;
}

/** The parameters a job of `method` runs with under these overrides (smoke mode marks itself in them). */
export function jobParams(method: AnyMethod, overrides: readonly ParamOverride[], smoke: boolean): Params {
  return { ...resolveParams(method, overrides, smoke), ...(smoke ? { smoke: true } : {}) };
}

/** methods × datasets × seeds, dataset-major so one dataset's runs sit together in the output. */
export function planJobs(methods: readonly AnyMethod[], datasets: readonly string[], seeds: readonly number[], overrides: readonly ParamOverride[], smoke: boolean): Job[] {
  const resolved = methods.map((m) => {
    const params = jobParams(m, overrides, smoke);
    return { method: m, params, paramsHash: hashParams(params) };
  });
  const jobs: Job[] = [];
  for (const dataset of datasets) for (const r of resolved) for (const seed of seeds) jobs.push({ dataset, seed, ...r });
  return jobs;
}
