// The Slurm client commands the executor calls (sbatch, squeue, scontrol, sacct), each run without a shell.
import { execFileSync } from 'node:child_process';
import { UserError } from '../../exit-codes.ts';
import { parseSacct, parseScontrol, type TaskState } from './slurm-state.ts';

function run(cmd: string, args: readonly string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function explain(cmd: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException & { stderr?: string };
  if (err.code === 'ENOENT') return `${cmd} not found: run this on a Slurm login node (or start a test cluster: tools/slurm/cluster.sh start)`;
  return `${cmd} failed: ${(err.stderr ?? err.message).trim()}`;
}

/** Submit a batch script; returns the job id. */
export function sbatch(script: string): string {
  try {
    // --parsable prints "id" or "id;cluster".
    return run('sbatch', ['--parsable', script]).trim().split(';')[0];
  } catch (e) {
    throw new UserError(`${explain('sbatch', e)} (script ${script}; the sbatch options are its #SBATCH lines)`);
  }
}

/** The cluster's MaxArraySize (task ids run 0..MaxArraySize-1); Slurm's default 1001 when it cannot be read. */
export function maxArraySize(): number {
  try {
    const m = /^MaxArraySize\s*=\s*(\d+)/m.exec(run('scontrol', ['show', 'config']));
    return m ? Number(m[1]) : 1001;
  } catch {
    return 1001;
  }
}

/** Jobs among `ids` still queued, running or completing (squeue without "-t all"); [] once they are all gone. */
export function activeJobs(ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  try {
    return run('squeue', ['-h', '-r', '-j', ids.join(','), '-t', 'PD,R,CG,CF,S', '-o', '%i']).split('\n').map((s) => s.trim()).filter(Boolean);
  } catch {
    return []; // squeue refuses job ids it no longer knows: none of them is active
  }
}

/**
 * Every task's state of an array: from sacct where the cluster keeps accounting, otherwise from scontrol (which
 * keeps finished jobs for MinJobAge seconds). [] when neither knows the job any more.
 */
export function arrayTaskStates(arrayJobId: string): TaskState[] {
  try {
    const states = parseSacct(run('sacct', ['-n', '-P', '-X', '-j', arrayJobId, '-o', 'JobID,State,ExitCode,Reason,NodeList']));
    if (states.length > 0) return states;
  } catch {
    // no accounting storage ("Slurm accounting storage is disabled"): ask slurmctld
  }
  try {
    return parseScontrol(run('scontrol', ['show', 'job', arrayJobId, '-o']));
  } catch {
    return [];
  }
}

/** `scontrol show job ID -o` ("" when it fails). */
export function jobLine(jobId: string): string {
  try {
    return run('scontrol', ['show', 'job', jobId, '-o']);
  } catch {
    return '';
  }
}

/** One job's state word (e.g. "RUNNING", "CANCELLED"), or null. */
export function jobState(jobId: string): string | null {
  return /JobState=(\S+)/.exec(jobLine(jobId))?.[1] ?? null;
}
