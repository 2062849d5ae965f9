/**
 * scLLM-DSC benchmark: wall time (end to end: semantic view, graph, pre-train, train), time per pre-train / train
 * epoch and peak RSS of the `scllm-dsc` method, for each mode asked for, plus the final-epoch (honest) and
 * best-epoch-by-ACC (paper protocol) scores. Same measurement rules as `sccdcg.ts` beside it (first epoch of each
 * stage skipped as warm-up; medians; peak RSS sampled at every log event and every 200 ms).
 *
 *   npx tsx tools/bench/scllm-dsc/scllm-dsc.ts [--dataset pbmc3k] [--modes paper,corrected]
 *       [--pretrain 200] [--train 200] [--seed 0] [--set key=value,key=value] (repeatable)
 *
 * `--dataset synthetic:cells=100000,genes=2000,groups=10` makes a synthetic dataset (no gene names: the semantic
 * view is off and recorded as such). The semantic view goes through the runner's disk cache (.scbench-cache), so
 * a view built by an earlier `scbench run` or bench run is not re-embedded; its seconds are printed separately.
 * With fewer than 200 epochs per stage the 200 + 200 extrapolation is printed too. Labels are used here only to
 * score; the method never sees them.
 */
import { parseArgs } from 'node:util';
import { readParam, type Context } from '@scbench/api';
import { scllmDsc } from '@scbench/core';
import { engineBackend } from '@scbench/engine';
import { scoreAll } from '@scbench/metrics';
import { kmeans } from '@scbench/numerics';
import { benchOverrides, bestSnapshotByAcc, loadForRun, mb, median, stderrProgress } from './common.ts';
import { diskCache } from '@scbench/runner';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'pbmc3k' },
    modes: { type: 'string', default: 'paper,corrected' },
    pretrain: { type: 'string', default: '200' },
    train: { type: 'string', default: '200' },
    seed: { type: 'string', default: '0' },
    set: { type: 'string', multiple: true, default: [] },
    cache: { type: 'string', default: '.scbench-cache' },
  },
});

const overrides = benchOverrides(scllmDsc, args.set!); // checked before any data loads
const { dataset, truth } = await loadForRun(args.dataset!);
console.log(`dataset ${dataset.id}: ${dataset.counts.rows} cells × ${dataset.counts.cols} genes, k = ${dataset.nClusters}`);
const pre = Number(args.pretrain);
const tr = Number(args.train);
for (const mode of args.modes!.split(',')) {
  let peak = mb();
  const sampler = setInterval(() => { peak = Math.max(peak, mb()); }, 200);
  const stamps: { event: string; t: number }[] = [];
  const timing: Record<string, number>[] = [];
  const snapshots: { epoch: number; labels: Int32Array }[] = [];
  const lastParts: Record<string, Record<string, number>> = {}; // the raw (unweighted) loss parts of each stage's last epoch
  const ctx: Context = {
    seed: Number(args.seed), smoke: false, signal: new AbortController().signal,
    log: (event, values) => {
      stamps.push({ event, t: performance.now() });
      if (event === 'train-timing') timing.push(values!);
      if (event === 'pretrain' || event === 'train') lastParts[event] = values!;
      peak = Math.max(peak, mb());
    },
    progress: stderrProgress(),
    snapshot: (epoch, labels) => void snapshots.push({ epoch, labels: Int32Array.from(labels) }),
    cache: diskCache(args.cache!),
  };
  const params = { ...scllmDsc.defaults, mode: readParam('mode', scllmDsc.paramRules!.mode, mode), pretrainEpochs: pre, trainEpochs: tr, ...overrides };
  const t0 = performance.now();
  const out = await scllmDsc.run(dataset, params, ctx);
  const wall = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, mb());
  const gaps = (name: string): number[] => {
    const ts = stamps.filter((s) => s.event === name).map((s) => s.t);
    return ts.slice(2).map((t, i) => (t - ts[i + 1]) / 1000); // skip the first (warm-up) epoch
  };
  const preEpoch = median(gaps('pretrain'));
  const trEpoch = median(gaps('train'));
  const info = out.info ?? {};
  const graphS = Number(info.graphSeconds ?? NaN);
  const semS = Number(info.semanticGeneSeconds ?? 0) + Number(info.semanticSentenceSeconds ?? 0);
  const f = (v: number, d = 3) => v.toFixed(d);
  console.log(`\n[${mode}] backend ${engineBackend() ?? '?'}; wall ${f(wall, 1)} s (semantic view ${f(semS, 1)} s, graph ${f(graphS, 2)} s); ` +
    `pre-train ${f(preEpoch * 1000, 0)} ms/epoch; train ${f(trEpoch * 1000, 0)} ms/epoch; peak RSS ${f(peak, 0)} MB`);
  console.log(`  semantic view: ${info.semanticView}; alignment: ${info.alignment}; read-out: ${info.readoutSpace}; switches: ${info.switches}`);
  if (info.textGraph !== undefined) console.log(`  text graph: γ ${info.textGraph}`);
  console.log(`  k-means ${f(median(timing.map((t) => t.kmeansMs)), 0)} ms/epoch (median); Sinkhorn ${f(median(timing.filter((t) => t.sinkhornMs > 0).map((t) => t.sinkhornMs)), 0)} ms per refresh (${timing.filter((t) => t.sinkhornMs > 0).length} refreshes)`);
  for (const [stage, parts] of Object.entries(lastParts)) {
    const shown = Object.entries(parts).filter(([k]) => k !== 'epoch').map(([k, v]) => `${k} ${v.toPrecision(3)}`).join(', ');
    console.log(`  loss parts, last ${stage} epoch (unweighted): ${shown}`);
  }
  if (pre < 200 || tr < 200) console.log(`  extrapolated to 200 + 200 epochs: ${f(wall - (pre - 1) * preEpoch - (tr - 1) * trEpoch + 199 * preEpoch + 199 * trEpoch, 0)} s`);
  if (truth) {
    const final = scoreAll(truth.labels, out.labels);
    const best = bestSnapshotByAcc(truth.labels, snapshots);
    console.log(`  final epoch (honest): ACC ${f(final.acc)} NMI ${f(final.nmi)} ARI ${f(final.ari)}`);
    if (best) console.log(`  paper protocol (best epoch by ACC, epoch ${best.epoch}): ACC ${f(best.scores.acc)} NMI ${f(best.scores.nmi)} ARI ${f(best.scores.ari)}`);
    // The honest/paper gap is a trajectory: print ARI at a few epochs so drift is visible.
    const marks = snapshots.filter((s, i) => i === 0 || i === snapshots.length - 1 || s.epoch % Math.max(1, Math.round(tr / 8)) === 0);
    console.log(`  ARI by epoch: ${marks.map((s) => `${s.epoch}:${f(scoreAll(truth.labels, s.labels).ari, 2)}`).join(' ')}`);
    // The labels above continue one k-means trajectory (warm Lloyd); a fresh clustering of the same final space says
    // whether the read-out is stuck in the partition it started from or the space itself is the limit.
    if (out.embedding) {
      const fresh = kmeans(out.embedding, dataset.nClusters, { nInit: 20, seed: Number(args.seed) });
      console.log(`  fresh k-means (n_init 20) on the final read-out space: ARI ${f(scoreAll(truth.labels, fresh.labels).ari)}`);
    }
  }
  // Label-free: the share of cells whose label changed over each 10 epochs (DEC's convergence statistic).
  const moved = snapshots.filter((s) => s.epoch % 10 === 0 && s.epoch > 10).map((s) => {
    const prev = snapshots.find((p) => p.epoch === s.epoch - 10)!;
    let c = 0;
    for (let i = 0; i < s.labels.length; i++) if (s.labels[i] !== prev.labels[i]) c++;
    return `${s.epoch}:${f(c / s.labels.length, 3)}`;
  });
  if (moved.length) console.log(`  labels changed per 10 epochs: ${moved.join(' ')}`);
}
