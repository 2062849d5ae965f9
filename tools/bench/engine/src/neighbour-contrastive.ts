/**
 * scNAME's neighbourhood contrastive loss, value + gradient for z̃, as a fine-tuning step needs it: the engine's
 * `neighbourContrastive` (one pass over the B × N logits) against its op form differentiated by autodiff (what it
 * replaced), interleaved on the same inputs so both see the same load. CPU time, since the machine is shared.
 * Defaults: scNAME's batch 256, a bank of cbmc_top2000's 8,617 cells, latent 32, k 10, T 0.7.
 *
 *   SCBENCH_THREADS=1 npx tsx tools/bench/engine/src/neighbour-contrastive.ts [--batch 256] [--bank 8617] [--reps 7]
 *
 * Prints the median CPU milliseconds of each, their ratio and the largest gradient difference.
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { initEngine, neighbourContrastive, tf } from '@scbench/engine';
import { neighbourContrastiveOpForm } from '@scbench/engine/bench';

const { values } = parseArgs({ options: { batch: { type: 'string', default: '256' }, bank: { type: 'string', default: '8617' }, reps: { type: 'string', default: '7' } } });
const [b, n, reps] = [Number(values.batch), Number(values.bank), Number(values.reps)];
if (!(b >= 1 && n >= 10 && reps >= 1)) throw new Error('usage: neighbour-contrastive.ts [--batch B ≥ 1] [--bank N ≥ 10] [--reps R ≥ 1]');
const info = await initEngine();
const z = tf.randomNormal([b, 32], 0, 1, 'float32', 1) as tf.Tensor2D;
const zt = tf.add(z, tf.randomNormal([b, 32], 0, 0.3, 'float32', 2)) as tf.Tensor2D;
const bank = tf.randomNormal([n, 32], 0, 1, 'float32', 3) as tf.Tensor2D;
const forms = {
  engine: (a: tf.Tensor) => neighbourContrastive(z, a as tf.Tensor2D, bank, 10, 0.7),
  'op form': (a: tf.Tensor) => neighbourContrastiveOpForm(z, a as tf.Tensor2D, bank, 10, 0.7),
};
type Form = keyof typeof forms;
const grads: Partial<Record<Form, Float32Array>> = {};
function pass(which: Form): number {
  const c0 = process.cpuUsage();
  tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad(forms[which])(zt);
    value.dataSync();
    grads[which] = grad.dataSync() as Float32Array;
  });
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e3;
}
const times: Record<Form, number[]> = { engine: [], 'op form': [] };
for (let r = 0; r <= reps; r++) {
  for (const which of ['engine', 'op form'] as const) {
    const ms = pass(which);
    if (r > 0) times[which].push(ms); // the first pass of each is warm-up
  }
}
const median = (a: number[]): number => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
let worst = 0;
for (let i = 0; i < grads.engine!.length; i++) worst = Math.max(worst, Math.abs(grads.engine![i] - grads['op form']![i]));
console.log(`batch ${b} × bank ${n} × 32, backend ${info.name}, ${info.threads} thread(s), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const which of ['engine', 'op form'] as const) console.log(`${which}: value + gradient ${median(times[which]).toFixed(0)} ms CPU (median of ${reps})`);
console.log(`ratio op form / engine ${(median(times['op form']) / median(times.engine)).toFixed(2)}; largest gradient difference ${worst.toExponential(1)}`);
