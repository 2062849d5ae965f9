/**
 * Classical pipeline benchmark on synthetic data: generation, preprocessing, PCA, k-means, exact kNN, UMAP
 * connectivities, Leiden and the metrics, each timed on its own, with peak RSS.
 *
 *   npx tsx tools/bench/classical/bench.ts [--cells 100000] [--genes 2000] [--groups 10] [--n-init 20]
 *
 * Prints one line per step (`step  seconds  rss_mb`) and a summary; figures go into tools/bench/classical/README.md.
 */
import { parseArgs } from 'node:util';
import { synthetic, standardPipeline } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { connectivities, kmeans, knn, leidenWithK, pca } from '@scbench/numerics';

const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '100000' },
    genes: { type: 'string', default: '2000' },
    groups: { type: 'string', default: '10' },
    'n-init': { type: 'string', default: '20' },
    'skip-graph': { type: 'boolean', default: false },
  },
});
const cells = Number(values.cells);
const genes = Number(values.genes);
const groups = Number(values.groups);
const nInit = Number(values['n-init']);

const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const rows: [string, number, number][] = [];
function step<T>(name: string, f: () => T): T {
  const t = performance.now();
  const out = f();
  const s = (performance.now() - t) / 1000;
  rows.push([name, s, rssMb()]);
  console.log(`${name.padEnd(34)} ${s.toFixed(2).padStart(9)} s  ${String(rssMb()).padStart(6)} MB`);
  return out;
}

console.log(`classical benchmark: ${cells} cells × ${genes} genes, ${groups} groups, node ${process.versions.node}, 1 thread`);
const { dataset, truth } = step('synthetic counts (NB)', () => synthetic({ cells, genes, groups, seed: 0 }));
const pre = step('normalize → log1p → HVG 2000 → scale', () => standardPipeline(dataset, { hvg: 2000 }));
const { scores } = step('PCA 50 (randomized, 7 power its)', () => pca(pre.data, 50, { seed: 0 }));
const km = step(`k-means++ k=${groups}, n_init ${nInit}`, () => kmeans(scores, groups, { nInit, seed: 0 }));
const kmScores = step('metrics: scoreAll (9 scores)', () => scoreAll(truth.labels, km.labels));
console.log(`  pca-kmeans  ARI ${kmScores.ari.toFixed(3)}  NMI ${kmScores.nmi.toFixed(3)}  ACC ${kmScores.acc.toFixed(3)}`);
if (!values['skip-graph']) {
  const nn = step('exact kNN, k=14 (+self), euclidean', () => knn(scores, 14, { metric: 'euclidean' }));
  const graph = step('UMAP connectivities', () => connectivities(nn, { nNeighbors: 15 }));
  const ld = step(`Leiden, resolution search to k=${groups}`, () => leidenWithK(graph, groups, { seed: 0 }));
  const ldScores = scoreAll(truth.labels, ld.labels);
  console.log(`  leiden      ARI ${ldScores.ari.toFixed(3)}  NMI ${ldScores.nmi.toFixed(3)}  (resolution ${ld.resolution.toFixed(3)}, ${ld.tries} tries)`);
}
const total = rows.reduce((a, r) => a + r[1], 0);
console.log(`total ${total.toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
