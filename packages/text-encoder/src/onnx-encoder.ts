/**
 * Sentence-transformer models exported to ONNX, from a local folder, run with onnxruntime-node:
 *   <dir>/model.onnx (or onnx/model.onnx) + tokenizer.json (WordPiece or Unigram) or vocab.txt (WordPiece),
 *   optional sentence_bert_config.json (max_seq_length) and 1_Pooling/config.json (mean or CLS).
 * Inputs the graph declares among input_ids / attention_mask / token_type_ids are fed (int64 or int32 as
 * declared); token states are pooled with the attention mask and L2-normalised; a graph that already outputs a
 * sentence embedding (rank 2) is only normalised.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Matrix } from '@scbench/api';
import type { EmbedOptions, TextEncoder } from './encoder.ts';
import { l2NormalizeRows } from '@scbench/numerics';
import { poolTokens, type Pooling } from './pooling.ts';
import { loadTokenizer, type SentenceTokenizer } from './tokenize/sentence-tokenizer.ts';

export interface OnnxEncoderOptions {
  /** Folder holding model.onnx and its tokenizer files. */
  modelDir: string;
  /** Default: `1_Pooling/config.json` if present, else mean. */
  pooling?: Pooling;
  /** L2-normalise rows (default true). */
  normalize?: boolean;
  /** Tokens per text incl. special tokens; default: sentence_bert_config.json, else tokenizer.json truncation, else 512. */
  maxTokens?: number;
  /** Texts per session run (default 32). */
  batchSize?: number;
  /** Output to read; default last_hidden_state, token_embeddings or sentence_embedding, else the first. */
  output?: string;
  /** Lower-case for a bare vocab.txt (default true; tokenizer.json says it itself). */
  lowercase?: boolean;
  /** Intra-op threads (default SCBENCH_THREADS, else all cores). */
  threads?: number;
}

const KNOWN_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'];

function readJson(path: string): Record<string, unknown> | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : null;
}

function modelFile(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`ONNX encoder: model folder ${dir} does not exist (pass modelDir: a folder with model.onnx and tokenizer.json or vocab.txt)`);
  for (const f of ['model.onnx', join('onnx', 'model.onnx')]) if (existsSync(join(dir, f))) return join(dir, f);
  throw new Error(`ONNX encoder: no model.onnx in ${dir} (nor onnx/model.onnx); export one, e.g. with optimum: \`optimum-cli export onnx --model <hf-id> ${dir}\``);
}

function defaultPooling(dir: string): Pooling {
  const cfg = readJson(join(dir, '1_Pooling', 'config.json'));
  return cfg?.pooling_mode_cls_token === true && cfg.pooling_mode_mean_tokens !== true ? 'cls' : 'mean';
}

function fileHash(paths: string[]): string {
  const h = createHash('sha256');
  for (const p of paths) if (existsSync(p)) h.update(readFileSync(p));
  return h.digest('hex').slice(0, 12);
}

export async function onnxEncoder(options: OnnxEncoderOptions): Promise<TextEncoder> {
  const dir = resolve(options.modelDir);
  const file = modelFile(dir);
  const tokenizer = loadTokenizer(dir, { lowercase: options.lowercase });
  const stCfg = readJson(join(dir, 'sentence_bert_config.json'));
  const maxTokens = options.maxTokens ?? (typeof stCfg?.max_seq_length === 'number' ? stCfg.max_seq_length : null) ?? tokenizer.maxLength ?? 512;
  if (!Number.isInteger(maxTokens) || maxTokens < 3) throw new Error(`ONNX encoder: maxTokens must be an integer ≥ 3, got ${maxTokens}`);
  const batchSize = options.batchSize ?? 32;
  const pooling = options.pooling ?? defaultPooling(dir);
  const normalize = options.normalize ?? true;
  const envThreads = Number(process.env.SCBENCH_THREADS);
  const threads = options.threads ?? (Number.isInteger(envThreads) && envThreads > 0 ? envThreads : availableParallelism());
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(file, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  } catch (e) {
    throw new Error(`ONNX encoder: onnxruntime could not load ${file}: ${(e as Error).message}`);
  }
  const unknown = session.inputNames.filter((n) => !KNOWN_INPUTS.includes(n));
  if (unknown.length > 0 || !session.inputNames.includes('input_ids')) {
    throw new Error(`ONNX encoder: ${file} has inputs [${session.inputNames.join(', ')}]; supported are ${KNOWN_INPUTS.join(', ')} (input_ids required)`);
  }
  const output = options.output ?? ['last_hidden_state', 'token_embeddings', 'sentence_embedding'].find((n) => session.outputNames.includes(n)) ?? session.outputNames[0];
  if (!session.outputNames.includes(output)) throw new Error(`ONNX encoder: ${file} has no output '${output}' (outputs: ${session.outputNames.join(', ')})`);
  const types = new Map<string, string>();
  for (const m of (session as unknown as { inputMetadata?: { name: string; type?: string }[] }).inputMetadata ?? []) if (m.type) types.set(m.name, m.type);

  const tokFile = existsSync(join(dir, 'tokenizer.json')) ? join(dir, 'tokenizer.json') : join(dir, 'vocab.txt');
  const source = `${basename(dir)}@sha256-${fileHash([file, tokFile])}`;
  const enc = new OnnxEncoder(session, tokenizer, { dir, file, output, maxTokens, batchSize, pooling, normalize, types, source });
  await enc.probe();
  return enc;
}

interface Resolved {
  dir: string;
  file: string;
  output: string;
  maxTokens: number;
  batchSize: number;
  pooling: Pooling;
  normalize: boolean;
  types: Map<string, string>;
  /** Folder name and a hash of the model and tokenizer files. */
  source: string;
}

class OnnxEncoder implements TextEncoder {
  id = '';
  dim = 0;

  constructor(
    private readonly session: ort.InferenceSession,
    readonly tokenizer: SentenceTokenizer,
    private readonly o: Resolved,
  ) {}

  /** Run one short text to learn the output width and whether the graph pools itself; fixes `id` and `dim`. */
  async probe(): Promise<void> {
    const { states, shape } = await this.run([this.tokenizer.encode('probe', this.o.maxTokens)]);
    if (shape.length !== 2 && shape.length !== 3) throw new Error(`ONNX encoder: output '${this.o.output}' of ${this.o.file} has shape [${shape.join(', ')}]; expected [batch, seq, hidden] or [batch, hidden]`);
    this.dim = shape[shape.length - 1];
    if (!(this.dim > 0) || states.length !== shape.reduce((a, b) => a * b, 1)) throw new Error(`ONNX encoder: output '${this.o.output}' of ${this.o.file} has an unusable shape [${shape.join(', ')}]`);
    const pooled = shape.length === 2;
    const pool = pooled ? `model-${this.o.output}` : this.o.pooling;
    this.id = `onnx/${this.o.source}/${pool}/${this.o.normalize ? 'l2' : 'raw'}/max${this.o.maxTokens}tok`;
  }

  private async run(batch: number[][]): Promise<{ states: Float32Array; shape: number[]; mask: BigInt64Array; seq: number }> {
    const b = batch.length;
    const seq = Math.max(...batch.map((t) => t.length));
    const ids = new BigInt64Array(b * seq).fill(BigInt(this.tokenizer.padId));
    const mask = new BigInt64Array(b * seq);
    batch.forEach((tokens, r) => {
      tokens.forEach((id, c) => {
        ids[r * seq + c] = BigInt(id);
        mask[r * seq + c] = 1n;
      });
    });
    const feed: Record<string, ort.Tensor> = {};
    const tensor = (name: string, data: BigInt64Array): ort.Tensor =>
      this.o.types.get(name) === 'int32' ? new ort.Tensor('int32', Int32Array.from(data, Number), [b, seq]) : new ort.Tensor('int64', data, [b, seq]);
    for (const name of this.session.inputNames) {
      if (name === 'input_ids') feed[name] = tensor(name, ids);
      else if (name === 'attention_mask') feed[name] = tensor(name, mask);
      else feed[name] = tensor(name, new BigInt64Array(b * seq));
    }
    const result = await this.session.run(feed, [this.o.output]);
    const out = result[this.o.output];
    try {
      if (out.type !== 'float32') throw new Error(`ONNX encoder: output '${this.o.output}' of ${this.o.file} is ${out.type}, expected float32`);
      return { states: Float32Array.from(out.data as Float32Array), shape: [...out.dims], mask, seq };
    } finally {
      out.dispose?.();
    }
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Matrix> {
    const n = texts.length;
    const dim = this.dim;
    const data = new Float32Array(n * dim);
    const tokens = texts.map((t) => this.tokenizer.encode(t, this.o.maxTokens));
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => tokens[a].length - tokens[b].length);
    let done = 0;
    for (let start = 0; start < n; start += this.o.batchSize) {
      options.signal?.throwIfAborted();
      const rows = order.slice(start, start + this.o.batchSize);
      const { states, shape, mask, seq } = await this.run(rows.map((r) => tokens[r]));
      if (shape[shape.length - 1] !== dim || shape[0] !== rows.length) throw new Error(`ONNX encoder: ${this.o.file} returned [${shape.join(', ')}] for ${rows.length} texts; expected width ${dim}`);
      const raw = shape.length === 3 ? poolTokens(states, rows.length, seq, dim, mask, this.o.pooling) : states;
      const pooled = this.o.normalize ? l2NormalizeRows({ rows: rows.length, cols: dim, data: raw }).data : raw;
      rows.forEach((r, i) => data.set(pooled.subarray(i * dim, (i + 1) * dim), r * dim));
      done += rows.length;
      options.onProgress?.(done, n);
    }
    return { rows: n, cols: dim, data };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
