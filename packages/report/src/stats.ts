/** Mean and sample standard deviation (n−1; 0 for a single value), as reported "mean ± sd over seeds". */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/**
 * Ranks with ties sharing their average rank (1 = best). NaN (no successful run) ranks last, as a failure must
 * never look better than a poor result.
 */
export function averageRanks(values: readonly number[], higherIsBetter: boolean): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => {
    const an = Number.isNaN(a.v);
    const bn = Number.isNaN(b.v);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    return higherIsBetter ? b.v - a.v : a.v - b.v;
  });
  const ranks = new Array<number>(values.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    const same = (x: number, y: number) => x === y || (Number.isNaN(x) && Number.isNaN(y));
    while (e + 1 < order.length && same(order[e + 1].v, order[s].v)) e++;
    const r = (s + e) / 2 + 1;
    for (let t = s; t <= e; t++) ranks[order[t].i] = r;
    s = e + 1;
  }
  return ranks;
}
