/**
 * Text-encoder throughput on pbmc3k: gene descriptions (knowledge `default` template) and cell sentences
 * ("SYMBOL:value" by decreasing expression, as scLLM-DSC builds them), for
 *   - USE-lite (the default offline encoder) on the engine, uncached;
 *   - the disk cache: filling it (miss path: embed + write), then hits from a fresh instance (cold: shard reads)
 *     and again from the same instance (warm);
 *   - the ONNX path with the hand-built tiny model (Gather + MatMul, hidden 384, WordPiece vocabulary built from
 *     the USE-lite pieces): measures tokenizer + onnxruntime + pooling overhead, NOT a real transformer's speed.
 *   npx tsx tools/bench/text-encoder/bench.ts [--genes 300] [--cells 100]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCsr } from '@scbench/api';
import { loadDataset } from '@scbench/datasets';
import { describeGene, loadKnowledge, loadTemplate, resolveGenes } from '@scbench/knowledge';
import { bundledUseLite, cachedEncoder, onnxEncoder, useLiteEncoder, type TextEncoder } from '@scbench/text-encoder';
import { tinyEncoderOnnx, tinyWeights } from '@scbench/text-encoder/testing';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N_GENES = arg('genes', 300);
const N_CELLS = arg('cells', 100);

const t0 = performance.now();
const loaded = await loadDataset('pbmc3k');
const ds = loaded.dataset;
const genes = ds.genes!;
const kb = await loadKnowledge({ species: 'human' });
const res = resolveGenes(genes, 'human', kb);
const template = loadTemplate('default');
const described = res.resolved.flatMap((r) => (r ? [describeGene(r, kb, template)] : []));
const step = Math.max(1, Math.floor(described.length / N_GENES));
const geneTexts = described.filter((_, i) => i % step === 0).slice(0, N_GENES);

// Cell sentences: expressed genes by decreasing value, "SYMBOL:value" (4 significant digits), comma-joined.
const m = ds.counts;
const cellTexts: string[] = [];
const cellStep = Math.max(1, Math.floor(m.rows / N_CELLS));
for (let c = 0; c < m.rows && cellTexts.length < N_CELLS; c += cellStep) {
  const pairs: [number, number][] = [];
  if (isCsr(m)) for (let k = m.indptr[c]; k < m.indptr[c + 1]; k++) pairs.push([m.indices[k], m.data[k]]);
  else for (let j = 0; j < m.cols; j++) if (m.data[c * m.cols + j] > 0) pairs.push([j, m.data[c * m.cols + j]]);
  pairs.sort((a, b) => b[1] - a[1]);
  cellTexts.push(pairs.slice(0, 2048).map(([j, v]) => `${genes[j]}:${Number(v.toPrecision(4))}`).join(',') || 'None');
}
const chars = (t: string[]): number => Math.round(t.reduce((s, x) => s + x.length, 0) / t.length);
console.log(`pbmc3k: ${genes.length} genes (${described.length} described), ${m.rows} cells; setup ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`sample: ${geneTexts.length} gene descriptions (mean ${chars(geneTexts)} chars), ${cellTexts.length} cell sentences (mean ${chars(cellTexts)} chars)\n`);

const rows: [string, string, string, string][] = [];
async function time(label: string, enc: TextEncoder, texts: string[], unit: string): Promise<void> {
  const t = performance.now();
  await enc.embed(texts);
  const s = (performance.now() - t) / 1000;
  rows.push([label, unit, `${texts.length}`, `${(texts.length / s).toFixed(texts.length / s >= 100 ? 0 : 1)}`]);
  console.log(`${label.padEnd(44)} ${unit.padEnd(6)} ${String(texts.length).padStart(5)} texts  ${s.toFixed(2).padStart(7)} s  ${(texts.length / s).toFixed(1).padStart(9)} /s`);
}

const t = performance.now();
const use = await useLiteEncoder();
console.log(`USE-lite load ${((performance.now() - t) / 1000).toFixed(2)} s; id ${use.id}`);
await use.embed(['warm-up']);
await time('USE-lite (wasm+ORT engine), uncached', use, geneTexts, 'genes');
await time('USE-lite (wasm+ORT engine), uncached', use, cellTexts, 'cells');

const cacheDir = mkdtempSync(join(tmpdir(), 'text-bench-cache-'));
try {
  const fill = cachedEncoder(use, cacheDir);
  await time('USE-lite + cache, miss (embed + write)', fill, geneTexts.map((x) => `${x} `), 'genes');
  const cold = cachedEncoder(use, cacheDir);
  await time('cache hit, fresh instance (reads shards)', cold, geneTexts.map((x) => `${x} `), 'genes');
  await time('cache hit, same instance (in memory)', cold, geneTexts.map((x) => `${x} `), 'genes');
  await cachedEncoder(use, cacheDir).embed(cellTexts);
  await time('cache hit, fresh instance (reads shards)', cachedEncoder(use, cacheDir), cellTexts, 'cells');
  console.log(`cache: ${await cold.store.size()} vectors, ${(cold.store.bytes() / 1e6).toFixed(2)} MB in ${cold.store.folder}`);
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
use.dispose?.();

// ONNX: tiny hand-built model, WordPiece vocabulary derived from the USE-lite pieces.
const onnxDir = mkdtempSync(join(tmpdir(), 'text-bench-onnx-'));
try {
  const pieces = JSON.parse(readFileSync(join(bundledUseLite().dir, 'vocab.json'), 'utf8')) as [string, number][];
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', ...new Set(pieces.slice(6).map(([p]) => (p.startsWith('\u2581') ? p.slice(1) : `##${p}`)).filter((p) => p && p !== '##'))];
  const H = 384;
  mkdirSync(onnxDir, { recursive: true });
  writeFileSync(join(onnxDir, 'vocab.txt'), vocab.join('\n') + '\n');
  writeFileSync(join(onnxDir, 'model.onnx'), tinyEncoderOnnx({ vocab: vocab.length, hidden: H, ...tinyWeights(vocab.length, H) }));
  const onnx = await onnxEncoder({ modelDir: onnxDir, maxTokens: 256 });
  await onnx.embed(['warm-up']);
  await time(`ONNX tiny (${vocab.length}-word WordPiece, 384-d)`, onnx, geneTexts, 'genes');
  await time(`ONNX tiny (${vocab.length}-word WordPiece, 384-d)`, onnx, cellTexts, 'cells');
  await onnx.dispose?.();
} finally {
  rmSync(onnxDir, { recursive: true, force: true });
}

console.log('\n| path | texts | n | texts/s |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
