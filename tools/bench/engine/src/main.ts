/**
 * Engine benchmark: the reference training step (dense AE rows×2000 → 256 → 16 → 256 → 2000, MSE, Adam,
 * full batch) on every backend that starts here, and the same step as one hand-built onnxruntime graph
 * (the practical speed limit of this CPU). Prints per-step medians, effective GFLOP/s and ratios; the last
 * line is `ratio <engine default backend step / hand-built graph step>`.
 *
 *   npm run bench:engine [-- --rows 4096 --steps 5 --backends wasm-ort,wasm --threads 2]
 */
import { parseArgs } from 'node:util';
import { BACKENDS, initEngine, type BackendName } from '@scbench/engine';
import { createRng } from '@scbench/numerics';
import { aeStepFlops, engineAe, ortThreads, referenceAeStep } from '@scbench/engine/bench';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '4096' },
    steps: { type: 'string', default: '5' },
    backends: { type: 'string' },
    threads: { type: 'string' },
    'slow-steps': { type: 'string', default: '2' },
  },
});

const rows = Number(args.rows);
const dims = [2000, 256, 16, 256, 2000];
const steps = Number(args.steps);
const threads = args.threads ? Number(args.threads) : undefined;
const flops = aeStepFlops(rows, dims);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (s: number): string => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);

// Deterministic input: Gaussian, so every method sees the same work.
const rng = createRng(2024, 'mulberry32');
const x = new Float32Array(rows * dims[0]);
for (let i = 0; i < x.length; i++) x[i] = rng.normal();

console.log(`reference step: dense AE ${rows}×${dims.join('→')}, MSE, Adam, full batch; ${(flops / 1e9).toFixed(1)} GFLOP per step`);

interface Row {
  label: string;
  seconds: number;
  firstLoss: number;
}
const rowsOut: Row[] = [];
const ratios = new Map<Row, number>();
let defaultRow: Row | null = null;

const wanted = (args.backends?.split(',') as BackendName[] | undefined) ?? [...BACKENDS];
for (const b of wanted) {
  let info;
  try {
    info = await initEngine({ backend: b, threads });
  } catch (e) {
    console.log(`${b}: not available (${(e as Error).message})`);
    continue;
  }
  // Plain wasm takes ~15 s a step: fewer steps there.
  const n = b === 'wasm' ? Number(args['slow-steps']) : steps;
  const ae = engineAe(x, rows, dims);
  // The hand-built graph starts from the same weights (so its first loss must equal the engine's) and runs
  // interleaved with the engine's steps, so both see the same load on a shared machine.
  const refThreads = threads ?? Math.max(1, ortThreads(), info.threads);
  const ref = referenceAeStep(x, rows, dims, ae.init, refThreads);
  const refTimes: number[] = [];
  const refLosses: number[] = [];
  const { seconds, losses } = await ae.run(n + 1, () => {
    const t0 = performance.now();
    refLosses.push(ref.step());
    refTimes.push((performance.now() - t0) / 1000);
  });
  ae.dispose();
  ref.dispose();
  // The first step of each warms caches and builds ORT sessions.
  const s = median(seconds.slice(1));
  const r = median(refTimes.slice(1));
  const label = `engine ${b} (${info.name}, ${info.threads} thread${info.threads > 1 ? 's' : ''})`;
  const row = { label, seconds: s, firstLoss: losses[0] };
  rowsOut.push(row, { label: `  hand-built onnxruntime graph, interleaved (${refThreads} threads)`, seconds: r, firstLoss: refLosses[0] });
  defaultRow ??= row;
  ratios.set(row, s / r);
  console.log(`${label}: ${fmt(s)} per step (median of ${n}; all: ${seconds.map(fmt).join(', ')})`);
  console.log(`  hand-built graph: ${fmt(r)} per step (all: ${refTimes.map(fmt).join(', ')})`);
}

console.log('\n| path | step | GFLOP/s | × hand-built (same run) | first loss |\n|---|---|---|---|---|');
for (const r of rowsOut) {
  const ratio = ratios.get(r);
  console.log(`| ${r.label} | ${fmt(r.seconds)} | ${(flops / 1e9 / r.seconds).toFixed(1)} | ${ratio === undefined ? '' : ratio.toFixed(2)} | ${r.firstLoss.toFixed(6)} |`);
}
if (!defaultRow) throw new Error('no engine backend could start');
console.log(`\ndefault backend: ${defaultRow.label}`);
console.log(`ratio ${ratios.get(defaultRow)!.toFixed(2)}`);
