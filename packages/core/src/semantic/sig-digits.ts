// Python's `'%.4g' % v` (also f'{v:.4g}'), the format the original wrote expression values in (METHODS.md §3.3:
// "values printed to 4 significant digits"). It matters beyond cosmetics: path 1 of the original re-parses these
// strings and truncates them with int(float(s)) (§3.4), so 0.99996 prints as "1" and then counts as 1, not 0.

/**
 * Format like Python's `%.{digits}g`: round to `digits` significant digits, scientific notation when the decimal
 * exponent is < −4 or ≥ digits, trailing zeros (and a trailing ".") removed, exponent with sign and ≥ 2 digits.
 */
export function formatSignificant(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, expText] = roundSignificant(v, digits).split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= digits) {
    const m = stripZeros(mantissa);
    const sign = exp < 0 ? '-' : '+';
    return `${m}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return stripZeros(v.toFixed(Math.max(0, digits - 1 - exp)));
}

/**
 * `v.toExponential(digits − 1)`, except on exact decimal ties: JavaScript rounds those away from zero, CPython to the
 * even digit ('%.4g' % 12345 is '1.234e+04', JS gives 1.235e+4). Counts make such ties common (12345, 0.12345 is
 * not one: its binary value is below the tie). toExponential also reports the exponent after rounding
 * (9.9996 → 1.000e+1), which the %g rule needs.
 */
function roundSignificant(v: number, digits: number): string {
  const rounded = v.toExponential(digits - 1);
  // 21 significant digits are exact enough to see a tie: a double's decimal expansion that is "…5000…" through
  // digit 21 is an exact tie (a double has no room for a non-zero digit further out after 16 zeros at this scale).
  const wide = Math.abs(v).toExponential(20);
  const [m, e] = wide.split('e');
  const allDigits = m.replace('.', '');
  const rest = allDigits.slice(digits);
  if (!/^50*$/.test(rest)) return rounded;
  const kept = allDigits.slice(0, digits);
  if (Number(kept[kept.length - 1]) % 2 === 1) return rounded; // odd: away from zero = to even
  const sign = v < 0 ? '-' : '';
  return `${sign}${kept[0]}${digits > 1 ? '.' + kept.slice(1) : ''}e${e}`;
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** The original's path-1 weight: int(float('%.4g' % v)), i.e. truncation toward zero of the printed value. */
export function paperWeight(v: number): number {
  return Math.trunc(Number(formatSignificant(v, 4)));
}
