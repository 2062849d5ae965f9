import { flag, positiveInt, text, type Clustering, type Context, type Dataset, type ParamValue } from '@scbench/api';
import { kmeans, pca } from '@scbench/numerics';
import type { CachedEncoder, TextEncoder } from '@scbench/text-encoder';
import type { GeneDescriber } from './gene-descriptions.ts';
import { requireGeneNames, semanticView, type SemanticOptions } from './semantic-view.ts';

export interface TextClusteringDeps {
  /** The sentence encoder the `encoder` parameter names (loaded once per process); methods pass `encoderFor`. */
  readonly encoder: (spec: string) => Promise<TextEncoder>;
  /** Gene descriptions / name resolution; default the bundled NCBI knowledge (tests inject a fake). */
  readonly describer?: GeneDescriber;
}

export interface TextClusteringParams {
  /** Which sentence encoder: one of encoder-choice.ts's `ENCODER_FORMS` ('use-lite' by default). */
  readonly encoder: string;
  readonly nPcs: number;
  readonly nInit: number;
  readonly maxIter: number;
}

/**
 * The parameter rules every text-only baseline shares (api `defineParams`): the encoder (its form is checked by
 * `parseEncoderSpec` in the method's `checkParams`), whether the view's rows are unit-normalised, PCA and k-means.
 */
export const TEXT_CLUSTERING_RULES = {
  encoder: text('use-lite', 'an encoder spec (use-lite, go-svd, lsa, go-lsa, openai[:model], openai:<model>@<url>, onnx:<folder>)'),
  normalise: flag(true),
  nPcs: positiveInt(50),
  nInit: positiveInt(20),
  maxIter: positiveInt(300),
};

/**
 * The text-only baselines' pipeline (GenePT-style): semantic view → PCA (capped at cells − 1 and dims) →
 * k-means++ with restarts. `info` carries the view's coverage and, for a cached encoder, how many texts the model
 * itself embedded (0 on a fully cached re-run).
 */
export async function clusterSemanticView(data: Dataset, view: Partial<SemanticOptions>, p: TextClusteringParams, ctx: Context, deps: TextClusteringDeps): Promise<Clustering> {
  requireGeneNames(data); // fail on a dataset without names or species before loading the model
  const encoder = await deps.encoder(p.encoder);
  const stats = (encoder as Partial<CachedEncoder>).stats;
  const missesBefore = stats?.misses ?? 0;
  const semantic = await semanticView(data, view, {
    encoder, cache: ctx.cache, progress: ctx.progress, log: ctx.log, signal: ctx.signal,
    ...(deps.describer ? { describer: deps.describer } : {}),
  });
  ctx.progress('pca', 0, 2);
  const { scores } = pca(semantic.z, Math.min(p.nPcs, semantic.z.rows - 1, semantic.z.cols), { seed: ctx.seed });
  ctx.progress('k-means', 1, 2);
  const km = kmeans(scores, data.nClusters, { nInit: p.nInit, maxIter: p.maxIter, seed: ctx.seed });
  ctx.log('kmeans', { inertia: km.inertia, iterations: km.iterations });
  const info: Record<string, ParamValue> = { ...semantic.info };
  if (stats) info.textModelCalls = stats.misses - missesBefore;
  return { labels: km.labels, embedding: scores, info };
}
