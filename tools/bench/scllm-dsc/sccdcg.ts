/**
 * scCDCG benchmark: wall time, time per pre-train / train epoch and peak RSS of the `sccdcg` baseline on one
 * dataset, for each graph form asked for. Each form runs in this process one after the other (peak RSS is the
 * process's, so run one form per invocation for a clean memory figure).
 *
 *   npx tsx tools/bench/scllm-dsc/sccdcg.ts [--dataset cbmc_top2000] [--graphs factored,dense,sparse]
 *       [--pretrain 200] [--train 200] [--seed 0] [--mode paper]
 *
 * With fewer epochs than 200 it also prints the extrapolation to 200 + 200 epochs (graph build + per-epoch
 * medians × 200 each). Labels are used only to print the final-epoch and best-epoch (paper protocol) scores.
 */
import { parseArgs } from 'node:util';
import type { Context } from '@scbench/api';
import { sccdcg } from '@scbench/baseline-sccdcg';
import { engineBackend } from '@scbench/engine';
import { scoreAll } from '@scbench/metrics';
import { loadForRun, mb, median, stderrProgress } from './common.ts';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'cbmc_top2000' },
    graphs: { type: 'string', default: 'factored,dense' },
    pretrain: { type: 'string', default: '200' },
    train: { type: 'string', default: '200' },
    seed: { type: 'string', default: '0' },
    mode: { type: 'string', default: 'paper' },
  },
});


const { dataset, truth } = await loadForRun(args.dataset!);
console.log(`dataset ${dataset.id}: ${dataset.counts.rows} cells × ${dataset.counts.cols} genes, k = ${dataset.nClusters}`);
const pre = Number(args.pretrain);
const tr = Number(args.train);
for (const graph of args.graphs!.split(',')) {
  let peak = mb();
  const stamps: { event: string; t: number }[] = [];
  const timing: Record<string, number>[] = [];
  const snapshots: { epoch: number; labels: Int32Array }[] = [];
  const ctx: Context = {
    seed: Number(args.seed), smoke: false, signal: new AbortController().signal,
    log: (event, values) => {
      stamps.push({ event, t: performance.now() });
      if (event === 'train-timing') timing.push(values!);
      peak = Math.max(peak, mb());
    },
    progress: stderrProgress(),
    snapshot: (epoch, labels) => void snapshots.push({ epoch, labels: Int32Array.from(labels) }),
    cache: (_k, make) => make(),
  };
  const t0 = performance.now();
  const out = await sccdcg.run(dataset, { ...sccdcg.defaults, graph, mode: args.mode!, pretrainEpochs: pre, trainEpochs: tr }, ctx);
  const wall = (performance.now() - t0) / 1000;
  peak = Math.max(peak, mb());
  const gaps = (name: string): number[] => {
    const ts = stamps.filter((s) => s.event === name).map((s) => s.t);
    return ts.slice(2).map((t, i) => (t - ts[i + 1]) / 1000); // skip the first (warm-up) epoch
  };
  const preEpoch = median(gaps('pretrain'));
  const trEpoch = median(gaps('train'));
  const graphS = Number(out.info?.graphSeconds ?? NaN);
  const final = truth ? scoreAll(truth.labels, out.labels) : null;
  let best: { epoch: number; acc: number; nmi: number; ari: number } | null = null;
  if (truth) {
    for (const s of snapshots) {
      const sc = scoreAll(truth.labels, s.labels);
      if (!best || sc.acc > best.acc) best = { epoch: s.epoch, acc: sc.acc, nmi: sc.nmi, ari: sc.ari };
    }
  }
  const f = (v: number, d = 3) => v.toFixed(d);
  console.log(`\n[${graph}] backend ${engineBackend() ?? '?'}; wall ${f(wall, 1)} s; graph build ${f(graphS, 2)} s; ` +
    `pre-train ${f(preEpoch * 1000, 0)} ms/epoch; train ${f(trEpoch * 1000, 0)} ms/epoch; peak RSS ${f(peak, 0)} MB`);
  console.log(`  of which k-means ${f(median(timing.map((t) => t.kmeansMs)), 0)} ms/epoch (median); Sinkhorn ${f(median(timing.filter((t) => t.sinkhornMs > 0).map((t) => t.sinkhornMs)), 0)} ms per refresh (${timing.filter((t) => t.sinkhornMs > 0).length} refreshes)`);
  if (pre < 200 || tr < 200) console.log(`  extrapolated to 200 + 200 epochs: ${f(graphS + 200 * preEpoch + 200 * trEpoch, 0)} s`);
  if (final) console.log(`  final epoch: ACC ${f(final.acc)} NMI ${f(final.nmi)} ARI ${f(final.ari)}`);
  if (best) console.log(`  paper protocol (best epoch by ACC, epoch ${best.epoch}): ACC ${f(best.acc)} NMI ${f(best.nmi)} ARI ${f(best.ari)}`);
}
