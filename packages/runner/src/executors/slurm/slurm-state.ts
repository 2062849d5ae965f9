// What Slurm says about an array task, parsed from scontrol or sacct, and what that makes of a run that wrote no record.
import type { RunStatus } from '@scbench/api';

export interface TaskState {
  /** The array's job id (the number sbatch printed). */
  arrayJobId: string;
  taskId: number;
  /** Slurm's state: PENDING, RUNNING, COMPLETED, FAILED, TIMEOUT, CANCELLED, OUT_OF_MEMORY, NODE_FAIL, … */
  state: string;
  reason: string;
  /** "exit:signal", e.g. "0:9". */
  exitCode: string;
  node: string;
}

/** States in which a task will still run or is running: not yet a fact about the run. */
const ACTIVE = new Set(['PENDING', 'RUNNING', 'SUSPENDED', 'COMPLETING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESIZING', 'SIGNALING', 'STAGE_OUT', 'STOPPED', 'RESV_DEL_HOLD', 'SPECIAL_EXIT']);

export function isActive(state: string): boolean {
  return ACTIVE.has(state);
}

/** "3", "0-7%2", "1,3,5-7" → the task ids. */
export function expandTaskIds(spec: string): number[] {
  const ids: number[] = [];
  for (const part of spec.replace(/%\d+$/, '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const step = m[3] === undefined ? 1 : Number(m[3]);
    for (let i = from; i <= to; i += step) ids.push(i);
  }
  return ids;
}

/**
 * `scontrol show job ID -o`: one line per job record, "Key=Value" words. Pending tasks of an array share one record
 * whose ArrayTaskId is a range; it is expanded to one state per task.
 */
export function parseScontrol(text: string): TaskState[] {
  const out: TaskState[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('JobId=')) continue;
    const field = (key: string): string => new RegExp(`(?:^|\\s)${key}=(\\S*)`).exec(line)?.[1] ?? '';
    const arrayJobId = field('ArrayJobId');
    const tasks = field('ArrayTaskId');
    if (!arrayJobId || !tasks) continue;
    for (const taskId of expandTaskIds(tasks)) {
      out.push({ arrayJobId, taskId, state: field('JobState'), reason: field('Reason'), exitCode: field('ExitCode'), node: field('NodeList') });
    }
  }
  return out;
}

/**
 * `sacct -n -P -X -j ID -o JobID,State,ExitCode,Reason,NodeList`: "12_3|CANCELLED by 0|0:15|None|node1"; a line
 * for tasks never started reads "12_[4-7]".
 */
export function parseSacct(text: string): TaskState[] {
  const out: TaskState[] = [];
  for (const line of text.split('\n')) {
    const [jobId, state, exitCode, reason, node] = line.split('|');
    const m = /^(\d+)_(?:\[(.+)\]|(\d+))$/.exec(jobId?.trim() ?? '');
    if (!m) continue;
    const ids = m[2] !== undefined ? expandTaskIds(m[2]) : [Number(m[3])];
    for (const taskId of ids) out.push({ arrayJobId: m[1], taskId, state: (state ?? '').split(' ')[0], reason: reason ?? '', exitCode: exitCode ?? '', node: node ?? '' });
  }
  return out;
}

/**
 * The record a finished task that left no record of its own stands for: Slurm's state, exit code and reason, so a
 * killed run shows as a failure with its cause. null while the task is still active.
 */
export function failureOf(t: TaskState, log: string): { status: Exclude<RunStatus, 'ok'>; error: string } | null {
  if (isActive(t.state)) return null;
  const where = t.node && t.node !== '(null)' ? ` on ${t.node}` : '';
  const reason = t.reason && t.reason !== 'None' ? `, reason ${t.reason}` : '';
  const what: Record<string, string> = {
    TIMEOUT: 'hit its Slurm time limit (--time)',
    DEADLINE: 'reached its Slurm deadline',
    OUT_OF_MEMORY: 'was killed by Slurm for exceeding its memory (--mem)',
    CANCELLED: 'was cancelled (scancel or an administrator)',
    NODE_FAIL: 'was lost with its node (node failure)',
    BOOT_FAIL: 'could not start: its node failed to boot',
    PREEMPTED: 'was preempted',
    FAILED: 'ended with a non-zero exit code before writing a record',
    COMPLETED: 'ended without writing a record',
  };
  const error = `Slurm task ${t.arrayJobId}_${t.taskId} ${what[t.state] ?? 'ended'}: state ${t.state}, exit code ${t.exitCode || '?'}${reason}${where}; log ${log}`;
  return { status: t.state === 'TIMEOUT' || t.state === 'DEADLINE' ? 'timeout' : 'failed', error };
}

/**
 * Why Slurm signalled a running task, asked at the signal: slurmctld shows the job COMPLETING by then, so the cause is
 * read from its Reason (TimeLimit) or from the line slurmstepd writes into the task's log ("*** JOB 12 ON n1
 * CANCELLED AT … DUE TO TIME LIMIT ***"). null when neither says.
 */
export function stateAtSignal(scontrolLine: string, logText: string): string | null {
  const state = /JobState=(\S+)/.exec(scontrolLine)?.[1];
  if (state && !isActive(state)) return state;
  if (/(?:^|\s)Reason=TimeLimit\b/.test(scontrolLine)) return 'TIMEOUT';
  const m = /\*\*\* JOB \d+ ON \S+ CANCELLED AT \S+(?: DUE TO ([A-Z ]+?))? \*\*\*/.exec(logText);
  if (!m) return null;
  return ({ 'TIME LIMIT': 'TIMEOUT', PREEMPTION: 'PREEMPTED', 'NODE FAILURE': 'NODE_FAIL' } as Record<string, string>)[m[1] ?? ''] ?? 'CANCELLED';
}
