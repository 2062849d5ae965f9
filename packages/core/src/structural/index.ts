/**
 * The structural view (scCDCG backbone, reused by scLLM-DSC): input, graphs, autoencoder, loss terms,
 * per-epoch clustering, the Sinkhorn target and the two-stage training loop. See each file for fidelity notes.
 */
export { structuralInput, INPUT_TRANSFORMS, type InputTransform, type StructuralInput, type StructuralInputOptions } from './preprocess.ts';
export {
  structuralGraph, originalGraphForm, knnCosineAdjacency, inverseRowNorms, invSqrtDegrees, DENSE_MAX_CELLS,
  type GraphForm, type GraphInfo, type GraphOptions, type StructuralGraph,
} from './graphs.ts';
export { mixGraphs } from './mixed-graph.ts';
export { initialiseAsPca, AUTOENCODER_INITS, type AutoencoderInit } from './pca-init.ts';
export { structuralParamRules, type StructuralWeightDefaults } from './param-rules.ts';
export { structuralAutoencoder, inputStats, type AutoencoderOptions, type InputStats, type StructuralAutoencoder } from './model.ts';
export {
  normaliseEmbedding, graphTrace, targetLoss, entropyTerm, spectralParts, weightedTotal,
  type KlForm, type KlReduction, type Normalisation, type StructuralWeights,
} from './losses.ts';
export { refreshClusters, matchClusters, clusterSizes, type ClusterRefresh, type ClusterState, type RefreshOptions } from './clusters.ts';
export { refreshesTarget, sinkhornTarget, type TargetSchedule } from './target.ts';
export {
  trainStructural, type PretrainCheckpoint, type StructuralHooks, type StructuralResult, type StructuralTrainOptions,
  type TrainStepView,
} from './train.ts';
