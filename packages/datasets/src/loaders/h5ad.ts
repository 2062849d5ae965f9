// AnnData .h5ad, both on-disk layouts:
//  - legacy (anndata < 0.7): obs/var are compound datasets, categorical columns are integer codes with the
//    categories in uns/<col>_categories, raw is stored as top-level `raw.X` (CSR group with h5sparse_* attrs)
//    and `raw.var`;
//  - modern (anndata ≥ 0.7/0.8): groups with `encoding-type` attributes: obs/var are "dataframe" groups whose
//    `_index` attribute names the index column, categoricals are groups {categories, codes} (0.8+) or, in 0.7,
//    code datasets with the categories under obs/__categories/<col>; matrices are dense datasets or
//    csr_matrix/csc_matrix groups {data, indices, indptr} with a `shape` attribute; raw is a group raw/{X,var}.
// Like anndata we never scale or transform here; we only choose which matrix to read.
import type { Csr, Matrix, Truth, ValueType } from '@scbench/api';
import { csrTranspose } from '@scbench/numerics';
import { assemble } from '../assemble.ts';
import { DataError } from '../errors.ts';
import {
  attr,
  attrString,
  compoundFields,
  getDataset,
  getEntity,
  getGroup,
  isDataset,
  isGroup,
  read1D,
  readCompoundField,
  readDenseMatrix,
  readNumbers,
  readStrings,
  toNumbers,
  withH5,
  type H5File,
  type H5Group,
} from '../h5.ts';
import { compactCodes, decodeNumericLabels, encodeStringLabels } from '../labels.ts';
import { canonicalCsr } from '../sparse.ts';
import type { CommonLoadOptions, LoadedDataset, Storage } from '../types.ts';
import { inferValueType } from '../value-type.ts';

export interface H5adLoadOptions extends CommonLoadOptions {
  /** 'X', 'raw.X' (legacy raw.X or modern raw/X), or 'layers/<name>'. Default: X, unless X is scaled and raw exists. */
  readonly matrix?: string;
  /** obs column with the labels. Default: the first of LABEL_COLUMN_GUESSES present. */
  readonly labelColumn?: string;
  /** var column holding gene symbols (default: the var index). */
  readonly geneColumn?: string;
}

/** Common names for a cell-type column, tried in order when `labelColumn` is not given. */
export const LABEL_COLUMN_GUESSES = [
  'cell_type',
  'celltype',
  'cell_types',
  'CellType',
  'cell_ontology_class',
  'bulk_labels',
  'labels',
  'label',
] as const;

function isLegacy(f: H5File): boolean {
  return isDataset(getEntity(f, 'obs'));
}

/** Does `f` have a raw matrix, and where? */
function rawPath(f: H5File): string | null {
  if (getEntity(f, 'raw.X')) return 'raw.X';
  if (getEntity(f, 'raw/X')) return 'raw/X';
  return null;
}

function resolveMatrixPath(f: H5File, file: string, want: string): string {
  if (want === 'raw.X' || want === 'raw' || want === 'raw/X') {
    const p = rawPath(f);
    if (!p) throw new DataError(`matrix '${want}' requested but the file has no raw matrix`, file, `add matrix=X${layerHint(f)} to the dataset spec, e.g. ${file}:matrix=X`);
    return p;
  }
  if (!getEntity(f, want)) {
    throw new DataError(`matrix '${want}' is not in the file (top-level keys: ${f.keys().join(', ')})`, file, `add matrix=X${rawPath(f) ? ' (or matrix=raw.X)' : ''}${layerHint(f)} to the dataset spec, e.g. ${file}:matrix=X`);
  }
  return want;
}

function layerHint(f: H5File): string {
  const layers = getGroup(f, 'layers')?.keys() ?? [];
  return layers.length ? ` (or matrix=${layers.map((l) => `layers/${l}`).join(', ')})` : '';
}

/** A dense dataset or a CSR/CSC group at `path` → Matrix | Csr (cells × genes). */
function readMatrix(f: H5File, path: string, file: string, storage: Storage): Matrix | Csr {
  const e = getEntity(f, path);
  if (isDataset(e)) return readDenseMatrix(e, file, storage);
  if (!isGroup(e)) throw new DataError(`'${path}' is neither a matrix dataset nor a sparse-matrix group`, file, 'choose another matrix');
  const enc = attrString(e, 'encoding-type') ?? (attrString(e, 'h5sparse_format') ? `${attrString(e, 'h5sparse_format')}_matrix` : undefined);
  const shapeAttr = attr(e, 'shape') ?? attr(e, 'h5sparse_shape');
  if ((enc !== 'csr_matrix' && enc !== 'csc_matrix') || shapeAttr === undefined) {
    throw new DataError(`'${path}' is a group of unknown encoding (${enc ?? 'no encoding-type'})`, file, 'store the matrix as dense, csr_matrix or csc_matrix');
  }
  const [rows, cols] = Array.from(toNumbers(shapeAttr, file, `${path}@shape`));
  const part = (k: string) => {
    const d = getDataset(e, k);
    if (!d) throw new DataError(`sparse matrix '${path}' lacks '${k}'`, file, 'the sparse group is incomplete; re-write the file with anndata');
    return d;
  };
  const data = read1D(part('data'), (n) => new Float32Array(n));
  const indices = read1D(part('indices'), (n) => new Int32Array(n));
  const indptr = read1D(part('indptr'), (n) => new Int32Array(n));
  const csr: Csr =
    enc === 'csr_matrix'
      ? { rows, cols, indptr, indices, data }
      : csrTranspose(canonicalCsr({ rows: cols, cols: rows, indptr, indices, data }));
  if (csr.indptr.length !== csr.rows + 1) {
    throw new DataError(`sparse matrix '${path}': indptr has ${csr.indptr.length} entries for ${csr.rows} rows`, file, 'the sparse group is inconsistent; re-write the file');
  }
  return canonicalCsr(csr);
}

/** A dataframe's index (legacy compound field `index`, modern `_index` attribute → column). */
function dataframeIndex(f: H5File, path: string, file: string): string[] | undefined {
  const e = getEntity(f, path);
  if (isDataset(e)) {
    const v = readCompoundField(e, 'index');
    return v ? v.map(String) : undefined;
  }
  if (isGroup(e)) {
    const col = attrString(e, '_index') ?? '_index';
    const d = getDataset(e, col);
    return d ? readStrings(d, file) : undefined;
  }
  return undefined;
}

function dataframeColumns(f: H5File, path: string): string[] {
  const e = getEntity(f, path);
  if (isDataset(e)) return compoundFields(e).filter((c) => c !== 'index');
  if (isGroup(e)) {
    const idx = attrString(e, '_index') ?? '_index';
    const keys = e.keys().filter((k) => k !== idx && k !== '__categories');
    // anndata records the pandas column order in `column-order`; HDF5 itself lists keys alphabetically.
    const order = attr(e, 'column-order');
    const ordered = Array.isArray(order) ? order.filter((c): c is string => typeof c === 'string' && keys.includes(c)) : [];
    return [...ordered, ...keys.filter((k) => !ordered.includes(k))];
  }
  return [];
}

/** Read one dataframe column as labels. */
function readLabelColumn(f: H5File, path: string, column: string, file: string): Truth {
  const e = getEntity(f, path);
  const where = `${path}/${column}`;
  if (isDataset(e)) {
    const v = readCompoundField(e, column)!;
    const cats = getDataset(f, `uns/${column}_categories`);
    if (cats) return compactCodes(toNumbers(v, file, where), readStrings(cats, file), file, where);
    return fromValues(v, file, where);
  }
  const g = e as H5Group;
  const c = getEntity(g, column);
  if (isGroup(c)) {
    // anndata ≥ 0.8 categorical: {categories, codes}
    const cats = getDataset(c, 'categories');
    const codes = getDataset(c, 'codes');
    if (!cats || !codes) throw new DataError(`column ${where} is a group but not a categorical (no categories/codes)`, file, `choose another column: ${file}:labelColumn=NAME`);
    return compactCodes(readNumbers(codes, file), readStrings(cats, file), file, where);
  }
  if (isDataset(c)) {
    const cats = getDataset(g, `__categories/${column}`); // anndata 0.7 categorical
    if (cats) return compactCodes(readNumbers(c, file), readStrings(cats, file), file, where);
    return fromValues(c.value, file, where);
  }
  throw new DataError(`column ${where} could not be read`, file, `choose another column: ${file}:labelColumn=NAME`);
}

function fromValues(v: unknown, file: string, where: string): Truth {
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return encodeStringLabels(v as string[], file, where);
  return decodeNumericLabels(toNumbers(v, file, where), file, where, 'auto').truth;
}

export async function loadH5ad(file: string, o: H5adLoadOptions = {}): Promise<LoadedDataset> {
  const startedAt = performance.now();
  return withH5(file, (f) => {
    const notes: string[] = [];
    const legacy = isLegacy(f);
    if (!getEntity(f, 'X') && !rawPath(f)) {
      throw new DataError(`unknown layout: no X and no raw matrix (keys: ${f.keys().join(', ')})`, file, 'this is not an AnnData file; give the format explicitly');
    }
    const storage = o.storage ?? 'auto';
    let path: string;
    let counts: Matrix | Csr;
    let inferred: ValueType | null = null;
    if (o.matrix) {
      path = resolveMatrixPath(f, file, o.matrix);
      counts = readMatrix(f, path, file, storage);
    } else if (getEntity(f, 'X')) {
      path = 'X';
      counts = readMatrix(f, path, file, storage);
      inferred = inferValueType(counts);
      const raw = rawPath(f);
      // Clustering on z-scores drops the information preprocessing needs; prefer the unscaled raw matrix when X
      // is scaled (negative values), as the scanpy tutorials keep the log-normalised data in .raw for this reason.
      if (inferred === 'scaled' && raw) {
        notes.push(`X is scaled (has negative values): read ${raw} instead (add :matrix=X to the dataset spec to keep X)`);
        path = raw;
        counts = readMatrix(f, path, file, storage);
        inferred = null;
      }
    } else {
      path = rawPath(f)!;
      counts = readMatrix(f, path, file, storage);
    }
    const isRaw = path === 'raw.X' || path === 'raw/X';
    const varPath = isRaw ? (path === 'raw.X' ? 'raw.var' : 'raw/var') : 'var';
    let genes = dataframeIndex(f, varPath, file);
    if (o.geneColumn) {
      const gc = readGeneColumn(f, varPath, o.geneColumn, file);
      genes = gc;
    }
    const cells = dataframeIndex(f, 'obs', file);

    let truth: Truth | null = null;
    let labelSource: string | null = null;
    if (o.labels !== false) {
      const columns = dataframeColumns(f, 'obs');
      const column = o.labelColumn ?? LABEL_COLUMN_GUESSES.find((c) => columns.includes(c));
      if (!column || !columns.includes(column)) {
        throw new DataError(
          `label column ${column ? `'${column}' ` : ''}not found in obs (available: ${columns.join(', ') || 'none'})`,
          file,
          `name one of the available obs columns in the dataset spec: ${file}:labelColumn=${columns[0] ?? 'NAME'}`,
        );
      }
      truth = readLabelColumn(f, 'obs', column, file);
      labelSource = `obs/${column}`;
    }
    return assemble(
      {
        format: 'h5ad',
        file,
        matrix: path,
        counts,
        genes: genes && genes.length === counts.cols ? genes : undefined,
        cells: cells && cells.length === counts.rows ? cells : undefined,
        truth,
        labelSource,
        sourceValueType: null,
        valueType: inferred,
        notes: [...notes, `AnnData layout: ${legacy ? 'legacy (< 0.7)' : 'modern (encoding-type attributes)'}`],
        startedAt,
      },
      o,
    );
  });
}

function readGeneColumn(f: H5File, varPath: string, column: string, file: string): string[] {
  const e = getEntity(f, varPath);
  const cols = dataframeColumns(f, varPath);
  if (!cols.includes(column)) {
    throw new DataError(`gene column '${column}' not found in ${varPath} (available: ${cols.join(', ')})`, file, 'pass geneColumn naming one of the available var columns, or omit it to use the var index');
  }
  if (isDataset(e)) return readCompoundField(e, column)!.map(String);
  const c = getEntity(e as H5Group, column);
  if (isGroup(c)) {
    const cats = readStrings(getDataset(c, 'categories')!, file);
    return Array.from(readNumbers(getDataset(c, 'codes')!, file), (k) => (k >= 0 ? cats[k] : ''));
  }
  return readStrings(c as NonNullable<ReturnType<typeof getDataset>>, file);
}
