import { findDataset } from '@scbench/datasets';
import type { Job } from './plan.ts';
import { rawCountsReason } from './needs.ts';

/**
 * The main job on a fresh machine (`npm start` = `scbench run --default`): every registered method — scLLM-DSC,
 * scCDCG, each deep baseline, the classical pipelines and the controls — each with its `quick` schedule, on the
 * embedded real dataset wang_pancreas (datasets/embedded: gene names, so scLLM-DSC's text view runs) and on two
 * built-in synthetic sets of two difficulties. No download and no ../shared; about 6 minutes on 2 cores (runner README).
 * Two runs at a time (one engine thread each): half the runs are short, and a run's start-up (loading the engine)
 * then overlaps another's work. The report says that times were measured beside another run.
 */
export const DEFAULT_GRID = {
  datasets: ['wang_pancreas', 'synthetic:cells=600,genes=800,groups=6', 'synthetic:cells=800,genes=1000,groups=8,lfc=1.0'],
  seeds: [0],
  jobs: 2,
  out: 'reports/latest',
} as const;

/**
 * Why the default grid leaves `job` out, or null when it plans it: a pair whose needs the dataset cannot meet, judged
 * before loading from the registry entry (hasGeneNames, valueType); built-in synthetic data are raw counts without gene
 * names. An explicit `scbench run` plans every pair and records the refusal instead.
 */
export function unmetNeed(job: Job): string | null {
  const entry = job.dataset.startsWith('synthetic') ? null : findDataset(job.dataset.split(':')[0]);
  const hasGeneNames = entry ? entry.hasGeneNames : false;
  const valueType = entry ? entry.valueType : 'raw counts';
  if (job.method.needs?.geneNames && !hasGeneNames) return 'needs gene names';
  const why = rawCountsReason(job.method, job.params);
  if (why && valueType !== 'raw counts') return `needs raw counts, the data are ${valueType}`;
  return null;
}

/** The default grid's jobs whose needs the data meet, and one note line naming the pairs left out and why. */
export function plannableJobs(jobs: readonly Job[]): { jobs: Job[]; note: string | null } {
  const kept: Job[] = [];
  const left = new Map<string, string[]>();
  for (const j of jobs) {
    const why = unmetNeed(j);
    if (!why) {
      kept.push(j);
      continue;
    }
    const key = `${j.method.id} (${why})`;
    left.set(key, [...(left.get(key) ?? []), j.dataset]);
  }
  const parts = [...left].map(([k, ds]) => `${k} on ${[...new Set(ds)].join(', ')}`);
  return { jobs: kept, note: parts.length ? `default grid leaves out ${parts.join('; ')}` : null };
}
