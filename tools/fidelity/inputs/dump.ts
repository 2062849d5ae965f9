/**
 * Our inputs of scDSC and AttentionAE-sc on a shared dataset, written as raw float32 / text files for
 * `compare.py`, which checks them against what the originals compute (tools/fidelity/README.md).
 *
 *   npx tsx tools/fidelity/inputs/dump.ts --dataset chetah_headneck --log-input as-given --out tmp/fidelity-inputs
 *
 * scdsc/: x.f32 (features: filter_genes, normalize_total 1e4, log1p, HVG cut-offs), graph.txt (the 'p' top-10
 * neighbour lists, before symmetrising), sf.f32; attentionae-sc/: logx.f32, counts.f32, zscore.f32, conn.f32 and
 * dist.f32 (the dense Gaussian-kernel graph); meta.json: the shapes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { attentionInput, zscore } from '@scbench/baseline-attentionae-sc';
import { scdscInput } from '@scbench/baseline-scdsc';
import { loadDataset } from '@scbench/datasets';
import { gaussGraphDense, topSimilar } from '@scbench/numerics';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'chetah_headneck' },
    'log-input': { type: 'string', default: 'as-given' },
    out: { type: 'string', default: 'tmp/fidelity-inputs' },
  },
});
const logInput = values['log-input'];
if (logInput !== 'as-given' && logInput !== 'expm1') throw new Error(`--log-input takes as-given or expm1, got '${logInput}'`);
const { dataset } = await loadDataset(values.dataset!);
const f32 = (dir: string, name: string, a: Float32Array): void => writeFileSync(join(dir, name), Buffer.from(a.buffer, a.byteOffset, a.byteLength));

const sd = join(values.out!, 'scdsc');
mkdirSync(sd, { recursive: true });
const s = scdscInput(dataset, 'cutoffs', logInput);
f32(sd, 'x.f32', s.x.data);
f32(sd, 'sf.f32', s.sizeFactors);
const nb = topSimilar(s.x, 10, 'p');
const edges: string[] = [];
for (let i = 0; i < s.x.rows; i++) for (let q = nb.indptr[i]; q < nb.indptr[i + 1]; q++) edges.push(`${i} ${nb.indices[q]}`);
writeFileSync(join(sd, 'graph.txt'), edges.join('\n') + '\n');

const ad = join(values.out!, 'attentionae-sc');
mkdirSync(ad, { recursive: true });
const a = attentionInput(dataset, 2500, logInput);
f32(ad, 'logx.f32', a.logX.data);
f32(ad, 'counts.f32', a.counts.data);
f32(ad, 'sf.f32', a.sizeFactors);
f32(ad, 'zscore.f32', zscore(a.logX).data);
const g = gaussGraphDense(a.logX, { nNeighbors: 15, metric: 'cosine' });
f32(ad, 'conn.f32', g.connectivities.data);
f32(ad, 'dist.f32', g.distances.data);

const meta = { dataset: values.dataset, logInput, scdsc: [s.x.rows, s.x.cols], attentionae: [a.logX.rows, a.logX.cols] };
writeFileSync(join(values.out!, 'meta.json'), JSON.stringify(meta));
console.log(JSON.stringify(meta));
