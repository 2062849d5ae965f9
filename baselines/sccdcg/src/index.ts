import {
  checkParamValues, choice, defineMethod, defineParams, real, type Clustering, type Context, type Dataset,
} from '@scbench/api';
import {
  originalGraphForm, structuralGraph, structuralInput, structuralParamRules, trainStructural, DENSE_MAX_CELLS, INPUT_TRANSFORMS,
  type GraphForm, type StructuralHooks,
} from '@scbench/core/structural';
import { initEngine } from '@scbench/engine';
import { HYPER, hyperFor, type HyperKey, type ScCdcgHyper } from './hyper.ts';

/**
 * scCDCG (Xu et al., DASFAA 2024): a linear autoencoder whose 16-d code is pulled toward a relaxed normalised cut
 * of two cosine cell graphs, then self-trained against a Sinkhorn-balanced target. The structural view of
 * `@scbench/core` with the semantic view off and scCDCG's own per-dataset hyperparameters (METHODS.md §4).
 * See README.md for what matches the original and what deviates.
 */
const HYPER_KEYS = Object.keys(HYPER) as HyperKey[];

/** Each parameter's type, allowed values and default (api `defineParams`); the runner checks them before any data loads. */
const PARAMS = defineParams({
  /** 'paper': the original's schedule and terms; 'corrected': the fixes of METHODS.md §6 (see README). */
  mode: choice(['paper', 'corrected']),
  /** 'auto' (per-dataset table by id, Sonya-Liver otherwise), 'manual' (the seven values below), or a table key. */
  hyper: choice(['auto', 'manual', ...HYPER_KEYS]),
  ...structuralParamRules(HYPER.sonya_liver),
  fCorvar: real(HYPER.sonya_liver.fCorvar, { min: 0 }),
  fConstruct: real(HYPER.sonya_liver.fConstruct, { min: 0 }),
  input: choice(INPUT_TRANSFORMS, 'raw'),
});

/** auto: the exact (factored) graph up to `sparseAbove` cells, the kNN graph above. */
export function chooseGraph(graph: ScCdcgParams['graph'], cells: number, sparseAbove: number): GraphForm {
  return graph === 'auto' ? originalGraphForm(cells, sparseAbove) : graph;
}

export const sccdcg = defineMethod({
  id: 'sccdcg',
  label: 'scCDCG',
  summary: 'linear AE + normalised cut on cosine/two-hop graphs + Student-t vs Sinkhorn OT target (per-dataset hyperparameters)',
  reference: {
    paper: 'Xu, Wang, Ning, et al. scCDCG: Efficient Deep Structural Clustering for single-cell RNA-seq via Deep Cut-informed Graph Embedding. DASFAA 2024 (arXiv 2404.06167)',
    url: 'https://arxiv.org/abs/2404.06167',
    repo: 'XPgogogo/scCDCG',
    commit: '598e238ae79fa46f0d39ffcf0e52a469aa78da82',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor): at most 2.0 GB and 526 s on 2 cores measured over the shared datasets.
  resources: { memGb: 6, cpus: 4, minutes: 120 },
  // input=raw (the original) clusters whatever the file holds; only log1p assumes counts (normalize_total first).
  needs: { rawCounts: (p) => p.input === 'log1p' && 'input=log1p normalises library sizes; --set sccdcg.input=raw or hvg-log reads any values' },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { pretrainEpochs: 3, trainEpochs: 3, nInit: 2, hidden: 32 },
  // The default grid: half the epochs of each stage (the loss parts flatten well before 100 on its small datasets).
  quick: { pretrainEpochs: 50, trainEpochs: 50 },
  checkParams: (p) => ignoredHyperValues(p),
  run: (data, p, ctx): Promise<Clustering> => runSccdcg(data, p, ctx),
});

export type ScCdcgParams = typeof PARAMS.defaults;

const TABLED = ['lr', 'weightDecay', 'balancer', 'fOrt', 'fKl', 'fCorvar', 'fConstruct'] as const;

/**
 * The seven tabled values are read only with `hyper=manual`; otherwise the table wins. A value changed from its
 * default under a table would be silently ignored (`--set sccdcg.fKl=0` running with the table's f_KL), so it is an
 * error that names the fix.
 */
export function ignoredHyperValues(p: ScCdcgParams): void {
  if (p.hyper === 'manual') return;
  const changed = TABLED.filter((key) => p[key] !== sccdcg.defaults[key]);
  if (changed.length === 0) return;
  throw new Error(`sccdcg: ${changed.map((key) => `${key}=${p[key]}`).join(', ')} would be ignored: hyper=${p.hyper} takes all of ` +
    `${TABLED.join(', ')} from scCDCG's per-dataset table. Add hyper=manual to use your values (the others then keep their Sonya-Liver defaults).`);
}

/**
 * `sccdcg.run` with training hooks (a bench's observer of the pre-train z). The method's own path passes none;
 * nothing here receives labels.
 */
export async function runSccdcg(data: Dataset, p: ScCdcgParams, ctx: Context, hooks: StructuralHooks = {}): Promise<Clustering> {
  await initEngine();
  checkParamValues('sccdcg', PARAMS.rules, p); // the runner has; this is for callers that bypass it (benches)
  const paper = p.mode === 'paper';
  ignoredHyperValues(p); // again here for callers that bypass the runner
  const hyperKey = p.hyper === 'manual' ? 'manual' : hyperFor(p.hyper, data.id).key;
  const h: Omit<ScCdcgHyper, 'dataname'> = p.hyper === 'manual'
    ? { lr: p.lr, weightDecay: p.weightDecay, balancer: p.balancer, fOrt: p.fOrt, fKl: p.fKl, fCorvar: p.fCorvar, fConstruct: p.fConstruct }
    : hyperFor(p.hyper, data.id).values;
  const { x } = structuralInput(data, { transform: p.input });
  const form = chooseGraph(p.graph, x.rows, p.sparseAbove);
  if (form === 'dense' && x.rows > DENSE_MAX_CELLS) throw new Error(`sccdcg: graph 'dense' on ${x.rows} cells; use 'factored' or 'sparse'`);
  ctx.progress('graph', 0, 1);
  const graph = structuralGraph(x, { form, balancer: h.balancer, k: p.knnK, knnPcs: p.knnPcs, seed: ctx.seed });
  ctx.log('graph', { seconds: graph.info.seconds, bytes: graph.info.bytes, ...(graph.info.nnz !== undefined ? { nnz: graph.info.nnz } : {}) });
  ctx.progress('graph', 1, 1);
  try {
    const res = await trainStructural(x, graph, {
      k: data.nClusters,
      pretrainEpochs: p.pretrainEpochs,
      trainEpochs: p.trainEpochs,
      lr: h.lr,
      weightDecay: h.weightDecay,
      weights: { mse: h.fConstruct, cov: h.fCorvar, ort: h.fOrt, kl: h.fKl },
      power: p.lambda,
      trainNormalise: 'row+column',
      targetSchedule: paper ? 'paper' : 'every10',
      klForm: paper ? 'paper' : 'kl',
      clusterRefresh: paper ? 'restart' : 'warm',
      nInit: p.nInit,
      matchClusters: !paper,
      pretrainCheckpoint: p.pretrainCheckpoint,
      autoencoder: { hidden: p.hidden, latent: p.latent },
      smokeEpochs: 2,
    }, ctx, hooks);
    return {
      labels: res.labels,
      embedding: res.embedding,
      info: {
        hyper: hyperKey,
        graph: form,
        graphSeconds: Number(graph.info.seconds.toFixed(3)),
        pretrainSeconds: Number(res.pretrain.seconds.toFixed(3)),
        trainSeconds: Number(res.train.seconds.toFixed(3)),
        pretrainCheckpoint: res.pretrain.checkpoint,
        targetRefreshes: res.train.targetRefreshes,
      },
    };
  } finally {
    graph.dispose();
  }
}
