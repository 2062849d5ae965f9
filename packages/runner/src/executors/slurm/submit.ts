// `scbench run --executor slurm`: write the plan into DIR/slurm/<submission>/, submit one job array per resource
// class and a collector job after them, print the job ids; with --wait, block until the collector has ended.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Protocol } from '@scbench/api';
import { EXIT } from '../../exit-codes.ts';
import type { Job } from '../../plan.ts';
import { finishedKeys, latestRecords, readRecords, runKey } from '../../records.ts';
import { mergeResults } from './result-files.ts';
import { listSubmissions, planFile, readPlan, recordSubmission, submissionDir, writePlan, type SlurmPlan } from './plan-file.ts';
import { groupArrays, taskResources, type ResourceFlags } from './resources.ts';
import { arrayScript, collectorScript } from './sbatch-script.ts';
import { activeJobs, maxArraySize, sbatch } from './slurm-commands.ts';

export interface SlurmOptions {
  out: string;
  protocol: Protocol;
  smoke: boolean;
  /** `--timeout`; undefined: not given. */
  timeoutS?: number;
  retryFailed: boolean;
  cacheDir: string;
  report: boolean;
  partition?: string;
  resources: ResourceFlags;
  arrayLimit?: number;
  /** Other sbatch options, each as "--name=value". */
  sbatchArgs: readonly string[];
  wait: boolean;
  /** Seconds between queue polls under --wait. */
  pollS?: number;
  log?: (line: string) => void;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

/** node with tsx, as execute-job starts the worker: the task and the collector run the checkout's sources. */
function nodeCommand(script: string, ...args: string[]): string[] {
  return [process.execPath, '--import', tsxLoader, '--no-warnings', here(script), ...args];
}

/** Runs of earlier submissions into this folder whose tasks Slurm still queues or runs: not submitted again. */
function inFlight(out: string): Set<string> {
  const keys = new Set<string>();
  for (const name of listSubmissions(out)) {
    const plan = readPlan(planFile(out, name));
    const ids = plan.arrays.map((a) => a.jobId).filter((id): id is string => !!id);
    for (const task of activeJobs(ids)) {
      const m = /^(\d+)_(\d+)$/.exec(task);
      const group = m && plan.arrays.find((a) => a.jobId === m[1]);
      if (group) keys.add(runKey(plan.runs[group.runs[Number(m![2])]]));
      else if (m === null) {
        // "12_[3-7%2]": a pending range squeue -r did not expand; count all of that array as in flight
        const id = /^(\d+)_/.exec(task)?.[1];
        for (const i of plan.arrays.find((a) => a.jobId === id)?.runs ?? []) keys.add(runKey(plan.runs[i]));
      }
    }
  }
  return keys;
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Block until none of `ids` is queued or running (squeue polling: without accounting, sbatch --wait polls slowly). */
export async function waitFor(ids: readonly string[], pollS: number): Promise<void> {
  while (activeJobs(ids).length > 0) await new Promise((r) => setTimeout(r, pollS * 1000));
}

export async function submitToSlurm(jobs: readonly Job[], o: SlurmOptions): Promise<number> {
  const log = o.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const out = resolve(o.out);
  // Records of earlier submissions (local or Slurm) count before planning: resuming works across executors.
  await mergeResults(out);
  const done = finishedKeys(readRecords(join(out, 'records.jsonl')), o.retryFailed);
  const running = inFlight(out);
  const todo = jobs.filter((j) => {
    const key = runKey({ dataset: j.dataset, method: j.method.id, seed: j.seed, paramsHash: j.paramsHash });
    return !done.has(key) && !running.has(key);
  });
  const skipped = jobs.length - todo.length;
  if (skipped > 0) log(`skipping ${skipped} run(s) already recorded or queued by an earlier submission (--retry-failed re-runs failures)`);
  if (todo.length === 0) {
    log('nothing to submit');
    return EXIT.ok;
  }
  const submission = stamp();
  const dir = submissionDir(out, submission);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const requests = todo.map((j) => taskResources(j.method.resources, o.resources, o.timeoutS));
  const plan: SlurmPlan = {
    version: 1, submission, out, protocol: o.protocol, smoke: o.smoke, timeoutS: o.timeoutS ?? null, cacheDir: o.cacheDir, report: o.report,
    runs: todo.map((j) => ({ dataset: j.dataset, method: j.method.id, seed: j.seed, params: j.params, paramsHash: j.paramsHash })),
    arrays: groupArrays(requests, maxArraySize() - 1),
  };
  writePlan(plan);
  const common = { partition: o.partition, chdir: process.cwd(), extra: o.sbatchArgs };
  plan.arrays.forEach((group, k) => {
    const script = join(dir, `array${k}.sbatch`);
    writeFileSync(script, arrayScript({
      ...common, name: `scbench-${submission}-${k}`, count: group.runs.length, limit: o.arrayLimit, resources: group.resources,
      logPattern: join(dir, 'logs', `array${k}-%A_%a.out`), command: nodeCommand('./task-main.ts', planFile(out, submission), String(k)),
    }));
    group.jobId = sbatch(script);
    const r = group.resources;
    log(`array ${group.jobId}: ${group.runs.length} task(s), --time=${r.minutes}${r.mem ? ` --mem=${r.mem}` : ''}${r.cpus ? ` --cpus-per-task=${r.cpus}` : ''}`);
  });
  writePlan(plan); // with the job ids, which the collector and status read
  const collectorFile = join(dir, 'collect.sbatch');
  writeFileSync(collectorFile, collectorScript({
    ...common, name: `scbench-${submission}-collect`, after: plan.arrays.map((a) => a.jobId!), minutes: 60, mem: '4G',
    log: join(dir, 'logs', 'collect-%j.out'), command: nodeCommand('./collect-main.ts', planFile(out, submission)),
  }));
  plan.collectorJobId = sbatch(collectorFile);
  writePlan(plan);
  recordSubmission(plan);
  log(`collector ${plan.collectorJobId}: merges into ${join(out, 'records.jsonl')} when the arrays end; plan and logs in ${dir}`);
  process.stdout.write(`${[...plan.arrays.map((a) => a.jobId), plan.collectorJobId].join(' ')}\n`);
  if (!o.wait) return EXIT.ok;
  log(`waiting for collector ${plan.collectorJobId} (scbench status ${o.out} shows progress)`);
  await waitFor([plan.collectorJobId], o.pollS ?? 2);
  const latest = new Map(latestRecords(readRecords(join(out, 'records.jsonl'))).map((r) => [runKey(r), r.status]));
  const missing = jobs.filter((j) => !latest.has(runKey({ dataset: j.dataset, method: j.method.id, seed: j.seed, paramsHash: j.paramsHash }))).length;
  const failed = jobs.filter((j) => {
    const s = latest.get(runKey({ dataset: j.dataset, method: j.method.id, seed: j.seed, paramsHash: j.paramsHash }));
    return s !== undefined && s !== 'ok';
  }).length;
  log(`collector ended: ${jobs.length - missing - failed} ok, ${failed} failed, ${missing} without a record${missing ? ` (see ${join(dir, 'logs')})` : ''}`);
  return failed + missing > 0 ? EXIT.runsFailed : EXIT.ok;
}

