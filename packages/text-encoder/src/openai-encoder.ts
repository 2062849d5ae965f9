/**
 * An OpenAI-compatible `/v1/embeddings` client (OpenAI itself, or local servers speaking the same protocol:
 * vLLM, llama.cpp, Ollama, text-embeddings-inference…). scLLM-DSC used `text-embedding-3-small` in batches of 100.
 *
 * The key comes from an environment variable (`OPENAI_API_KEY` unless `apiKeyEnv` says otherwise), is sent only as
 * a bearer header, and is scrubbed from every error message. Failures that a retry can fix (network errors,
 * timeouts, 408/409/429/5xx) are retried a bounded number of times with jittered exponential backoff, honouring
 * Retry-After; others (400, 401, 403, 404, …) fail at once with the server's message.
 */
import type { Matrix } from '@scbench/api';
import type { EmbedOptions, TextEncoder } from './encoder.ts';
import { DEFAULT_RETRY, backoffMs, retryAfterMs, retryableStatus, sleep, type RetryPolicy } from './retry.ts';

/** Widths of OpenAI's embedding models (used when `dim` is not given). */
export const OPENAI_DIMS: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

export interface OpenAiEncoderOptions {
  /** Default 'text-embedding-3-small' (as the original). */
  model?: string;
  /** Server root, without /v1 (default https://api.openai.com). */
  baseUrl?: string;
  /** Environment variable holding the key (default OPENAI_API_KEY). A local server may need none. */
  apiKeyEnv?: string;
  /** Require a key (default: true for api.openai.com, false elsewhere). */
  requireKey?: boolean;
  /** Output width; needed for models not in OPENAI_DIMS unless `dimensions` is set. */
  dim?: number;
  /** Ask the server for shortened embeddings (text-embedding-3 `dimensions` parameter). */
  dimensions?: number;
  /** Texts per request (default 100). */
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Injected fetch (tests). */
  fetch?: typeof fetch;
}

export class EmbeddingRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'EmbeddingRequestError';
  }
}

interface EmbeddingResponse {
  data?: { index?: number; embedding?: number[] }[];
  error?: { message?: string } | string;
}

export function openAiEncoder(options: OpenAiEncoderOptions = {}): TextEncoder {
  const model = options.model ?? 'text-embedding-3-small';
  const base = (options.baseUrl ?? 'https://api.openai.com').replace(/\/+$/, '').replace(/\/v1$/, '');
  const url = `${base}/v1/embeddings`;
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    throw new Error(`openAiEncoder: baseUrl '${options.baseUrl}' is not a URL (e.g. http://127.0.0.1:8080)`);
  }
  const official = host === 'api.openai.com';
  const envName = options.apiKeyEnv ?? 'OPENAI_API_KEY';
  const key = process.env[envName];
  if (!key && (options.requireKey ?? official)) {
    throw new Error(`openAiEncoder: no API key: set the environment variable ${envName} (or pass apiKeyEnv naming another one)`);
  }
  const dim = options.dimensions ?? options.dim ?? OPENAI_DIMS[model];
  if (!dim) throw new Error(`openAiEncoder: the width of model '${model}' is unknown: pass dim (or dimensions)`);
  const batchSize = options.batchSize ?? 100;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const doFetch = options.fetch ?? fetch;
  const scrub = (s: string): string => (key ? s.split(key).join('***') : s);
  const id = `openai${official ? '' : `@${host}`}/${model}${options.dimensions ? `/d${options.dimensions}` : ''}`;

  async function request(input: string[], signal?: AbortSignal): Promise<number[][]> {
    const body = JSON.stringify({ model, input, encoding_format: 'float', ...(options.dimensions ? { dimensions: options.dimensions } : {}) });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key) headers.authorization = `Bearer ${key}`;
    let last = '';
    for (let attempt = 0; attempt < policy.maxAttempts; attempt++) {
      signal?.throwIfAborted();
      let hint: number | null = null;
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const res = await doFetch(url, { method: 'POST', headers, body, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
        const text = await res.text();
        if (res.ok) return parse(text, input.length);
        const detail = scrub(serverMessage(text)).slice(0, 500);
        if (!retryableStatus(res.status)) {
          const fix =
            res.status === 401 || res.status === 403
              ? `check the key in $${envName}`
              : res.status === 404
                ? `check baseUrl (${base}) and model '${model}'`
                : 'the request was rejected; check the model name and the texts';
          throw new EmbeddingRequestError(`embeddings request to ${url} failed with ${res.status}: ${detail || res.statusText} (${fix})`, res.status);
        }
        last = `${res.status} ${detail || res.statusText}`;
        hint = retryAfterMs(res.headers);
      } catch (e) {
        if (e instanceof EmbeddingRequestError) throw e;
        if (signal?.aborted) throw signal.reason;
        last = scrub(timeout.aborted ? `timed out after ${timeoutMs} ms` : `network error: ${(e as Error).message}${causeOf(e)}`);
      }
      if (attempt + 1 < policy.maxAttempts) await sleep(backoffMs(policy, attempt, hint), signal);
    }
    throw new EmbeddingRequestError(`embeddings request to ${url} failed ${policy.maxAttempts} times; last: ${last}. Is the server reachable and within its rate limits?`, null);
  }

  function parse(text: string, n: number): number[][] {
    let json: EmbeddingResponse;
    try {
      json = JSON.parse(text) as EmbeddingResponse;
    } catch {
      throw new EmbeddingRequestError(`embeddings response from ${url} is not JSON: ${scrub(text.slice(0, 200))}`, 200);
    }
    const data = json.data;
    if (!Array.isArray(data) || data.length !== n) throw new EmbeddingRequestError(`embeddings response from ${url} has ${Array.isArray(data) ? data.length : 'no'} rows for ${n} texts`, 200);
    const rows: number[][] = new Array(n);
    data.forEach((d, k) => {
      const i = typeof d.index === 'number' ? d.index : k; // the API returns `index`; order by it
      if (!Array.isArray(d.embedding) || d.embedding.length !== dim) {
        throw new EmbeddingRequestError(`embeddings response from ${url}: row ${i} has ${Array.isArray(d.embedding) ? d.embedding.length : 'no'} values, expected dim ${dim} (set dim to the model's width)`, 200);
      }
      rows[i] = d.embedding;
    });
    if (rows.some((r) => r === undefined)) throw new EmbeddingRequestError(`embeddings response from ${url} has duplicate or out-of-range indices`, 200);
    return rows;
  }

  return {
    id,
    dim,
    async embed(texts: readonly string[], opts: EmbedOptions = {}): Promise<Matrix> {
      const n = texts.length;
      const data = new Float32Array(n * dim);
      for (let start = 0; start < n; start += batchSize) {
        const chunk = texts.slice(start, start + batchSize).map((t) => (t.length === 0 ? ' ' : t)); // the API rejects ''
        const rows = await request(chunk, opts.signal);
        rows.forEach((r, i) => data.set(r, (start + i) * dim));
        opts.onProgress?.(Math.min(start + batchSize, n), n);
      }
      return { rows: n, cols: dim, data };
    },
  };
}

function serverMessage(text: string): string {
  try {
    const j = JSON.parse(text) as EmbeddingResponse;
    if (typeof j.error === 'string') return j.error;
    if (j.error?.message) return j.error.message;
  } catch {
    // not JSON: use the text
  }
  return text.trim();
}

function causeOf(e: unknown): string {
  const c = (e as { cause?: { code?: string; message?: string } }).cause;
  return c ? ` (${c.code ?? c.message})` : '';
}
