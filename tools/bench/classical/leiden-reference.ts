/**
 * Does the `leiden` baseline find partitions as good as leidenalg's (what scanpy's tl.leiden calls) on the same
 * graph? Builds the baseline's graph for a real dataset (scanpy recipe → PCA 50 → exact kNN 15 → UMAP
 * connectivities), runs scbench's Leiden at a few resolutions and at the resolution its search picks for k, and hands
 * the graph and partitions to leidenalg (`leiden_reference.py`, Debian's python3-leidenalg) over several seeds.
 * Both sides' partitions are scored by one modularity formula with the same resolution (written in the Python script;
 * it also prints scbench's own value beside it), so the comparison is of partition quality on one graph, not of two
 * pipelines. Labels are used only to score.
 *
 *   npx tsx tools/bench/classical/leiden-reference.ts [--dataset pbmc3k] [--seed 0] [--resolutions 0.5,1,2]
 *
 * Figures go into tools/bench/classical/README.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { leiden as leidenBaseline, leidenGraph } from '@scbench/baseline-leiden';
import { scoreAll } from '@scbench/metrics';
import { leiden, leidenWithK, modularity } from '@scbench/numerics';
import { loadForRun } from '@scbench/runner';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'pbmc3k' },
    seed: { type: 'string', default: '0' },
    resolutions: { type: 'string', default: '0.5,1,2' },
    'reference-seeds': { type: 'string', default: '0,1,2,3,4' },
  },
});
const seed = Number(args.seed);
const { dataset, truth } = await loadForRun(args.dataset!);
const { graph } = leidenGraph(dataset, leidenBaseline.defaults, seed);

const runs: { resolution: number; labels: number[]; quality: number; ms: number; hitK?: boolean }[] = [];
for (const gamma of args.resolutions!.split(',').map(Number)) {
  const t0 = performance.now();
  const r = leiden(graph, { resolution: gamma, seed });
  runs.push({ resolution: gamma, labels: Array.from(r.labels), quality: r.quality, ms: performance.now() - t0 });
}
const t0 = performance.now();
const forK = leidenWithK(graph, dataset.nClusters, { seed });
runs.push({ resolution: forK.resolution, labels: Array.from(forK.labels), quality: modularity(graph, forK.labels, forK.resolution), ms: performance.now() - t0, hitK: forK.exact });

console.log(`${dataset.id}: ${graph.rows} cells, ${graph.indptr[graph.rows]} stored edges, k = ${dataset.nClusters}; scbench seed ${seed}`);
const dir = mkdtempSync(join(tmpdir(), 'leiden-reference-'));
try {
  writeFileSync(join(dir, 'graph.json'), JSON.stringify({
    n: graph.rows, indptr: Array.from(graph.indptr), indices: Array.from(graph.indices), data: Array.from(graph.data),
    truth: Array.from(truth.labels), seeds: args['reference-seeds']!.split(',').map(Number),
    runs: runs.map(({ resolution, labels, quality }) => ({ resolution, labels, quality })),
  }));
  const script = new URL('./leiden_reference.py', import.meta.url).pathname;
  const out = spawnSync('/usr/bin/python3', [script, dir], { encoding: 'utf8' });
  // Thrown, not process.exit: the finally below must still remove the temporary folder.
  if (out.status !== 0) {
    throw new Error(`leiden-reference: the reference script failed (${out.error ? String(out.error) : out.stderr.trim() || `exit status ${out.status}`}); it needs /usr/bin/python3 with leidenalg and sklearn: apt-get install python3-leidenalg python3-sklearn`);
  }
  const f = (v: number, d = 4) => v.toFixed(d);
  const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
  console.log('resolution | scbench: clusters, modularity (reference formula / scbench own), ARI vs labels, ms | leidenalg over seeds: clusters, modularity, ARI vs labels, ARI vs scbench');
  lines.forEach((l, i) => {
    if (l.versions) return void console.log(`reference: leidenalg ${l.versions.leidenalg}, igraph ${l.versions.igraph}`);
    const run = runs[i];
    const ref = l.leidenalg as { clusters: number; modularity: number; ari_truth: number; ari_vs_ours: number }[];
    const span = (xs: number[], d = 4) => `${f(Math.min(...xs), d)}–${f(Math.max(...xs), d)}`;
    console.log(`${f(l.resolution, 4)}${run.hitK !== undefined ? ` (search for k, hit: ${run.hitK})` : ''} | ${l.ours.clusters}, ${f(l.ours.modularity)} / ${f(l.ours.modularity_scbench)}, ` +
      `${f(scoreAll(truth.labels, Int32Array.from(run.labels)).ari, 3)}, ${run.ms.toFixed(0)} | ${span(ref.map((r) => r.clusters), 0)}, ${span(ref.map((r) => r.modularity))}, ` +
      `${span(ref.map((r) => r.ari_truth), 3)}, ${span(ref.map((r) => r.ari_vs_ours), 3)} (leidenalg seed vs seed: ${span(l.leidenalg_pairwise_ari, 3)})`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
