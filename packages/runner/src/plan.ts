import type { AnyMethod, Params } from '@scbench/api';
import { hashParams, resolveParams, type ParamOverride } from './params.ts';

export interface Job {
  dataset: string;
  method: AnyMethod;
  seed: number;
  params: Params;
  paramsHash: string;
}

/**
 * The parameters a job of `method` runs with under these overrides. Smoke mode marks itself in them, and so does the
 * default grid's quick schedule where the method has one (`quick: true`), so the report names those rows by the
 * method alone and a full run is never mistaken for a quick one.
 */
export function jobParams(method: AnyMethod, overrides: readonly ParamOverride[], smoke: boolean, quick = false): Params {
  const isQuick = quick && Object.keys(method.quick ?? {}).length > 0;
  return { ...resolveParams(method, overrides, smoke, quick), ...(smoke ? { smoke: true } : {}), ...(isQuick ? { quick: true } : {}) };
}

/** methods × datasets × seeds, dataset-major so one dataset's runs sit together in the output. */
export function planJobs(methods: readonly AnyMethod[], datasets: readonly string[], seeds: readonly number[], overrides: readonly ParamOverride[], smoke: boolean, quick = false): Job[] {
  const resolved = methods.map((m) => {
    const params = jobParams(m, overrides, smoke, quick);
    return { method: m, params, paramsHash: hashParams(params) };
  });
  const jobs: Job[] = [];
  for (const dataset of datasets) for (const r of resolved) for (const seed of seeds) jobs.push({ dataset, seed, ...r });
  return jobs;
}
