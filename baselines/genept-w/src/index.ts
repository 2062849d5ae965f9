import { defineMethod, defineParams, nonNegativeInt, text } from '@scbench/api';
import { clusterSemanticView, encoderFor, parseEncoderSpec, TEXT_CLUSTERING_RULES, type TextClusteringDeps } from '@scbench/core';

/** Encoder and describer, injectable for tests. */
export type GeneptDeps = TextClusteringDeps;

const PARAMS = defineParams({
  ...TEXT_CLUSTERING_RULES,
  // topK 0 = every expressed gene, as GenePT-w's X · E uses all genes.
  topK: nonNegativeInt(0),
  /** A built-in template name or a path to a template .json file (knowledge `loadTemplate`). */
  template: text('default', 'a template name or a template .json path', (v) => v !== ''),
});

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
    summary: 'expression-weighted mean of gene-description embeddings (USE-lite unless `encoder` says otherwise) → PCA 50 → k-means++ (n_init 20)',
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
    checkParams: (p) => void parseEncoderSpec(p.encoder, 'genept-w'),
    run: async (data, p, ctx) =>
      clusterSemanticView(data, { paths: 'weighted', weighting: 'mean', topK: p.topK, template: p.template, normalise: p.normalise }, p, ctx, deps),
  });
}

export const geneptW = makeGeneptW({ encoder: encoderFor });
