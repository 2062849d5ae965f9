import type { Dataset, Truth } from '@scbench/api';
import { DataError, loadDataset, synthesize, type SyntheticOptions } from '@scbench/datasets';

const SYNTHETIC_KEYS = ['cells', 'genes', 'groups', 'signal', 'dropout', 'seed'] as const;

/**
 * "synthetic" or "synthetic:cells=2000,groups=8,signal=0.6": the built-in generator, so the main job and the
 * smoke tests need no download. The generator's own seed is fixed by the spec (default 0), not by the run seed:
 * every seed of a method sees the same data, as with a real dataset.
 */
export function parseSyntheticSpec(spec: string): SyntheticOptions | null {
  if (spec !== 'synthetic' && !spec.startsWith('synthetic:')) return null;
  const opts: Record<string, number> = {};
  const body = spec.slice('synthetic:'.length);
  if (spec !== 'synthetic' && body.trim() !== '') {
    for (const part of body.split(',')) {
      const [k, v] = part.split('=');
      const n = Number(v);
      if (!(SYNTHETIC_KEYS as readonly string[]).includes(k) || v === undefined || !Number.isFinite(n)) {
        throw new DataError(`bad synthetic dataset spec "${spec}" at "${part}"`, spec, `use keys ${SYNTHETIC_KEYS.join(', ')} with numbers, e.g. synthetic:cells=2000,groups=8`);
      }
      opts[k] = n;
    }
  }
  return { ...opts, id: spec } as SyntheticOptions;
}

/** Load a dataset for one run. The truth is required: a run without labels cannot be scored. */
export async function loadForRun(spec: string): Promise<{ dataset: Dataset; truth: Truth }> {
  const synthetic = parseSyntheticSpec(spec);
  const loaded = synthetic ? synthesize(synthetic) : await loadDataset(spec);
  if (!loaded.truth) {
    throw new DataError(`dataset ${spec} has no labels, so a run on it cannot be scored`, spec, 'give a labels file/column (see the README of packages/datasets)');
  }
  return { dataset: loaded.dataset, truth: loaded.truth };
}
