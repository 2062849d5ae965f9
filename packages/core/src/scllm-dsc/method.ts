/**
 * scLLM-DSC (IJCAI 2026, arXiv 2606.13007; code MIKUAFANS/scLLM-DSC @ 2c2d905): the scCDCG structural view (linear
 * AE + normalised cut on cosine/two-hop graphs + Student-t vs Sinkhorn target) aligned with a text view of each
 * cell built from gene descriptions (METHODS.md §3). One code path: `mode` presets every switch of params.ts and
 * explicit switches override it. The method never sees labels; k comes from the dataset.
 *
 * Datasets without gene names (or species) run with the semantic view off — structural only, alignment off —
 * and say so in `info.semanticView` ('off: <reason>'), as does `semantic: 'off'` (the "no semantic view" ablation).
 */
import { checkParamValues, defineMethod, type Context, type Dataset, type ParamValue } from '@scbench/api';
import { initEngine } from '@scbench/engine';
import { connectivities, knn, leidenWithK } from '@scbench/numerics';
import type { TextEncoder } from '@scbench/text-encoder';
import { encoderFor, parseEncoderSpec, requireGeneNames, semanticView, SemanticViewError, type GeneDescriber, type SemanticOptions } from '../semantic/index.ts';
import { DENSE_MAX_CELLS, mixGraphs, structuralGraph, structuralInput, trainStructural } from '../structural/index.ts';
import { alignment, type Alignment } from './alignment.ts';
import { refuseIgnoredValues } from './ignored-params.ts';
import { chooseGraphForm, describeSwitches, resolveSwitches, SCLLM_PARAMS, type ScllmParams } from './params.ts';

export interface ScllmDeps {
  /** The sentence encoder the `encoder` parameter names (loaded once per process, behind the disk cache). */
  readonly encoder: (spec: string) => Promise<TextEncoder>;
  /** Gene descriptions; default the bundled NCBI knowledge (tests inject a fake). */
  readonly describer?: GeneDescriber;
}

/** The encoder a spec names (default 'use-lite': USE-lite, 512-d), the same instances the GenePT baselines use. */
export const scllmEncoder = encoderFor;

/** The semantic view, or why it is off (a SemanticViewError's reason, or the ablation). */
async function textView(data: Dataset, p: ScllmParams, o: Partial<SemanticOptions>, deps: ScllmDeps, ctx: Context) {
  if (p.semantic === 'off') return { view: null, why: 'off: ablation (semantic=off)' };
  try {
    requireGeneNames(data); // before loading the model
  } catch (e) {
    if (e instanceof SemanticViewError) return { view: null, why: `off: ${e.reason}` };
    throw e;
  }
  const encoder = await deps.encoder(p.encoder);
  const view = await semanticView(data, o, {
    encoder, cache: ctx.cache, progress: ctx.progress, log: ctx.log, signal: ctx.signal, ...(deps.describer ? { describer: deps.describer } : {}),
  });
  return { view, why: 'on' };
}

export function makeScllmDsc(deps: ScllmDeps) {
  return defineMethod({
    id: 'scllm-dsc',
    label: 'scLLM-DSC',
    summary: 'scCDCG structural view aligned (InfoNCE) with gene-description text embeddings; k-means on the fused embedding',
    reference: {
      paper: 'scLLM-DSC: LLM-knowledge-enhanced cross-modal deep structural clustering for scRNA-seq. IJCAI 2026 (arXiv 2606.13007)',
      url: 'https://arxiv.org/abs/2606.13007',
      repo: 'MIKUAFANS/scLLM-DSC',
      commit: '2c2d905',
    },
    kind: 'deep',
    // One run on a cluster (Slurm executor): at most 2.3 GB and 240 s on 2 cores measured over the shared datasets,
    // plus the gene-description embeddings on a cold cache (tens of minutes for a new species).
    resources: { memGb: 6, cpus: 4, minutes: 180 },
    // The structural view's input decides: only log1p assumes counts (normalize_total first); raw and hvg-* read any values.
    needs: { rawCounts: (p) => resolveSwitches(p).input === 'log1p' && 'input=log1p normalises library sizes; --set scllm-dsc.input=hvg-log reads any values' },
    defaults: SCLLM_PARAMS.defaults,
    paramRules: SCLLM_PARAMS.rules,
    smoke: { pretrainEpochs: 3, trainEpochs: 3, nInit: 2, hidden: 32 },
    // The default grid: half the epochs of each stage (the loss parts flatten well before 100 on its small datasets).
    quick: { pretrainEpochs: 50, trainEpochs: 50 },
    checkParams: (p) => {
      parseEncoderSpec(p.encoder, 'scllm-dsc');
      refuseIgnoredValues(p);
    },
    run: async (data, p, ctx) => {
      await initEngine();
      checkParamValues('scllm-dsc', SCLLM_PARAMS.rules, p); // the runner has; this is for callers that bypass it
      const r = resolveSwitches(p);
      const { paths, readout: readoutAlgo, pretrainCheckpoint: checkpoint } = p;

      // ------------------------------------------------------------ semantic view (§3.2–3.5)
      const { view, why } = await textView(data, p, {
        topK: p.topK, omega: p.omega, paths, weighting: r.textWeighting, sentence: r.sentence,
        normalise: r.textFusion === 'normalised', template: r.template, geneVectors: r.geneVectors,
      }, deps, ctx);

      // ------------------------------------------------------------ structural view (§3.6)
      const { x, steps: inputSteps } = structuralInput(data, { transform: r.input, hvg: p.hvg });
      const form = chooseGraphForm(p.graph, x.rows, p.sparseAbove, r.mode);
      if (form === 'dense' && x.rows > DENSE_MAX_CELLS) throw new Error(`scllm-dsc: graph 'dense' on ${x.rows} cells; use 'factored' or 'sparse'`);
      ctx.progress('graph', 0, 1);
      const exprGraph = structuralGraph(x, { form, balancer: p.balancer, k: p.knnK, knnPcs: p.knnPcs, seed: ctx.seed, deflate: r.deflate });
      // The semantic view's own kNN graph (one hop, deflated), mixed in when asked: knowledge acting through NCut.
      const graph = p.textGraph > 0 && view
        ? mixGraphs(exprGraph, structuralGraph(view.z, { form: 'sparse', balancer: 1, k: p.knnK, knnPcs: p.knnPcs, seed: ctx.seed, deflate: true }), p.textGraph)
        : exprGraph;
      ctx.log('graph', { seconds: graph.info.seconds, bytes: graph.info.bytes });
      ctx.progress('graph', 1, 1);

      // ------------------------------------------------------------ alignment (§3.7)
      let align: Alignment | null = null;
      const weightAlign = p.align ? p.fCl : 0;
      if (view) {
        align = alignment(view.z, p.latent, {
          projDim: r.projDim, tau: p.tau, varReg: p.varReg, weight: weightAlign, trained: r.headsTrained, maxCells: p.alignMaxCells, seed: ctx.seed, standardiseText: r.textStandardise, anchor: r.anchor, headInput: r.headInput, textShare: r.textShare, structHead: r.structHead,
        });
      }
      // Q's centres come from the k-means space; Q on Z with k-means on z_f is the code's mismatch (§6 bug 3).
      const fused = (s: 'zf' | 'fused') => (s === 'fused' && align ? 'readout' : 'z') as 'z' | 'readout';
      if (align && r.qSpace === 'fused' && r.clusterSpace === 'zf' && r.structHead === 'mlp' && r.projDim !== p.latent) {
        throw new Error(`scllm-dsc: Q on the fused Z with centres from z_f needs projDim = latent (${p.latent}), got ${r.projDim}`);
      }
      const ncut = p.ncut ? 1 : 0;
      try {
        const res = await trainStructural(x, graph, {
          k: data.nClusters,
          pretrainEpochs: p.pretrainEpochs,
          trainEpochs: p.trainEpochs,
          lr: p.lr,
          weightDecay: p.weightDecay,
          // f_mse·mse + f_ncut·(cov + f_ort·ort) + f_KL·kl (§3.8); the ablations zero a term's weight.
          weights: { mse: p.fMse, cov: ncut * p.fNcut, ort: ncut * p.fNcut * p.fOrt, kl: p.kl ? p.fKl : 0 },
          power: p.lambda,
          trainNormalise: r.trainNormalise,
          targetSchedule: r.targetSchedule,
          klForm: r.klForm,
          klReduction: r.klReduction,
          clusterRefresh: r.clusterRefresh,
          nInit: p.nInit,
          matchClusters: r.matchClusters,
          pretrainCheckpoint: checkpoint,
          autoencoder: { hidden: p.hidden, latent: p.latent, activation: r.activation },
          aeInit: r.aeInit,
          smokeEpochs: 2,
        }, ctx, align ? { ...align.hooks, assignOn: fused(r.qSpace), clusterOn: fused(r.clusterSpace) } : {});

        let labels = res.labels;
        const info: Record<string, ParamValue> = {
          mode: r.mode,
          switches: describeSwitches(r),
          semanticView: why,
          alignment: view ? (weightAlign > 0 ? (r.headsTrained ? 'on, heads trained' : 'on, heads frozen') : 'off: ablation (align=false)') : 'off: no semantic view',
          readoutSpace: align && r.clusterSpace === 'fused' ? 'fused Z' : 'z_f',
          input: inputSteps.length ? inputSteps.join(' → ') : 'raw values',
          graph: form,
          ...(p.textGraph > 0 ? { textGraph: view ? p.textGraph : 'off: no semantic view' } : {}),
          graphSeconds: Number(graph.info.seconds.toFixed(3)),
          pretrainSeconds: Number(res.pretrain.seconds.toFixed(3)),
          trainSeconds: Number(res.train.seconds.toFixed(3)),
          pretrainCheckpoint: res.pretrain.checkpoint,
          targetRefreshes: res.train.targetRefreshes,
          ...(view ? view.info : {}),
        };
        if (readoutAlgo === 'leiden') {
          // Leiden on the final read-out space (the paper's alternative read-out): kNN 15 → UMAP connectivities.
          const nn = Math.min(15, res.embedding.rows);
          const g = connectivities(knn(res.embedding, nn - 1, { metric: 'euclidean' }), { nNeighbors: nn });
          const l = leidenWithK(g, data.nClusters, { seed: ctx.seed });
          labels = l.labels;
          info.leidenResolution = l.resolution;
          info.leidenHitK = l.exact;
        }
        return { labels, embedding: res.embedding, info };
      } finally {
        graph.dispose();
        align?.dispose();
      }
    },
  });
}

export const scllmDsc = makeScllmDsc({ encoder: scllmEncoder });
