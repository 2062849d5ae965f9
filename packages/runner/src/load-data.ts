import type { Dataset, Truth } from '@scbench/api';
import { DataError, loadDataset, synthetic, type SyntheticOptions } from '@scbench/datasets';

/** Spec keys → generator options (short names on the command line). */
const SYNTHETIC_KEYS: Record<string, keyof SyntheticOptions> = {
  cells: 'cells', genes: 'genes', groups: 'groups', seed: 'seed', dropout: 'dropout',
  lfc: 'logFoldChange', markers: 'markerFraction', theta: 'theta',
};

/**
 * "synthetic" or "synthetic:cells=2000,groups=8,lfc=0.8": the built-in generator, so the main job and the
 * smoke tests need no download. The generator's own seed is fixed by the spec (default 0), not by the run seed:
 * every seed of a method sees the same data, as with a real dataset.
 */
export function parseSyntheticSpec(spec: string): SyntheticOptions | null {
  if (spec !== 'synthetic' && !spec.startsWith('synthetic:')) return null;
  const opts: Record<string, number> = {};
  const known = Object.keys(SYNTHETIC_KEYS);
  const body = spec.slice('synthetic:'.length);
  if (spec !== 'synthetic' && body.trim() !== '') {
    for (const part of body.split(',')) {
      const [k, v] = part.split('=');
      const n = Number(v);
      if (!known.includes(k) || v === undefined || !Number.isFinite(n)) {
        throw new DataError(`bad synthetic dataset spec "${spec}" at "${part}"`, spec, `use keys ${known.join(', ')} with numbers, e.g. synthetic:cells=2000,groups=8`);
      }
      opts[SYNTHETIC_KEYS[k]] = n;
    }
  }
  return { ...opts, id: spec } as SyntheticOptions;
}

/** Load a dataset for one run. The truth is required: a run without labels cannot be scored. */
export async function loadForRun(spec: string): Promise<{ dataset: Dataset; truth: Truth }> {
  const generated = parseSyntheticSpec(spec);
  const loaded = generated ? synthetic(generated) : await loadDataset(spec);
  if (!loaded.truth) {
    throw new DataError(`dataset ${spec} has no labels, so a run on it cannot be scored`, spec, `name the labels in the dataset spec, e.g. ${spec}:labels=CELLS.csv,labelColumn=COLUMN (scbench run --help)`);
  }
  return { dataset: loaded.dataset, truth: loaded.truth };
}
