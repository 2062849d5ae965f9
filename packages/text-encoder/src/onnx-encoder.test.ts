import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { onnxEncoder } from './onnx-encoder.ts';
import { tinyEncoderOnnx, tinyWeights } from './testing/onnx-builder.ts';
import { tokenizerFromVocabTxt } from './tokenize/sentence-tokenizer.ts';

const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'the', 'cell', '##s', 'gene', 'cd', '##3', '##e', 'blood', ',', 't'];
const H = 6;
const w = tinyWeights(VOCAB.length, H, 7);
const root = mkdtempSync(join(tmpdir(), 'onnx-enc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function modelDir(name: string, opts: { pooled?: boolean; cls?: boolean } = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), tinyEncoderOnnx({ vocab: VOCAB.length, hidden: H, ...w, pooled: opts.pooled }));
  writeFileSync(join(dir, 'vocab.txt'), VOCAB.join('\n') + '\n');
  if (opts.cls) {
    mkdirSync(join(dir, '1_Pooling'));
    writeFileSync(join(dir, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }));
  }
  return dir;
}

/** The tiny graph's token state: E[id] · W. */
function state(id: number): number[] {
  return Array.from({ length: H }, (_, j) => {
    let s = 0;
    for (let k = 0; k < H; k++) s += w.embedding[id * H + k] * w.projection[k * H + j];
    return s;
  });
}
const unit = (v: number[]): number[] => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
function expected(text: string, pooling: 'mean' | 'cls'): number[] {
  const ids = tokenizerFromVocabTxt(VOCAB.join('\n')).encode(text, 512);
  if (pooling === 'cls') return unit(state(ids[0]));
  const sum = new Array<number>(H).fill(0);
  for (const id of ids) state(id).forEach((x, j) => (sum[j] += x / ids.length));
  return unit(sum);
}
const rowsOf = (m: { rows: number; cols: number; data: Float32Array }): number[][] => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

describe('onnxEncoder', () => {
  const texts = ['the cells', 'CD3E gene, blood T cells', 'blood', 'unknown words here'];

  it('tokenizes, runs a hand-built ONNX graph, mean-pools with the attention mask and L2-normalises (any batch size)', async () => {
    const enc = await onnxEncoder({ modelDir: modelDir('mean'), batchSize: 3, threads: 1 });
    try {
      expect(enc.dim).toBe(H);
      expect(enc.id).toMatch(/^onnx\/mean@sha256-[0-9a-f]{12}\/mean\/l2\/max512tok$/);
      const progress: number[] = [];
      const m = await enc.embed(texts, { onProgress: (d) => progress.push(d) });
      expect(progress).toEqual([3, 4]);
      rowsOf(m).forEach((r, i) => r.forEach((x, j) => expect(x).toBeCloseTo(expected(texts[i], 'mean')[j], 5)));
    } finally {
      await enc.dispose?.();
    }
  });

  it('uses CLS pooling when 1_Pooling/config.json says so, and truncation enters the id', async () => {
    const enc = await onnxEncoder({ modelDir: modelDir('cls', { cls: true }), maxTokens: 4, threads: 1 });
    try {
      expect(enc.id).toMatch(/\/cls\/l2\/max4tok$/);
      const m = await enc.embed(texts);
      rowsOf(m).forEach((r, i) => r.forEach((x, j) => expect(x).toBeCloseTo(expected(texts[i], 'cls')[j], 5)));
    } finally {
      await enc.dispose?.();
    }
  });

  it('takes a graph that pools itself (rank-2 output) as is, normalising only', async () => {
    const enc = await onnxEncoder({ modelDir: modelDir('pooled', { pooled: true }), threads: 1 });
    try {
      expect(enc.id).toMatch(/\/model-sentence_embedding\/l2\//);
      const [r] = rowsOf(await enc.embed(['the cells']));
      r.forEach((x, j) => expect(x).toBeCloseTo(expected('the cells', 'mean')[j], 5)); // no padding with one text
    } finally {
      await enc.dispose?.();
    }
  });

  it('names a missing folder, model or tokenizer', async () => {
    await expect(onnxEncoder({ modelDir: join(root, 'nope') })).rejects.toThrow(/does not exist/);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(onnxEncoder({ modelDir: empty })).rejects.toThrow(/no model\.onnx/);
    writeFileSync(join(empty, 'model.onnx'), new Uint8Array([1, 2, 3]));
    await expect(onnxEncoder({ modelDir: empty })).rejects.toThrow(/tokenizer\.json .* or vocab\.txt/);
    writeFileSync(join(empty, 'vocab.txt'), VOCAB.join('\n'));
    await expect(onnxEncoder({ modelDir: empty })).rejects.toThrow(/could not load/);
  });
});
