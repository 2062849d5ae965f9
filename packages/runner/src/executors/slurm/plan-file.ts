// A submission's plan: DIR/slurm/<submission>/plan.json, what every array task and the collector read.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Params, Protocol } from '@scbench/api';
import type { ArrayGroup } from './resources.ts';

/** One run as the plan stores it: the same identity (dataset, method, seed, resolved params, hash) as a local job. */
export interface PlannedRun {
  dataset: string;
  method: string;
  seed: number;
  params: Params;
  paramsHash: string;
}

export interface SlurmPlan {
  version: 1;
  /** The submission's name: its folder under DIR/slurm and the suffix of its result files. */
  submission: string;
  /** The output folder, absolute. */
  out: string;
  protocol: Protocol;
  smoke: boolean;
  /** `--timeout`; null: not given, a run's limit is its Slurm time limit (runTimeoutS). */
  timeoutS: number | null;
  cacheDir: string;
  /** Render DIR/index.html after the merge. */
  report: boolean;
  runs: PlannedRun[];
  /** One entry per job array; `jobId` is filled in once sbatch has answered. */
  arrays: (ArrayGroup & { jobId?: string })[];
  collectorJobId?: string;
}

export function submissionDir(out: string, submission: string): string {
  return join(out, 'slurm', submission);
}

export function planFile(out: string, submission: string): string {
  return join(submissionDir(out, submission), 'plan.json');
}

/** Slurm's log of array k's task t. */
export function taskLog(out: string, submission: string, arrayIndex: number, jobId: string | undefined, taskId: number): string {
  return join(submissionDir(out, submission), 'logs', `array${arrayIndex}-${jobId ?? '%A'}_${taskId}.out`);
}

export function readPlan(file: string): SlurmPlan {
  if (!existsSync(file)) throw new Error(`${file} does not exist: the submission folder is incomplete`);
  const plan = JSON.parse(readFileSync(file, 'utf8')) as SlurmPlan;
  if (plan.version !== 1) throw new Error(`${file}: plan version ${plan.version}, this scbench reads version 1`);
  return plan;
}

export function writePlan(plan: SlurmPlan): void {
  writeFileSync(planFile(plan.out, plan.submission), JSON.stringify(plan, null, 1) + '\n');
}

/** DIR/slurm/submissions.jsonl: one line per submission, for `scbench status` and for resuming. */
export function recordSubmission(plan: SlurmPlan): void {
  const line = { submission: plan.submission, arrays: plan.arrays.map((a) => ({ jobId: a.jobId, tasks: a.runs.length })), collector: plan.collectorJobId, submittedAt: new Date().toISOString() };
  appendFileSync(join(plan.out, 'slurm', 'submissions.jsonl'), JSON.stringify(line) + '\n');
}

/** The submissions made into an output folder, oldest first. */
export function listSubmissions(out: string): string[] {
  const file = join(out, 'slurm', 'submissions.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { submission: string }).submission);
}
