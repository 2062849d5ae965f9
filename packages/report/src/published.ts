/**
 * Published numbers that the benchmark's own runs contradict, shown as notes beside the tables. Each note appears
 * only when the records contain the method on the dataset it is about, so a report never comments on runs it
 * does not hold.
 */
import type { RunRecord } from '@scbench/api';

export interface PublishedNote {
  method: string;
  dataset: string;
  text: string;
}

interface Rule extends PublishedNote {
  applies(records: readonly RunRecord[]): boolean;
}

const has = (method: string, dataset: string) => (records: readonly RunRecord[]) => records.some((r) => r.method === method && r.dataset === dataset);

const RULES: readonly Rule[] = [
  {
    method: 'sccdcg',
    dataset: 'cbmc_top2000',
    applies: has('sccdcg', 'cbmc_top2000'),
    text: 'Published: scCDCG (DASFAA 2024, arXiv 2404.06167) reports ACC 71.45 / NMI 74.77 / ARI 61.46 on CITE-CBMC, the best epoch by ACC ' +
      'against the labels. As an honest result this did not reproduce here: the original code (XPgogogo/scCDCG) run on this machine on its ' +
      'five seeds ended its last epoch at ACC 0.597 / NMI 0.658 / ARI 0.468 on average (seed 3047 alone: 0.543 / 0.652 / 0.426). Picked by ' +
      'ACC against the labels, as published, the same runs average 0.690 / 0.734 / 0.604: the gap is the label-selected epoch.',
  },
];

/** The notes that apply to these records. */
export function publishedNotes(records: readonly RunRecord[]): PublishedNote[] {
  return RULES.filter((r) => r.applies(records)).map(({ method, dataset, text }) => ({ method, dataset, text }));
}
