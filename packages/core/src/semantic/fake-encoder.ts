// Test double for a TextEncoder: hashed bag of words → fixed-dimension unit vectors. Deterministic, instant, and
// texts that share words get positive cosine, which is all the semantic-view tests need. Not exported from index.ts.
import type { Matrix } from '@scbench/api';
import type { TextEncoder } from '@scbench/text-encoder';

function hashWord(w: string): number {
  let h = 2166136261; // FNV-1a
  for (let i = 0; i < w.length; i++) {
    h ^= w.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export interface FakeEncoder extends TextEncoder {
  /** Every text passed to embed(), in order. */
  readonly seen: string[];
  calls: number;
}

export function fakeEncoder(dim = 32, maxWords = Infinity): FakeEncoder {
  const seen: string[] = [];
  const enc: FakeEncoder = {
    id: `fake-bow-${dim}-${maxWords}`,
    dim,
    seen,
    calls: 0,
    async embed(texts: readonly string[]): Promise<Matrix> {
      enc.calls++;
      const data = new Float32Array(texts.length * dim);
      texts.forEach((t, i) => {
        seen.push(t);
        const words = t.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '').slice(0, maxWords);
        for (const w of words) {
          const h = hashWord(w);
          data[i * dim + (h % dim)] += (h & 0x10000) ? 1 : -1;
        }
        let n = 0;
        for (let j = 0; j < dim; j++) n += data[i * dim + j] ** 2;
        n = Math.sqrt(n);
        if (n > 0) for (let j = 0; j < dim; j++) data[i * dim + j] /= n;
      });
      return { rows: texts.length, cols: dim, data };
    },
  };
  return enc;
}
