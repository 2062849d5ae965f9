/**
 * Published ACC / NMI / ARI (in %) for methods and datasets this benchmark also runs, shown beside our numbers with
 * their source and protocol. Source: scSGC's Table 3 as the image XPgogogo/scSGC:figure/Clustering_performances.png
 * (means; Mouse Pancreas 1 and CITE-CBMC rows), which quotes scCDCG's own numbers. The scCDCG authors' methods pick
 * the reported epoch by ACC against the labels (their code); the protocol of the baselines they list is not stated.
 */
import type { RunRecord, Scores } from '@scbench/api';
import { meanSd } from './stats.ts';

export interface PublishedScore {
  method: string;
  dataset: string;
  acc: number;
  nmi: number;
  ari: number;
  source: string;
  protocol: string;
}

const SCSGC = 'scSGC (BMC Bioinformatics 2025, arXiv 2507.09890) Table 3';
const LABEL_PICKED = 'best epoch by ACC against the labels (the authors\' code)';
const NOT_STATED = 'not stated (baseline as listed by the scCDCG authors\' group)';
/** Our ids for the paper's dataset names: X of Mouse Pancreas 1 is identical to baron_mouse_pancreas (datasets README). */
const MOUSE1 = 'baron_mouse_pancreas';
const CBMC = 'cbmc_top2000';

const row = (method: string, dataset: string, [acc, nmi, ari]: [number, number, number], protocol = NOT_STATED, source = SCSGC): PublishedScore =>
  ({ method, dataset, acc, nmi, ari, source, protocol });

export const PUBLISHED: readonly PublishedScore[] = [
  row('dec', MOUSE1, [47.79, 55.31, 33.04]), row('dec', CBMC, [41.88, 46.87, 23.55]),
  row('scdeepcluster', MOUSE1, [65.18, 65.92, 55.47]), row('scdeepcluster', CBMC, [70.80, 72.53, 56.23]),
  row('scname', MOUSE1, [75.05, 72.25, 64.28]), row('scname', CBMC, [68.06, 63.23, 58.99]),
  row('sczidesk', MOUSE1, [78.73, 73.00, 75.24]), row('sczidesk', CBMC, [70.70, 66.97, 56.38]),
  row('attentionae-sc', MOUSE1, [81.70, 79.92, 69.94]), row('attentionae-sc', CBMC, [61.18, 62.02, 44.20]),
  row('scdsc', MOUSE1, [69.91, 62.04, 64.78]), row('scdsc', CBMC, [68.79, 64.21, 52.51]),
  row('scgnn', MOUSE1, [47.93, 58.77, 36.33]), row('scgnn', CBMC, [66.71, 61.70, 60.25]),
  row('sccdcg', MOUSE1, [82.64, 77.66, 80.60], LABEL_PICKED), row('sccdcg', CBMC, [71.45, 74.77, 61.46], LABEL_PICKED, 'scCDCG (DASFAA 2024, arXiv 2404.06167), quoted in scSGC Table 3'),
];

export interface PublishedComparison extends PublishedScore {
  /** Our mean over seeds (fractions, like every score here): final output, and the label-picked epoch where taken. */
  ours: { acc: number; nmi: number; ari: number; runs: number } | null;
  oursPaper: { acc: number; nmi: number; ari: number; runs: number } | null;
}

function mean(scores: readonly Scores[]): { acc: number; nmi: number; ari: number; runs: number } | null {
  if (scores.length === 0) return null;
  const m = (k: 'acc' | 'nmi' | 'ari') => meanSd(scores.map((s) => s[k])).mean;
  return { acc: m('acc'), nmi: m('nmi'), ari: m('ari'), runs: scores.length };
}

/**
 * The published rows whose method and dataset these records hold, with our mean beside them. Only runs of the
 * method's default parameters (`isDefault`) are compared: an ablation is not what the paper ran.
 */
export function publishedComparisons(records: readonly RunRecord[], isDefault: (r: RunRecord) => boolean): PublishedComparison[] {
  return PUBLISHED.flatMap((p) => {
    const runs = records.filter((r) => r.method === p.method && r.dataset === p.dataset && isDefault(r));
    if (runs.length === 0) return [];
    const ok = runs.filter((r) => r.status === 'ok' && r.scores);
    return [{ ...p, ours: mean(ok.map((r) => r.scores!)), oursPaper: mean(ok.flatMap((r) => (r.paperProtocol ? [r.paperProtocol.scores] : []))) }];
  });
}
