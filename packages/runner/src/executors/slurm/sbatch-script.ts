// The batch scripts a submission writes: one per job array and one for the collector. Options go into #SBATCH
// lines, so each script in the submission folder says exactly what was asked of Slurm and can be re-submitted by hand.
import type { TaskResources } from './resources.ts';

/** A word for a POSIX shell: single-quoted unless it is plainly safe. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CommonOptions {
  /** --job-name */
  name: string;
  /** --partition; undefined: the cluster's default partition. */
  partition?: string;
  /** The working directory of the submission (relative dataset paths resolve there, as in a local run). */
  chdir: string;
  /** Other sbatch options, passed through as given (e.g. "--account=lab", "--qos=long"). */
  extra: readonly string[];
}

export interface ArrayScript extends CommonOptions {
  /** Number of tasks: --array=0-(count-1). */
  count: number;
  /** At most this many tasks at once (--array=…%limit). */
  limit?: number;
  resources: TaskResources;
  /** Slurm's log of each task: %A is the array's job id, %a the task id. */
  logPattern: string;
  /** The command each task runs; SLURM_ARRAY_TASK_ID tells it which run. */
  command: readonly string[];
}

export interface CollectorScript extends CommonOptions {
  /** The arrays to wait for: afterany, so the collector runs however the tasks ended. */
  after: readonly string[];
  minutes: number;
  mem?: string;
  log: string;
  command: readonly string[];
}

function header(o: CommonOptions): string[] {
  return [
    '#!/bin/bash',
    `#SBATCH --job-name=${shellWord(o.name)}`,
    `#SBATCH --chdir=${shellWord(o.chdir)}`,
    ...(o.partition ? [`#SBATCH --partition=${shellWord(o.partition)}`] : []),
  ];
}

function tail(o: CommonOptions, command: readonly string[]): string[] {
  return [
    // sbatch reads #SBATCH lines up to the first command, so the pass-through options come last among them.
    ...o.extra.map((x) => `#SBATCH ${x}`),
    '# Written by scbench run --executor slurm.',
    // exec: the run's process is the batch step itself, so Slurm's signals (time limit, scancel) reach it directly.
    `exec ${command.map(shellWord).join(' ')}`,
    '',
  ];
}

export function arrayScript(o: ArrayScript): string {
  const r = o.resources;
  return [
    ...header(o),
    `#SBATCH --array=0-${o.count - 1}${o.limit ? `%${o.limit}` : ''}`,
    `#SBATCH --output=${shellWord(o.logPattern)}`,
    `#SBATCH --time=${r.minutes}`,
    ...(r.mem ? [`#SBATCH --mem=${r.mem}`] : []),
    ...(r.cpus ? [`#SBATCH --cpus-per-task=${r.cpus}`] : []),
    ...tail(o, o.command),
  ].join('\n');
}

export function collectorScript(o: CollectorScript): string {
  return [
    ...header(o),
    `#SBATCH --dependency=afterany:${o.after.join(':')}`,
    `#SBATCH --output=${shellWord(o.log)}`,
    `#SBATCH --time=${o.minutes}`,
    ...(o.mem ? [`#SBATCH --mem=${o.mem}`] : []),
    ...tail(o, o.command),
  ].join('\n');
}
