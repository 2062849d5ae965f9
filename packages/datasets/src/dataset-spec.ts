// "PATH-OR-ID:key=value,key=value": a dataset and the load options it needs, as one string. The command line
// (`scbench run --datasets`, `scbench inspect`) and `loadDataset` read the same form, so every hint can name
// something a user can type, and the whole string is the dataset's identity in records.
import type { ValueType } from '@scbench/api';
import { DataError } from './errors.ts';

/** Spec keys, what each sets, and the formats that read it. */
export const SPEC_KEYS = {
  labels: 'a cell table (first column: cell id) holding the labels (CSV/TSV, 10x MTX)',
  labelColumn: 'the label column (of that table, or of AnnData obs)',
  matrix: "the matrix to read: an HDF5 key (X/Y .h5) or 'X', 'raw.X', 'layers/NAME' (.h5ad)",
  labelKey: 'the label codes dataset (X/Y .h5; default Y)',
  valueType: "what the values are: 'raw counts', 'log-normalised', 'normalised', 'RPKM' or 'scaled'",
  orientation: 'genes-x-cells or cells-x-genes (CSV/TSV; default: matched against the labels table)',
} as const;

export type SpecKey = keyof typeof SPEC_KEYS;

const VALUE_TYPES: readonly ValueType[] = ['raw counts', 'log-normalised', 'normalised', 'RPKM', 'scaled'];
const ORIENTATIONS = ['genes-x-cells', 'cells-x-genes'] as const;

/** The load options a spec's keys map to (a subset of `LoadOptions`). */
export interface SpecOptions {
  readonly labelsFile?: string;
  readonly labelColumn?: string;
  readonly matrix?: string;
  readonly matrixKey?: string;
  readonly labelKey?: string;
  readonly valueType?: ValueType;
  readonly orientation?: (typeof ORIENTATIONS)[number];
}

export interface DatasetSpec {
  /** The registry id or path before the options. */
  readonly source: string;
  readonly options: SpecOptions;
}

/** Text for help and hints: every key with what it does. */
export function specKeysHelp(indent = ''): string {
  return Object.entries(SPEC_KEYS).map(([k, v]) => `${indent}${k.padEnd(12)} ${v}`).join('\n');
}

/**
 * Split "data.csv:labels=cells.csv,labelColumn=cell_type" into its source and options. A string with no
 * ":key=value" tail is a plain source (also a path that itself contains ':'); an unknown key or bad value is a
 * DataError naming it and the keys there are.
 */
export function parseDatasetSpec(spec: string): DatasetSpec {
  const m = /^(.+?):((?:\w+=[^,]*)(?:,\w+=[^,]*)*)$/s.exec(spec);
  if (!m || m[1] === 'synthetic') return { source: spec, options: {} };
  const [, source, tail] = m;
  const options: Record<string, string> = {};
  const bad = (what: string, fix: string): never => {
    throw new DataError(`dataset spec "${spec}": ${what}`, source, fix);
  };
  for (const part of tail.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1).trim();
    if (!(key in SPEC_KEYS)) bad(`unknown key "${key}"`, `use ${Object.keys(SPEC_KEYS).join(', ')}, e.g. data.csv:labels=cells.csv,labelColumn=cell_type`);
    if (value === '') bad(`${key} has no value`, `give ${key}=VALUE (${SPEC_KEYS[key as SpecKey]})`);
    if (key in options) bad(`${key} is given twice`, `give each key once`);
    options[key] = value;
  }
  if (options.valueType !== undefined && !VALUE_TYPES.includes(options.valueType as ValueType)) {
    bad(`valueType "${options.valueType}" is not one of ${VALUE_TYPES.join(', ')}`, `e.g. "${source}:valueType=log-normalised" (quote the spec when the value has a space)`);
  }
  if (options.orientation !== undefined && !(ORIENTATIONS as readonly string[]).includes(options.orientation)) {
    bad(`orientation "${options.orientation}" is not one of ${ORIENTATIONS.join(', ')}`, `e.g. ${source}:orientation=genes-x-cells`);
  }
  const { labels, matrix, ...rest } = options;
  return {
    source,
    options: {
      ...rest,
      ...(labels !== undefined ? { labelsFile: labels } : {}),
      // One key for both layouts' matrix option: each loader reads its own.
      ...(matrix !== undefined ? { matrix, matrixKey: matrix } : {}),
    } as SpecOptions,
  };
}
