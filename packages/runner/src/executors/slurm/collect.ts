// The collector's work: a failure record for every task of the submission that ended without writing one (from
// Slurm's own account of it), then the merge of all result files into records.jsonl.
import { existsSync } from 'node:fs';
import type { RunRecord } from '@scbench/api';
import { currentCommit, versions } from '../../provenance.ts';
import { mergeResults, resultFile, writeResultFile, type MergeSummary } from './result-files.ts';
import { taskLog, type SlurmPlan } from './plan-file.ts';
import { failureOf, type TaskState } from './slurm-state.ts';

export interface CollectSummary extends MergeSummary {
  /** Tasks that wrote no record and were recorded from Slurm's state. */
  fromSlurm: number;
  /** Tasks Slurm still runs or queues (a collector started by hand too early). */
  active: number;
}

/**
 * For each task without a result file: its Slurm state (from `states`, which the caller reads with sacct or
 * scontrol) becomes a `failed`/`timeout` record naming state, exit code and reason. A task Slurm no longer knows
 * becomes a failure saying so. Tasks still active are left alone.
 */
export function recordLostTasks(plan: SlurmPlan, states: (arrayJobId: string) => TaskState[]): { written: number; active: number } {
  let written = 0;
  let active = 0;
  plan.arrays.forEach((group, k) => {
    if (!group.jobId) return;
    const byTask = new Map(states(group.jobId).map((s) => [s.taskId, s]));
    group.runs.forEach((runIndex, taskId) => {
      const run = plan.runs[runIndex];
      const file = resultFile(plan.out, run, plan.submission);
      if (existsSync(file)) return;
      const log = taskLog(plan.out, plan.submission, k, group.jobId, taskId);
      const state = byTask.get(taskId) ?? { arrayJobId: group.jobId!, taskId, state: 'UNKNOWN', reason: 'Slurm no longer knows the job (sacct unavailable and older than MinJobAge)', exitCode: '', node: '' };
      const failure = failureOf(state, log);
      if (!failure) {
        active++;
        return;
      }
      const now = new Date().toISOString();
      const record: RunRecord = {
        dataset: run.dataset, method: run.method, seed: run.seed, protocol: plan.protocol, status: failure.status, error: failure.error,
        scores: null, silhouette: null, paperProtocol: null, nClusters: 0, nPredicted: null, cells: 0, genes: 0, seconds: 0, peakRssMb: 0,
        params: run.params, paramsHash: run.paramsHash, info: {}, backend: null, commit: currentCommit(), versions: versions(),
        startedAt: now, finishedAt: now,
      };
      writeResultFile(file, record);
      written++;
    });
  });
  return { written, active };
}

export async function collect(plan: SlurmPlan, states: (arrayJobId: string) => TaskState[]): Promise<CollectSummary> {
  const lost = recordLostTasks(plan, states);
  const merged = await mergeResults(plan.out);
  return { ...merged, fromSlurm: lost.written, active: lost.active };
}
