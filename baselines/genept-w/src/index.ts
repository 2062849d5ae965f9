import { defineMethod, type Context, type Dataset } from '@scbench/api';
import { requireGeneNames, semanticView, type GeneDescriber } from '@scbench/core';
import { kmeans, pca } from '@scbench/numerics';
import { cachedEncoder, useLiteEncoder, type CachedEncoder, type TextEncoder } from '@scbench/text-encoder';

export interface GeneptDeps {
  /** The sentence encoder (loaded once per process); default the bundled offline USE-lite. */
  readonly encoder: () => Promise<TextEncoder>;
  /** Gene descriptions; default the bundled NCBI knowledge (tests inject a fake). */
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

/**
 * GenePT-w (Chen & Zou 2024; METHODS.md §5.20): each cell is the expression-weighted average of its genes'
 * description embeddings — path 1 of the scLLM-DSC semantic view alone — then PCA 50 → k-means++ (n_init 20).
 * It shows what the gene-knowledge text view achieves without the expression autoencoder.
 * Fidelity and deviations: README.md.
 */
export function makeGeneptW(deps: GeneptDeps) {
  return defineMethod({
    id: 'genept-w',
    label: 'GenePT-w',
    summary: 'expression-weighted mean of gene-description embeddings (local encoder) → PCA 50 → k-means++ (n_init 20)',
    reference: {
      paper: 'Chen & Zou. Simple and effective embedding model for single-cell biology built from ChatGPT. Nature Biomedical Engineering 2024 (GenePT)',
      url: 'https://doi.org/10.1038/s41551-024-01284-6',
      repo: 'yiqunchen/GenePT',
    },
    kind: 'text',
    needs: { geneNames: true },
    // topK 0 = every expressed gene, as GenePT-w's X · E uses all genes.
    defaults: { topK: 0, template: 'default', normalise: true, nPcs: 50, nInit: 20, maxIter: 300 },
    smoke: { nInit: 3 },
    run: async (data: Dataset, p, ctx: Context) => {
      requireGeneNames(data); // fail on a dataset without names or species before loading the model
      const encoder = await deps.encoder();
      const missesBefore = (encoder as Partial<CachedEncoder>).stats?.misses ?? 0;
      const view = await semanticView(
        data,
        { paths: 'weighted', weighting: 'mean', topK: p.topK, template: p.template, normalise: p.normalise },
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

export const geneptW = makeGeneptW({ encoder: bundledEncoder });
