/** Benchmark helpers (`@scbench/engine/bench`): the engine's reference step and the hand-built ORT graph. */
export { engineAe, type EngineAe } from './engine-ae.ts';
export { referenceAeStep, aeStepFlops, type AeWeights, type StepRunner } from './reference-ae.ts';
export { ortThreads } from '../ort/sessions.ts';
export { zinbNllOpForm } from '../losses/zinb-op-form.ts';
export { neighbourContrastiveOpForm } from '../losses/neighbour-contrastive-op-form.ts';
