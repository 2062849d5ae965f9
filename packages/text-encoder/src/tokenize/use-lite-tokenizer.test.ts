import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { bundledUseLite } from '../use-lite.ts';
import { energeticReference } from '../testing/energetic-reference.ts';
import { UseLiteTokenizer } from './use-lite-tokenizer.ts';

const vocab = JSON.parse(readFileSync(`${bundledUseLite().dir}/vocab.json`, 'utf8')) as [string, number][];
const tokenizer = new UseLiteTokenizer(vocab);
const cell = Array.from({ length: 300 }, (_, i) => `GENE${i}:${(i * 1.37).toFixed(4)}`).join(',');

const TEXTS = [
  'the a and of in',
  'Hello world, this is CD3E.',
  '',
  '  double  spaces ',
  'Ünïcödé ﬁ ligature 😀 emoji ∑ ✓ 中文字符 \u0000 \uFFFD',
  'Gene Name: CD3E. Gene Full Name: CD3 epsilon subunit of T-cell receptor complex. Gene Type: protein-coding.',
  'x'.repeat(50),
  cell.slice(0, 2500),
  'Tab\tnewline\nhere',
];

describe('UseLiteTokenizer', () => {
  it('gives the same ids as the tokenizer packaged in @energetic-ai/embeddings', async () => {
    const ref = await energeticReference(TEXTS, false);
    expect(TEXTS.map((t) => tokenizer.encode(t))).toEqual(ref.ids);
  });

  it('cuts to maxTokens, and the cut before segmentation does not change the kept ids', () => {
    const all = tokenizer.encode(cell);
    expect(all.length).toBeGreaterThan(1000);
    expect(tokenizer.encode(cell, 128)).toEqual(all.slice(0, 128));
    expect(tokenizer.encode(cell, 5)).toEqual(all.slice(0, 5));
  });

  it('is linear in text length (the packaged one is quadratic)', () => {
    const best = (s: string): number => {
      let min = Infinity;
      for (let i = 0; i < 7; i++) {
        const t = performance.now();
        tokenizer.encode(s);
        min = Math.min(min, performance.now() - t);
      }
      return min;
    };
    const long = cell.repeat(8).slice(0, 32000);
    const short = long.slice(0, 2000);
    best(long); // warm the JIT
    const ratio = best(long) / Math.max(best(short), 0.01);
    // 16× the text: quadratic ≈ 256×; linear ≈ 16×, measured 18–36× at load ~5 (an 8× gap gave 20–29× against a
    // bound of 24: too close).
    expect(ratio).toBeLessThan(100);
  });

  it('rejects a vocabulary that is not [piece, score] pairs', () => {
    expect(() => new UseLiteTokenizer(['a', 'b'] as unknown as [string, number][])).toThrow(/\[piece, score\]/);
  });
});
