// Shared by the sccdcg and scllm-dsc benchmark scripts.
export { loadForRun } from '@scbench/runner';

/** Median (upper middle for even lengths), NaN for none. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Resident set size now, in MiB. */
export const mb = (): number => process.memoryUsage().rss / 2 ** 20;
