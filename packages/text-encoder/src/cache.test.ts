import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cachedEncoder } from './cache.ts';
import { EmbeddingStore, defaultCacheDir, encoderFolder, textKey } from './cache-store.ts';
import { fakeEncoder, fakeVector } from './testing/fake-encoder.ts';

const root = mkdtempSync(join(tmpdir(), 'text-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(root, `c${n++}`);

function expectRows(data: Float32Array, texts: string[], dim: number): void {
  texts.forEach((t, i) => expect(Array.from(data.subarray(i * dim, (i + 1) * dim))).toEqual(Array.from(fakeVector(t, dim))));
}

describe('cachedEncoder', () => {
  it('embeds only misses, each distinct text once, and serves repeats from disk (also in a new instance)', async () => {
    const dir = fresh();
    const inner = fakeEncoder();
    const enc = cachedEncoder(inner, dir, { chunkSize: 3 });
    expect(enc.id).toBe(inner.id);
    const texts = ['a', 'b', 'a', 'c', 'd', 'e', 'b'];
    const progress: number[] = [];
    const m1 = await enc.embed(texts, { onProgress: (d, t) => progress.push(d / t) });
    expectRows(m1.data, texts, 8);
    expect(inner.calls.flat()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(enc.stats).toEqual({ hits: 0, misses: 5 });
    expect(progress[progress.length - 1]).toBe(1);
    const m2 = await enc.embed(['e', 'x', 'a']);
    expectRows(m2.data, ['e', 'x', 'a'], 8);
    expect(inner.calls.slice(-1)).toEqual([['x']]);
    expect(enc.stats).toEqual({ hits: 2, misses: 6 });

    const again = fakeEncoder();
    const enc2 = cachedEncoder(again, dir);
    const m3 = await enc2.embed(texts);
    expect(again.calls).toEqual([]);
    expect(m3.data).toEqual(m1.data);
    expect(enc2.stats).toEqual({ hits: 7, misses: 0 });
    expect(await enc2.store.size()).toBe(6);
  });

  it('keys by encoder id: another id shares nothing; a changed dim under one id is a clear error', async () => {
    const dir = fresh();
    await cachedEncoder(fakeEncoder('fake/v1'), dir).embed(['a']);
    const other = fakeEncoder('fake/v2');
    await cachedEncoder(other, dir).embed(['a']);
    expect(other.calls).toEqual([['a']]);
    expect(textKey('fake/v1', 'a').equals(textKey('fake/v2', 'a'))).toBe(false);
    expect(() => cachedEncoder(fakeEncoder('fake\0v1'), dir)).toThrow(/NUL/); // it would make keys ambiguous
    expect(() => cachedEncoder(fakeEncoder('fake/v1', 16), dir)).toThrow(/dim 8.*dim 16.*id must change/);
  });

  it('stores 256 sharded binary files, not a file per text', async () => {
    const dir = fresh();
    const enc = cachedEncoder(fakeEncoder('fake/many', 4), dir, { chunkSize: 1500 });
    const texts = Array.from({ length: 3000 }, (_, i) => `gene ${i}`);
    await enc.embed(texts);
    const files = readdirSync(encoderFolder(dir, 'fake/many'));
    expect(files.filter((f) => f.endsWith('.bin')).length).toBe(256);
    expect(files.some((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toBe(false);
    const t = performance.now();
    const hit = cachedEncoder(fakeEncoder('fake/many', 4), dir);
    const m = await hit.embed(texts);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(hit.stats.hits).toBe(3000);
    expectRows(m.data.subarray(0, 8), texts.slice(0, 2), 4);
  });

  it('merges concurrent writers instead of losing entries (two stores, interleaved)', async () => {
    const dir = fresh();
    const a = new EmbeddingStore(dir, 'fake/v1', 8);
    const b = new EmbeddingStore(dir, 'fake/v1', 8);
    const put = (s: EmbeddingStore, prefix: string) => {
      const texts = Array.from({ length: 600 }, (_, i) => `${prefix}${i}`);
      const data = new Float32Array(600 * 8);
      texts.forEach((t, i) => data.set(fakeVector(t, 8), i * 8));
      return s.put(texts.map((t) => textKey('fake/v1', t)), data);
    };
    await Promise.all([put(a, 'x'), put(b, 'y'), put(a, 'z')]);
    expect(await new EmbeddingStore(dir, 'fake/v1', 8).size()).toBe(1800);
  });

  it('two processes filling one cache at once lose nothing', async () => {
    const dir = fresh();
    const script = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'cache-writer.ts');
    const run = (prefix: string) =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', script, dir, prefix, '400'], { timeout: 30_000 }, (err, out, errOut) =>
          err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out),
        ),
      );
    const [p, q] = await Promise.all([run('p'), run('q')]);
    expect(JSON.parse(p)).toEqual({ hits: 0, misses: 400 });
    expect(JSON.parse(q)).toEqual({ hits: 0, misses: 400 });
    expect(await new EmbeddingStore(dir, 'fake/v1', 8).size()).toBe(800);
  });

  it('takes over a stale lock, and names a corrupt shard', async () => {
    const dir = fresh();
    const store = new EmbeddingStore(dir, 'fake/v1', 8, { staleLockMs: 1000 });
    const key = textKey('fake/v1', 'a');
    const lock = join(store.folder, `${key[0].toString(16).padStart(2, '0')}.lock`);
    writeFileSync(lock, '999999\n');
    const old = new Date(Date.now() - 5000);
    utimesSync(lock, old, old);
    await store.put([key], fakeVector('a', 8));
    expect((await store.get([key])).get(0)).toEqual(fakeVector('a', 8));
    writeFileSync(lock.replace('.lock', '.bin'), 'garbage');
    await expect(new EmbeddingStore(dir, 'fake/v1', 8).get([key])).rejects.toThrow(/corrupt.*delete it/);
  });

  it('defaults to $SCBENCH_CACHE/text, else <repo>/.scbench-cache/text', () => {
    const saved = process.env.SCBENCH_CACHE;
    try {
      process.env.SCBENCH_CACHE = '/tmp/somewhere';
      expect(defaultCacheDir()).toBe('/tmp/somewhere/text');
      delete process.env.SCBENCH_CACHE;
      expect(defaultCacheDir()).toMatch(/\.scbench-cache\/text$/);
      expect(defaultCacheDir()).not.toMatch(/packages/);
    } finally {
      if (saved === undefined) delete process.env.SCBENCH_CACHE;
      else process.env.SCBENCH_CACHE = saved;
    }
  });
});
