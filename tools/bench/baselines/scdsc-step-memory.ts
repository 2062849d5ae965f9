/**
 * Peak tensor memory of one full-batch scDSC training step (forward + gradients of the paper loss) on random data,
 * for N cells × G genes with the default layer sizes, with or without gradient checkpointing (scdsc's `recompute`):
 * the figure that decides which datasets fit the wasm backend's 4 GiB heap. The wasm heap's size is the high-water
 * mark with allocator slack; tf.profile's peakBytes counts a tensor and its tape clones separately (they share data),
 * so it overstates.
 *
 *   npx tsx tools/bench/baselines/scdsc-step-memory.ts [--cells 4000] [--genes 2000] [--recompute]
 */
import { parseArgs } from 'node:util';
import { initEngine, tf } from '@scbench/engine';
import { scdscStep } from './scdsc-step.ts';

const { values } = parseArgs({
  options: { cells: { type: 'string', default: '4000' }, genes: { type: 'string', default: '2000' }, recompute: { type: 'boolean', default: false } },
});
const n = Number(values.cells);
const g = Number(values.genes);
if (!(n > 10 && g > 1)) throw new Error('usage: scdsc-step-memory.ts [--cells N>10] [--genes G>1]');
await initEngine();
const step = scdscStep(n, g, 8, values.recompute);
const t0 = performance.now();
const info = await tf.profile(step);
const seconds = (performance.now() - t0) / 1000;
const gib = (b: number): string => (b / 2 ** 30).toFixed(2);
const tensor = (4 * n * g) / 2 ** 30;
console.log(`scdsc step ${n} × ${g}${values.recompute ? ' (recompute)' : ''}: peak tensors ${gib(info.peakBytes)} GiB (${(info.peakBytes / 2 ** 30 / tensor).toFixed(1)} × an N×G tensor), ${seconds.toFixed(1)} s, rss ${gib(process.memoryUsage().rss)} GiB, wasm heap ${gib(wasmHeapBytes())} GiB`);

/** The wasm heap's size: it grows to the high-water mark (with allocator slack) and never shrinks; its cap is 4 GiB. */
function wasmHeapBytes(): number {
  return (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm?.HEAPU8.length ?? NaN;
}
