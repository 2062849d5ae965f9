// Child-process entry for one run: load the data, hand the method the dataset (never the truth), score afterwards.
import { announcedBackend, type Context, type ParamValue } from '@scbench/api';
import { loadForRun } from './load-data.ts';
import type { WorkerMessage, WorkerRequest, WorkerResult } from './protocol.ts';
import { findMethod } from './registry.ts';
import { scoreRun, type Snapshot } from './score-run.ts';
import { diskCache } from './disk-cache.ts';
import { checkNeeds } from './needs.ts';
import { runHandingLabels } from './label-hand-off.ts';
import { runPicture } from './picture.ts';
import { countEmptyCells, DataError } from '@scbench/datasets';

function send(msg: WorkerMessage): void {
  process.send?.(msg);
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function execute(req: WorkerRequest, signal: AbortSignal): Promise<WorkerResult> {
  const started = performance.now();
  const base = { silhouette: null, paperProtocol: null, nPredicted: null, backend: null, info: {} as Record<string, ParamValue> };
  let cells = 0;
  let genes = 0;
  let nClusters = 0;
  try {
    const method = findMethod(req.method);
    const { dataset, truth } = await loadForRun(req.dataset);
    cells = dataset.counts.rows;
    genes = dataset.counts.cols;
    nClusters = dataset.nClusters;
    checkNeeds(method, req.params, dataset, req.dataset); // gene names, raw counts: refused before the method runs
    const emptyCells = countEmptyCells(dataset.counts);
    const snapshots: Snapshot[] = [];
    const ctx: Context = {
      seed: req.seed,
      smoke: req.smoke,
      signal,
      log: (event, values = {}) => send({ type: 'log', event, values }),
      progress: (stage, done, total) => send({ type: 'progress', stage, done, total }),
      snapshot: (epoch, labels) => snapshots.push({ epoch, labels: Int32Array.from(labels) }),
      cache: diskCache(req.cacheDir),
    };
    // A semi-supervised method is handed the labels of a seeded share of cells and scored on the others only.
    const { out, scored, supervision } = await runHandingLabels(method, dataset, req.params, ctx, truth);
    if (out.labels.length !== cells) throw new Error(`${req.method} returned ${out.labels.length} labels for ${cells} cells`);
    const seconds = (performance.now() - started) / 1000;
    const peakRss = peakRssMb(); // before the report's picture is computed: the run's cost, not the layout's
    // Scoring starts here, after the method has returned.
    return {
      ...base,
      ok: true,
      error: null,
      badInput: false,
      ...scoreRun(truth.labels, out, snapshots, scored, req.seed),
      nClusters,
      nPredicted: new Set(out.labels).size,
      supervision,
      cells,
      genes,
      seconds,
      peakRssMb: peakRss,
      // Cells without counts are kept as loaded; the record says how many the method saw.
      info: { ...(out.info ?? {}), ...(emptyCells > 0 ? { emptyCells } : {}) },
      // The picture is for the report only: a failure to draw it must not fail a run that succeeded.
      picture: await runPicture(dataset, req.dataset, truth, out, snapshots, req.seed, ctx.cache, scored).catch((e: Error) => {
        process.stderr.write(`report picture of ${req.method} on ${req.dataset} not made: ${e.message}\n`);
        return null;
      }),
      backend: announcedBackend() ?? { name: 'js', version: process.versions.node, threads: 1 },
    };
  } catch (e) {
    const err = e as Error;
    return {
      ...base,
      ok: false,
      error: err instanceof DataError ? err.message : (err.stack ?? String(err)),
      badInput: err instanceof DataError,
      scores: null,
      nClusters,
      cells,
      genes,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
      backend: announcedBackend(),
    };
  }
}

const controller = new AbortController();
process.on('message', (msg: WorkerRequest | { type: 'abort' }) => {
  if (msg.type === 'abort') {
    controller.abort();
    return;
  }
  void execute(msg, controller.signal).then((result) => {
    send({ type: 'result', result });
    process.disconnect?.();
  });
});
