// The semantic view of scLLM-DSC: gene-description and cell-sentence embeddings (METHODS.md §3.2–3.5).
export { semanticView, requireGeneNames, SEMANTIC_DEFAULTS, SEMANTIC_PAPER } from './semantic-view.ts';
export type { SemanticOptions, SemanticDeps, SemanticView, SemanticCoverage } from './semantic-view.ts';
export { SemanticViewError, type SemanticViewReason } from './errors.ts';
export { knowledgeDescriber, datasetSpecies, type GeneDescriber, type GeneDescriptions, type KnowledgeDescriberOptions } from './gene-descriptions.ts';
export { geneEmbeddings, type GeneEmbeddings, type GeneEmbeddingDeps } from './gene-embeddings.ts';
export { topGenes, type TopGenes, type TopGenesOptions } from './top-genes.ts';
export { geneVectors, GENE_VECTORS, WHITEN_DIMS, type GeneVectors, type GeneVectorMatrix } from './gene-vectors.ts';
export { weightedPath, type Weighting, type WeightedPath } from './weighted-path.ts';
export { sentencePath, cellSentences, nameSentence, paperSentence, chunkAtCommas, PAPER_CHUNK_CHARS, type SentenceMode, type SentencePath } from './sentence-path.ts';
export { fuse } from './fuse.ts';
export { normalisedWeights, weightTransform, NORMALISED_TARGET_SUM } from './expression-weights.ts';
export { embedTexts, hashTexts, noCache, type CacheFn, type Embedded } from './embed-texts.ts';
export { formatSignificant, paperWeight } from './sig-digits.ts';
// Test doubles for methods' tests (as @scbench/api exports testContext).
export { fakeEncoder, nameDescriber, type FakeEncoder } from './testing.ts';
export { bundledEncoder } from './bundled-encoder.ts';
export { encoderFor, parseEncoderSpec, ENCODER_FORMS, type EncoderSpec } from './encoder-choice.ts';
export { clusterSemanticView, TEXT_CLUSTERING_RULES, type TextClusteringDeps, type TextClusteringParams } from './text-clustering.ts';
export { knowledgeEncoder, isGeneKnowledgeEncoder, clearKnowledgeModels, KNOWLEDGE_ENCODERS, KNOWLEDGE_DIMS, MODEL_VERSION, type GeneKnowledgeEncoder, type GeneKnowledgeVectors, type KnowledgeEncoderName, type KnowledgeEncoderOptions } from './knowledge-encoder.ts';
export { fitTfidfSvd, foldIn, tfidfRow, wordTokens, type TfidfSvdModel, type TfidfSvdOptions } from './tfidf-svd.ts';
export { rankMeanPath } from './rank-mean-path.ts';
export { defaultModelDir } from './knowledge-model-store.ts';
