/**
 * Which cell types a run merges or splits, and when: the contingency table (true class × predicted cluster) of
 * scLLM-DSC's labels at a few train epochs and at the end, beside PCA + k-means on the same data. The ARI says how
 * much a run loses; this says where (e.g. pbmc3k: naive and memory CD4 T cells in one cluster from the first train
 * epoch on, while the classical pipeline separates them). Labels are used here only to tabulate.
 *
 *   npx tsx tools/bench/scllm-dsc/confusion.ts [--dataset pbmc3k] [--seed 0] [--epochs 1,10,50,100]
 *       [--set key=value,...] (repeatable; values checked and typed as `scbench run --set`)
 */
import { parseArgs } from 'node:util';
import type { Context } from '@scbench/api';
import { scllmDsc } from '@scbench/core';
import { contingency, scoreAll } from '@scbench/metrics';
import { diskCache } from '@scbench/runner';
import { pcaKmeans } from '@scbench/baseline-pca-kmeans';
import { benchOverrides, loadForRun, stderrProgress } from './common.ts';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'pbmc3k' },
    seed: { type: 'string', default: '0' },
    epochs: { type: 'string', default: '1,10,50,100' },
    set: { type: 'string', multiple: true, default: [] },
    cache: { type: 'string', default: '.scbench-cache' },
  },
});

const overrides = benchOverrides(scllmDsc, args.set!); // checked before any data loads
const { dataset, truth } = await loadForRun(args.dataset!);
const width = Math.max(...truth.names.map((s) => s.length), 5) + 1;

/** Rows: true classes by name; columns: predicted clusters in their own numbering. */
function table(title: string, labels: Int32Array): void {
  const c = contingency(truth.labels, labels);
  console.log(`${title}: ARI ${scoreAll(truth.labels, labels).ari.toFixed(3)}`);
  console.log(`  ${''.padEnd(width)}${Array.from(c.predCodes, (p) => String(p).padStart(5)).join('')}`);
  for (let r = 0; r < c.rows; r++) {
    const row = new Array<number>(c.cols).fill(0);
    for (let t = c.indptr[r]; t < c.indptr[r + 1]; t++) row[c.indices[t]] = c.counts[t];
    console.log(`  ${(truth.names[c.trueCodes[r]] ?? String(c.trueCodes[r])).padEnd(width)}${row.map((v) => String(v || '.').padStart(5)).join('')}`);
  }
}

const snapshots = new Map<number, Int32Array>();
const ctx: Context = {
  seed: Number(args.seed), smoke: false, signal: new AbortController().signal, log: () => {},
  progress: stderrProgress(), snapshot: (epoch, labels) => void snapshots.set(epoch, Int32Array.from(labels)),
  cache: diskCache(args.cache!),
};
const out = await scllmDsc.run(dataset, { ...scllmDsc.defaults, ...overrides }, ctx);
console.log(`${dataset.id}, seed ${args.seed}, scllm-dsc ${args.set!.join(',') || '(defaults)'}`);
for (const e of args.epochs!.split(',').map(Number)) {
  const labels = snapshots.get(e);
  if (labels) table(`train epoch ${e}`, labels);
}
table('final (honest)', out.labels);
const reference = await pcaKmeans.run(dataset, pcaKmeans.defaults, { ...ctx, snapshot: () => {} });
table('pca-kmeans (same seed)', reference.labels);
