// Shared by the sccdcg and scllm-dsc benchmark scripts (the paper protocol is the runner's own rule).
export { benchOverrides, bestSnapshotByAcc, loadForRun } from '@scbench/runner';

/** Median (upper middle for even lengths), NaN for none. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Resident set size now, in MiB. */
export const mb = (): number => process.memoryUsage().rss / 2 ** 20;

/**
 * A ctx.progress that prints "stage done/total (elapsed)" to stderr at most every `everyMs` (and at each stage's
 * end), so a long run — a first embedding, a 100,000-cell graph — does not look hung. stdout keeps the figures.
 */
export function stderrProgress(everyMs = 15000): (stage: string, done: number, total: number) => void {
  const t0 = performance.now();
  let last = -Infinity;
  return (stage, done, total) => {
    const now = performance.now();
    if (now - last < everyMs && done < total) return;
    last = now;
    process.stderr.write(`  … ${stage} ${done}/${total} (${((now - t0) / 1000).toFixed(0)} s)\n`);
  };
}
