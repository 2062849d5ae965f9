/** scLLM-DSC: structural view + semantic view + cross-modal alignment (METHODS.md §3). See README.md. */
export { scllmDsc, makeScllmDsc, scllmEncoder, type ScllmDeps } from './method.ts';
export { SCLLM_DEFAULTS, PAPER, CORRECTED, resolveSwitches, describeSwitches, chooseGraphForm, type Mode, type Resolved, type ScllmParams, type Space } from './params.ts';
export { alignment, type Alignment, type AlignmentOptions } from './alignment.ts';
