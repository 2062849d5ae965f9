import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Protocol, RunRecord } from '@scbench/api';
import { executeJob } from './execute-job.ts';
import { runTimeoutFor } from './run-timeout.ts';
import type { Job } from './plan.ts';
import { createProgressView } from './progress.ts';
import { makeRecord } from './make-record.ts';
import { appendRecord, finishedKeys, readRecords, runKey } from './records.ts';
import { logFile, pictureFile } from '@scbench/report';

export interface RunOptions {
  out: string;
  protocol: Protocol;
  smoke: boolean;
  /** `--timeout`; undefined: each method's time hint, at least two hours (runTimeoutFor). */
  timeoutS?: number;
  retryFailed: boolean;
  cacheDir: string;
  /** Runs at once, each in its own process (`--jobs`; default 1). */
  concurrency?: number;
}

/**
 * Engine threads per run when several run at once: the cores shared out, unless the user set SCBENCH_THREADS.
 * Two runs each using every core would fight over them and both run slower than one after the other.
 */
export function threadsPerRun(concurrency: number, cores = availableParallelism(), userSetting = process.env.SCBENCH_THREADS): string | undefined {
  if (concurrency <= 1 || userSetting) return undefined;
  return String(Math.max(1, Math.floor(cores / concurrency)));
}

/**
 * Execute a plan, appending one record per run; returns the records written by this invocation (in the order the
 * runs finished). With `concurrency` > 1 that many runs go at once, each in its own process; a run's seconds are
 * then measured beside the others.
 */
export async function runPlan(jobs: readonly Job[], opts: RunOptions, abort: AbortSignal): Promise<RunRecord[]> {
  const out = resolve(opts.out);
  mkdirSync(join(out, 'logs'), { recursive: true });
  mkdirSync(join(out, 'pictures'), { recursive: true });
  const recordsFile = join(out, 'records.jsonl');
  const done = finishedKeys(readRecords(recordsFile), opts.retryFailed);
  const todo = jobs.filter((j) => !done.has(runKey({ dataset: j.dataset, method: j.method.id, seed: j.seed, paramsHash: j.paramsHash })));
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 1, todo.length));
  const view = createProgressView(process.stderr, concurrency > 1);
  view.skip(jobs.length - todo.length);
  const threads = threadsPerRun(concurrency);
  const env = threads ? { ...process.env, SCBENCH_THREADS: threads } : undefined;
  const written: RunRecord[] = [];
  const runOne = async (i: number, job: Job): Promise<boolean> => {
    const runId = { dataset: job.dataset, method: job.method.id, seed: job.seed, paramsHash: job.paramsHash };
    const log = logFile(out, runId);
    const progress = view.start(i + 1, todo.length, `${job.method.id} × ${job.dataset} seed ${job.seed}`);
    const startedAt = new Date().toISOString();
    const outcome = await executeJob(
      { type: 'run', dataset: job.dataset, method: job.method.id, seed: job.seed, params: job.params, smoke: opts.smoke, cacheDir: opts.cacheDir },
      runTimeoutFor(job.method.resources, opts.timeoutS),
      {
        onLog: (event, values) => appendFileSync(log, JSON.stringify({ t: Date.now(), event, ...values }) + '\n'),
        onProgress: (stage, d, t) => progress.stage(stage, d, t),
      },
      abort,
      env,
    );
    if (abort.aborted && outcome.status !== 'ok') return false; // an interrupted run is not a failed run: record nothing
    const r = outcome.result;
    const record = makeRecord(job, outcome, opts.protocol, startedAt);
    if (r?.picture) writeFileSync(pictureFile(out, runId), JSON.stringify(r.picture));
    appendRecord(recordsFile, record);
    written.push(record);
    progress.finish(record);
    return true;
  };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < todo.length && !abort.aborted) {
      const i = next++;
      if (!(await runOne(i, todo[i]))) return;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  view.close();
  return written;
}
