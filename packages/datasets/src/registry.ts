// The dataset registry: datasets/registry.json at the repository root (generated from the shared manifest by
// tools/data/make-registry.ts), read once, typed here. Data files live under the data root, which is
// $SCBENCH_DATA if set, else <repo>/../shared/datasets.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValueType } from '@scbench/api';
import { DataError } from './errors.ts';
import { sha256File } from './files.ts';
import type { DatasetFormat } from './types.ts';

export const DATA_ENV = 'SCBENCH_DATA';

/** Loader options a registry entry fixes (paths relative to the data root). */
export interface RegistryLoadOptions {
  readonly matrix?: string;
  readonly labelColumn?: string;
  readonly labelsFile?: string;
  readonly labelBase?: 0 | 1;
  readonly orientation?: 'genes-x-cells' | 'cells-x-genes';
}

export interface RegistryFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface RegistryEntry {
  readonly id: string;
  /** Main file (or the matrix of an MTX directory), relative to the data root. */
  readonly path: string;
  readonly format: DatasetFormat;
  /** The format name of the shared manifest, e.g. "h5ad-legacy", "csv-genes-x-cells". */
  readonly layout: string;
  readonly species: string;
  readonly taxonId: number;
  readonly cells: number;
  readonly genes: number;
  readonly classes: number;
  /** Value type of the matrix the registry options load. */
  readonly valueType: ValueType;
  /** As the manifest states it. */
  readonly valueTypeSource: string;
  readonly hasGeneNames: boolean;
  readonly geneIdType: string;
  readonly sha256: string;
  readonly files: readonly RegistryFile[];
  readonly licence: string;
  readonly source: string;
  readonly load: RegistryLoadOptions;
  readonly note?: string;
}

export interface Registry {
  readonly generatedFrom: string;
  readonly datasets: readonly RegistryEntry[];
}

/** Repository root: three levels above this file (packages/datasets/src). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const REGISTRY_FILE = join(REPO_ROOT, 'datasets', 'registry.json');

let cached: Registry | null = null;

export function loadRegistry(): Registry {
  if (cached) return cached;
  if (!existsSync(REGISTRY_FILE)) {
    throw new DataError('the dataset registry is missing', REGISTRY_FILE, 'run `npx tsx tools/data/make-registry.ts` at the repository root');
  }
  const r = JSON.parse(readFileSync(REGISTRY_FILE, 'utf8')) as Registry;
  if (!Array.isArray(r.datasets)) throw new DataError('the registry has no datasets array', REGISTRY_FILE, 're-generate it with tools/data/make-registry.ts');
  cached = r;
  return r;
}

export function listDatasets(): readonly RegistryEntry[] {
  return loadRegistry().datasets;
}

export function findDataset(id: string): RegistryEntry | undefined {
  return listDatasets().find((d) => d.id === id);
}

/** Like findDataset, but an unknown id is an error listing the known ones. */
export function requireDataset(id: string): RegistryEntry {
  const d = findDataset(id);
  if (!d) {
    throw new DataError(`unknown dataset id '${id}' (known: ${listDatasets().map((x) => x.id).join(', ')})`, REGISTRY_FILE, 'use one of the known ids, or pass a file path');
  }
  return d;
}

/** $SCBENCH_DATA if set, else <repo>/../shared/datasets. */
export function dataRoot(): string {
  const env = process.env[DATA_ENV];
  return env && env.length ? resolve(env) : resolve(REPO_ROOT, '..', 'shared', 'datasets');
}

/**
 * Datasets shipped inside the repository (wang_pancreas, for the default grid), at the same relative paths as under
 * the data root: a file the data root lacks is read from here, so `npm start` needs no ../shared. Same bytes, same sha256.
 */
export const EMBEDDED_DATA_ROOT = join(REPO_ROOT, 'datasets', 'embedded');

/** Absolute path of a registry-relative path; a missing file is an error that names the root and the fix. */
export function dataPath(rel: string, root = dataRoot()): string {
  const p = isAbsolute(rel) ? rel : join(root, rel);
  if (!existsSync(p) && !isAbsolute(rel) && existsSync(join(EMBEDDED_DATA_ROOT, rel))) return join(EMBEDDED_DATA_ROOT, rel);
  if (!existsSync(p)) {
    const fromEnv = process.env[DATA_ENV];
    throw new DataError(
      `dataset file not found (data root ${root}, ${fromEnv ? `from $${DATA_ENV}` : `$${DATA_ENV} is not set, so the default <repo>/../shared/datasets is used`})`,
      p,
      `set ${DATA_ENV} to the folder that holds the shared datasets (the one with manifest.json), or place them at ${resolve(REPO_ROOT, '..', 'shared', 'datasets')}`,
    );
  }
  return p;
}

/** Check every file of an entry against its recorded sha256; a mismatch names the file and both hashes. */
export async function verifyDataset(entry: RegistryEntry, root = dataRoot()): Promise<void> {
  for (const f of entry.files) {
    const p = dataPath(f.path, root);
    const got = await sha256File(p);
    if (got !== f.sha256) {
      throw new DataError(
        `sha256 mismatch for dataset '${entry.id}': expected ${f.sha256}, got ${got}`,
        p,
        'the file is corrupt, truncated or a different version; fetch it again from the source in the registry',
      );
    }
  }
}
