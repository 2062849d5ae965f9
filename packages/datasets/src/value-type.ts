import { isCsr, type Csr, type Matrix, type ValueType } from '@scbench/api';

/**
 * Map a free-text description (h5-uniform `value_type` attributes, manifest entries) to a ValueType.
 * Returns null when the text says nothing recognisable.
 */
export function valueTypeFromText(text: string | null | undefined): ValueType | null {
  if (!text) return null;
  // Judge by the leading words: "counts (UMI, reconstructed from LogNormalize ...)" is counts, not log data.
  const t = text.toLowerCase().trim();
  if (t.startsWith('scaled') || t.startsWith('z-score')) return 'scaled';
  if (/^(raw )?(umi )?counts?\b/.test(t)) return 'raw counts';
  if (/^(rpkm|fpkm|tpm|cpm)\b/.test(t)) return 'RPKM';
  if (t.startsWith('log')) return 'log-normalised';
  if (t.startsWith('normali')) return 'normalised';
  if (t.includes('count')) return 'raw counts';
  return null;
}

/**
 * Guess from the values when the file does not say: negative values ⇒ scaled (z-scores); all integers ⇒ raw counts;
 * max ≤ 30 ⇒ log-normalised (log1p of counts per 10k rarely passes ~12); otherwise 'normalised'.
 * A heuristic, recorded as such in the load notes; pass `valueType` to override.
 */
export function inferValueType(m: Matrix | Csr): ValueType {
  const data = isCsr(m) ? m.data : m.data;
  let neg = false;
  let integral = true;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < 0) neg = true;
    if (integral && v % 1 !== 0) integral = false;
    if (v > max) max = v;
  }
  if (neg) return 'scaled';
  if (integral) return 'raw counts';
  if (max <= 30) return 'log-normalised';
  return 'normalised';
}

/** Value types whose entries can never be negative. */
export function isNonNegativeType(v: ValueType): boolean {
  return v === 'raw counts' || v === 'normalised' || v === 'RPKM';
}
