// `scbench run --executor local|slurm` and the Slurm executor's flags: read here, so the CLI hands over in one line.
import type { Protocol } from '@scbench/api';
import { UserError } from '../exit-codes.ts';
import type { Job } from '../plan.ts';
import { parseSlurmTime } from './slurm/resources.ts';
import { submitToSlurm } from './slurm/submit.ts';

/** The flags `scbench run` accepts besides its own (node:util parseArgs options). */
export const EXECUTOR_OPTIONS = {
  executor: { type: 'string' }, partition: { type: 'string' }, time: { type: 'string' }, mem: { type: 'string' },
  'cpus-per-task': { type: 'string' }, 'array-limit': { type: 'string' }, sbatch: { type: 'string', multiple: true }, wait: { type: 'boolean' },
} as const;

const SLURM_ONLY = ['partition', 'time', 'mem', 'cpus-per-task', 'array-limit', 'sbatch', 'wait'] as const;

function positiveInt(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--${flag} ${v}: give a whole number, 1 or more`);
  return n;
}

export interface RunBasics {
  out: string;
  protocol: Protocol;
  smoke: boolean;
  /** `--timeout`; undefined: each method's time hint (runTimeoutFor). */
  timeoutS?: number;
  retryFailed: boolean;
  cacheDir: string;
  report: boolean;
}

/**
 * Run the plan on the executor the flags name: the exit code, or null for the local executor (the caller runs it).
 * Slurm flags without `--executor slurm` are refused rather than ignored.
 */
export async function runOnExecutor(values: Record<string, unknown>, jobs: readonly Job[], basics: RunBasics): Promise<number | null> {
  const executor = (values.executor as string | undefined) ?? 'local';
  if (executor === 'local') {
    const stray = SLURM_ONLY.find((f) => values[f] !== undefined);
    if (stray) throw new UserError(`--${stray} applies to --executor slurm; add it, or drop --${stray}`);
    return null;
  }
  if (executor !== 'slurm') throw new UserError(`--executor ${executor}: use local (default) or slurm`);
  if (values.jobs !== undefined) throw new UserError('--jobs is for --executor local; on Slurm use --array-limit N (tasks at once)');
  const sbatchArgs = (values.sbatch as string[] | undefined) ?? [];
  for (const a of sbatchArgs) {
    if (!/^--?\w/.test(a)) throw new UserError(`--sbatch ${a}: give one sbatch option with its value, e.g. --sbatch=--account=mylab`);
    if (/^--(array|dependency|output|job-name|chdir|wrap)\b/.test(a)) throw new UserError(`--sbatch ${a}: scbench sets this option itself`);
  }
  if (values.mem !== undefined && !/^\d+[KMGT]?$/i.test(values.mem as string)) throw new UserError(`--mem ${values.mem}: give Slurm's form, e.g. 8G or 8000M`);
  return submitToSlurm(jobs, {
    ...basics,
    partition: values.partition as string | undefined,
    resources: {
      mem: values.mem as string | undefined,
      cpus: positiveInt(values['cpus-per-task'], 'cpus-per-task'),
      minutes: values.time === undefined ? undefined : parseSlurmTime(values.time as string),
    },
    arrayLimit: positiveInt(values['array-limit'], 'array-limit'),
    sbatchArgs,
    wait: values.wait === true,
  });
}
