/**
 * @scbench/engine — the only place tfjs (and, with text-encoder, onnxruntime) is used.
 * Call `initEngine()` once before building layers; everything else is pure functions of tensors, layer
 * constructors, optimisers and one `fit()` loop.
 */
import * as tf from '@tensorflow/tfjs';

export { tf };
export { initEngine, engineBackend, cpuThreads, BACKENDS, type BackendName, type EngineOptions } from './backend.ts';
export { toTensor, toMatrix, densify, readNow, rowArgmax } from './tensors.ts';
export { stopGradient } from './stop-gradient.ts';
export { loadLocalGraphModel, fileGraphModelHandler, type LocalGraphModel, type GraphInput, type GraphOutput } from './graph-model.ts';
export { sparseMatrix, spmm, type SparseMatrix } from './sparse.ts';
export { engineKnn, engineRowProducts } from './knn.ts';

export { type Module, type Layer, type ApplyOptions, variablesOf, disposeModules } from './layers/layer.ts';
export { type Activation, activate } from './layers/activation.ts';
export { type Init } from './layers/init.ts';
export { dense, type Dense, type DenseOptions } from './layers/dense.ts';
export { denseStack, type Stack, type StackOptions } from './layers/stack.ts';
export { layerSizes, isLayerSizes } from './layers/layer-sizes.ts';
export { batchNorm, type BatchNormOptions } from './layers/batch-norm.ts';
export { layerNorm } from './layers/layer-norm.ts';
export { dropout, gaussianNoise } from './layers/stochastic.ts';
export { clampedExp } from './layers/clamped-exp.ts';
export { zinbDecoder, MEAN_RANGE, DISPERSION_RANGE, type ZinbDecoder, type ZinbOutput } from './layers/zinb-decoder.ts';
export { zinbAutoencoder, type ZinbAutoencoder, type ZinbAutoencoderOptions } from './layers/zinb-autoencoder.ts';
export { gcn, propagate, type GraphLayer, type Adjacency, type GcnOptions } from './layers/gcn.ts';
export { gat, edgeList, type GatLayer, type GatOptions, type EdgeList } from './layers/gat.ts';
export { crossAttention, type CrossAttention, type CrossAttentionOptions } from './layers/cross-attention.ts';

export { mse, bce, bceWithLogits } from './losses/reconstruction.ts';
export { lgamma } from './losses/lgamma.ts';
export { nbNll, zinbNll, type CountOptions, type ZinbOptions } from './losses/count-likelihood.ts';
export { studentT, decTarget, klDivergence, squaredDistances } from './losses/clustering.ts';
export { infoNce, varianceRegulariser, l2NormalizeRows, l2NormalizeCols } from './losses/contrastive.ts';
export { ncutTrace, orthogonality } from './losses/spectral.ts';
export { softKmeans, softKmeansWeights, pairwiseSquaredDistances } from './losses/soft-kmeans.ts';
export { neighbourContrastive, memoryBank, type MemoryBank } from './losses/neighbour-contrastive.ts';
export { cellStudentTKl } from './losses/cell-similarity.ts';

export { createOptimizer, type Optimizer, type OptimizerSpec } from './optim/optimizer.ts';
export { fit, type FitOptions, type FitReport, type Phase, type PhaseReport, type LossFn, type LossParts, type Step, type EpochEnd } from './train/fit.ts';
export { predict, predictTensor, type Forward } from './train/predict.ts';
export { recomputed, recomputedRowChunks } from './train/recompute.ts';
export { decStage, type DecStageOptions, type DecStageResult, type DecTraining } from './train/dec-stage.ts';
export { gcnVae, type GcnVae } from './layers/gcn-vae.ts';
export { innerProductDenseLoss, innerProductPairLoss, innerProductWeights, pairDots, samplePairs, gaeKl, type PairSample } from './losses/inner-product.ts';
export { gcnVaeEmbedding, gcnNormalize, undirectedEdges, type GcnVaeEmbeddingOptions, type GcnVaeEmbeddingResult } from './train/gcn-vae-embedding.ts';
