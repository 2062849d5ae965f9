// Bad input and faults end to end through the CLI: each case checks the exit code, one message naming the input
// and the fix, that nothing is half-written in --out, and (for the spawned ones) that no stack trace is printed.
import { describe, expect, it, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import h5wasm from 'h5wasm/node';
import type { RunRecord } from '@scbench/api';
import { captureCli } from './cli-capture.ts';
import { EXIT } from './exit-codes.ts';
import { rawCountsReason } from './needs.ts';
import { resolveParams } from './params.ts';
import { findMethod } from './registry.ts';

/** The real executable in its own process: what a user sees, stack traces included. */
function spawnCli(args: string[]): { code: number | null; stderr: string } {
  const bin = fileURLToPath(new URL('../bin/scbench.js', import.meta.url));
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr };
}

// Each case starts real processes (the CLI, a worker per run): minutes on a busy 2-core machine.
jest.setTimeout(300_000);

const STACK = /^\s+at .*:\d+:\d+\)?$/m;
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `scbench-${prefix}-`));
const readJsonl = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RunRecord);

/** A genes × cells count table (R's write.csv layout) and a cell table, three groups of `perGroup` cells. */
function csvDataset(dir: string, value: (gene: number, cell: number, group: number) => number, perGroup = 20): { counts: string; cells: string } {
  const genes = 30;
  const n = 3 * perGroup;
  const cellIds = Array.from({ length: n }, (_, c) => `c${c}`);
  const lines = [['gene', ...cellIds].join(',')];
  for (let g = 0; g < genes; g++) lines.push([`G${g}`, ...cellIds.map((_, c) => String(value(g, c, Math.floor(c / perGroup))))].join(','));
  const counts = join(dir, 'counts.csv');
  writeFileSync(counts, lines.join('\n') + '\n');
  const cells = join(dir, 'cells.csv');
  writeFileSync(cells, ['cell,cell_type', ...cellIds.map((id, c) => `${id},type${Math.floor(c / perGroup)}`)].join('\n') + '\n');
  return { counts, cells };
}

/** Marker genes 10g..10g+9 high in group g; deterministic. */
const countsOf = (g: number, c: number, group: number) => (Math.floor(g / 10) === group ? 20 + ((g * 7 + c * 3) % 11) : (g + c) % 3);

describe('damaged HDF5', () => {
  it('a compressed chunk overwritten in place fails the load: exit 3, the file and the fix, no stack trace', async () => {
    const dir = tmp('h5');
    await h5wasm.ready;
    const rows = 1000;
    const cols = 100;
    const x = new Float32Array(rows * cols);
    let s = 11;
    for (let i = 0; i < x.length; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      x[i] = s % 3 === 0 ? (s >> 8) % 50 : 0;
    }
    const whole = join(dir, 'whole.h5');
    const f = new h5wasm.File(whole, 'w');
    f.create_dataset({ name: 'X', data: x, shape: [rows, cols], dtype: '<f', chunks: [100, cols], compression: 'gzip' });
    f.create_dataset({ name: 'Y', data: Int32Array.from({ length: rows }, (_, i) => i % 4), dtype: '<i' });
    f.close();
    const bytes = readFileSync(whole);
    const at = Math.floor(bytes.length / 2); // random counts compress poorly: the gzip chunks fill the middle of the file
    for (let i = 0; i < 4096; i++) bytes[at + i] ^= 0xa5;
    const damaged = join(dir, 'damaged.h5');
    writeFileSync(damaged, bytes); // same size: the superblock's end-of-file check cannot see it

    expect((await captureCli(['inspect', whole])).code).toBe(EXIT.ok);
    const r = spawnCli(['inspect', damaged]);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.stderr).toMatch(/^scbench: reading HDF5 failed: HDF5 could not read \/X: .*filter.*\n {2}file: .*damaged\.h5\n {2}fix: {2}.*sha256/);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/HDF5-DIAG/); // HDF5's own trace is not printed

    // In a run the load fails in the run's process: recorded failed with the same message, no scores, exit 1.
    const out = join(dir, 'out');
    const run = await captureCli(['run', '--methods', 'pca-kmeans', '--datasets', damaged, '--out', out, '--smoke', '--no-report']);
    expect(run.code).toBe(EXIT.runsFailed);
    const [rec] = readJsonl(join(out, 'records.jsonl'));
    expect(rec).toMatchObject({ status: 'failed', scores: null });
    expect(rec.error).toMatch(/^reading HDF5 failed: HDF5 could not read \/X/);
    expect(rec.error).not.toMatch(STACK);
  });
});

describe('CSV from the command line', () => {
  it('PATH:labels=FILE,labelColumn=NAME runs and scores a CSV', async () => {
    const dir = tmp('csv');
    const { counts, cells } = csvDataset(dir, countsOf);
    const out = join(dir, 'out');
    const spec = `${counts}:labels=${cells},labelColumn=cell_type`;
    const r = await captureCli(['run', '--methods', 'pca-kmeans,true-labels', '--datasets', spec, '--out', out, '--smoke', '--no-report']);
    expect(r.code).toBe(EXIT.ok);
    const recs = readJsonl(join(out, 'records.jsonl'));
    expect(recs.map((x) => [x.dataset, x.status, x.cells, x.nClusters])).toEqual([[spec, 'ok', 60, 3], [spec, 'ok', 60, 3]]);
    expect(recs[0].scores!.ari).toBeGreaterThan(0.9);
    expect(recs[1].scores!.ari).toBe(1);
  });

  it('a CSV without labels, an unknown spec key or a missing labels file is refused before any run', async () => {
    const dir = tmp('csv-bad');
    const { counts, cells } = csvDataset(dir, countsOf);
    const out = join(dir, 'out');
    const base = ['run', '--methods', 'pca-kmeans', '--out', out, '--datasets'];
    const none = await captureCli([...base, counts]);
    expect(none.code).toBe(EXIT.usage);
    expect(none.err).toMatch(/counts\.csv: a CSV\/TSV table needs its labels: .*counts\.csv:labels=CELLS\.csv,labelColumn=COLUMN/);
    const typo = await captureCli([...base, `${counts}:label=${cells}`]);
    expect(typo.code).toBe(EXIT.badInput);
    expect(typo.err).toMatch(/unknown key "label"[\s\S]*fix: +use labels, labelColumn/);
    const missing = await captureCli([...base, `${counts}:labels=${join(dir, 'nope.csv')}`]);
    expect(missing.code).toBe(EXIT.badInput);
    expect(missing.err).toMatch(/labels file .*nope\.csv does not exist/);
    expect(existsSync(out)).toBe(false);
  });

  it('every hint names the dataset-spec form, not a library option', async () => {
    const dir = tmp('csv-col');
    const { counts, cells } = csvDataset(dir, countsOf);
    const r = await captureCli(['inspect', `${counts}:labels=${cells},labelColumn=celltype`]);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toMatch(/label column 'celltype' not found \(available: cell_type\)/);
    expect(r.err).toMatch(/fix: .*:labels=TABLE,labelColumn=NAME/);
    expect(r.err).not.toMatch(/labelsFile|loadH5\(|labels: false/);
  });
});

describe('raw counts', () => {
  it('sccdcg and scllm-dsc need counts only under input=log1p (read from their parameters)', () => {
    for (const id of ['sccdcg', 'scllm-dsc']) {
      const m = findMethod(id);
      expect(rawCountsReason(m, resolveParams(m, [], false))).toBeNull();
      expect(rawCountsReason(m, resolveParams(m, [{ method: id, key: 'input', raw: 'log1p' }], false))).toMatch(/input=log1p/);
    }
  });

  it('non-integer data for a method that needs counts: a failed record naming the dataset and the fix; a re-run exits 1 too', async () => {
    const dir = tmp('counts');
    const { counts, cells } = csvDataset(dir, (g, c, group) => Math.log1p(countsOf(g, c, group)));
    const out = join(dir, 'out');
    const spec = `${counts}:labels=${cells},labelColumn=cell_type`;
    const args = ['run', '--methods', 'sccdcg', '--datasets', spec, '--out', out, '--smoke', '--no-report', '--set', 'sccdcg.input=log1p'];
    const r = await captureCli(args);
    expect(r.code).toBe(EXIT.runsFailed);
    const [rec] = readJsonl(join(out, 'records.jsonl'));
    expect(rec.status).toBe('failed');
    expect(rec.error).toMatch(/^sccdcg needs raw counts \(input=log1p normalises library sizes; --set sccdcg.input=raw or hvg-log reads any values\), and dataset .*counts\.csv:labels=.* holds log-normalised values: [\d.]+ at cell \d+, gene \d+ is not a whole number/);
    expect(rec.error).toMatch(/fix: +choose a dataset of raw counts/);
    // Every job of the grid already recorded as failed: skipped, and still exit 1, not 0.
    const again = await captureCli(args);
    expect(again.err).toMatch(/skipping 1 run/);
    expect(again.code).toBe(EXIT.runsFailed);
  });
});

describe('--out', () => {
  const run = (out: string) => ['run', '--methods', 'true-labels', '--datasets', 'synthetic:cells=60,genes=40,groups=3', '--out', out, '--no-report'];

  it('a file, a logs file, a records.jsonl folder or an unwritable path: one line, exit 2/3, before any run', async () => {
    const dir = tmp('out');
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    const asFile = spawnCli(run(file));
    expect(asFile.code).toBe(EXIT.usage);
    expect(asFile.stderr).toBe(`scbench: --out ${file} is a file, not a folder; give a folder (it is created if missing)\n`);

    const logs = join(dir, 'logs-file');
    mkdirSync(logs);
    writeFileSync(join(logs, 'logs'), '');
    const l = await captureCli(run(logs));
    expect(l.code).toBe(EXIT.usage);
    expect(l.err).toMatch(/logs is a file, not a folder; move it away or choose another --out\n$/);
    expect(existsSync(join(logs, 'records.jsonl'))).toBe(false);

    const recs = join(dir, 'records-dir');
    mkdirSync(join(recs, 'records.jsonl'), { recursive: true });
    const rd = await captureCli(run(recs));
    expect(rd.code).toBe(EXIT.usage);
    expect(rd.err).toMatch(/records\.jsonl is not a file/);
    expect(existsSync(join(recs, 'logs'))).toBe(false);

    const under = join(file, 'sub'); // a path through a file: cannot be created
    const u = await captureCli(run(under));
    expect(u.code).toBe(EXIT.badInput);
    expect(u.err).toMatch(/cannot write .*file\/sub \(a part of the path is a file, not a folder\); give --out a folder you can write to\n$/);
  });
});

describe('records.jsonl', () => {
  const args = (out: string) => ['run', '--methods', 'true-labels', '--datasets', 'synthetic:cells=60,genes=40,groups=3', '--seeds', '0,1', '--out', out, '--no-report'];

  it('a garbage line names the file and line (exit 3, no stack trace, nothing run); a cut-short last line is dropped with a warning and its run re-run', async () => {
    const out = tmp('records');
    expect((await captureCli(args(out))).code).toBe(EXIT.ok);
    const file = join(out, 'records.jsonl');
    const [first, second] = readFileSync(file, 'utf8').trim().split('\n');

    writeFileSync(file, `${first}\nnot json at all\n${second}\n`);
    const bad = spawnCli(args(out));
    expect(bad.code).toBe(EXIT.badInput);
    expect(bad.stderr).toBe(`scbench: ${file}:2 is not valid JSON and is not the last line; fix or delete that line (the other lines are records)\n`);
    expect(readFileSync(file, 'utf8')).toBe(`${first}\nnot json at all\n${second}\n`); // untouched

    writeFileSync(file, `${first}\n${second.slice(0, 40)}`); // killed while writing the second record
    const cut = await captureCli(args(out));
    expect(cut.code).toBe(EXIT.ok);
    expect(cut.err).toMatch(new RegExp(`warning: ${file}:2: the last line is cut short .*dropped it, so that run runs again`));
    expect(cut.err).toMatch(/skipping 1 run/);
    expect(readJsonl(file).map((r) => r.seed)).toEqual([0, 1]);
  });
});

describe('lists and seeds', () => {
  it('repeated methods, datasets and seeds run once, with a note', async () => {
    const out = tmp('dups');
    const r = await captureCli(['run', '--methods', 'true-labels,true-labels', '--datasets', 'synthetic:cells=60,genes=40,groups=3,synthetic:cells=60,genes=40,groups=3',
      '--seeds', '3,3,03', '--out', out, '--no-report']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toMatch(/--methods lists true-labels more than once; each runs once/);
    expect(r.err).toMatch(/--datasets lists synthetic:cells=60,genes=40,groups=3 more than once/);
    expect(r.err).toMatch(/--seeds lists 3 more than once/);
    expect(readJsonl(join(out, 'records.jsonl'))).toHaveLength(1);
  });

  it('seeds beyond 32 bits, negative or fractional are usage errors; so is an unknown backend', async () => {
    for (const seed of ['4294967296', '99999999999999999999', '-1', '1.5', 'x']) {
      const r = await captureCli(['run', '--methods', 'true-labels', '--datasets', 'synthetic', `--seeds=${seed}`, '--out', tmp('seed')]);
      expect(r.code).toBe(EXIT.usage);
      expect(r.err).toMatch(/seeds are whole numbers from 0 to 4294967295/);
    }
    expect((await captureCli(['run', '--methods', 'true-labels', '--datasets', 'synthetic', '--seeds', '4294967295', '--out', tmp('seed'), '--no-report'])).code).toBe(EXIT.ok);
    const b = await captureCli(['run', '--methods', 'true-labels', '--datasets', 'synthetic', '--backend', 'cuda', '--out', tmp('backend')]);
    expect(b.code).toBe(EXIT.usage);
    expect(b.err).toMatch(/--backend cuda: use one of tfjs-node-gpu, tfjs-node, wasm-ort, wasm/);
  });

  it('a --set value the method cannot use is a usage error before any data loads', async () => {
    const out = tmp('set');
    const r = await captureCli(['run', '--methods', 'pca-kmeans', '--datasets', 'synthetic', '--set', 'pca-kmeans.nInit=-3', '--out', out]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toBe('scbench: --set pca-kmeans.nInit=-3: nInit takes an integer ≥ 1\n');
    expect(existsSync(join(out, 'records.jsonl'))).toBe(false);
  });
});

describe('empty cells and labels', () => {
  it('cells without counts are counted by inspect and do not make NaN: pca-kmeans runs and scores', async () => {
    const dir = tmp('empty');
    const { counts, cells } = csvDataset(dir, (g, c, group) => (c % 20 === 5 ? 0 : countsOf(g, c, group)));
    const spec = `${counts}:labels=${cells},labelColumn=cell_type`;
    const info = await captureCli(['inspect', spec]);
    expect(JSON.parse(info.out)).toMatchObject({ cells: 60, classes: 3, emptyCells: 3 });
    const out = join(dir, 'out');
    const r = await captureCli(['run', '--methods', 'pca-kmeans', '--datasets', spec, '--out', out, '--smoke', '--no-report']);
    expect(r.code).toBe(EXIT.ok);
    const [rec] = readJsonl(join(out, 'records.jsonl'));
    expect(rec.info.emptyCells).toBe(3);
    expect(Number.isFinite(rec.scores!.ari)).toBe(true);
    expect(rec.scores!.ari).toBeGreaterThan(0.8);
  });

  it('an all-zero matrix is refused at load with exit 3', async () => {
    const dir = tmp('zero');
    const { counts, cells } = csvDataset(dir, () => 0);
    const r = await captureCli(['inspect', `${counts}:labels=${cells}`]);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toMatch(/every value of .* is 0 \(60 cells × 30 genes\): nothing to cluster/);
  });

  it('score refuses a blank line inside a label file, naming the file and line', async () => {
    const dir = tmp('score');
    writeFileSync(join(dir, 't.txt'), 'B\n\nT\nT\n');
    writeFileSync(join(dir, 'p.txt'), '1\n1\n0\n0\n');
    const r = await captureCli(['score', '--truth', join(dir, 't.txt'), '--pred', join(dir, 'p.txt')]);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toMatch(/--truth .*t\.txt:2 is blank; every cell needs a label/);
  });
});
