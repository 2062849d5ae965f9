// End to end through the real CLI: child processes, records.jsonl, resume, report, scoring, errors.
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '@scbench/api';
import { captureCli } from './cli-capture.ts';
import { EXIT } from './exit-codes.ts';

const readJsonl = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RunRecord);

describe('scbench run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scbench-run-'));
  const args = ['run', '--methods', 'pca-kmeans,true-labels,random-labels', '--datasets', 'synthetic:cells=300,genes=400,groups=4',
    '--seeds', '0', '--out', dir, '--smoke', '--set', 'pca-kmeans.nPcs=20'];

  it('runs each job in a child process, records every field, and writes a report', async () => {
    const r = await captureCli(args);
    expect(r.code).toBe(EXIT.ok);
    const recs = readJsonl(join(dir, 'records.jsonl'));
    expect(recs.map((x) => x.method)).toEqual(['pca-kmeans', 'true-labels', 'random-labels']);
    const pk = recs[0];
    expect(pk).toMatchObject({ dataset: 'synthetic:cells=300,genes=400,groups=4', seed: 0, status: 'ok', error: null, cells: 300, genes: 400, nClusters: 4 });
    expect(pk.params.nPcs).toBe(20);
    expect(Object.keys(pk.scores!).sort()).toEqual(['acc', 'ami', 'ari', 'completeness', 'f1', 'fmi', 'homogeneity', 'nmi', 'vMeasure']);
    expect(pk.peakRssMb).toBeGreaterThan(10);
    expect(pk.backend?.name).toBeTruthy();
    expect(pk.commit).toBeTruthy();
    expect(recs[1].scores!.ari).toBe(1);
    expect(recs[2].scores!.ari).toBeLessThan(0.1);
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    // The report names the row by the --set that changed it (Handlebars escapes "=").
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/pca-kmeans \[nPcs(=|&#x3D;)20\]/);
  });

  it('skips finished runs when the same command is run again', async () => {
    const r = await captureCli(args);
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toMatch(/skipping 3 run/);
    expect(readJsonl(join(dir, 'records.jsonl'))).toHaveLength(3);
  });

  it('refuses a parameter value the method cannot use before any run (exit 2, nothing recorded)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scbench-fail-'));
    const r = await captureCli(['run', '--methods', 'pca-kmeans', '--datasets', 'synthetic:cells=50,genes=60,groups=3', '--out', out, '--set', 'pca-kmeans.nInit=0']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/nInit/);
    expect(existsSync(join(out, 'records.jsonl'))).toBe(false);
  });

  it('runs several jobs at once with --jobs, each recorded once, the cores shared out', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scbench-jobs-'));
    const r = await captureCli(['run', '--methods', 'pca-kmeans,true-labels', '--datasets', 'synthetic:cells=120,genes=80,groups=3',
      '--seeds', '0,1', '--out', out, '--smoke', '--no-report', '--jobs', '3']);
    expect(r.code).toBe(EXIT.ok);
    const recs = readJsonl(join(out, 'records.jsonl'));
    expect(recs.map((x) => `${x.method}:${x.seed}`).sort()).toEqual(['pca-kmeans:0', 'pca-kmeans:1', 'true-labels:0', 'true-labels:1']);
    expect(recs.every((x) => x.status === 'ok')).toBe(true);
    // At once, not one after the other: some two runs overlap in time (each spends ~1 s starting its process).
    const span = (x: RunRecord) => [Date.parse(x.startedAt), Date.parse(x.finishedAt)];
    const overlap = recs.some((a, i) => recs.some((b, j) => i !== j && span(a)[0] < span(b)[1] && span(b)[0] < span(a)[1]));
    expect(overlap).toBe(true);
    // Plain lines, each naming its run: one live line cannot show three runs.
    expect(r.err.match(/\[\d\/4\] .* \.\.\./g)).toHaveLength(4);
    expect((await captureCli(['run', '--methods', 'pca-kmeans', '--datasets', 'synthetic', '--jobs', '0'])).code).toBe(EXIT.usage);
  });

  it('rejects unknown methods, datasets and parameters before running anything', async () => {
    expect((await captureCli(['run', '--methods', 'nope', '--datasets', 'synthetic'])).err).toMatch(/unknown method "nope"/);
    const d = await captureCli(['run', '--methods', 'pca-kmeans', '--datasets', 'no_such_dataset']);
    expect(d.code).toBe(EXIT.badInput);
    expect(d.err).toMatch(/no such registry id.*pbmc3k/s);
    expect((await captureCli(['run', '--methods', 'pca-kmeans', '--datasets', 'synthetic', '--set', 'pca-kmeans.bogus=1'])).code).toBe(EXIT.usage);
  });
});

describe('scbench score / inspect / methods / help', () => {
  it('scores two label files with the record score keys', async () => {
    const d = mkdtempSync(join(tmpdir(), 'scbench-score-'));
    writeFileSync(join(d, 't.txt'), 'B\nB\nT\nT\nNK\n');
    writeFileSync(join(d, 'p.txt'), '1\n1\n0\n0\n0\n');
    const r = await captureCli(['score', '--truth', join(d, 't.txt'), '--pred', join(d, 'p.txt')]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.acc).toBeCloseTo(0.8, 12);
    writeFileSync(join(d, 'short.txt'), '1\n');
    const bad = await captureCli(['score', '--truth', join(d, 't.txt'), '--pred', join(d, 'short.txt')]);
    expect(bad.code).toBe(EXIT.badInput);
    expect(bad.err).toMatch(/--truth has 5 labels but --pred has 1/);
  });
  it('inspects a synthetic dataset', async () => {
    const r = await captureCli(['inspect', 'synthetic:cells=100,genes=50,groups=5']);
    const info = JSON.parse(r.out);
    expect(info).toMatchObject({ cells: 100, genes: 50, classes: 5, hasGeneNames: true, species: null, valueType: 'raw counts' });
    // One entry per class, counting every cell once.
    expect(Object.keys(info.classSizes)).toHaveLength(5);
    expect(Object.values(info.classSizes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(100);
  });
  it('lists methods and prints help with exit 0; unknown commands exit 2', async () => {
    expect((await captureCli(['methods'])).out).toMatch(/pca-kmeans/);
    expect((await captureCli(['run', '--help'])).out).toMatch(/--protocol/);
    expect((await captureCli(['frobnicate'])).code).toBe(EXIT.usage);
  });
});
