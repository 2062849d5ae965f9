/**
 * Speed of the label metrics on 1,000,000 labels in 100 classes (a noisy 100-cluster prediction).
 *   npx tsx tools/bench/metrics/bench.ts            # ours: ms per metric and for scoreAll (median of 5)
 *   npx tsx tools/bench/metrics/bench.ts --sklearn  # also time sklearn 1.x on the same labels via /usr/bin/python3
 * Not a test: timings depend on the machine; this is for checking the "well under a second" budget by hand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labelMetrics, scoreAll } from '@scbench/metrics';

const N = 1_000_000;
const K = 100;
const REPEATS = 5;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const rand = lcg(42);
const truth = Int32Array.from({ length: N }, () => Math.floor(rand() * K));
// 30% of labels reassigned at random, cluster ids permuted: ACC ≈ 0.7, a realistic matching problem.
const pred = Int32Array.from(truth, (t) => ((rand() < 0.3 ? Math.floor(rand() * K) : t) * 37 + 11) % K);

function median(f: () => unknown): number {
  f(); // warm-up (JIT)
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
}

console.log(`scbench metrics, n = ${N.toLocaleString('en')}, ${K} classes × ${K} clusters, median of ${REPEATS} (ms)`);
const ours: Record<string, number> = {};
for (const m of labelMetrics) {
  ours[m.id] = median(() => m.score(truth, pred));
  console.log(`  ${m.id.padEnd(13)} ${ours[m.id].toFixed(1).padStart(8)}`);
}
ours.scoreAll = median(() => scoreAll(truth, pred));
console.log(`  ${'scoreAll'.padEnd(13)} ${ours.scoreAll.toFixed(1).padStart(8)}`);
const scores = scoreAll(truth, pred);
console.log('  values', scores);

if (process.argv.includes('--sklearn')) {
  const dir = mkdtempSync(join(tmpdir(), 'scbench-metrics-bench-'));
  writeFileSync(join(dir, 'truth.i32'), truth);
  writeFileSync(join(dir, 'pred.i32'), pred);
  const script = `
import sys, time, numpy as np, sklearn
from sklearn import metrics as M
from scipy.optimize import linear_sum_assignment
t = np.fromfile(sys.argv[1] + '/truth.i32', dtype=np.int32); p = np.fromfile(sys.argv[1] + '/pred.i32', dtype=np.int32)
def acc(t, p):
    C = M.cluster.contingency_matrix(t, p); r, c = linear_sum_assignment(-C); return C[r, c].sum() / len(t)
fs = [('acc', acc), ('nmi', M.normalized_mutual_info_score), ('ari', M.adjusted_rand_score),
      ('ami', M.adjusted_mutual_info_score), ('fmi', M.fowlkes_mallows_score),
      ('hom/com/V', M.homogeneity_completeness_v_measure)]
print(f'sklearn {sklearn.__version__} on the same labels, one run each (ms)')
for name, f in fs:
    t0 = time.perf_counter(); v = f(t, p); ms = (time.perf_counter() - t0) * 1000
    print(f'  {name:13} {ms:8.1f}   value {v!r}')
`;
  const out = spawnSync('/usr/bin/python3', ['-c', script, dir], { encoding: 'utf8' });
  process.stdout.write(out.stdout || out.stderr || `python failed: ${out.error}\n`);
}
