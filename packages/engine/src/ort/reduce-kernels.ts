/**
 * `Sum` and `Mean` on large float32 tensors through ORT ReduceSum/ReduceMean. Why: every dense layer's bias
 * gradient is a column sum of the output gradient (N×D), which tfjs-wasm computes by transposing the whole
 * tensor first and then reducing on one thread (~60 ms at 4096×2000); ORT reduces in place on all threads.
 */
import * as tf from '@tensorflow/tfjs';
import { ortTensor } from './binding.ts';
import { ortSession } from './sessions.ts';
import { gemmSession, ortKernelStats } from './matmul-kernels.ts';
import type { TensorInfo, WasmBackend } from '../wasm-backend.ts';
import { kernelOverride } from './kernel-override.ts';

interface ReduceArgs {
  inputs: { x: TensorInfo };
  backend: WasmBackend;
  attrs: { axis: number | number[] | null; keepDims: boolean };
}

const MIN_SIZE = 1 << 16;

/** One cached ORT graph per (op, rank, axes), keepdims on, any sizes. */
function reduceSession(op: 'ReduceSum' | 'ReduceMean', rank: number, axes: readonly number[]) {
  return ortSession(`${op}:${rank}:${axes.join(',')}`, () => ({
    nodes: [{ op, inputs: ['X', 'axes'], outputs: ['Y'], attrs: { keepdims: 1 } }],
    inputs: [{ name: 'X', shape: Array.from({ length: rank }, (_, i) => `d${i}`) }],
    outputs: [{ name: 'Y', shape: Array.from({ length: rank }, (_, i) => `o${i}`) }],
    initializers: [{ name: 'axes', dims: [axes.length], values: [...axes], int64: true }],
    opset: 18,
  }));
}

function reduce(op: 'ReduceSum' | 'ReduceMean', kernel: string) {
  return (args: ReduceArgs): TensorInfo => {
    const { x } = args.inputs;
    const rank = x.shape.length;
    const size = x.shape.reduce((a, b) => a * b, 1);
    if (x.dtype !== 'float32' || size < MIN_SIZE || rank === 0) {
      ortKernelStats.fallback++;
      return override.original(kernel)(args as never) as TensorInfo;
    }
    const ax = args.attrs.axis;
    const listed = ax == null ? x.shape.map((_, i) => i) : Array.isArray(ax) ? ax : [ax];
    const axes = [...new Set(listed.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
    const keep = !!args.attrs.keepDims;
    const outShape = keep ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
    const out = args.backend.makeOutput(outShape, 'float32');
    if (axes.length === rank) {
      args.backend.typedArrayFromHeap(out)[0] = reduceAll(args.backend.typedArrayFromHeap(x), op === 'ReduceMean');
      ortKernelStats.delegated++;
      return out;
    }
    const data = args.backend.typedArrayFromHeap(x);
    const y = args.backend.typedArrayFromHeap(out);
    if (axes.includes(rank - 1)) reduceWithLastAxis(data, x.shape, axes, op === 'ReduceMean', y);
    else {
      const Tensor = ortTensor();
      const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
      reduceSession(op, rank, axes).run({ X: new Tensor('float32', data, x.shape) }, { Y: new Tensor('float32', y, keptShape) });
    }
    ortKernelStats.delegated++;
    return out;
  };
}

/**
 * A reduction over every entry, independent of where the tensor sits in the wasm heap. ORT's one-pass ReduceSum
 * over a contiguous buffer rounds its last bit differently at different heap offsets (its vector lanes start where
 * the alignment falls: 2 distinct means over 12 offsets of the same 2638×2000 values), so a logged loss could differ
 * between two runs of the same seed. A column sum accumulates each column row by row whatever the alignment, so
 * the entries are viewed as rows × `cols` (cols: the largest divisor ≤ 4096), summed per column by ORT on all
 * threads, and the ≤ 4096 partial sums are added here in float64. (A size with no divisor above 1 — a large
 * prime — is one column: summed in one pass, as before.)
 */
function reduceAll(data: Float32Array, mean: boolean): number {
  const size = data.length;
  let cols = Math.min(4096, size);
  while (size % cols !== 0) cols--;
  const rows = size / cols;
  const partial = new Float32Array(cols);
  const Tensor = ortTensor();
  reduceSession('ReduceSum', 2, [0]).run({ X: new Tensor('float32', data, [rows, cols]) }, { Y: new Tensor('float32', partial, [1, cols]) });
  let total = 0;
  for (let j = 0; j < cols; j++) total += partial[j];
  return mean ? total / size : total;
}

/** A reused buffer for the zero-padded copy: a fresh 28 MB array per call cost more than the reduction. */
let scratch = new Float32Array(0);
function paddingScratch(size: number): Float32Array {
  if (scratch.length < size) scratch = new Float32Array(size);
  return scratch.subarray(0, size);
}

/**
 * A reduction that includes the last (contiguous) axis, e.g. a row-wise sum of N×N similarities in InfoNCE's
 * logsumexp. ORT sums a contiguous run with vector lanes that start where the alignment falls, so the result's last
 * bit depended on the tensor's heap offset (2 distinct row-wise logsumexps of one 4096×16 matrix over 12 offsets),
 * as for `reduceAll`.
 * - Reduced axes that are a suffix of the shape (a row sum, the common case): the tensor viewed as rows × L times a
 *   ones vector, an ORT Gemm. Its inner loop accumulates in a fixed order whatever the alignment (1 distinct result
 *   over the 12 offsets), and at 2638 × 2638 it takes 1.5 ms against 7.9 ms for the lane split below.
 * - Any other set with the last axis: the last axis L is viewed as (L / c) × c (c: the largest divisor ≤ 32; runs
 *   zero-padded to a multiple of 16 where that is under 16), the L / c axis is summed by ORT lane by lane in a fixed
 *   order, and the c partial sums of each output are added here in float64.
 * Reductions that leave the last axis alone already sum lane by lane and go straight to ORT.
 */
function reduceWithLastAxis(data: Float32Array, shape: readonly number[], axes: readonly number[], mean: boolean, y: Float32Array): void {
  const rank = shape.length;
  if (axes.every((a, i) => a === rank - axes.length + i)) {
    rowSumsByGemm(data, y.length, data.length / y.length, y);
    if (mean) {
      const count = data.length / y.length;
      for (let o = 0; o < y.length; o++) y[o] /= count;
    }
    return;
  }
  let last = shape[rank - 1];
  let c = Math.min(32, last);
  while (last % c !== 0) c--;
  if (c < 16) {
    // Few lanes are slow (2,638 = 2 × 1,319 gives 2: 10× a plain sum): pad each run with zeros to a multiple of 16.
    const padded = Math.ceil(last / 16) * 16;
    const runs = data.length / last;
    const copy = paddingScratch(runs * padded);
    for (let r = 0; r < runs; r++) {
      copy.set(data.subarray(r * last, (r + 1) * last), r * padded);
      copy.fill(0, r * padded + last, (r + 1) * padded);
    }
    data = copy;
    last = padded;
    c = 16;
  }
  const view = [...shape.slice(0, -1), last / c, c];
  const viewAxes = [...axes.filter((a) => a !== rank - 1), rank - 1]; // the c axis (index rank) is kept
  const partialShape = view.map((d, i) => (viewAxes.includes(i) ? 1 : d));
  const partial = new Float32Array(y.length * c);
  const Tensor = ortTensor();
  reduceSession('ReduceSum', rank + 1, viewAxes).run({ X: new Tensor('float32', data, view) }, { Y: new Tensor('float32', partial, partialShape) });
  const count = axes.reduce((n, a) => n * shape[a], 1);
  for (let o = 0; o < y.length; o++) {
    let total = 0;
    for (let j = o * c; j < (o + 1) * c; j++) total += partial[j];
    y[o] = mean ? total / count : total;
  }
}

/** A ones vector per row length, kept: the Gemm reads it every call. */
const onesByLength = new Map<number, Float32Array>();

/** y = X·1 for X = `data` viewed as rows × cols (see `reduceWithLastAxis`). */
function rowSumsByGemm(data: Float32Array, rows: number, cols: number, y: Float32Array): void {
  let ones = onesByLength.get(cols);
  if (!ones) onesByLength.set(cols, (ones = new Float32Array(cols).fill(1)));
  const Tensor = ortTensor();
  gemmSession(false, false, false, 'linear', 0).run({ A: new Tensor('float32', data, [rows, cols]), B: new Tensor('float32', ones, [cols, 1]) }, { Y: new Tensor('float32', y, [rows, 1]) });
}

const override = kernelOverride('installOrtReduceKernels', [
  [tf.Sum, reduce('ReduceSum', tf.Sum) as never],
  [tf.Mean, reduce('ReduceMean', tf.Mean) as never],
]);

export const installOrtReduceKernels = (): void => override.install();
export const uninstallOrtReduceKernels = (): void => override.uninstall();
