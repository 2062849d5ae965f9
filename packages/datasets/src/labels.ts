// Turning label columns of any kind into 0-based contiguous codes (the `Truth` every metric expects).
import type { Truth } from '@scbench/api';
import { DataError } from './errors.ts';

export type LabelBase = 0 | 1 | 'auto';

export interface DecodedLabels {
  readonly truth: Truth;
  /** How the base was decided, e.g. "1-based (min 1, max 8, 8 values)". */
  readonly how: string;
}

/**
 * Integer label codes (stored as any numeric type) → 0-based codes.
 * 'auto' decides from the data, as scDeepCluster-style files differ: min 1 and max K (K distinct values) ⇒ 1-based,
 * min 0 and max K−1 ⇒ 0-based; anything else (gaps, negative codes) is remapped in sorted order and said so.
 * Names are the original values as text ("1", "2", ...) since these files carry no label names.
 */
export function decodeNumericLabels(values: ArrayLike<number>, file: string, key: string, base: LabelBase = 'auto'): DecodedLabels {
  const n = values.length;
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0 || v % 1 !== 0) {
      throw new DataError(
        `label ${key}[${i}] = ${v} is not an integer code`,
        file,
        `labels must be integer class codes; name another dataset in the spec (${file}:labelKey=KEY) or repair the file`,
      );
    }
    distinct.add(v);
  }
  const sorted = [...distinct].sort((a, b) => a - b);
  const k = sorted.length;
  const min = k ? sorted[0] : 0;
  const max = k ? sorted[k - 1] : -1;
  let shift: number | null;
  let how: string;
  if (base === 'auto') {
    if (min === 1 && max === k) {
      shift = 1;
      how = `1-based (min 1, max ${max}, ${k} values)`;
    } else if (min === 0 && max === k - 1) {
      shift = 0;
      how = `0-based (min 0, max ${max}, ${k} values)`;
    } else {
      shift = null;
      how = `remapped: ${k} distinct codes in [${min}, ${max}] are not contiguous; code c → rank of c`;
    }
  } else {
    if (min < base) {
      throw new DataError(
        `${key} has code ${min} below the declared base ${base}`,
        file,
        `use labelBase: 'auto' (or ${min === 0 ? 0 : 'the right base'})`,
      );
    }
    shift = base;
    how = `${base}-based (declared)`;
  }
  const labels = new Int32Array(n);
  if (shift !== null) {
    for (let i = 0; i < n; i++) labels[i] = values[i] - shift;
    // Names are the file's own codes ("1", "2", ...); a declared base may leave unused codes, dropped below.
    const names = Array.from({ length: max - shift + 1 }, (_, c) => String(c + shift));
    return compactIfSparse({ labels, names }, how);
  }
  const rank = new Map(sorted.map((v, r) => [v, r]));
  for (let i = 0; i < n; i++) labels[i] = rank.get(values[i])!;
  return { truth: { labels, names: sorted.map(String) }, how };
}

/** Drop classes that no cell has (a declared base with gaps), keeping order; every code in [0, K) is then used. */
function compactIfSparse(t: Truth, how: string): DecodedLabels {
  const used = new Uint8Array(t.names.length);
  for (const c of t.labels) used[c] = 1;
  if (used.every((u) => u === 1)) return { truth: t, how };
  return { truth: compactCodes(t.labels, t.names), how: `${how}; unused codes dropped` };
}

/**
 * Categorical codes + categories (AnnData, pandas) → Truth with only the categories in use, in category order.
 * Code −1 means a missing value in pandas; it is an error here, since every cell needs a class.
 */
export function compactCodes(codes: ArrayLike<number>, categories: readonly string[], file = '', column = ''): Truth {
  const k = categories.length;
  const map = new Int32Array(k).fill(-1);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (!(c >= 0 && c < k) || c % 1 !== 0) {
      throw new DataError(
        `label column ${column} has ${c < 0 ? 'a missing value (code -1)' : `code ${c} outside its ${k} categories`} at cell ${i}`,
        file,
        'choose a label column without missing values, or drop the unlabelled cells before loading',
      );
    }
    map[c] = 0;
  }
  const names: string[] = [];
  for (let c = 0; c < k; c++) if (map[c] === 0) map[c] = names.push(categories[c]) - 1;
  const labels = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) labels[i] = map[codes[i]];
  return { labels, names };
}

/**
 * String labels → codes, classes sorted in code-unit order (byte order for ASCII), which is what pandas'
 * `astype('category')` and the h5-uniform files use, so codes agree across formats of the same data.
 * Empty strings and "NA"/"NaN" count as missing and are an error.
 */
export function encodeStringLabels(values: readonly string[], file = '', column = ''): Truth {
  const missing = values.findIndex((v) => v === '' || v === 'NA' || v === 'NaN');
  if (missing >= 0) {
    throw new DataError(
      `label column ${column} is missing a value at cell ${missing} (${JSON.stringify(values[missing])})`,
      file,
      'choose a label column without missing values, or drop the unlabelled cells before loading',
    );
  }
  const names = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const code = new Map(names.map((s, c) => [s, c]));
  return { labels: Int32Array.from(values, (v) => code.get(v)!), names };
}

export function classCount(t: Truth): number {
  return t.names.length;
}
