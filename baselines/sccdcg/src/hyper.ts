/**
 * scCDCG's per-dataset hyperparameters, `train_scCDCG.py` lines 92–210 (METHODS.md §4.5). `alpha_pre`, `eta`,
 * `alpha` and `beta` are set there but never used, so they are left out. Datasets the original has no entry for
 * get the Sonya-Liver settings (which scLLM-DSC also hard-codes for every dataset, §3.8).
 */
export interface ScCdcgHyper {
  /** The original's `--dataname`. */
  readonly dataname: string;
  readonly lr: number;
  readonly weightDecay: number;
  readonly balancer: number;
  readonly fOrt: number;
  readonly fKl: number;
  readonly fCorvar: number;
  readonly fConstruct: number;
}

const row = (dataname: string, lr: number, weightDecay: number, balancer: number, fOrt: number, fKl: number, fCorvar: number, fConstruct: number): ScCdcgHyper =>
  ({ dataname, lr, weightDecay, balancer, fOrt, fKl, fCorvar, fConstruct });

/** Keyed by a short name, usable as the `hyper` parameter. */
export const HYPER = {
  mouse_pancreas_1: row('Maayan_Mouse_Pancreas_cell_1', 1e-3, 5e-3, 0.55, 0.65, 0.12, 0.17, 0.23),
  mouse_pancreas_2: row('Maayan_Mouse_Pancreas_cell_2', 1e-3, 1e-4, 0.75, 0.73, 0.63, 0.01, 0.02),
  human_pancreas_1: row('Maayan_Human_Pancreas_cell_1', 1e-3, 5e-4, 0.55, 0.65, 0.17, 0.16, 0.259),
  human_pancreas_2: row('Maayan_Human_Pancreas_cell_2', 5e-3, 1e-3, 1.0, 0.35, 0.02, 0.01, 0.0),
  human_pancreas_3: row('Maayan_Human_Pancreas_cell_3', 1e-3, 5e-3, 0.55, 0.65, 0.12, 0.17, 0.23),
  meuro: row('Meuro_human_Pancreas_cell', 5e-3, 5e-3, 0.42, 0.87, 0.45, 0.2, 0.93),
  mouse_bladder: row('Xiaoping_mouse_bladder_cell', 5e-4, 5e-4, 0.4, 0.3, 0.4, 0.1, 0.3),
  worm_neuron: row('Junyue_worm_neuron_cell', 5e-4, 1e-3, 0.7, 0.95, 0.48, 0.12, 0.6),
  cite_cbmc: row('Grace_CITE_CBMC_counts_top2000', 1e-3, 5e-4, 0.05, 0.71, 0.12, 0.6, 0.06),
  sonya_liver: row('Sonya_HumanLiver_counts_top5000', 5e-4, 1e-4, 0.21, 0.32, 0.32, 0.15, 0.3),
} as const satisfies Record<string, ScCdcgHyper>;

export type HyperKey = keyof typeof HYPER;

/**
 * Our registry ids → the original's datasets, where they are the same cells. cbmc_top2000 and worm_neuron are
 * the scCDCG files themselves; baron_mouse_pancreas is Maayan_Mouse_Pancreas_cell_1 (822 × 14878, same shape);
 * mouse_bladder_top2000 is scDCC's top-2000-gene cut of the same Xiaoping mouse-bladder cells. pbmc10x_top2000
 * has no entry in the original (→ Sonya-Liver defaults).
 */
export const DATASET_HYPER: Readonly<Record<string, HyperKey>> = {
  cbmc_top2000: 'cite_cbmc',
  worm_neuron: 'worm_neuron',
  baron_mouse_pancreas: 'mouse_pancreas_1',
  mouse_bladder_top2000: 'mouse_bladder',
};

export const DEFAULT_HYPER: HyperKey = 'sonya_liver';

/** The table row for `hyper` ('auto' looks the dataset id up, falling back to Sonya-Liver). */
export function hyperFor(hyper: string, datasetId: string): { key: HyperKey; values: ScCdcgHyper } {
  if (hyper === 'auto') {
    const key = DATASET_HYPER[datasetId] ?? DEFAULT_HYPER;
    return { key, values: HYPER[key] };
  }
  if (!(hyper in HYPER)) throw new Error(`sccdcg: unknown hyper '${hyper}'; use auto, manual or one of ${Object.keys(HYPER).join(', ')}`);
  return { key: hyper as HyperKey, values: HYPER[hyper as HyperKey] };
}
