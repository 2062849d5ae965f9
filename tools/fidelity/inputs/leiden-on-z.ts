/**
 * Ours on the z that the original AttentionAE-sc clustered with Leiden (`tools/fidelity/attentionae-sc/run.py
 * --dump-leiden DIR`): our Gaussian-kernel graph of z (what attentionae-sc's `init=leiden` builds) against scanpy's
 * connectivities of the same z (largest difference), then our Leiden at the same resolution for several seeds on our
 * graph and on scanpy's: the clusters found per seed. `leiden-on-z.py` runs leidenalg on the same graph.
 *
 *   npx tsx tools/fidelity/inputs/leiden-on-z.ts --dir tmp/leiden-wang-0 [--seeds 10]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ari } from '@scbench/metrics';
import { csrFromDense, gaussGraphDense, leiden } from '@scbench/numerics';

const { values } = parseArgs({ options: { dir: { type: 'string' }, seeds: { type: 'string', default: '10' } } });
if (!values.dir) throw new Error('usage: leiden-on-z.ts --dir DIR (written by tools/fidelity/attentionae-sc/run.py --dump-leiden DIR) [--seeds N]');
for (const f of ['leiden.json', 'z.f32', 'conn.f32']) {
  if (!existsSync(join(values.dir, f))) throw new Error(`leiden-on-z: ${join(values.dir, f)} not found; write the folder with tools/fidelity/attentionae-sc/run.py --dump-leiden ${values.dir}`);
}
const meta = JSON.parse(readFileSync(join(values.dir, 'leiden.json'), 'utf8')) as { rows: number; cols: number; resolution: number; labels: number[] };
const f32 = (name: string): Float32Array => { const b = readFileSync(join(values.dir!, name)); return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4); };
const z = { rows: meta.rows, cols: meta.cols, data: f32('z.f32') };
const theirs = { rows: meta.rows, cols: meta.rows, data: f32('conn.f32') };
const ours = gaussGraphDense(z, { nNeighbors: Math.min(15, z.rows), metric: 'cosine' }).connectivities;
let worst = 0;
for (let i = 0; i < ours.data.length; i++) worst = Math.max(worst, Math.abs(ours.data[i] - theirs.data[i]));
console.log(`${meta.rows} cells × ${meta.cols}: our Gaussian connectivities vs scanpy's, largest difference ${worst.toExponential(2)}`);
const seeds = Number(values.seeds);
for (const [name, g] of [['our graph', ours], ["scanpy's graph", theirs]] as const) {
  const ks: number[] = [];
  const agreement: number[] = [];
  for (let s = 0; s < seeds; s++) {
    const res = leiden(csrFromDense(g), { resolution: meta.resolution, seed: s });
    ks.push(res.nClusters);
    agreement.push(ari.score(Int32Array.from(meta.labels), res.labels));
  }
  const mean = (a: number[]): string => (a.reduce((p, q) => p + q, 0) / a.length).toFixed(3);
  console.log(`our Leiden on ${name}: clusters per seed 0–${seeds - 1} [${ks.join(', ')}], mean ${mean(ks)}; the original's run found ${Math.max(...meta.labels) + 1}; ARI with its labels, mean over seeds ${mean(agreement)}`);
}
