import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Params, Protocol, RunRecord } from '@scbench/api';
import { countEmptyCells, DataError, dataPath, dataRoot, findDataset, listDatasets, loadDataset, parseDatasetSpec } from '@scbench/datasets';
import { BACKENDS } from '@scbench/engine';
import { renderReport, sideData } from '@scbench/report';
import { scoreCommand } from './commands/score-command.ts';
import { tableCommand } from './commands/table-command.ts';
import { DEFAULT_GRID, plannableJobs } from './default-grid.ts';
import { EXIT, UserError } from './exit-codes.ts';
import { HELP } from './help.ts';
import { loadForRun, parseSyntheticSpec } from './load-data.ts';
import { parseOverride } from './params.ts';
import { jobParams, planJobs } from './plan.ts';
import { prepareOutDir } from './out-dir.ts';
import { latestRecords, readRecords, runKey } from './records.ts';
import { findMethod, methods } from './registry.ts';
import { runPlan } from './run-command.ts';
import { EXECUTOR_OPTIONS, runOnExecutor } from './executors/executor-option.ts';
import { statusCommand } from './executors/status-command.ts';

const repoRoot = resolve(new URL('../../../', import.meta.url).pathname);

function list(value: string | undefined, flag: string): string[] {
  const items = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UserError(`${flag} needs at least one value, e.g. ${flag} a,b`);
  return items;
}

/** Each item once, in first-seen order; a repeat would run the same jobs again, so it is dropped with a note. */
function unique<T extends string | number>(items: T[], flag: string): T[] {
  const seen = [...new Set(items)];
  const repeated = [...new Set(items.filter((x, i) => items.indexOf(x) !== i))];
  if (repeated.length) process.stderr.write(`scbench: ${flag} lists ${repeated.join(', ')} more than once; each runs once\n`);
  return seen;
}

/** Seeds seed a 32-bit generator: a larger one would silently repeat a smaller seed's run, so it is refused. */
function parseSeed(s: string): number {
  if (!/^\d+$/.test(s) || BigInt(s) > 0xffffffffn) throw new UserError(`--seeds ${s}: seeds are whole numbers from 0 to 4294967295`);
  return Number(s);
}

type Flags = Record<string, string | boolean | string[] | undefined>;

/**
 * Split --datasets, keeping "synthetic:cells=300,groups=4" and "data.csv:labels=cells.csv,labelColumn=type" whole:
 * a "key=value" item continues the spec before it.
 */
function datasetList(value: string | undefined): string[] {
  const out: string[] = [];
  for (const item of list(value, '--datasets')) {
    if (/^\w+=/.test(item) && out.length && /:\w+=/.test(out[out.length - 1])) out[out.length - 1] += `,${item}`;
    else out.push(item);
  }
  return out;
}

function parse(args: string[], options: ParseArgsConfig['options']): { values: Flags; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: values as Flags, positionals };
  } catch (e) {
    throw new UserError(`${(e as Error).message}\nSee --help.`);
  }
}

/** Reject unknown datasets before any run starts: a typo should cost a second, not a grid. */
function checkDatasetSpec(spec: string, what = '--datasets'): void {
  if (parseSyntheticSpec(spec)) return;
  const { source, options } = existsSync(spec) ? { source: spec, options: {} } : parseDatasetSpec(spec); // an unknown key: DataError naming the keys
  if (options.labelsFile !== undefined && !existsSync(options.labelsFile)) {
    throw new UserError(`${what} ${spec}: labels file ${options.labelsFile} does not exist; give the path of the cell table`, EXIT.badInput);
  }
  if (existsSync(source)) {
    // A count table carries no labels: without a cell table it could only fail inside every run.
    if (/\.(csv|tsv|txt)(\.gz)?$/i.test(source) && options.labelsFile === undefined) {
      throw new UserError(`${what} ${source}: a CSV/TSV table needs its labels: ${source}:labels=CELLS.csv,labelColumn=COLUMN (CELLS.csv: first column the cell id)`);
    }
    return;
  }
  if (source !== spec) return checkDatasetSpec(source, what);
  const entry = findDataset(spec);
  if (entry) {
    dataPath(entry.path); // a registered dataset whose file is missing: DataError naming the path and $SCBENCH_DATA
    return;
  }
  const ids = listDatasets().map((d) => d.id).join(', ');
  throw new UserError(`${what} ${spec}: no such registry id, file or directory. Registry ids: ${ids}`, EXIT.badInput);
}

function protocolOf(v: string | undefined): Protocol {
  if (v === undefined || v === 'honest') return 'honest';
  if (v === 'paper') return 'paper';
  throw new UserError(`--protocol ${v}: use honest or paper`);
}

/** A record's parameters without `--set`, so the report names ablation rows by what changed (undefined: unknown method). */
function baseParams(r: RunRecord): Params | undefined {
  const known = methods.find((m) => m.id === r.method);
  return known ? jobParams(known, [], r.params.smoke === true, r.params.quick === true) : undefined;
}

function writeReport(dir: string, protocol: Protocol, outFile?: string): string {
  const records = latestRecords(readRecords(join(dir, 'records.jsonl')));
  const file = outFile ?? join(dir, 'index.html');
  writeFileSync(file, renderReport(records, { protocol, title: `scbench report — ${dir}`, baseParams, side: sideData(dir) }));
  return file;
}

async function runCmd(args: string[]): Promise<number> {
  const { values } = parse(args, {
    methods: { type: 'string' }, datasets: { type: 'string' }, seeds: { type: 'string' }, out: { type: 'string' },
    protocol: { type: 'string' }, set: { type: 'string', multiple: true }, smoke: { type: 'boolean' },
    timeout: { type: 'string' }, 'retry-failed': { type: 'boolean' }, backend: { type: 'string' },
    'no-report': { type: 'boolean' }, default: { type: 'boolean' }, jobs: { type: 'string' },
    ...EXECUTOR_OPTIONS,
  });
  if (values.help) return print(HELP.run);
  const d = values.default ? DEFAULT_GRID : null;
  const methodIds = unique(values.methods !== undefined || !d ? list(values.methods as string, '--methods') : methods.map((m) => m.id), '--methods');
  const datasetSpecs = unique(values.datasets !== undefined || !d ? datasetList(values.datasets as string) : [...d.datasets], '--datasets');
  const seeds = unique((values.seeds !== undefined || !d ? list((values.seeds as string) ?? '0', '--seeds') : d.seeds.map(String)).map(parseSeed), '--seeds');
  const chosen = methodIds.map((id) => {
    try {
      return findMethod(id);
    } catch (e) {
      throw new UserError(`--methods: ${(e as Error).message}`);
    }
  });
  for (const spec of datasetSpecs) checkDatasetSpec(spec);
  const overrides = ((values.set as string[] | undefined) ?? []).map(parseOverride);
  for (const o of overrides) if (!methodIds.includes(o.method)) throw new UserError(`--set ${o.method}.${o.key}: ${o.method} is not among --methods`);
  // undefined: each run's limit comes from its method's time hint (runTimeoutFor).
  const timeoutS = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutS !== undefined && !(timeoutS > 0)) throw new UserError(`--timeout ${values.timeout}: give a positive number of seconds`);
  const concurrency = values.jobs === undefined ? (d?.jobs ?? 1) : Number(values.jobs);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UserError(`--jobs ${values.jobs}: give a whole number of runs at once, 1 or more`);
  if (values.backend) {
    if (!(BACKENDS as readonly string[]).includes(values.backend as string)) throw new UserError(`--backend ${values.backend}: use one of ${BACKENDS.join(', ')}`);
    process.env.SCBENCH_BACKEND = values.backend as string;
  }
  const protocol = protocolOf(values.protocol as string | undefined);
  const smoke = values.smoke === true;
  const planned = planJobs(chosen, datasetSpecs, seeds, overrides, smoke, d !== null); // the default grid: each method's quick schedule
  // The default grid plans only the pairs that can run; an explicit grid records each refusal.
  const { jobs, note } = d ? plannableJobs(planned) : { jobs: planned, note: null };
  if (note) process.stderr.write(`note: ${note}\n`);
  const out = (values.out as string | undefined) ?? d?.out ?? 'reports/latest';
  prepareOutDir(out); // before any run: a folder that cannot take the records fails now, not after the first result
  // --executor slurm submits the plan as job arrays and returns (or waits with --wait); local runs go on below.
  const submitted = await runOnExecutor(values, jobs, {
    out, protocol, smoke, timeoutS, retryFailed: values['retry-failed'] === true, report: !values['no-report'],
    cacheDir: process.env.SCBENCH_CACHE ?? join(repoRoot, '.scbench-cache'),
  });
  if (submitted !== null) return submitted;
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write('\ninterrupted: stopping the current run (records so far are kept; re-run to resume)\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  const written = await runPlan(jobs, {
    out, protocol, smoke, timeoutS, retryFailed: values['retry-failed'] === true, concurrency,
    cacheDir: process.env.SCBENCH_CACHE ?? join(repoRoot, '.scbench-cache'),
  }, abort.signal);
  process.off('SIGINT', onSigint);
  if (!values['no-report']) process.stderr.write(`report: ${writeReport(out, protocol)}\n`);
  if (abort.signal.aborted) return EXIT.interrupted;
  // Every job of the plan, run now or skipped as already recorded: a re-run of failed jobs still exits 1.
  const latest = new Map(latestRecords(readRecords(join(out, 'records.jsonl'))).map((r) => [runKey(r), r.status]));
  const failed = written.some((r) => r.status !== 'ok')
    || jobs.some((j) => latest.get(runKey({ dataset: j.dataset, method: j.method.id, seed: j.seed, paramsHash: j.paramsHash })) !== 'ok');
  return failed ? EXIT.runsFailed : EXIT.ok;
}

function reportCmd(args: string[]): number {
  const { values, positionals } = parse(args, { protocol: { type: 'string' }, out: { type: 'string' } });
  if (values.help) return print(HELP.report);
  const dir = positionals[0];
  if (!dir) throw new UserError('scbench report DIR: give the directory that holds records.jsonl');
  if (!existsSync(join(dir, 'records.jsonl'))) throw new UserError(`${join(dir, 'records.jsonl')} does not exist; run "scbench run --out ${dir} ..." first`, EXIT.badInput);
  return print(writeReport(dir, protocolOf(values.protocol as string | undefined), values.out as string | undefined));
}

function tableCmd(args: string[]): number {
  const { values, positionals } = parse(args, { metric: { type: 'string' }, format: { type: 'string' }, protocol: { type: 'string' } });
  if (values.help) return print(HELP.table);
  const dir = positionals[0];
  if (!dir) throw new UserError('scbench table DIR: give the directory that holds records.jsonl');
  if (!existsSync(join(dir, 'records.jsonl'))) throw new UserError(`${join(dir, 'records.jsonl')} does not exist; run "scbench run --out ${dir} ..." first`, EXIT.badInput);
  const records = latestRecords(readRecords(join(dir, 'records.jsonl')));
  process.stdout.write(tableCommand(records, baseParams, values.metric as string | undefined, values.format as string | undefined, protocolOf(values.protocol as string | undefined)));
  return EXIT.ok;
}

function methodsCmd(args: string[]): number {
  const { values } = parse(args, { json: { type: 'boolean' } });
  if (values.help) return print(HELP.methods);
  const rows = methods.map((m) => ({ id: m.id, label: m.label, kind: m.kind, supervision: m.supervision ?? null, summary: m.summary, paper: m.reference.paper, repo: m.reference.repo ?? null, defaults: m.defaults }));
  if (values.json) return print(JSON.stringify(rows, null, 2));
  // A semi-supervised method says so beside its kind: it is handed some labels and never ranked with the others.
  return print(rows.map((r) => `${r.id.padEnd(16)} ${(r.supervision ? `${r.kind}/semi` : r.kind).padEnd(10)} ${r.summary}`).join('\n'));
}

function datasetsCmd(args: string[]): number {
  const { values } = parse(args, { json: { type: 'boolean' } });
  if (values.help) return print(HELP.datasets);
  const rows = listDatasets().map((d) => ({ ...d, present: existsSync(join(dataRoot(), d.path)) }));
  if (values.json) return print(JSON.stringify(rows, null, 2));
  return print(rows.map((r) => `${r.id.padEnd(24)} ${String(r.cells).padStart(6)} × ${String(r.genes).padEnd(6)} ${String(r.classes).padStart(3)} classes  ${r.species.padEnd(24)} ${r.present ? '' : '(file missing)'}`).join('\n'));
}

async function inspectCmd(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {});
  if (values.help) return print(HELP.inspect);
  const spec = positionals[0];
  if (!spec) throw new UserError('scbench inspect ID-OR-PATH: give a registry id, a file or a 10x directory');
  checkDatasetSpec(spec, 'scbench inspect');
  const { dataset, truth } = parseSyntheticSpec(spec) ? await loadForRun(spec) : await loadDataset(spec);
  // Class sizes matter when reading scores: ARI on a dataset of a few large and many tiny classes (baron) turns on
  // how k-means spends the clusters the tiny ones cannot fill.
  const classSizes: Record<string, number> | null = truth ? Object.fromEntries(truth.names.map((n) => [n, 0])) : null;
  if (truth && classSizes) for (const l of truth.labels) classSizes[truth.names[l]]++;
  return print(JSON.stringify({
    cells: dataset.counts.rows, genes: dataset.counts.cols, classes: truth ? truth.names.length : dataset.nClusters,
    hasGeneNames: dataset.genes !== undefined, species: dataset.species ?? null, valueType: dataset.valueType, classSizes,
    emptyCells: countEmptyCells(dataset.counts),
  }));
}

function scoreCmd(args: string[]): number {
  const { values } = parse(args, { truth: { type: 'string' }, pred: { type: 'string' } });
  if (values.help) return print(HELP.score);
  if (!values.truth || !values.pred) throw new UserError('scbench score needs --truth FILE and --pred FILE');
  return print(scoreCommand(values.truth as string, values.pred as string));
}

function print(text: string): number {
  process.stdout.write(text + '\n');
  return EXIT.ok;
}

/** Entry point: returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run': return await runCmd(rest);
      case 'report': return reportCmd(rest);
      case 'table': return tableCmd(rest);
      case 'methods': return methodsCmd(rest);
      case 'datasets': return datasetsCmd(rest);
      case 'inspect': return await inspectCmd(rest);
      case 'score': return scoreCmd(rest);
      case 'status': return statusCommand(rest);
      case undefined: case 'help': case '--help': case '-h': return print(HELP.main);
      case '--version': return print(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
      default: throw new UserError(`unknown command "${command}"\n\n${HELP.main}`);
    }
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`scbench: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof DataError) {
      process.stderr.write(`scbench: ${e.message}\n`);
      return EXIT.badInput;
    }
    throw e;
  }
}
