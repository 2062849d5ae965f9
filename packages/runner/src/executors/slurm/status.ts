// `scbench status DIR`: what a grid's records and the Slurm queue say, without changing either.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '@scbench/api';
import { latestRecords, readRecords, runKey } from '../../records.ts';
import { unmergedResultFiles } from './result-files.ts';
import { listSubmissions, planFile, readPlan } from './plan-file.ts';
import { isActive, type TaskState } from './slurm-state.ts';

export interface GridStatus {
  done: number;
  failed: number;
  timeout: number;
  running: number;
  pending: number;
  /** Result files the collector has not merged yet (counted in done/failed/timeout). */
  unmerged: number;
  /** Submissions whose collector is still queued or running. */
  collectors: { submission: string; jobId: string; state: string }[];
}

/**
 * Counts by run: its newest record (records.jsonl and result files not yet merged) if it has one, otherwise its
 * Slurm task's state (running, or pending) from the latest submission that planned it.
 */
export function gridStatus(out: string, states: (arrayJobId: string) => TaskState[], jobStateOf: (jobId: string) => string | null): GridStatus {
  const records = existsSync(join(out, 'records.jsonl')) ? readRecords(join(out, 'records.jsonl')) : [];
  const pending = unmergedResultFiles(out);
  const unmerged = pending.length;
  const all: RunRecord[] = [...records, ...pending.map((f) => JSON.parse(readFileSync(f, 'utf8')) as RunRecord)];
  all.sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : 0));
  const latest = new Map(latestRecords(all).map((r) => [runKey(r), r]));
  const s: GridStatus = { done: 0, failed: 0, timeout: 0, running: 0, pending: 0, unmerged, collectors: [] };
  const queued = new Map<string, string>();
  for (const name of listSubmissions(out)) {
    const plan = readPlan(planFile(out, name));
    for (const group of plan.arrays) {
      if (!group.jobId) continue;
      const byTask = new Map(states(group.jobId).map((t) => [t.taskId, t.state]));
      group.runs.forEach((i, taskId) => {
        const state = byTask.get(taskId);
        const key = runKey(plan.runs[i]);
        if (state && isActive(state)) queued.set(key, state);
        else queued.delete(key); // a later submission's answer replaces an earlier one's
      });
    }
    const cs = plan.collectorJobId ? jobStateOf(plan.collectorJobId) : null;
    if (plan.collectorJobId && cs && isActive(cs)) s.collectors.push({ submission: name, jobId: plan.collectorJobId, state: cs });
  }
  for (const [key, r] of latest) {
    if (queued.has(key) && r.status !== 'ok') continue; // a retry is queued: counted below
    if (r.status === 'ok') s.done++;
    else if (r.status === 'timeout') s.timeout++;
    else s.failed++;
  }
  for (const [key, state] of queued) {
    const r = latest.get(key);
    if (r && r.status === 'ok') continue;
    if (state === 'RUNNING' || state === 'COMPLETING' || state === 'CONFIGURING') s.running++;
    else s.pending++;
  }
  return s;
}

export function formatStatus(dir: string, s: GridStatus): string {
  const lines = [`${dir}: ${s.done} done, ${s.failed} failed, ${s.timeout} timed out, ${s.running} running, ${s.pending} pending`];
  if (s.unmerged) lines.push(`  ${s.unmerged} result file(s) not merged into records.jsonl yet (the collector merges them)`);
  for (const c of s.collectors) lines.push(`  collector ${c.jobId} of submission ${c.submission}: ${c.state}`);
  return lines.join('\n');
}
