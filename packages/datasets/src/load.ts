// One entry point: a registry id or a path, format detected from the path (extension, directory contents, HDF5
// keys) unless given.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from './errors.ts';
import { requireFile } from './files.ts';
import { checkHdf5File, getEntity, isDataset, withH5 } from './h5.ts';
import { loadCsv, type CsvLoadOptions } from './loaders/csv.ts';
import { loadH5, type H5LoadOptions } from './loaders/h5.ts';
import { loadH5ad, type H5adLoadOptions } from './loaders/h5ad.ts';
import { loadMtx, type MtxLoadOptions } from './loaders/mtx.ts';
import { dataPath, dataRoot, findDataset, REGISTRY_FILE, verifyDataset, type RegistryEntry } from './registry.ts';
import { parseDatasetSpec } from './dataset-spec.ts';
import type { DatasetFormat, LoadedDataset } from './types.ts';

/** Every loader's options (each reads the fields it knows), plus the format and registry controls. */
export interface LoadOptions extends H5LoadOptions, H5adLoadOptions, MtxLoadOptions, CsvLoadOptions {
  /** Skip detection. 'h5-uniform' and 'h5-scdcc' are read by the same loader. */
  readonly format?: DatasetFormat;
  /** Check the registry sha256 of every file before reading (registry ids only). */
  readonly verify?: boolean;
  /** Data root for registry ids (default: $SCBENCH_DATA, else <repo>/../shared/datasets). */
  readonly root?: string;
}

/** Decide the format of a path without reading the matrix. */
export async function detectFormat(path: string, keysGiven: Pick<H5LoadOptions, 'matrixKey' | 'labelKey'> = {}): Promise<DatasetFormat> {
  requireFile(path);
  if (statSync(path).isDirectory()) {
    if (['matrix.mtx.gz', 'matrix.mtx'].some((n) => existsSync(join(path, n)))) return '10x-mtx';
    throw new DataError('a directory without matrix.mtx(.gz)', path, 'point to a 10x MTX directory or to a data file');
  }
  const lower = path.toLowerCase();
  if (/\.mtx(\.gz)?$/.test(lower)) return '10x-mtx';
  if (lower.endsWith('.h5ad')) return 'h5ad';
  if (/\.(csv|tsv|txt)(\.gz)?$/.test(lower)) return 'csv';
  // .h5, .hdf5 or no telling extension: look inside.
  checkHdf5File(path);
  return withH5(path, (f) => {
    const keys = f.keys();
    if (getEntity(f, 'obs') || getEntity(f, 'var')) return 'h5ad';
    const X = getEntity(f, keysGiven.matrixKey ?? 'X');
    if (isDataset(X) && keys.includes(keysGiven.labelKey ?? 'Y')) return keys.includes('gene_names') || keys.includes('label_names') ? 'h5-uniform' : 'h5-scdcc';
    throw new DataError(
      `unknown HDF5 layout (keys: ${keys.join(', ') || 'none'}); expected X and Y (scDeepCluster style) or AnnData obs/var/X`,
      path,
      keys.includes('matrix') ? 'this looks like a 10x Cell Ranger .h5; export it as MTX, or convert to .h5ad' : `convert the file to .h5ad, or name its datasets: ${path}:matrix=KEY,labelKey=KEY`,
    );
  });
}

function fromRegistry(entry: RegistryEntry, o: LoadOptions): { path: string; options: LoadOptions } {
  const root = o.root ?? dataRoot();
  const path = dataPath(entry.path, root);
  for (const f of entry.files) dataPath(f.path, root); // every file present, or a clear error now
  const load = entry.load;
  return {
    path,
    options: {
      format: entry.format,
      id: entry.id,
      species: entry.species,
      taxonId: entry.taxonId,
      // The registry's value type is authoritative unless the caller reads a different matrix.
      ...(o.matrix && o.matrix !== load.matrix ? {} : { valueType: entry.valueType }),
      ...load,
      ...(load.labelsFile ? { labelsFile: dataPath(load.labelsFile, root) } : {}),
      ...o,
    },
  };
}

/** Does what a registry entry promises hold for what was read? Catches a wrong or stale file early. */
function checkAgainstRegistry(entry: RegistryEntry, r: LoadedDataset, o: LoadOptions): void {
  const m = r.dataset.counts;
  const problems: string[] = [];
  if (m.rows !== entry.cells) problems.push(`${m.rows} cells, registry says ${entry.cells}`);
  if (m.cols !== entry.genes) problems.push(`${m.cols} genes, registry says ${entry.genes}`);
  if (r.truth && !o.labelColumn && r.truth.names.length !== entry.classes) problems.push(`${r.truth.names.length} classes, registry says ${entry.classes}`);
  if (problems.length) {
    throw new DataError(`dataset '${entry.id}' does not match the registry: ${problems.join('; ')}`, r.meta.file, `the file differs from the registered one: compare "sha256sum ${r.meta.file}" with its sha256 in ${REGISTRY_FILE}, and fetch it again`);
  }
}

/**
 * Load a dataset by registry id (e.g. "pbmc3k") or by path. Returns `{ dataset, truth, meta }`: hand `dataset`
 * to methods, keep `truth` in the runner.
 */
export async function loadDataset(spec: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  // "data.csv:labels=cells.csv,labelColumn=cell_type": the options travel in the string (see dataset-spec.ts).
  const parsed = existsSync(spec) ? { source: spec, options: {} } : parseDatasetSpec(spec);
  const idOrPath = parsed.source;
  options = { ...parsed.options, ...options };
  const entry = !existsSync(idOrPath) ? findDataset(idOrPath) : undefined;
  let path = idOrPath;
  let o = options;
  if (entry) {
    if (options.verify) await verifyDataset(entry, options.root ?? dataRoot());
    ({ path, options: o } = fromRegistry(entry, options));
  } else if (!existsSync(idOrPath) && !/[/\\.]/.test(idOrPath)) {
    throw new DataError(`'${idOrPath}' is neither a registered dataset id nor an existing path`, idOrPath, 'use an id that "scbench datasets" lists, or a path to a data file or 10x directory');
  }
  const format = o.format ?? (await detectFormat(path, o));
  let r: LoadedDataset;
  switch (format) {
    case 'h5-uniform':
    case 'h5-scdcc':
      r = await loadH5(path, o);
      break;
    case 'h5ad':
      r = await loadH5ad(path, o);
      break;
    case '10x-mtx':
      r = await loadMtx(path, o);
      break;
    case 'csv':
      r = await loadCsv(path, o);
      break;
  }
  if (entry) checkAgainstRegistry(entry, r, o);
  return r;
}
