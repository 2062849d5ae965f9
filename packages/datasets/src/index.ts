export { DataError, isDataError } from './errors.ts';
export type { CommonLoadOptions, DatasetFormat, LoadedDataset, LoadMeta, Storage } from './types.ts';
export { loadDataset, detectFormat, type LoadOptions } from './load.ts';
export { loadH5, type H5LoadOptions } from './loaders/h5.ts';
export { loadH5ad, LABEL_COLUMN_GUESSES, type H5adLoadOptions } from './loaders/h5ad.ts';
export { loadMtx, readMatrixMarket, type MtxLoadOptions } from './loaders/mtx.ts';
export { loadCsv, type CsvLoadOptions, type Orientation } from './loaders/csv.ts';
export {
  listDatasets,
  findDataset,
  requireDataset,
  dataRoot,
  dataPath,
  verifyDataset,
  DATA_ENV,
  REGISTRY_FILE,
  REPO_ROOT,
  type Registry,
  type RegistryEntry,
  type RegistryFile,
  type RegistryLoadOptions,
} from './registry.ts';
export { checkLoaded, checkFinite, checkMatrixShape, checkNonNegative, countEmptyCells } from './checks.ts';
export { toDense, toCsr, withStorage, chooseStorage, CSR_MIN_ENTRIES, CSR_MAX_DENSITY } from './sparse.ts';
export { decodeNumericLabels, encodeStringLabels, compactCodes, type LabelBase } from './labels.ts';
export { inferValueType, valueTypeFromText } from './value-type.ts';
export { sha256File } from './files.ts';
export * from './preprocess/index.ts';
export { synthetic, type SyntheticOptions, type Synthetic } from './synthetic.ts';
export { parseDatasetSpec, specKeysHelp, SPEC_KEYS, type DatasetSpec, type SpecKey, type SpecOptions } from './dataset-spec.ts';
