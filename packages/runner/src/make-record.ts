import type { Protocol, RunRecord } from '@scbench/api';
import type { JobOutcome } from './execute-job.ts';
import type { Job } from './plan.ts';
import { currentCommit, versions } from './provenance.ts';

/**
 * The record of one finished run: identity from the plan, measurements from the worker, provenance from here. Every
 * executor builds its records with this one function, so a run's record has the same fields wherever it ran.
 */
export function makeRecord(job: Pick<Job, 'dataset' | 'seed' | 'params' | 'paramsHash'> & { method: { id: string } }, outcome: JobOutcome, protocol: Protocol, startedAt: string): RunRecord {
  const r = outcome.result;
  const lost = outcome.result === null ? outcome : null; // the worker died or timed out before answering
  return {
    dataset: job.dataset,
    method: job.method.id,
    seed: job.seed,
    protocol,
    status: outcome.status,
    error: r ? r.error : lost!.error,
    scores: r?.scores ?? null,
    silhouette: r?.silhouette ?? null,
    paperProtocol: r?.paperProtocol ?? null,
    nClusters: r?.nClusters ?? 0,
    nPredicted: r?.nPredicted ?? null,
    ...(r?.supervision ? { supervision: r.supervision } : {}),
    cells: r?.cells ?? 0,
    genes: r?.genes ?? 0,
    seconds: r ? r.seconds : lost!.seconds,
    peakRssMb: r?.peakRssMb ?? 0,
    params: job.params,
    paramsHash: job.paramsHash,
    info: r?.info ?? {},
    backend: r?.backend ?? null,
    commit: currentCommit(),
    versions: versions(),
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}
