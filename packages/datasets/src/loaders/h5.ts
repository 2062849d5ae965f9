// scDeepCluster/scDCC/scCDCG-style HDF5 (X cells × genes + Y codes) and the "h5-uniform" layout of the shared
// data, which adds gene_names/cell_names/label_names and descriptive root attributes. One reader for both:
// they differ only in what is present besides X and Y.
import type { Truth } from '@scbench/api';
import { assemble } from '../assemble.ts';
import { DataError } from '../errors.ts';
import { attrString, getDataset, readDenseMatrix, readNumbers, readStrings, withH5, type H5File } from '../h5.ts';
import { compactCodes, decodeNumericLabels, type LabelBase } from '../labels.ts';
import type { CommonLoadOptions, LoadedDataset } from '../types.ts';
import { valueTypeFromText } from '../value-type.ts';

export interface H5LoadOptions extends CommonLoadOptions {
  /** Matrix key (default "X"). */
  readonly matrixKey?: string;
  /** Label key (default "Y"). */
  readonly labelKey?: string;
  /** Base of the integer codes in Y; 'auto' decides from the data (default). */
  readonly labelBase?: LabelBase;
}

/** True when the file looks like X/Y HDF5 (what `loadDataset` uses to tell it from AnnData). */
export function isXyLayout(f: H5File): boolean {
  const keys = f.keys();
  return keys.includes('X') && keys.includes('Y');
}

export async function loadH5(file: string, o: H5LoadOptions = {}): Promise<LoadedDataset> {
  const startedAt = performance.now();
  return withH5(file, (f) => {
    const keys = f.keys();
    const xKey = o.matrixKey ?? 'X';
    const X = getDataset(f, xKey);
    if (!X) {
      throw new DataError(
        `unknown layout: no matrix '${xKey}' (keys: ${keys.join(', ') || 'none'})`,
        file,
        keys.some((k) => k === 'obs' || k === 'var')
          ? 'this looks like AnnData: load it as h5ad (format: "h5ad")'
          : `name the cells × genes matrix in the dataset spec: ${file}:matrix=KEY (keys above)`,
      );
    }
    const uniform = keys.includes('gene_names') || keys.includes('label_names');
    const notes: string[] = [];
    const counts = readDenseMatrix(X, file, o.storage ?? 'auto');
    const [rows, cols] = [counts.rows, counts.cols];

    let truth: Truth | null = null;
    let labelSource: string | null = null;
    if (o.labels !== false) {
      const yKey = o.labelKey ?? 'Y';
      const Y = getDataset(f, yKey);
      if (!Y) {
        throw new DataError(`label key '${yKey}' is missing (keys: ${keys.join(', ')})`, file, `name the label codes in the dataset spec: ${file}:labelKey=KEY`);
      }
      const y = readNumbers(Y, file);
      if (y.length !== rows) {
        throw new DataError(`${y.length} labels in ${yKey} for ${rows} cells in ${xKey}`, file, `${yKey} must have one code per row of ${xKey}; the file is inconsistent`);
      }
      const names = getDataset(f, 'label_names');
      if (uniform && names && (o.labelBase ?? 0) === 0) {
        // h5-uniform: 0-based codes into label_names. A name no cell has is not a class (it would count towards
        // nClusters and the class count): dropped, and said so.
        const ln = readStrings(names, file);
        const labels = Int32Array.from(y);
        for (let i = 0; i < labels.length; i++) {
          if (labels[i] !== y[i] || labels[i] < 0 || labels[i] >= ln.length) {
            throw new DataError(`${yKey}[${i}] = ${y[i]} is not a code into label_names (${ln.length} names)`, file, 'the file is inconsistent; regenerate it');
          }
        }
        truth = compactCodes(labels, ln, file, yKey);
        labelSource = `${yKey} (0-based codes into label_names)`;
        if (truth.names.length < ln.length) {
          const unused = ln.filter((n) => !truth!.names.includes(n));
          notes.push(`label_names ${unused.map((n) => JSON.stringify(n)).join(', ')} name no cell; not counted as classes`);
        }
      } else {
        const d = decodeNumericLabels(y, file, yKey, o.labelBase ?? 'auto');
        truth = d.truth;
        labelSource = `${yKey} (${d.how})`;
      }
    }

    const strings = (key: string, n: number): string[] | undefined => {
      const ds = getDataset(f, key);
      if (!ds) return undefined;
      const s = readStrings(ds, file);
      if (s.length !== n) notes.push(`${key} has ${s.length} entries for ${n}; ignored`);
      return s.length === n ? s : undefined;
    };
    const sourceValueType = attrString(f, 'value_type') ?? null;
    const taxon = Number(attrString(f, 'taxon_id'));
    const extra = keys.filter((k) => ![xKey, o.labelKey ?? 'Y', 'gene_names', 'cell_names', 'label_names', 'gene_ids'].includes(k));
    if (extra.length) notes.push(`other keys not loaded: ${extra.join(', ')}`);
    return assemble(
      {
        format: uniform ? 'h5-uniform' : 'h5-scdcc',
        file,
        matrix: xKey,
        counts,
        genes: strings('gene_names', cols),
        geneIds: strings('gene_ids', cols),
        cells: strings('cell_names', rows),
        truth,
        labelSource,
        sourceValueType,
        valueType: valueTypeFromText(sourceValueType),
        species: attrString(f, 'species'),
        taxonId: Number.isFinite(taxon) && taxon > 0 ? taxon : undefined,
        notes,
        startedAt,
      },
      o,
    );
  });
}
