import { describe, expect, it } from '@jest/globals';
import { embedTexts, hashTexts } from './embed-texts.ts';
import { fakeEncoder } from './testing.ts';

function memoryCache() {
  const store = new Map<string, unknown>();
  return {
    store,
    cache: async <T>(key: string, make: () => Promise<T>): Promise<T> => {
      if (!store.has(key)) store.set(key, await make());
      return store.get(key) as T;
    },
  };
}

describe('embedTexts', () => {
  it('encodes each distinct text once and returns one row per input', async () => {
    const enc = fakeEncoder(8);
    const out = await embedTexts(['a b', 'c', 'a b'], enc, { label: 't' });
    expect(enc.seen).toEqual(['a b', 'c']);
    expect(out.matrix.rows).toBe(3);
    expect(Array.from(out.matrix.data.subarray(0, 8))).toEqual(Array.from(out.matrix.data.subarray(16, 24)));
    expect(out.encoded).toBe(2);
  });
  it('a second call with the same texts and encoder is a cache hit that encodes nothing', async () => {
    const { cache, store } = memoryCache();
    const enc = fakeEncoder(8);
    const a = await embedTexts(['x', 'y'], enc, { label: 't', cache });
    const b = await embedTexts(['x', 'y'], enc, { label: 't', cache });
    expect(enc.calls).toBe(1);
    expect(b.encoded).toBe(0);
    expect(Array.from(b.matrix.data)).toEqual(Array.from(a.matrix.data));
    // Other texts or another encoder id are other keys.
    await embedTexts(['x', 'z'], enc, { label: 't', cache });
    await embedTexts(['x', 'y'], fakeEncoder(8, 3), { label: 't', cache });
    expect(store.size).toBe(3);
  });
  it('hashes lists, not their concatenation', () => {
    expect(hashTexts(['ab', 'c'])).not.toBe(hashTexts(['a', 'bc']));
  });
  it('rejects an encoder that returns the wrong shape', async () => {
    const enc = fakeEncoder(8);
    const bad = { ...enc, id: 'bad', embed: async () => ({ rows: 1, cols: 8, data: new Float32Array(8) }) };
    await expect(embedTexts(['a', 'b'], bad, { label: 't' })).rejects.toThrow(/returned 1×8 for 2 texts/);
  });
});
