/**
 * `cachedEncoder(encoder, dir)`: the same encoder, but each distinct text is embedded once per encoder id, ever:
 * hits come from the content-addressed disk store (see cache-store.ts), misses are embedded in chunks and written
 * after each chunk, so an interrupted run of tens of minutes keeps what it did.
 */
import type { Matrix } from '@scbench/api';
import type { EmbedOptions, TextEncoder } from './encoder.ts';
import { EmbeddingStore, defaultCacheDir, textKey, type StoreOptions } from './cache-store.ts';

export interface CacheStats {
  /** Texts answered from the cache (every occurrence counts). */
  hits: number;
  /** Distinct texts that had to be embedded. */
  misses: number;
}

export interface CachedEncoder extends TextEncoder {
  readonly inner: TextEncoder;
  readonly store: EmbeddingStore;
  /** Running totals since creation. */
  readonly stats: CacheStats;
}

export interface CacheOptions extends StoreOptions {
  /** Misses are embedded and persisted this many at a time (default 512). */
  chunkSize?: number;
}

export function cachedEncoder(encoder: TextEncoder, dir: string = defaultCacheDir(), options: CacheOptions = {}): CachedEncoder {
  const store = new EmbeddingStore(dir, encoder.id, encoder.dim, options);
  const chunkSize = options.chunkSize ?? 512;
  const stats: CacheStats = { hits: 0, misses: 0 };
  const dim = encoder.dim;
  return {
    id: encoder.id,
    dim,
    inner: encoder,
    store,
    stats,
    dispose: () => encoder.dispose?.(),
    async embed(texts: readonly string[], opts: EmbedOptions = {}): Promise<Matrix> {
      const n = texts.length;
      const data = new Float32Array(n * dim);
      const keys = texts.map((t) => textKey(encoder.id, t));
      const found = await store.get(keys);
      for (const [i, v] of found) data.set(v, i * dim);
      stats.hits += found.size;
      // Distinct missing texts, each with every position that wants it.
      const missing = new Map<string, number[]>();
      for (let i = 0; i < n; i++) {
        if (found.has(i)) continue;
        const k = keys[i].toString('hex');
        const list = missing.get(k);
        if (list) list.push(i);
        else missing.set(k, [i]);
      }
      const groups = [...missing.values()];
      stats.misses += groups.length;
      let done = found.size;
      opts.onProgress?.(done, n);
      for (let start = 0; start < groups.length; start += chunkSize) {
        opts.signal?.throwIfAborted();
        const chunk = groups.slice(start, start + chunkSize);
        const before = done;
        const m = await encoder.embed(
          chunk.map((g) => texts[g[0]]),
          {
            signal: opts.signal,
            onProgress: (d) => opts.onProgress?.(before + chunk.slice(0, d).reduce((s, g) => s + g.length, 0), n),
          },
        );
        if (m.rows !== chunk.length || m.cols !== dim || m.data.length !== chunk.length * dim) {
          throw new Error(`encoder '${encoder.id}' returned a ${m.rows}×${m.cols} matrix for ${chunk.length} texts; expected ${chunk.length}×${dim}`);
        }
        chunk.forEach((g, r) => {
          for (const i of g) data.set(m.data.subarray(r * dim, (r + 1) * dim), i * dim);
        });
        await store.put(
          chunk.map((g) => keys[g[0]]),
          m.data,
        );
        done = before + chunk.reduce((s, g) => s + g.length, 0);
        opts.onProgress?.(done, n);
      }
      return { rows: n, cols: dim, data };
    },
  };
}
