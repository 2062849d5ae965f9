// What each array task asks Slurm for, and how a plan's runs are grouped into job arrays.
import type { ResourceHint } from '@scbench/api';
import { UserError } from '../../exit-codes.ts';
import { DEFAULT_TIMEOUT_S } from '../../run-timeout.ts';

/** One array's request: every task of a Slurm job array asks for the same resources. */
export interface TaskResources {
  /** sbatch --mem, in Slurm's syntax (e.g. "8G"); undefined: the partition's default. */
  mem?: string;
  /** sbatch --cpus-per-task; undefined: the partition's default (usually 1). */
  cpus?: number;
  /** sbatch --time, in minutes. */
  minutes: number;
}

/** The command line's resource flags; each one, when given, applies to every run of the grid. */
export interface ResourceFlags {
  mem?: string;
  cpus?: number;
  minutes?: number;
}

/**
 * Slurm's time formats ("MM", "MM:SS", "HH:MM:SS", "D-HH", "D-HH:MM", "D-HH:MM:SS") in whole minutes, rounded up as
 * Slurm does.
 */
export function parseSlurmTime(text: string): number {
  const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(text.trim());
  if (!m) throw new UserError(`--time ${text}: use minutes, HH:MM:SS or D-HH:MM:SS (Slurm's formats)`);
  const [, d, a, b, c] = m;
  let seconds: number;
  if (d !== undefined) seconds = Number(d) * 86400 + Number(a) * 3600 + Number(b ?? 0) * 60 + Number(c ?? 0);
  else if (c !== undefined) seconds = Number(a) * 3600 + Number(b) * 60 + Number(c);
  else if (b !== undefined) seconds = Number(a) * 60 + Number(b);
  else seconds = Number(a) * 60;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 1) throw new UserError(`--time ${text}: give at least one minute`);
  return minutes;
}

/**
 * One run's request: a command-line flag wins (the user knows the partition's limits), then the method's hint, then
 * the cluster's default; the time limit falls back to `--timeout` (else two hours) plus five minutes for start-up and
 * the record.
 */
export function taskResources(hint: ResourceHint | undefined, flags: ResourceFlags, timeoutS: number | undefined): TaskResources {
  const memGb = hint?.memGb;
  return {
    mem: flags.mem ?? (memGb !== undefined ? `${memGb}G` : undefined),
    cpus: flags.cpus ?? hint?.cpus,
    minutes: flags.minutes ?? hint?.minutes ?? Math.ceil((timeoutS ?? DEFAULT_TIMEOUT_S) / 60) + 5,
  };
}

/**
 * The run's own timeout inside a task: the earlier of `--timeout` (null: not given) and shortly before Slurm's limit,
 * so that a run that overruns normally ends through the worker's timeout (a clean `timeout` record with the seconds
 * it ran) rather than by Slurm's kill.
 */
export function runTimeoutS(timeoutS: number | null, minutes: number): number {
  const limit = minutes * 60;
  return Math.min(timeoutS ?? Infinity, Math.max(limit * 0.9, limit - 120));
}

export interface ArrayGroup {
  resources: TaskResources;
  /** Indexes into the plan's runs; task i of the array runs runs[i]. */
  runs: number[];
}

/**
 * One job array per distinct request, split so that no array exceeds the cluster's MaxArraySize (task ids run
 * 0..MaxArraySize-1). Runs keep the plan's order inside each array.
 */
export function groupArrays(requests: readonly TaskResources[], maxArraySize: number): ArrayGroup[] {
  const byKey = new Map<string, ArrayGroup>();
  requests.forEach((r, i) => {
    const key = JSON.stringify([r.mem ?? null, r.cpus ?? null, r.minutes]);
    const g = byKey.get(key) ?? { resources: r, runs: [] };
    g.runs.push(i);
    byKey.set(key, g);
  });
  const size = Math.max(1, maxArraySize);
  const out: ArrayGroup[] = [];
  for (const g of byKey.values()) {
    for (let s = 0; s < g.runs.length; s += size) out.push({ resources: g.resources, runs: g.runs.slice(s, s + size) });
  }
  return out;
}
