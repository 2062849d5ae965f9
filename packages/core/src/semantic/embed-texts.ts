// Texts → embedding rows, through the encoder and a content-addressed cache.
//
// Why here and not only in the encoder: a text embedding of a whole dataset (12k gene descriptions, or one
// sentence per cell) is the slow part of the semantic view, and the runner hands every method a disk-backed
// `ctx.cache`. Keying that cache by the encoder's id and a hash of the exact texts means a second run with the same
// knowledge, template, options and encoder never calls the encoder — and that any change to one of those (a new
// template version, another K, another encoder) misses the cache instead of returning stale vectors.
import { createHash } from 'node:crypto';
import type { Context, Matrix } from '@scbench/api';
import type { TextEncoder } from '@scbench/text-encoder';

export type CacheFn = Context['cache'];

/** A cache that stores nothing (tests, one-off scripts). */
export const noCache: CacheFn = (_key, make) => make();

export interface EmbedTextsOptions {
  readonly cache?: CacheFn;
  /** Names the use in the cache key and in progress messages, e.g. 'gene descriptions'. */
  readonly label: string;
  readonly progress?: (stage: string, done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface Embedded {
  /** One row per input text (duplicates share one encoding). */
  readonly matrix: Matrix;
  /** Texts actually sent to the encoder in this call: 0 on a cache hit. */
  readonly encoded: number;
  readonly unique: number;
  readonly cacheKey: string;
}

/** sha256 over the texts, each length-prefixed so that no two lists hash alike by concatenation. */
export function hashTexts(texts: readonly string[]): string {
  const h = createHash('sha256');
  for (const t of texts) h.update(`${t.length}:`).update(t);
  return h.digest('hex');
}

export async function embedTexts(texts: readonly string[], encoder: TextEncoder, options: EmbedTextsOptions): Promise<Embedded> {
  const cache = options.cache ?? noCache;
  const slot = new Map<string, number>();
  const unique: string[] = [];
  const row = new Int32Array(texts.length);
  texts.forEach((t, i) => {
    let s = slot.get(t);
    if (s === undefined) {
      s = unique.length;
      slot.set(t, s);
      unique.push(t);
    }
    row[i] = s;
  });
  const cacheKey = `scbench/semantic/${options.label}/${encoder.id}/${unique.length}/${hashTexts(unique)}`;
  let encoded = 0;
  const stage = `embed ${options.label}`;
  const u: Matrix = await cache(cacheKey, async () => {
    encoded = unique.length;
    options.progress?.(stage, 0, unique.length);
    const m = unique.length === 0
      ? { rows: 0, cols: encoder.dim, data: new Float32Array(0) }
      : await encoder.embed(unique, {
        onProgress: (done, total) => options.progress?.(stage, done, total),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    if (m.rows !== unique.length || m.cols !== encoder.dim || m.data.length !== m.rows * m.cols) {
      throw new Error(`encoder ${encoder.id} returned ${m.rows}×${m.cols} for ${unique.length} texts of dimension ${encoder.dim}`);
    }
    options.progress?.(stage, unique.length, unique.length);
    // A plain object with a fresh Float32Array survives the disk cache's structured serialisation unchanged.
    return { rows: m.rows, cols: m.cols, data: Float32Array.from(m.data) };
  });
  const d = u.cols;
  const data = new Float32Array(texts.length * d);
  for (let i = 0; i < texts.length; i++) data.set(u.data.subarray(row[i] * d, row[i] * d + d), i * d);
  return { matrix: { rows: texts.length, cols: d, data }, encoded, unique: unique.length, cacheKey };
}
