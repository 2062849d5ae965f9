// Test doubles for the semantic view's injected parts, like @scbench/api's testContext: a TextEncoder (hashed bag of
// words → fixed-dimension unit vectors: deterministic, instant, texts sharing words have positive cosine) and a
// GeneDescriber that needs no knowledge tables. Methods' tests use them so they run in seconds without the model.
import type { Matrix } from '@scbench/api';
import type { Coverage, NameStatus } from '@scbench/knowledge';
import type { TextEncoder } from '@scbench/text-encoder';
import type { GeneDescriber } from './gene-descriptions.ts';

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

/**
 * Describes every gene as "Gene: <name>. Marker of <name>." — all resolved, ERCC-* as spike-ins. No species or
 * knowledge folder is consulted beyond the view's own species check.
 */
export function nameDescriber(): GeneDescriber {
  return {
    async describe(d) {
      const status: NameStatus[] = d.genes.map((g) => (/^ERCC[-.]/.test(g) ? 'spike-in' : 'resolved'));
      const spikeIn = status.filter((s) => s === 'spike-in').length;
      const resolved = d.genes.length - spikeIn;
      const coverage: Coverage = {
        total: d.genes.length, resolved, viaSymbol: resolved, viaAlias: 0, viaEnsembl: 0, viaRepairedName: 0,
        viaOrtholog: 0, ambiguous: 0, unknown: 0, spikeIn,
      };
      return {
        texts: d.genes.map((g, j) => (status[j] === 'resolved' ? `Gene: ${g}. Marker of ${g}.` : null)),
        symbols: d.genes,
        status,
        coverage,
        unknownExamples: [],
        source: 'test/name-describer',
      };
    },
  };
}
