import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { fitTfidfSvd, foldIn, tfidfRow, wordTokens } from './tfidf-svd.ts';

// scikit-learn's TfidfVectorizer + TruncatedSVD on a toy corpus (packages/core/fixtures/make_tfidf_svd_reference.py).
const ref = JSON.parse(readFileSync(new URL('../../fixtures/tfidf-svd-reference.json', import.meta.url), 'utf8')) as {
  docs: string[][]; vocabulary: string[]; idf: number[]; tfidf: number[][]; k: number; singularValues: number[]; latentCosine: number[][];
};

describe('fitTfidfSvd', () => {
  const model = fitTfidfSvd(ref.docs, { dims: ref.k, minDf: 2, maxDfShare: 0.5, powerIterations: 7 });

  it('keeps the vocabulary and idf of sklearn TfidfVectorizer(sublinear_tf, min_df=2, max_df=0.5)', () => {
    expect([...model.vocabulary.keys()]).toEqual(ref.vocabulary);
    ref.idf.forEach((v, j) => expect(model.idf[j]).toBeCloseTo(v, 12));
  });

  it('weights each document as sklearn does (1 + ln tf, idf, unit L2 rows)', () => {
    ref.docs.forEach((d, i) => {
      const { cols, vals } = tfidfRow(model, d);
      const dense = new Array<number>(ref.vocabulary.length).fill(0);
      cols.forEach((c, t) => (dense[c] = vals[t]));
      dense.forEach((v, j) => expect(v).toBeCloseTo(ref.tfidf[i][j], 12));
    });
  });

  it('factorises as TruncatedSVD: singular values, and the documents\' latent geometry (fold-in = U·S)', () => {
    ref.singularValues.forEach((s, c) => expect(model.singularValues[c]).toBeCloseTo(s, 4));
    const z = ref.docs.map((d) => foldIn(model, d));
    const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    for (let i = 0; i < z.length; i++) {
      for (let j = 0; j < z.length; j++) {
        const nn = norm(z[i]) * norm(z[j]);
        const c = nn === 0 ? 0 : z[i].reduce((s, x, t) => s + x * z[j][t], 0) / nn; // an all-filtered document: zero row
        expect(c).toBeCloseTo(ref.latentCosine[i][j], 3);
      }
    }
  });

  it('is a function of the corpus alone, and refuses a corpus with nothing to factorise', () => {
    const again = fitTfidfSvd(ref.docs, { dims: ref.k, minDf: 2, maxDfShare: 0.5, powerIterations: 7 });
    expect(again.components).toEqual(model.components);
    expect(foldIn(model, ['never-seen'])).toEqual(new Float32Array(ref.k));
    expect(() => fitTfidfSvd([['a'], ['b']], { dims: 2 })).toThrow(/no latent dimension/);
  });
});

describe('wordTokens', () => {
  it('lower-cases, splits on non-alphanumerics, drops one-letter and all-digit tokens', () => {
    expect(wordTokens('Gene: CD3E. Full name: CD3 epsilon; 12 a T-cell')).toEqual(['gene', 'cd3e', 'full', 'name', 'cd3', 'epsilon', 'cell']);
  });
});
