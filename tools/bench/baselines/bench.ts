/**
 * One deep baseline end to end on one dataset: load → method.run (labels unseen) → scores, per seed, with
 * wall time and the process's peak RSS. Methods are imported directly (not through the runner's registry), each run
 * in this one process, one after another. `scdcc-semi` is handed the labels of the runner's seeded 10 % of cells and
 * scored on the other 90 %, as `scbench run` does (the runner's runHandingLabels and scoreRun).
 *
 *   npx tsx tools/bench/baselines/bench.ts --method dec --dataset pbmc3k [--seeds 0,1,2] [--schedule default|quick]
 *       [--set key=value ...]
 *
 * Prints one line per seed (`seed ari nmi acc seconds paper-ari`), then the means and the peak RSS; the method's progress
 * goes to stderr as `scbench run` shows it (a line every ten seconds when stderr is not a terminal).
 */
import { parseArgs } from 'node:util';
import { readParam, rulesOf, testContext, type AnyMethod, type Params } from '@scbench/api';
import { attentionaeSc } from '@scbench/baseline-attentionae-sc';
import { dec } from '@scbench/baseline-dec';
import { desc } from '@scbench/baseline-desc';
import { scdcc, scdccSemi } from '@scbench/baseline-scdcc';
import { scdeepcluster } from '@scbench/baseline-scdeepcluster';
import { scdsc } from '@scbench/baseline-scdsc';
import { scgnn } from '@scbench/baseline-scgnn';
import { scmae } from '@scbench/baseline-scmae';
import { scname } from '@scbench/baseline-scname';
import { sczidesk } from '@scbench/baseline-sczidesk';
import { createProgressView, loadForRun, runHandingLabels, scoreRun } from '@scbench/runner';

const METHODS: Record<string, AnyMethod> = {
  dec, desc, scdeepcluster, scdcc, 'scdcc-semi': scdccSemi, sczidesk, scdsc, scgnn, scname, scmae, 'attentionae-sc': attentionaeSc,
};

const { values } = parseArgs({
  options: {
    method: { type: 'string' },
    dataset: { type: 'string', default: 'pbmc3k' },
    seeds: { type: 'string', default: '0' },
    schedule: { type: 'string', default: 'default' },
    set: { type: 'string', multiple: true, default: [] },
  },
});
const method = METHODS[values.method ?? ''];
if (!method) throw new Error(`--method ${values.method ?? '(missing)'}: use one of ${Object.keys(METHODS).join(', ')}`);
if (method.kind === 'control') throw new Error('controls are not benchmarked');
const rules = rulesOf(method);
const params: Params = { ...method.defaults, ...(values.schedule === 'quick' ? method.quick : {}) };
for (const kv of values.set) {
  const [key, raw] = kv.split('=', 2);
  if (!(key in rules)) throw new Error(`${method.id} has no parameter ${key}`);
  params[key] = readParam(key, rules[key], raw);
}
method.checkParams?.(params);
const { dataset, truth } = await loadForRun(values.dataset); // a registry id, a file, or a synthetic:… spec
console.log(`${method.id} on ${dataset.id} (${dataset.counts.rows} cells × ${dataset.counts.cols} genes, k=${dataset.nClusters}), ` +
  `schedule ${values.schedule}, node ${process.versions.node}`);
console.log(`params ${JSON.stringify(params)}`);
const rows: number[][] = [];
const seeds = values.seeds.split(',').map(Number);
const view = createProgressView(process.stderr);
for (const [i, seed] of seeds.entries()) {
  const shown = view.start(i + 1, seeds.length, `${method.id} seed ${seed}`);
  const ctx = { ...testContext(seed, false), progress: (stage: string, done: number, all: number) => shown.stage(stage, done, all) };
  const t0 = performance.now();
  const { out, scored } = await runHandingLabels(method, dataset, params, ctx, truth);
  const seconds = (performance.now() - t0) / 1000;
  view.close();
  const scoredRun = scoreRun(truth.labels, out, ctx.snapshots, scored, seed);
  const s = scoredRun.scores;
  const paper = scoredRun.paperProtocol?.scores.acc ?? NaN;
  if (scored) console.log(`semi-supervised: handed the labels of ${truth.labels.length - scored.length} cells, scored on the other ${scored.length}`);
  rows.push([s.ari, s.nmi, s.acc, seconds]);
  console.log(`seed ${seed}  ARI ${s.ari.toFixed(3)}  NMI ${s.nmi.toFixed(3)}  ACC ${s.acc.toFixed(3)}  ${seconds.toFixed(1)} s  ` +
    `best-snapshot ACC ${Number.isNaN(paper) ? '—' : paper.toFixed(3)}  info ${JSON.stringify(out.info ?? {})}`);
}
const mean = (j: number) => rows.reduce((a, r) => a + r[j], 0) / rows.length;
console.log(`mean  ARI ${mean(0).toFixed(3)}  NMI ${mean(1).toFixed(3)}  ACC ${mean(2).toFixed(3)}  ${mean(3).toFixed(1)} s/run  ` +
  `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
