// The submission without a cluster: fake sbatch/squeue/scontrol on PATH record what scbench asks of Slurm.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '@scbench/api';
import { EXIT } from '../../exit-codes.ts';
import { readPlan } from './plan-file.ts';
import { resultFile, writeResultFile } from './result-files.ts';

const repo = fileURLToPath(new URL('../../../../../', import.meta.url));
const bin = join(repo, 'packages/runner/bin/scbench.js');

/** A PATH folder whose sbatch prints job ids 101, 102, … and logs each script; MaxArraySize 3 (arrays of ≤ 2 tasks). */
function fakeSlurm(): { path: string; submitted: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-slurm-'));
  const script = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  script('sbatch', `n=$(cat "${dir}/n" 2>/dev/null || echo 100); n=$((n + 1)); echo $n > "${dir}/n"; echo "$2" >> "${dir}/submitted"; echo "$n;cluster"`);
  script('squeue', 'exit 0');
  script('scontrol', 'if [ "$1 $2" = "show config" ]; then echo "MaxArraySize            = 3"; fi');
  script('sacct', 'exit 1');
  return { path: dir, submitted: () => readFileSync(join(dir, 'submitted'), 'utf8').trim().split('\n') };
}

function scbench(args: string[], path: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path}:${process.env.PATH}` };
    delete env.SLURM_CONF;
    const child = spawn(process.execPath, [bin, ...args], { env, cwd: repo });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('scbench run --executor slurm (fake Slurm)', () => {
  it('submits one array per resource class, split at MaxArraySize, and a collector after all of them; resumes and retries failures', async () => {
    const slurm = fakeSlurm();
    const out = join(mkdtempSync(join(tmpdir(), 'scb-submit-')), 'grid');
    const grid = ['run', '--methods', 'pca-kmeans,sccdcg', '--datasets', 'synthetic', '--seeds', '0,1,2', '--smoke', '--out', out, '--executor', 'slurm', '--partition', 'cpu', '--sbatch=--account=lab'];
    const first = await scbench(grid, slurm.path);
    if (first.code !== EXIT.ok) throw new Error(first.stderr);
    // pca-kmeans (4G, 2 cores, 30 min) and sccdcg (6G, 4 cores, 120 min): 3 runs each, arrays of at most 2.
    expect(first.stdout.trim()).toBe('101 102 103 104 105');
    const scripts = slurm.submitted().map((f) => readFileSync(f, 'utf8'));
    expect(scripts.map((s) => /--array=(\S+)/.exec(s)?.[1])).toEqual(['0-1', '0-0', '0-1', '0-0', undefined]);
    expect(scripts[0]).toMatch(/--partition=cpu\n[^]*--time=30\n#SBATCH --mem=4G\n#SBATCH --cpus-per-task=2\n#SBATCH --account=lab\n/);
    expect(scripts[2]).toMatch(/--time=120\n#SBATCH --mem=6G\n#SBATCH --cpus-per-task=4\n/);
    expect(scripts[4]).toMatch(/#SBATCH --dependency=afterany:101:102:103:104\n[^]*#SBATCH --account=lab\n[^]*collect-main\.ts /);
    const planPath = slurm.submitted()[0].replace(/array0\.sbatch$/, 'plan.json');
    const plan = readPlan(planPath);
    expect(plan.runs.map((r) => `${r.method}:${r.seed}`)).toEqual(['pca-kmeans:0', 'pca-kmeans:1', 'pca-kmeans:2', 'sccdcg:0', 'sccdcg:1', 'sccdcg:2']);
    expect(plan.arrays.map((a) => [a.jobId, a.runs])).toEqual([['101', [0, 1]], ['102', [2]], ['103', [3, 4]], ['104', [5]]]);
    expect(plan.collectorJobId).toBe('105');

    // The tasks' results: seed 0 of each method failed. A re-submission merges them and finds nothing to run;
    // --retry-failed submits the two failures, one array per class.
    for (const r of plan.runs) {
      const record = { ...r, status: r.seed === 0 ? 'failed' : 'ok', error: null, protocol: 'honest', startedAt: 't0', finishedAt: `t${r.seed}` } as unknown as RunRecord;
      writeResultFile(resultFile(out, r, plan.submission), record);
    }
    const again = await scbench(grid, slurm.path);
    expect(again.stderr).toMatch(/skipping 6 run\(s\)[^]*nothing to submit/);
    expect(readFileSync(join(out, 'records.jsonl'), 'utf8').trim().split('\n')).toHaveLength(6);
    const retry = await scbench([...grid, '--retry-failed'], slurm.path);
    expect(retry.stdout.trim()).toBe('106 107 108');
    const retried = readPlan(slurm.submitted()[5].replace(/array0\.sbatch$/, 'plan.json'));
    expect(retried.runs.map((r) => `${r.method}:${r.seed}`)).toEqual(['pca-kmeans:0', 'sccdcg:0']);
  }, 180_000);

  it('refuses Slurm flags without --executor slurm, an unknown executor, and options scbench sets itself', async () => {
    const slurm = fakeSlurm();
    const out = mkdtempSync(join(tmpdir(), 'scb-flags-'));
    const base = ['run', '--methods', 'true-labels', '--datasets', 'synthetic', '--out', out];
    const [a, b, c] = await Promise.all([
      scbench([...base, '--partition', 'cpu'], slurm.path),
      scbench([...base, '--executor', 'pbs'], slurm.path),
      scbench([...base, '--executor', 'slurm', '--sbatch=--array=0-3'], slurm.path),
    ]);
    expect([a.code, b.code, c.code]).toEqual([EXIT.usage, EXIT.usage, EXIT.usage]);
    expect(a.stderr).toMatch(/--partition applies to --executor slurm/);
    expect(b.stderr).toMatch(/--executor pbs: use local \(default\) or slurm/);
    expect(c.stderr).toMatch(/--sbatch --array=0-3: scbench sets this option itself/);
  }, 120_000);
});
