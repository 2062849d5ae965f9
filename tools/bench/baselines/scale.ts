/**
 * One baseline on a large dataset (the issues' `synthetic:cells=100000`) with two epochs of each training phase, to
 * measure what the original's schedule would cost there without running it for hours: the seconds per epoch of each
 * phase (between its first and last epoch, so one-off work such as k-means or a graph build is not counted as an
 * epoch), the fixed cost (the run's wall time less its epochs), the peak RSS, and the projection
 *   fixed + Σ_phase seconds-per-epoch × the phase's epochs under the method's defaults.
 * Phases with a convergence stop (DEC, DESC, scDeepCluster, scDCC) are projected at their cap: an upper bound.
 * Progress lines are printed as they happen, so a run stopped by `timeout` still leaves its per-epoch figures.
 *
 *   npx tsx tools/bench/baselines/scale.ts --method scdsc [--dataset synthetic:cells=100000] [--seed 0]
 *   bash tools/bench/baselines/scale.sh   # every method, one process each, under `timeout`
 */
import { parseArgs } from 'node:util';
import { testContext, type AnyMethod, type Params } from '@scbench/api';
import { attentionaeSc } from '@scbench/baseline-attentionae-sc';
import { dec } from '@scbench/baseline-dec';
import { desc } from '@scbench/baseline-desc';
import { scdcc } from '@scbench/baseline-scdcc';
import { scdeepcluster } from '@scbench/baseline-scdeepcluster';
import { scdsc } from '@scbench/baseline-scdsc';
import { scmae } from '@scbench/baseline-scmae';
import { scname } from '@scbench/baseline-scname';
import { sczidesk } from '@scbench/baseline-sczidesk';
import { loadForRun, runHandingLabels, scoreRun } from '@scbench/runner';

/** Per method: the two-epoch overrides, and each phase's epochs under the defaults for N cells (p: the defaults). */
interface ScalePlan {
  method: AnyMethod;
  reduced: (n: number) => Params;
  epochs: Record<string, (p: Params, n: number) => number>;
  /** Phases whose count is a cap a convergence rule usually stops short of. */
  capped?: string[];
}
const num = (p: Params, k: string) => p[k] as number;
const PLANS: Record<string, ScalePlan> = {
  dec: {
    method: dec,
    // DEC-keras counts iterations: two epochs of them, and no early stop so both are timed.
    reduced: (n) => ({ pretrainEpochs: 2, maxIter: 2 * Math.ceil(n / num(dec.defaults, 'batchSize')), tol: 0 }),
    epochs: { pretrain: (p) => num(p, 'pretrainEpochs'), cluster: (p, n) => Math.ceil(num(p, 'maxIter') / Math.ceil(n / num(p, 'batchSize'))) },
    capped: ['cluster'],
  },
  desc: {
    method: desc,
    reduced: () => ({ pretrainEpochs: 2, maxIter: 2, tol: 0 }),
    epochs: { pretrain: (p) => num(p, 'pretrainEpochs'), cluster: (p) => num(p, 'maxIter') * num(p, 'epochsFit') },
    capped: ['cluster'],
  },
  scdeepcluster: {
    method: scdeepcluster,
    reduced: () => ({ pretrainEpochs: 2, maxEpochs: 2, tol: 0 }),
    epochs: { pretrain: (p) => num(p, 'pretrainEpochs'), cluster: (p) => num(p, 'maxEpochs') },
    capped: ['cluster'],
  },
  scdcc: {
    method: scdcc,
    reduced: () => ({ pretrainEpochs: 2, maxEpochs: 2, tol: 0 }),
    epochs: { pretrain: (p) => num(p, 'pretrainEpochs'), cluster: (p) => num(p, 'maxEpochs') },
    capped: ['cluster'],
  },
  sczidesk: {
    method: sczidesk,
    reduced: () => ({ pretrainEpochs: 2, finetuneEpochs: 2 }),
    epochs: { pretrain: (p) => num(p, 'pretrainEpochs'), finetune: (p) => num(p, 'finetuneEpochs') },
  },
  scdsc: {
    method: scdsc,
    reduced: () => ({ pretrainEpochs: 2, epochs: 2 }),
    epochs: { pretrain: (p) => num(p, 'pretrainEpochs'), train: (p) => num(p, 'epochs') },
  },
  scname: {
    method: scname,
    reduced: () => ({ pretrainEpochs: 2, finetuneEpochs: 2 }),
    epochs: { pretrain: (p) => num(p, 'pretrainEpochs'), finetune: (p) => num(p, 'finetuneEpochs') },
  },
  scmae: {
    method: scmae,
    reduced: () => ({ epochs: 2 }),
    epochs: { train: (p) => num(p, 'epochs') },
  },
  'attentionae-sc': {
    method: attentionaeSc,
    reduced: () => ({ stage1Epochs: 2, stage2Epochs: 2 }),
    epochs: { stage1: (p) => num(p, 'stage1Epochs'), stage2: (p) => num(p, 'stage2Epochs') },
  },
};

const { values } = parseArgs({
  options: {
    method: { type: 'string' },
    dataset: { type: 'string', default: 'synthetic:cells=100000' },
    seed: { type: 'string', default: '0' },
  },
});
const usage = `usage: scale.ts --method <${Object.keys(PLANS).join('|')}> [--dataset SPEC] [--seed N]`;
const plan = PLANS[values.method ?? ''];
if (!plan) throw new Error(`--method ${values.method ?? '(missing)'} is not one of these. ${usage}`);
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed ${values.seed} is not a whole number ≥ 0. ${usage}`);
const t0 = performance.now();
const elapsed = () => (performance.now() - t0) / 1000;
const { dataset, truth } = await loadForRun(values.dataset);
const n = dataset.counts.rows;
const loadSeconds = elapsed();
const params: Params = { ...plan.method.defaults, ...plan.reduced(n) };
plan.method.checkParams?.(params);
console.log(`${plan.method.id} on ${dataset.id} (${n} cells × ${dataset.counts.cols} genes, k=${dataset.nClusters}), seed ${seed}, ` +
  `loaded in ${loadSeconds.toFixed(1)} s; reduced schedule ${JSON.stringify(plan.reduced(n))}`);

/** Each phase's epoch-end times (seconds since the run started). */
const epochEnds = new Map<string, { epoch: number; at: number }[]>();
const ctx = testContext(seed, false);
let runStart = 0;
ctx.progress = (phase, done, total) => {
  const at = (performance.now() - t0) / 1000 - runStart;
  if (plan.epochs[phase] && done > 0) {
    const list = epochEnds.get(phase) ?? [];
    list.push({ epoch: done, at });
    epochEnds.set(phase, list);
  }
  console.log(`  ${at.toFixed(1)} s  ${phase} ${done}/${total}  rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
};
runStart = elapsed();
const { out, scored } = await runHandingLabels(plan.method, dataset, params, ctx, truth);
const runSeconds = elapsed() - runStart;
const ari = scoreRun(truth.labels, out, ctx.snapshots, scored, seed).scores.ari;

let fixed = runSeconds;
let projected = 0;
const lines: string[] = [];
for (const [phase, epochsOf] of Object.entries(plan.epochs)) {
  const ends = epochEnds.get(phase) ?? [];
  if (ends.length < 2) throw new Error(`phase ${phase}: ${ends.length} epoch(s) timed, need 2 (is the phase named differently?)`);
  const first = ends[0];
  const last = ends[ends.length - 1];
  const perEpoch = (last.at - first.at) / (last.epoch - first.epoch);
  const full = epochsOf(plan.method.defaults, n);
  fixed -= perEpoch * last.epoch;
  projected += perEpoch * full;
  lines.push(`${phase}: ${perEpoch.toFixed(2)} s/epoch × ${full} epochs${plan.capped?.includes(phase) ? ' (cap)' : ''} = ` +
    `${(perEpoch * full / 60).toFixed(1)} min`);
}
projected += Math.max(0, fixed);
console.log(`run ${runSeconds.toFixed(1)} s (ARI ${ari.toFixed(3)} after the reduced schedule); fixed cost ${Math.max(0, fixed).toFixed(1)} s`);
for (const l of lines) console.log(`  ${l}`);
console.log(`projected at the defaults: ${(projected / 60).toFixed(1)} min${plan.capped?.length ? ' (at most)' : ''} + loading ` +
  `${loadSeconds.toFixed(0)} s; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; info ${JSON.stringify(out.info ?? {})}`);
