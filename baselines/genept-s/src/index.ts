import { defineMethod, type Context, type Dataset } from '@scbench/api';
import { requireGeneNames, semanticView, type GeneDescriber } from '@scbench/core';
import { kmeans, pca } from '@scbench/numerics';
import { cachedEncoder, useLiteEncoder, type CachedEncoder, type TextEncoder } from '@scbench/text-encoder';

export interface GeneptDeps {
  /** The sentence encoder (loaded once per process); default the bundled offline USE-lite. */
  readonly encoder: () => Promise<TextEncoder>;
  /** Gene-name resolution (symbols for the sentence, coverage); default the bundled NCBI knowledge. */
  readonly describer?: GeneDescriber;
}

let bundled: Promise<TextEncoder> | null = null;
/**
 * The bundled offline encoder (USE-lite) behind the per-text disk cache ($SCBENCH_CACHE/text), loaded on first use
 * and shared by every run of this process. The per-text cache shares gene descriptions across datasets and keeps
 * the work of an interrupted first run; ctx.cache (used inside semanticView) then skips the encoder altogether.
 */
export function bundledEncoder(): Promise<TextEncoder> {
  bundled ??= useLiteEncoder().then((e) => cachedEncoder(e));
  return bundled;
}

/** Texts the model itself embedded (cache misses) since `before`, when the encoder is a cached one. */
function modelMisses(encoder: TextEncoder, before: number): number | null {
  const stats = (encoder as Partial<CachedEncoder>).stats;
  return stats ? stats.misses - before : null;
}

/** GenePT-s's sentence prefix (yiqunchen/GenePT). */
export const GENEPT_S_PREFIX = 'A cell with genes ranked by expression: ';

/**
 * GenePT-s (Chen & Zou 2024; METHODS.md §5.20): each cell is the embedding of the sentence "A cell with genes
 * ranked by expression: " + its expressed gene symbols, highest first (top 1000) — path 2 of the scLLM-DSC semantic
 * view alone — then PCA 50 → k-means++ (n_init 20). Fidelity and deviations: README.md.
 */
export function makeGeneptS(deps: GeneptDeps) {
  return defineMethod({
    id: 'genept-s',
    label: 'GenePT-s',
    summary: 'embedding of the cell sentence "genes ranked by expression" (local encoder) → PCA 50 → k-means++ (n_init 20)',
    reference: {
      paper: 'Chen & Zou. Simple and effective embedding model for single-cell biology built from ChatGPT. Nature Biomedical Engineering 2024 (GenePT)',
      url: 'https://doi.org/10.1038/s41551-024-01284-6',
      repo: 'yiqunchen/GenePT',
    },
    kind: 'text',
    needs: { geneNames: true },
    defaults: { topK: 1000, prefix: GENEPT_S_PREFIX, normalise: true, nPcs: 50, nInit: 20, maxIter: 300 },
    smoke: { nInit: 3 },
    run: async (data: Dataset, p, ctx: Context) => {
      requireGeneNames(data); // fail on a dataset without names or species before loading the model
      const encoder = await deps.encoder();
      const missesBefore = (encoder as Partial<CachedEncoder>).stats?.misses ?? 0;
      const view = await semanticView(
        data,
        { paths: 'sentence', sentence: 'names', topK: p.topK, sentencePrefix: p.prefix, normalise: p.normalise },
        { encoder, cache: ctx.cache, progress: ctx.progress, log: ctx.log, signal: ctx.signal, ...(deps.describer ? { describer: deps.describer } : {}) },
      );
      ctx.progress('pca', 0, 2);
      const { scores } = pca(view.z, Math.min(p.nPcs, view.z.rows - 1, view.z.cols), { seed: ctx.seed });
      ctx.progress('k-means', 1, 2);
      const km = kmeans(scores, data.nClusters, { nInit: p.nInit, maxIter: p.maxIter, seed: ctx.seed });
      ctx.log('kmeans', { inertia: km.inertia, iterations: km.iterations });
      const misses = modelMisses(encoder, missesBefore);
      return { labels: km.labels, embedding: scores, info: { ...view.info, ...(misses === null ? {} : { textModelCalls: misses }) } };
    },
  });
}

export const geneptS = makeGeneptS({ encoder: bundledEncoder });
