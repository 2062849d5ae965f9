/**
 * Does the `pca-kmeans` baseline cluster as well as scikit-learn on the same matrix? Runs the baseline on a real
 * dataset for several seeds (its own randomized PCA 50 and k-means++ with 20 restarts) and hands the preprocessed
 * matrix to `pca_kmeans_reference.py`: scikit-learn's PCA(50, full SVD) and KMeans(k, n_init 20) with the same seeds.
 * The randomized PCA is not the exact top-50 subspace, so both sides' partitions are scored by their inertia in
 * scikit-learn's PCA space (one objective on one space; the baseline's own k-means inertia is printed beside it);
 * labels are used only for the ARI.
 *
 *   npx tsx tools/bench/classical/pca-kmeans-reference.ts [--dataset pbmc3k] [--seeds 0,1,2,3]
 *
 * Figures go into tools/bench/classical/README.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { testContext, type Matrix } from '@scbench/api';
import { pcaKmeans } from '@scbench/baseline-pca-kmeans';
import { standardPipeline, toDense } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { loadForRun } from '@scbench/runner';

const { values: args } = parseArgs({ options: { dataset: { type: 'string', default: 'pbmc3k' }, seeds: { type: 'string', default: '0,1,2,3' } } });
const { dataset, truth } = await loadForRun(args.dataset!);
const p = pcaKmeans.defaults;
const x = toDense(standardPipeline(dataset, { targetSum: p.targetSum, hvg: p.nTopGenes, maxValue: p.scaleClip }).data) as Matrix;
const pcs = Math.min(p.nPcs, x.rows - 1, x.cols);

const runs = [];
let scoresSumSquares = 0;
for (const seed of args.seeds!.split(',').map(Number)) {
  const ctx = testContext(seed, false);
  const out = await pcaKmeans.run(dataset, p, ctx);
  const inertia = ctx.events.find((e) => e.event === 'kmeans')!.values.inertia; // in the baseline's own PCA space
  scoresSumSquares = out.embedding!.data.reduce((a, v) => a + v * v, 0);
  runs.push({ seed, labels: Array.from(out.labels), inertia, ari: scoreAll(truth.labels, out.labels).ari });
}

const dir = mkdtempSync(join(tmpdir(), 'pca-kmeans-reference-'));
try {
  writeFileSync(join(dir, 'x.f32'), Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength));
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ rows: x.rows, cols: x.cols, pcs, k: dataset.nClusters, truth: Array.from(truth.labels), runs, scoresSumSquares }));
  const out = spawnSync('/usr/bin/python3', [new URL('./pca_kmeans_reference.py', import.meta.url).pathname, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  // Thrown, not process.exit: the finally below must still remove the temporary folder.
  if (out.status !== 0) {
    throw new Error(`pca-kmeans-reference: the reference script failed (${out.error ? String(out.error) : out.stderr.trim() || `exit status ${out.status}`}); it needs /usr/bin/python3 with sklearn: apt-get install python3-sklearn`);
  }
  console.log(`${dataset.id}: ${x.rows} cells × ${x.cols} genes → PCA ${pcs}, k = ${dataset.nClusters}`);
  console.log('seed | scbench: inertia (own PCA / scikit-learn PCA), ARI | scikit-learn: inertia, ARI | ARI scbench vs scikit-learn');
  for (const line of out.stdout.trim().split('\n').map((l) => JSON.parse(l))) {
    if (line.versions) {
      console.log(`reference: scikit-learn ${line.versions.sklearn}, numpy ${line.versions.numpy}`);
      continue;
    }
    if (line.scores_sum_squares !== undefined) {
      console.log(`PCA scores' total sum of squares: scbench (last seed) ${line.scbench_scores_sum_squares.toFixed(0)}, scikit-learn ${line.scores_sum_squares.toFixed(0)}`);
      continue;
    }
    const r = runs.find((q) => q.seed === line.seed)!;
    console.log(`${line.seed} | ${r.inertia.toFixed(0)} / ${line.inertia_of_ours.toFixed(0)}, ${r.ari.toFixed(3)} | ${line.inertia.toFixed(0)}, ${line.ari_truth.toFixed(3)} | ${line.ari_vs_ours.toFixed(3)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
