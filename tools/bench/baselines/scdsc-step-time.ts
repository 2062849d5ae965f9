/**
 * Wall and CPU seconds of full-batch scDSC training steps (`scdsc-step.ts`: forward + gradients of the paper loss on
 * random data, N cells × G genes, the default layer sizes): the figure engine changes to the step are judged by.
 * CPU time is the one to compare on a loaded machine (wall time moves with the load). To compare two commits back to
 * back, run it from a worktree of each (`git worktree add`, node_modules linked, @scbench/* pointing into it).
 *
 *   SCBENCH_THREADS=1 npx tsx tools/bench/baselines/scdsc-step-time.ts [--cells 8617] [--genes 391] [--recompute] [--steps 5]
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { initEngine } from '@scbench/engine';
import { scdscStep } from './scdsc-step.ts';

const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '8617' },
    genes: { type: 'string', default: '391' },
    recompute: { type: 'boolean', default: false },
    steps: { type: 'string', default: '5' },
  },
});
const n = Number(values.cells);
const g = Number(values.genes);
const steps = Number(values.steps);
if (!(n > 10 && g > 1 && steps >= 1)) throw new Error('usage: scdsc-step-time.ts [--cells N>10] [--genes G>1] [--recompute] [--steps S≥1]');
const backend = await initEngine();
const step = scdscStep(n, g, 15, values.recompute);
console.log(`scdsc step ${n} × ${g}${values.recompute ? ' (recompute)' : ''}, ${backend.name}, ${backend.threads} thread(s), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (let s = 0; s <= steps; s++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  step();
  const cpu = process.cpuUsage(c0);
  // Step 0 warms the kernels and sessions up and is not reported.
  if (s > 0) console.log(`step ${s}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
}
