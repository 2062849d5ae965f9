/**
 * scLLM-DSC's parameters: the flat defaults a run can override, the two mode presets, and the resolution of the
 * one into concrete settings. One code path, switches not forks: every fault of the released code (METHODS.md
 * §3.12, §6) is one switch, `mode` picks a preset for all of them, and any switch set to something other than
 * 'auto' overrides the preset — so the report can show what each fix is worth on its own.
 *
 * | switch            | paper (MIKUAFANS/scLLM-DSC @ 2c2d905)        | corrected (default)                       | §       |
 * |-------------------|----------------------------------------------|-------------------------------------------|---------|
 * | heads             | 'frozen': not in the optimiser (bug 1)       | 'trained'                                 | 6.1     |
 * | targetSchedule    | 'paper': P refreshed at epochs 1–9 only      | 'every10', with Hungarian cluster matching | 6.2     |
 * | qSpace            | 'fused': Q on Z while centres come from z_f  | = clusterSpace (one space)                | 6.3     |
 * | klForm            | 'paper': KLDivLoss(Q, P) on probabilities    | 'kl': KL(P‖Q) with log Q                  | 6.4     |
 * | trainNormalise    | 'row' in the NCut/orthogonality terms        | 'row+column' (as pre-train and scCDCG)    | 6.5     |
 * | clusterSpace      | 'zf': k-means and read-out on z_f            | 'fused': on Z = ½(Ẑf + Ẑt)                | 6.6     |
 * | projDim           | 16 (`embedding_num` passed as proj_dim)      | 128 (the paper)                           | 6.8     |
 * | textFusion        | 'raw': ω·Z⁽¹⁾ + (1−ω)·Z⁽²⁾ unnormalised       | 'normalised': unit rows before fusing     | 6.10    |
 * | textWeighting     | 'paper': int(value) × e, summed              | 'mean': normalised-weight mean            | 3.4     |
 * | sentence          | 'paper': "SYMBOL:value" 8000-char chunks     | 'names': symbols in rank order            | 3.3     |
 * | template          | 'paper': original fields, Organism twice     | 'default'                                 | 6.11    |
 * | clusterRefresh    | 'restart': k-means n_init 20 every epoch     | 'warm': Lloyd from last centres + matching | 3.8     |
 * | input             | 'raw' counts                                 | see CORRECTED.input                       | 3.6     |
 * | klReduction       | 'sum' over cells (N× the other terms)         | 'batchmean'                               | 3.8     |
 * | textStandardise   | off: text head fed the raw view               | on: view columns centred + scaled         | 3.7     |
 * | deflate           | off: −tr(zᵀMz) rewards the trivial eigvector | on: trivial eigenvectors removed from M   | 4.6     |
 * | anchor            | 'none': L_CL moves encoder and both heads    | 'structure': Ẑf a fixed target of L_CL    | 3.7     |
 * | textShare         | ½: Z = ½(Ẑf + Ẑt)                            | 0.2: Z = 0.8·Ẑf + 0.2·Ẑt                  | 3.7     |
 * | headInput         | 'row': the structural head reads rows(h)     | 'row' ('z' measured, not better)          | 3.7     |
 * | structHead        | 'mlp': Linear → ReLU → Linear on z_f          | see CORRECTED.structHead                  | 3.7     |
 * | graph             | complete cosine graphs (exact, factored)     | kNN graphs (k 15), see chooseGraphForm    | 3.6     |
 * | aeInit            | 'random' (PyTorch's init)                    | 'pca' (linear AE only), see CORRECTED     | 6.16    |
 * | geneVectors       | 'encoder': path 1 sums the embeddings as is  | see CORRECTED.geneVectors                 | 3.4     |
 *
 * The loss weights are the code's hard-coded set (§3.8) in both modes, but here they are parameters (§6 bug 9 is
 * that the CLI could not change them). Nothing comes from the labels except k (from the dataset).
 */
import { autoOr, choice, defineParams, flag, inRange, nonNegativeInt, positiveInt, real, text } from '@scbench/api';
import type { Activation } from '@scbench/engine';
import { AUTOENCODER_INITS, INPUT_TRANSFORMS, originalGraphForm, structuralParamRules, type AutoencoderInit, type Normalisation, type KlForm, type ClusterRefresh, type TargetSchedule, type InputTransform, type GraphForm, type KlReduction } from '../structural/index.ts';
import { GENE_VECTORS, type GeneVectors, type SemanticOptions } from '../semantic/index.ts';
import type { AlignAnchor, HeadInput, StructHead } from './alignment.ts';

export type Mode = 'corrected' | 'paper';
export type Space = 'zf' | 'fused';

/** The autoencoder activations the engine has (engine `Activation`). */
const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'leakyrelu', 'softplus', 'mish', 'selu'] as const satisfies readonly Activation[];

/**
 * Flat primitive parameters (`--set scllm-dsc.key=value`), each with its rule (api `defineParams`): the type, the
 * allowed values and the default. 'auto' = what the mode says. The runner checks every value against its rule before
 * any data loads, and `run` checks again for callers that bypass the runner; nothing below re-validates.
 */
export const SCLLM_PARAMS = defineParams({
  /** Preset for every switch below left at 'auto'. */
  mode: choice(['corrected', 'paper']),
  // ---- switches (each 'auto' or an explicit value; see the table above)
  heads: choice(['auto', 'trained', 'frozen']),
  targetSchedule: choice(['auto', 'paper', 'every10']),
  klForm: choice(['auto', 'paper', 'kl']),
  qSpace: choice(['auto', 'zf', 'fused']),
  clusterSpace: choice(['auto', 'zf', 'fused']),
  trainNormalise: choice(['auto', 'row', 'row+column', 'column']),
  /** Projection width; 'auto' = 16 (paper) or 128 (corrected); or a positive integer. */
  projDim: autoOr(positiveInt(128)),
  textFusion: choice(['auto', 'raw', 'normalised']),
  textWeighting: choice(['auto', 'paper', 'mean']),
  sentence: choice(['auto', 'paper', 'names']),
  /** 'auto', a built-in template name (knowledge BUILTIN_TEMPLATES) or a path to a template .json file. */
  template: text('auto', "'auto', a template name or a template .json path", (v) => v !== ''),
  clusterRefresh: choice(['auto', 'restart', 'warm']),
  input: choice(['auto', ...INPUT_TRANSFORMS]),
  /** Remove the normalised graphs' trivial eigenvectors from the NCut term (graphs.ts). */
  deflate: choice(['auto', 'on', 'off']),
  /** The KL term's reduction over cells. */
  klReduction: choice(['auto', 'sum', 'batchmean']),
  /** Centre and scale the semantic view's columns before the text head (alignment.ts). */
  textStandardise: choice(['auto', 'on', 'off']),
  /** Whether L_CL's gradient reaches the structural side (alignment.ts). */
  anchor: choice(['auto', 'none', 'encoder', 'structure']),
  /** input 'hvg-log' / 'hvg-scaled': number of highly variable genes kept for the structural view. */
  hvg: positiveInt(2000),
  /** Autoencoder activation: 'auto' = 'linear' (both originals, §6 bug 16). */
  activation: choice(['auto', ...ACTIVATIONS]),
  /** 'random' (PyTorch's init, the original) or 'pca' (the linear AE's MSE optimum; structural/pca-init.ts). */
  aeInit: choice(['auto', ...AUTOENCODER_INITS]),
  /** What path 1 sums per gene: 'encoder', 'whitened' or 'random' (a no-knowledge control; semantic/gene-vectors.ts). */
  geneVectors: choice(['auto', ...GENE_VECTORS]),
  /**
   * The sentence encoder of the semantic view (semantic/encoder-choice.ts): 'use-lite' (bundled, offline; the
   * default in both modes), 'openai[:model]' (the paper's text-embedding-3-small; needs OPENAI_API_KEY and the
   * network), 'openai:<model>@<server URL>' (an OpenAI-compatible server) or 'onnx:<folder>' (a sentence-transformer
   * exported to ONNX), or 'go-svd' | 'lsa' | 'go-lsa' (gene vectors learned offline from the NCBI tables,
   * semantic/knowledge-encoder.ts). Its form is checked by `checkParams` (parseEncoderSpec).
   */
  encoder: text('use-lite', 'an encoder spec'),
  // ---- ablations (the paper's: no semantic view, one path only, no NCut, no KL/OT, no alignment)
  /** 'off': structural only (also forced off, and recorded, on datasets without gene names/species). */
  semantic: choice(['on', 'off']),
  /** 'both', 'weighted' (path 1 only) or 'sentence' (path 2 only). */
  paths: choice(['both', 'weighted', 'sentence']),
  ncut: flag(true),
  kl: flag(true),
  align: flag(true),
  // ---- read-out
  /** Final labels: 'kmeans' (the per-epoch k-means of the last epoch) or 'leiden' (resolution searched to hit k). */
  readout: choice(['kmeans', 'leiden']),
  // ---- hyperparameters (the code's hard-coded set, main_AE.py lines 110–117)
  ...structuralParamRules({ lr: 1e-3, weightDecay: 1e-4, balancer: 0.21, fOrt: 0.32, fKl: 0.32 }),
  fMse: real(0.3, { min: 0 }),
  fNcut: real(0.15, { min: 0 }),
  fCl: real(0.3, { min: 0 }),
  tau: real(0.1, { above: 0 }),
  varReg: real(1e-2, { min: 0 }),
  omega: inRange(0.5, 0, 1),
  /** What the structural head reads (alignment.ts). */
  headInput: choice(['auto', 'row', 'z']),
  /** 'mlp' (the paper's projection head) or 'identity' (Ẑf = z_f; alignment.ts). */
  structHead: choice(['auto', 'mlp', 'identity']),
  /** β, the text head's share in the read-out Z = (1 − β)·Ẑf + β·Ẑt: 'auto' = ½ (paper) or 0.2 (corrected). */
  textShare: autoOr(inRange(0.2, 0, 1)),
  topK: nonNegativeInt(2048),
  // The original's best-ACC pre-train checkpoint needs labels (§6 leakage 1): 'last' or 'min-loss' only.
  /**
   * γ in [0, 1): mix a kNN graph of the semantic view into the NCut operator, M ← (1 − γ)·M + γ·M_text (README
   * "Quality" item 18). 0 (the default) is the paper's structural graph alone; no effect without a semantic view.
   */
  textGraph: real(0, { min: 0, below: 1 }),
  /** InfoNCE on a random subset of at most this many cells per epoch (the N×N similarity); 0 = all cells. */
  alignMaxCells: nonNegativeInt(4096),
});

export const SCLLM_DEFAULTS = SCLLM_PARAMS.defaults;

export type ScllmParams = typeof SCLLM_DEFAULTS;

/** Concrete settings after the preset and the overrides. */
export interface Resolved {
  mode: Mode;
  headsTrained: boolean;
  targetSchedule: TargetSchedule;
  klForm: KlForm;
  qSpace: Space;
  clusterSpace: Space;
  trainNormalise: Normalisation;
  projDim: number;
  textFusion: 'raw' | 'normalised';
  textWeighting: SemanticOptions['weighting'];
  sentence: SemanticOptions['sentence'];
  template: string;
  clusterRefresh: ClusterRefresh;
  matchClusters: boolean;
  input: InputTransform;
  deflate: boolean;
  klReduction: KlReduction;
  textStandardise: boolean;
  anchor: AlignAnchor;
  headInput: HeadInput;
  structHead: StructHead;
  textShare: number;
  activation: Activation;
  aeInit: AutoencoderInit;
  geneVectors: GeneVectors;
}

type Preset = Omit<Resolved, 'mode' | 'qSpace'> & { qSpace: Space | 'same' };

/** The released code, faults included. */
export const PAPER: Preset = {
  headsTrained: false,
  targetSchedule: 'paper',
  klForm: 'paper',
  qSpace: 'fused',
  clusterSpace: 'zf',
  trainNormalise: 'row',
  projDim: 16,
  textFusion: 'raw',
  textWeighting: 'paper',
  sentence: 'paper',
  template: 'paper',
  clusterRefresh: 'restart',
  matchClusters: false,
  input: 'raw',
  deflate: false,
  klReduction: 'sum',
  textStandardise: false,
  anchor: 'none',
  headInput: 'row',
  structHead: 'mlp',
  textShare: 0.5,
  activation: 'linear',
  aeInit: 'random',
  geneVectors: 'encoder',
};

/** Each fault fixed. */
export const CORRECTED: Preset = {
  headsTrained: true,
  targetSchedule: 'every10',
  klForm: 'kl',
  qSpace: 'same',
  clusterSpace: 'fused',
  trainNormalise: 'row+column',
  projDim: 128,
  textFusion: 'normalised',
  textWeighting: 'mean',
  sentence: 'names',
  template: 'default',
  clusterRefresh: 'warm',
  matchClusters: true,
  // Raw counts into a linear AE: library size dominates the code. Scanpy's full recipe, scaling included — the input
  // pca-kmeans clusters. With 'aeInit' below: pbmc3k 0.595 → 0.665, baron 0.648 → 0.665, mixology 0.933 → 0.955,
  // cbmc 0.636 → 0.623; held out, chetah_headneck 0.545 → 0.848 (seeds 0–1; reports/findings, bf380d2). Signed
  // values: kNN graph only ('graph=factored' needs 'input=hvg-log').
  input: 'hvg-scaled',
  // Without it the NCut term turns z toward D^{1/2}·1 and the embedding collapses during training (graphs.ts).
  deflate: true,
  // With 'sum' the KL term outweighs MSE, NCut and InfoNCE together by ~100× at 2.6k cells (losses.ts).
  klReduction: 'batchmean',
  // Raw, the text view is one shared direction plus small offsets and InfoNCE never leaves log N (alignment.ts).
  textStandardise: true,
  // Fed a text view weaker than the expression (USE-lite: GenePT-w ARI 0.20–0.35), the symmetric InfoNCE keeps
  // only what both views share and drags z_f to the text geometry (mixology: 0.97 → 0.45 on z_f;
  // reports/findings, 331f6c1).
  anchor: 'structure',
  headInput: 'row',
  // With Ẑf a fixed target (anchor 'structure') a learned structural head only adds a map the KL term bends, and its
  // unit sphere drops the code's radial part: baron 0.578 → 0.651, pbmc3k 0.540 → 0.606 (seed 0;
  // reports/findings, e47f095).
  structHead: 'identity',
  // The USE-lite text view carries less cell-type signal than the expression (alone: ARI 0.20–0.39); at ½ it
  // halves the read-out's contrast (mixology 0.57 at ½, 0.90 at 0.2; reports/findings, 331f6c1).
  textShare: 0.2,
  activation: 'linear',
  // Start the linear AE at its MSE optimum (the top-16 principal subspace of the scaled input) rather than where
  // 200 epochs of Adam from a random init do not reach (baron: 0.64 vs 0.80 for PCA 16;
  // reports/findings, 026f8f0 and bf380d2).
  // 'auto' falls back to 'random' for a non-linear AE, which has no closed-form optimum.
  aeInit: 'pca',
  geneVectors: 'encoder',
};

/** A switch's explicit value, or the preset's when it is 'auto'. Values are valid already (SCLLM_PARAMS' rules). */
function orPreset<T>(v: T | 'auto', preset: T): T {
  return v === 'auto' ? preset : v;
}

/** The mode preset first, then every switch that is not 'auto'. */
export function resolveSwitches(p: Pick<ScllmParams, 'mode' | 'heads' | 'targetSchedule' | 'klForm' | 'qSpace' | 'clusterSpace' | 'trainNormalise' |
  'projDim' | 'textFusion' | 'textWeighting' | 'sentence' | 'template' | 'clusterRefresh' | 'input' | 'deflate' | 'klReduction' | 'textStandardise' | 'anchor' | 'headInput' | 'structHead' | 'textShare' | 'activation' | 'aeInit' | 'geneVectors'>): Resolved {
  const mode: Mode = p.mode;
  const pre = mode === 'paper' ? PAPER : CORRECTED;
  const clusterSpace = orPreset(p.clusterSpace, pre.clusterSpace);
  const qSpace = p.qSpace === 'auto' && pre.qSpace === 'same' ? clusterSpace : orPreset(p.qSpace, pre.qSpace as Space);
  const clusterRefresh = orPreset(p.clusterRefresh, pre.clusterRefresh);
  const targetSchedule = orPreset(p.targetSchedule, pre.targetSchedule);
  const activation = orPreset(p.activation, pre.activation);
  const onOff = (v: 'auto' | 'on' | 'off', preset: boolean): boolean => orPreset(v, preset ? 'on' : 'off') === 'on';
  return {
    mode,
    headsTrained: orPreset(p.heads, pre.headsTrained ? 'trained' : 'frozen') === 'trained',
    targetSchedule,
    klForm: orPreset(p.klForm, pre.klForm),
    qSpace,
    clusterSpace,
    trainNormalise: orPreset(p.trainNormalise, pre.trainNormalise),
    projDim: orPreset(p.projDim, pre.projDim),
    textFusion: orPreset(p.textFusion, pre.textFusion),
    textWeighting: orPreset(p.textWeighting, pre.textWeighting),
    sentence: orPreset(p.sentence, pre.sentence),
    template: orPreset(p.template, pre.template),
    clusterRefresh,
    // A refresh every 10 epochs needs stable cluster indices between refreshes; a restart every epoch under the
    // paper's frozen target is the original's label switching (kept in paper mode).
    matchClusters: targetSchedule === 'every10' || clusterRefresh === 'warm',
    input: orPreset(p.input, pre.input),
    deflate: onOff(p.deflate, pre.deflate),
    klReduction: orPreset(p.klReduction, pre.klReduction),
    textStandardise: onOff(p.textStandardise, pre.textStandardise),
    anchor: orPreset(p.anchor, pre.anchor),
    headInput: orPreset(p.headInput, pre.headInput),
    structHead: orPreset(p.structHead, pre.structHead),
    textShare: orPreset(p.textShare, pre.textShare),
    activation,
    aeInit: orPreset(p.aeInit, activation === 'linear' ? pre.aeInit : 'random'),
    geneVectors: orPreset(p.geneVectors, pre.geneVectors),
  };
}

/**
 * 'auto' in `paper` mode: the code's complete cosine graph (the exact factored form) up to `sparseAbove` cells, the
 * kNN graph above (a deviation for scale, §7). In `corrected` mode: the kNN graph at every size — on the complete
 * graph the NCut term sees mostly global similarity, on the kNN graph the local neighbourhoods every classical
 * pipeline clusters (reports/findings, 58ac17c: +0.05 to +0.19 ARI on the four issue-5 datasets).
 */
export function chooseGraphForm(graph: ScllmParams['graph'], cells: number, sparseAbove: number, mode: Mode): GraphForm {
  return orPreset(graph, mode === 'corrected' ? 'sparse' : originalGraphForm(cells, sparseAbove));
}

/** One line per resolved switch, for records: e.g. "heads=frozen targetSchedule=paper …". */
export function describeSwitches(r: Resolved): string {
  return [
    `heads=${r.headsTrained ? 'trained' : 'frozen'}`, `target=${r.targetSchedule}`, `kl=${r.klForm}`, `q=${r.qSpace}`, `cluster=${r.clusterSpace}`,
    `norm=${r.trainNormalise}`, `proj=${r.projDim}`, `fusion=${r.textFusion}`, `weighting=${r.textWeighting}`, `sentence=${r.sentence}`,
    `template=${r.template}`, `refresh=${r.clusterRefresh}${r.matchClusters ? '+match' : ''}`, `input=${r.input}`, `deflate=${r.deflate ? 'on' : 'off'}`, `klReduction=${r.klReduction}`, `textStd=${r.textStandardise ? 'on' : 'off'}`, `anchor=${r.anchor}`, `headInput=${r.headInput}`, `structHead=${r.structHead}`, `textShare=${r.textShare}`, `ae=${r.activation}`, `aeInit=${r.aeInit}`, `geneVectors=${r.geneVectors}`,
  ].join(' ');
}
