/**
 * Values that would do nothing under the rest of a run's parameters, refused up front (`checkParams`), so that a
 * grid cell labelled `tau=0.05` never silently runs with τ unused. Only combinations decided by the parameters
 * alone are refused. Those that depend on the dataset stay allowed and are recorded instead: a dataset without
 * gene names turns the semantic view off, and the paper preset's graph form depends on the number of cells.
 */
import { resolveSwitches, SCLLM_DEFAULTS, type ScllmParams } from './params.ts';

type Key = keyof ScllmParams;

/** Read only to build or use the semantic view (and the alignment with it). */
const SEMANTIC_ONLY: readonly Key[] = [
  'encoder', 'textGraph', 'align', 'fCl', 'tau', 'varReg', 'alignMaxCells', 'projDim', 'textShare', 'heads', 'anchor', 'headInput', 'structHead',
  'textStandardise', 'qSpace', 'clusterSpace', 'omega', 'topK', 'paths', 'textFusion', 'textWeighting', 'sentence', 'template', 'geneVectors',
];
/** Read only by the InfoNCE term. */
const ALIGN_ONLY: readonly Key[] = ['fCl', 'tau', 'varReg', 'alignMaxCells', 'heads', 'anchor'];
/** Read only by the KL term against the Sinkhorn target. */
const KL_ONLY: readonly Key[] = ['fKl', 'lambda', 'targetSchedule', 'klForm', 'klReduction'];
/** Read only by the NCut term (the graph is still built, but enters the loss with weight 0). */
const NCUT_ONLY: readonly Key[] = ['fNcut', 'fOrt', 'balancer', 'textGraph'];

/** Throws one message listing every value that would be ignored, each group with its fix. */
export function refuseIgnoredValues(p: ScllmParams): void {
  const r = resolveSwitches(p);
  const problems: string[] = [];
  const check = (applies: boolean, keys: readonly Key[], why: string): void => {
    if (!applies) return;
    const changed = keys.filter((key) => p[key] !== SCLLM_DEFAULTS[key]);
    if (changed.length) problems.push(`${changed.map((key) => `${key}=${String(p[key])}`).join(', ')} ${why}`);
  };
  check(p.semantic === 'off', SEMANTIC_ONLY, 'would be ignored with semantic=off (no semantic view); drop them or drop semantic=off');
  check(p.semantic !== 'off' && p.align === false, ALIGN_ONLY, 'would be ignored with align=false (no InfoNCE term); drop them or drop align=false');
  check(p.kl === false, KL_ONLY, 'would be ignored with kl=false (no KL/OT term); drop them or drop kl=false');
  check(p.ncut === false, NCUT_ONLY, 'would be ignored with ncut=false (no NCut term); drop them or drop ncut=false');
  check(r.input === 'raw' || r.input === 'log1p', ['hvg'], `would be ignored with input=${r.input} (no gene selection); use input=hvg-log or hvg-scaled`);
  // A complete graph has no neighbour count; the text graph (textGraph > 0) is always a kNN graph and reads both.
  check((p.graph === 'dense' || p.graph === 'factored') && !(p.textGraph > 0), ['knnK', 'knnPcs'], `would be ignored with graph=${p.graph} (a complete graph); use graph=sparse`);
  check(!(r.mode === 'paper' && p.graph === 'auto'), ['sparseAbove'], 'would be ignored: it only picks the graph form of mode=paper with graph=auto');
  if (problems.length) throw new Error(`scllm-dsc: ${problems.join('; ')}`);
}
