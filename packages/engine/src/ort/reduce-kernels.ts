/**
 * `Sum` and `Mean` on large float32 tensors through ORT ReduceSum/ReduceMean. Why: every dense layer's bias
 * gradient is a column sum of the output gradient (N×D), which tfjs-wasm computes by transposing the whole
 * tensor first and then reducing on one thread (~60 ms at 4096×2000); ORT reduces in place on all threads.
 */
import * as tf from '@tensorflow/tfjs';
import { ortTensor } from './binding.ts';
import { ortSession } from './sessions.ts';
import { ortKernelStats } from './matmul-kernels.ts';

interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}
interface WasmBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}
interface ReduceArgs {
  inputs: { x: TensorInfo };
  backend: WasmBackend;
  attrs: { axis: number | number[] | null; keepDims: boolean };
}

const MIN_SIZE = 1 << 16;
let originals: Map<string, tf.KernelConfig> | null = null;

function reduce(op: 'ReduceSum' | 'ReduceMean', kernel: string) {
  return (args: ReduceArgs): TensorInfo => {
    const { x } = args.inputs;
    const rank = x.shape.length;
    const size = x.shape.reduce((a, b) => a * b, 1);
    if (x.dtype !== 'float32' || size < MIN_SIZE || rank === 0) {
      ortKernelStats.fallback++;
      return originals!.get(kernel)!.kernelFunc(args as never) as TensorInfo;
    }
    const ax = args.attrs.axis;
    const listed = ax == null ? x.shape.map((_, i) => i) : Array.isArray(ax) ? ax : [ax];
    const axes = [...new Set(listed.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
    const keep = !!args.attrs.keepDims;
    const outShape = keep ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
    const out = args.backend.makeOutput(outShape, 'float32');
    const Tensor = ortTensor();
    const key = `${op}:${rank}:${axes.join(',')}`;
    const session = ortSession(key, () => ({
      nodes: [{ op, inputs: ['X', 'axes'], outputs: ['Y'], attrs: { keepdims: 1 } }],
      inputs: [{ name: 'X', shape: x.shape.map((_, i) => `d${i}`) }],
      outputs: [{ name: 'Y', shape: x.shape.map((_, i) => `o${i}`) }],
      initializers: [{ name: 'axes', dims: [axes.length], values: axes, int64: true }],
      opset: 18,
    }));
    const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    session.run(
      { X: new Tensor('float32', args.backend.typedArrayFromHeap(x), x.shape) },
      { Y: new Tensor('float32', args.backend.typedArrayFromHeap(out), keptShape) },
    );
    ortKernelStats.delegated++;
    return out;
  };
}

export function installOrtReduceKernels(): void {
  if (originals) return;
  originals = new Map();
  const kernels: [string, 'ReduceSum' | 'ReduceMean'][] = [
    [tf.Sum, 'ReduceSum'],
    [tf.Mean, 'ReduceMean'],
  ];
  for (const [name, op] of kernels) {
    const k = tf.getKernel(name, 'wasm');
    if (!k) throw new Error(`installOrtReduceKernels: wasm has no ${name} kernel`);
    originals.set(name, k);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: reduce(op, name) as never });
  }
}

export function uninstallOrtReduceKernels(): void {
  if (!originals) return;
  for (const [name, k] of originals) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(k);
  }
  originals = null;
}
