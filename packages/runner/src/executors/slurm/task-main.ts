// One Slurm array task: `node --import tsx task-main.ts PLAN ARRAY_INDEX` with SLURM_ARRAY_TASK_ID set. Runs its job
// of the plan through the same worker and record code as a local run, and writes the record as its own file.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { executeJob } from '../../execute-job.ts';
import { makeRecord } from '../../make-record.ts';
import { hashParams } from '../../params.ts';
import { logFile, pictureFile } from '@scbench/report';
import { resultFile, writeResultFile } from './result-files.ts';
import { readPlan, taskLog } from './plan-file.ts';
import { runTimeoutS } from './resources.ts';
import { jobLine } from './slurm-commands.ts';
import { failureOf, stateAtSignal } from './slurm-state.ts';

async function main(planPath: string, arrayIndex: number, taskId: number): Promise<number> {
  const plan = readPlan(planPath);
  const group = plan.arrays[arrayIndex];
  const run = plan.runs[group?.runs[taskId] ?? -1];
  if (!run) throw new Error(`${planPath}: array ${arrayIndex} has no task ${taskId}`);
  // The plan was resolved by the submitting scbench; a task running other code would record a different run.
  if (hashParams(run.params) !== run.paramsHash) throw new Error(`${planPath}: the parameters of ${run.method} × ${run.dataset} no longer hash to ${run.paramsHash}; re-submit with this checkout`);
  const file = resultFile(plan.out, run, plan.submission);
  if (existsSync(file)) {
    process.stderr.write(`${file} exists: this run is recorded already (a requeued task)\n`);
    return 0;
  }
  // The engine's threads: the cores Slurm gave this task, unless the user set SCBENCH_THREADS.
  const env = !process.env.SCBENCH_THREADS && process.env.SLURM_CPUS_PER_TASK ? { ...process.env, SCBENCH_THREADS: process.env.SLURM_CPUS_PER_TASK } : undefined;
  const abort = new AbortController();
  let stoppedBy: string | null = null;
  // Slurm ends a task with SIGTERM (time limit, scancel, preemption), then SIGKILL after KillWait seconds: enough
  // to stop the worker and write the record with Slurm's reason.
  process.on('SIGTERM', () => {
    stoppedBy = 'SIGTERM';
    abort.abort();
  });
  const runId = { dataset: run.dataset, method: run.method, seed: run.seed, paramsHash: run.paramsHash };
  const log = logFile(plan.out, runId);
  mkdirSync(dirname(log), { recursive: true });
  const startedAt = new Date().toISOString();
  process.stderr.write(`${run.method} × ${run.dataset} seed ${run.seed} [${run.paramsHash}] on ${process.env.SLURMD_NODENAME ?? 'this node'}\n`);
  const outcome = await executeJob(
    { type: 'run', dataset: run.dataset, method: run.method, seed: run.seed, params: run.params, smoke: plan.smoke, cacheDir: plan.cacheDir },
    runTimeoutS(plan.timeoutS, group.resources.minutes),
    {
      onLog: (event, values) => appendFileSync(log, JSON.stringify({ t: Date.now(), event, ...values }) + '\n'),
      onProgress: () => {},
    },
    abort.signal,
    env,
  );
  const record = makeRecord({ ...run, method: { id: run.method } }, outcome, plan.protocol, startedAt);
  if (stoppedBy && record.status === 'ok') stoppedBy = null; // it finished before the signal mattered
  if (stoppedBy) {
    // Ask why: slurmctld's Reason (TimeLimit), or the line slurmstepd wrote into this task's log before signalling.
    const jobId = process.env.SLURM_JOB_ID ?? '';
    const arrayJobId = process.env.SLURM_ARRAY_JOB_ID ?? jobId;
    const slurmLog = taskLog(plan.out, plan.submission, arrayIndex, arrayJobId, taskId);
    const state = stateAtSignal(jobId ? jobLine(jobId) : '', existsSync(slurmLog) ? readFileSync(slurmLog, 'utf8').slice(-4000) : '');
    const failure = state ? failureOf({ arrayJobId, taskId, state, reason: `${stoppedBy} to the task`, exitCode: '0:15', node: process.env.SLURMD_NODENAME ?? '' }, slurmLog) : null;
    record.status = failure?.status ?? 'failed';
    record.error = failure?.error ?? `stopped by ${stoppedBy} from Slurm (time limit, scancel or preemption; Slurm did not say which); log ${slurmLog}`;
  }
  if (outcome.result?.picture) writeFileSync(pictureFile(plan.out, runId), JSON.stringify(outcome.result.picture));
  writeResultFile(file, record);
  process.stderr.write(`${record.status}${record.error ? `: ${record.error.split('\n')[0]}` : ''} → ${file}\n`);
  return record.status === 'ok' ? 0 : 1;
}

const [planPath, arrayIndex] = process.argv.slice(2);
const taskId = Number(process.env.SLURM_ARRAY_TASK_ID);
if (!planPath || arrayIndex === undefined || !Number.isInteger(taskId)) {
  process.stderr.write('usage: SLURM_ARRAY_TASK_ID=i node --import tsx task-main.ts PLAN.json ARRAY_INDEX\n');
  process.exit(2);
}
main(planPath, Number(arrayIndex), taskId).then((code) => process.exit(code), (e: Error) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(2);
});
