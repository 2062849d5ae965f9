import { defineMethod, defineParams, nonNegativeInt, text } from '@scbench/api';
import { clusterSemanticView, encoderFor, parseEncoderSpec, TEXT_CLUSTERING_RULES, type TextClusteringDeps } from '@scbench/core';

/** Encoder and describer, injectable for tests. */
export type GeneptDeps = TextClusteringDeps;

/** GenePT-s's sentence prefix (yiqunchen/GenePT). */
export const GENEPT_S_PREFIX = 'A cell with genes ranked by expression: ';

const PARAMS = defineParams({
  ...TEXT_CLUSTERING_RULES,
  /** Genes in the cell sentence, highest expression first (0 = every expressed gene). */
  topK: nonNegativeInt(1000),
  prefix: text(GENEPT_S_PREFIX),
});

/**
 * GenePT-s (Chen & Zou 2024; METHODS.md §5.20): each cell is the embedding of the sentence "A cell with genes
 * ranked by expression: " + its expressed gene symbols, highest first (top 1000) — path 2 of the scLLM-DSC semantic
 * view alone — then PCA 50 → k-means++ (n_init 20). Fidelity and deviations: README.md.
 */
export function makeGeneptS(deps: GeneptDeps) {
  return defineMethod({
    id: 'genept-s',
    label: 'GenePT-s',
    summary: 'embedding of the cell sentence "genes ranked by expression" (USE-lite unless `encoder` says otherwise) → PCA 50 → k-means++ (n_init 20)',
    reference: {
      paper: 'Chen & Zou. Simple and effective embedding model for single-cell biology built from ChatGPT. Nature Biomedical Engineering 2024 (GenePT)',
      url: 'https://doi.org/10.1038/s41551-024-01284-6',
      repo: 'yiqunchen/GenePT',
    },
    kind: 'text',
    needs: { geneNames: true },
    defaults: PARAMS.defaults,
    paramRules: PARAMS.rules,
    smoke: { nInit: 3 },
    checkParams: (p) => void parseEncoderSpec(p.encoder, 'genept-s'),
    run: async (data, p, ctx) =>
      clusterSemanticView(data, { paths: 'sentence', sentence: 'names', topK: p.topK, sentencePrefix: p.prefix, normalise: p.normalise }, p, ctx, deps),
  });
}

export const geneptS = makeGeneptS({ encoder: encoderFor });
