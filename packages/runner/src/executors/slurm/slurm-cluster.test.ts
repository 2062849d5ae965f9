// Against a real one-node Slurm (tools/slurm/cluster.sh): a smoke grid on Slurm equals the same grid run locally,
// a re-submission skips it, and tasks Slurm stops (a time limit; a cancel, running or pending) are recorded as
// timeout / failed with Slurm's reason.
// CI installs Slurm and sets SCBENCH_REQUIRE_SLURM=1: there a cluster that cannot start fails this test. Elsewhere,
// without slurmctld installed, the test is skipped with a warning saying how to run it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '@scbench/api';
import { latestRecords, readRecords, runKey } from '../../records.ts';

const repo = fileURLToPath(new URL('../../../../../', import.meta.url));
const bin = join(repo, 'packages/runner/bin/scbench.js');
const clusterScript = join(repo, 'tools/slurm/cluster.sh');

function installed(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v slurmctld && command -v slurmd && command -v sbatch && command -v munged'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const required = process.env.SCBENCH_REQUIRE_SLURM === '1';
const available = installed();
if (!available && !required) {
  console.warn('slurm-cluster.test.ts skipped: Slurm is not installed. Run tools/slurm/cluster.sh install (root) to test the Slurm executor; CI sets SCBENCH_REQUIRE_SLURM=1 and fails without it.');
}

const env: NodeJS.ProcessEnv = { ...process.env };
let ownCluster: string | null = null;

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function scbench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env, cwd: repo });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function until(what: string, ok: () => boolean, seconds: number): Promise<void> {
  for (const t0 = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 500))) {
    if (Date.now() - t0 > seconds * 1000) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
  }
}

const byKey = (records: RunRecord[]) => new Map(latestRecords(records).map((r) => [runKey(r), r]));

(available || required ? describe : describe.skip)('Slurm executor on a one-node cluster', () => {
  beforeAll(() => {
    if (!available) throw new Error('SCBENCH_REQUIRE_SLURM=1 but Slurm is not installed: run tools/slurm/cluster.sh install');
    const reachable = (() => {
      try {
        return env.SLURM_CONF !== undefined && /idle|mix|alloc/.test(sh('sinfo', ['-h', '-o', '%T']));
      } catch {
        return false;
      }
    })();
    if (reachable) return; // a developer's running cluster (SLURM_CONF set)
    ownCluster = mkdtempSync(join(tmpdir(), 'scbench-slurm-'));
    // Its own state folder and ports, so a developer's cluster on the default ports is left alone.
    Object.assign(env, { SCBENCH_SLURM_DIR: ownCluster, SCBENCH_SLURM_PORT: '6917' });
    const printed = execFileSync('bash', [clusterScript, 'start'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const conf = /SLURM_CONF=(\S+)/.exec(printed)?.[1];
    if (!conf) throw new Error(`tools/slurm/cluster.sh start printed no SLURM_CONF: ${printed}`);
    env.SLURM_CONF = conf;
  }, 60_000);

  afterAll(() => {
    if (ownCluster) execFileSync('bash', [clusterScript, 'stop'], { env, stdio: 'inherit' });
  });

  it('runs a smoke grid as a job array whose records equal a local run of the same grid; a re-submission skips it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'scbench-grid-'));
    const grid = ['--methods', 'pca-kmeans,leiden', '--datasets', 'synthetic:cells=200,genes=300,groups=3,synthetic:cells=240,genes=300,groups=4,seed=7', '--seeds', '0,1', '--smoke'];
    const onSlurm = join(work, 'slurm');
    const local = join(work, 'local');
    // Both at once: the cluster's tasks and the local runs share the machine; only the results are compared.
    const [s, l] = await Promise.all([
      scbench(['run', ...grid, '--out', onSlurm, '--executor', 'slurm', '--time', '10', '--array-limit', '4', '--wait']),
      scbench(['run', ...grid, '--out', local, '--no-report']),
    ]);
    if (l.code !== 0) throw new Error(`the local run exited ${l.code}:\n${l.stderr.slice(-3000)}`);
    if (s.code !== 0) throw new Error(`scbench run --executor slurm exited ${s.code}:\n${s.stderr}`);
    expect(s.stdout.trim()).toMatch(/^\d+ \d+$/); // the array's and the collector's job ids
    const fromSlurm = byKey(readRecords(join(onSlurm, 'records.jsonl')));
    const fromLocal = byKey(readRecords(join(local, 'records.jsonl')));
    expect(fromSlurm.size).toBe(8);
    expect([...fromSlurm.keys()].sort()).toEqual([...fromLocal.keys()].sort());
    for (const [key, a] of fromLocal) {
      const b = fromSlurm.get(key)!;
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      expect(b.status).toBe('ok');
      // Same seed, same labels: every score, the cluster count and the method's facts agree exactly.
      expect({ scores: b.scores, nPredicted: b.nPredicted, silhouette: b.silhouette, info: b.info, params: b.params })
        .toEqual({ scores: a.scores, nPredicted: a.nPredicted, silhouette: a.silhouette, info: a.info, params: a.params });
    }
    expect(existsSync(join(onSlurm, 'index.html'))).toBe(true);
    const again = await scbench(['run', ...grid, '--out', onSlurm, '--executor', 'slurm']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/skipping 8 run\(s\)[^]*nothing to submit/);
    const local2 = await scbench(['run', ...grid, '--out', onSlurm, '--no-report']); // resuming across executors
    expect(local2.stderr).toMatch(/skipping 8 run/);
    const status = await scbench(['status', onSlurm]);
    expect(status.stdout).toMatch(/8 done, 0 failed, 0 timed out, 0 running, 0 pending/);
  }, 600_000);

  it('records a task killed at its time limit as a timeout, and a cancelled running and pending task as failures, with Slurm\'s state', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'scbench-cancel-')), 'grid');
    // k-means with a million restarts runs until Slurm stops it. One task at a time: seed 0 gets a one-minute limit
    // while it runs, seed 1 is cancelled while it runs, seed 2 while it is still pending.
    const submitted = await scbench(['run', '--methods', 'pca-kmeans', '--set', 'pca-kmeans.nInit=1000000', '--datasets', 'synthetic:cells=300,genes=200,groups=3',
      '--seeds', '0,1,2', '--out', out, '--executor', 'slurm', '--time', '10', '--array-limit', '1']);
    if (submitted.code !== 0) throw new Error(`submission exited ${submitted.code}:\n${submitted.stderr}`);
    const [arrayId, collectorId] = submitted.stdout.trim().split(' ');
    const logDir = () => join(out, 'slurm', readdirSync(join(out, 'slurm')).find((f) => /^\d{8}T/.test(f))!, 'logs');
    // Running, and past the start of the task's script (its SIGTERM handler is set before this line is written).
    const started = (task: number) => sh('squeue', ['-h', '-r', '-j', arrayId, '-o', '%i %T']).includes(`${arrayId}_${task} RUNNING`)
      && readdirSync(logDir()).some((f) => f.endsWith(`_${task}.out`) && readFileSync(join(logDir(), f), 'utf8').includes('pca-kmeans ×'));
    await until('task 0 to start', () => started(0), 120);
    sh('scontrol', ['update', `JobId=${arrayId}_0`, 'TimeLimit=1']); // slurmctld kills it within ~30 s of its first minute
    await until('task 1 to start after task 0 hit its time limit', () => started(1), 240);
    sh('scancel', [arrayId]);
    await until('the collector to end', () => sh('squeue', ['-h', '-j', collectorId, '-t', 'PD,R,CG,CF,S']).trim() === '', 120);
    const records = [...byKey(readRecords(join(out, 'records.jsonl'))).values()];
    const [limited, running, pending] = [0, 1, 2].map((seed) => records.find((r) => r.seed === seed)!);
    expect(limited).toMatchObject({ status: 'timeout', scores: null });
    expect(limited.error).toMatch(new RegExp(`Slurm task ${arrayId}_0 hit its Slurm time limit .*state TIMEOUT`)); // written by the task on SIGTERM
    expect(limited.seconds).toBeGreaterThan(30);
    expect(running).toMatchObject({ status: 'failed', scores: null });
    expect(running.error).toMatch(new RegExp(`Slurm task ${arrayId}_1 was cancelled .*state CANCELLED`)); // by the task
    expect(pending).toMatchObject({ status: 'failed', scores: null, seconds: 0 });
    expect(pending.error).toMatch(new RegExp(`Slurm task ${arrayId}_2 was cancelled .*state CANCELLED`)); // by the collector
    const status = await scbench(['status', out]);
    expect(status.stdout).toMatch(/0 done, 2 failed, 1 timed out, 0 running, 0 pending/);
  }, 600_000);
});
