/**
 * `BatchMatMul` and `_FusedMatMul` for the wasm backend, computed by onnxruntime `Gemm` sessions.
 *
 * Why: tfjs-wasm runs one thread and its transposed matmuls (every backward pass) take a slow path
 * (~0.8 GFLOP/s). ORT's Gemm runs multi-threaded MLAS at ~100+ GFLOP/s. Inputs and the output are views of
 * the wasm heap handed to ORT directly, so nothing is copied. Shapes Gemm cannot express (true batches, odd
 * bias shapes) and tiny products (where the call overhead dominates) go to the original wasm kernels.
 */
import * as tf from '@tensorflow/tfjs';
import type { OnnxGraph, OnnxNode } from './onnx-model.ts';
import { ortTensor, type OrtTensor } from './binding.ts';
import { ortSession } from './sessions.ts';
import type { TensorInfo, WasmBackend } from '../wasm-backend.ts';


type Activation = 'linear' | 'relu' | 'relu6' | 'elu' | 'prelu' | 'leakyrelu' | 'sigmoid';

interface GemmPlan {
  m: number;
  n: number;
  k: number;
  /** 2-D shapes of a and b as Gemm sees them (batch folded into rows where possible). */
  aDims: [number, number];
  bDims: [number, number];
  outShape: number[];
}

export interface OrtKernelOptions {
  /** Products with fewer multiply-adds than this stay on wasm (ORT's per-call overhead is ~10-30 µs). */
  minWork: number;
}

export const ortKernelStats = { delegated: 0, fallback: 0 };

const options: OrtKernelOptions = { minWork: 1 << 16 };

function prod(s: readonly number[]): number {
  return s.reduce((a, b) => a * b, 1);
}

/** Plan one Gemm for a (batched) matmul, or null when a plain Gemm cannot express it. */
function plan(a: TensorInfo, b: TensorInfo, tA: boolean, tB: boolean): GemmPlan | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const batchA = prod(a.shape.slice(0, -2));
  const batchB = prod(b.shape.slice(0, -2));
  const m0 = tA ? a.shape[ra - 1] : a.shape[ra - 2];
  const k = tA ? a.shape[ra - 2] : a.shape[ra - 1];
  const n = tB ? b.shape[rb - 2] : b.shape[rb - 1];
  if ((tB ? b.shape[rb - 1] : b.shape[rb - 2]) !== k) return null;
  if (batchB !== 1) return null;
  // a's batch folds into Gemm rows only when a is not transposed (rows stay contiguous).
  if (batchA !== 1 && tA) return null;
  const m = m0 * batchA;
  if (m * n * k < options.minWork || m === 0 || n === 0 || k === 0) return null;
  const outBatch = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  return {
    m,
    n,
    k,
    aDims: tA ? [k, m] : [m, k],
    bDims: tB ? [n, k] : [k, n],
    outShape: [...outBatch, m0, n],
  };
}

function gemmGraph(tA: boolean, tB: boolean, bias: boolean, act: Activation, alpha: number): OnnxGraph {
  const nodes: OnnxNode[] = [
    { op: 'Gemm', inputs: bias ? ['A', 'B', 'C'] : ['A', 'B'], outputs: [act === 'linear' ? 'Y' : 'G'], attrs: { transA: tA ? 1 : 0, transB: tB ? 1 : 0 } },
  ];
  const inputs = [
    { name: 'A', shape: ['a0', 'a1'] },
    { name: 'B', shape: ['b0', 'b1'] },
    ...(bias ? [{ name: 'C', shape: ['c'] }] : []),
    ...(act === 'prelu' ? [{ name: 'S', shape: ['s'] }] : []),
  ];
  const initializers = [];
  switch (act) {
    case 'linear':
      break;
    case 'relu':
      nodes.push({ op: 'Relu', inputs: ['G'], outputs: ['Y'] });
      break;
    case 'relu6':
      nodes.push({ op: 'Clip', inputs: ['G', 'lo', 'hi'], outputs: ['Y'] });
      initializers.push({ name: 'lo', dims: [], values: [0] }, { name: 'hi', dims: [], values: [6] });
      break;
    case 'elu':
      nodes.push({ op: 'Elu', inputs: ['G'], outputs: ['Y'], attrs: { alpha: { float: 1 } } });
      break;
    case 'leakyrelu':
      nodes.push({ op: 'LeakyRelu', inputs: ['G'], outputs: ['Y'], attrs: { alpha: { float: alpha } } });
      break;
    case 'sigmoid':
      nodes.push({ op: 'Sigmoid', inputs: ['G'], outputs: ['Y'] });
      break;
    case 'prelu':
      nodes.push({ op: 'PRelu', inputs: ['G', 'S'], outputs: ['Y'] });
      break;
  }
  return { nodes, inputs, outputs: [{ name: 'Y', shape: ['m', 'n'] }], initializers };
}

/** One cached ORT graph per Gemm form (also the row sums' plain A·B in reduce-kernels.ts). */
export function gemmSession(tA: boolean, tB: boolean, bias: boolean, act: Activation, alpha: number) {
  const key = `gemm:${+tA}${+tB}:${bias ? 'b' : '-'}:${act}:${act === 'leakyrelu' ? alpha : ''}`;
  return ortSession(key, () => gemmGraph(tA, tB, bias, act, alpha));
}

/** Bias or PReLU slope as a 1-D ORT input broadcast along rows: only a scalar or a length-n vector qualifies. */
function rowVector(t: TensorInfo | undefined, n: number): boolean {
  if (!t) return true;
  const size = prod(t.shape);
  return t.dtype === 'float32' && (size === 1 || (size === n && t.shape[t.shape.length - 1] === n));
}

function run(
  backend: WasmBackend,
  p: GemmPlan,
  a: TensorInfo,
  b: TensorInfo,
  tA: boolean,
  tB: boolean,
  bias: TensorInfo | undefined,
  act: Activation,
  alpha: number,
  slope: TensorInfo | undefined,
): TensorInfo {
  // Allocate first: malloc may grow wasm memory and detach views taken earlier.
  const out = backend.makeOutput(p.outShape, 'float32');
  const Tensor = ortTensor();
  const feeds: Record<string, OrtTensor> = {
    A: new Tensor('float32', backend.typedArrayFromHeap(a), p.aDims),
    B: new Tensor('float32', backend.typedArrayFromHeap(b), p.bDims),
  };
  if (bias) {
    const v = backend.typedArrayFromHeap(bias);
    feeds.C = new Tensor('float32', v, [v.length]);
  }
  if (slope) {
    const v = backend.typedArrayFromHeap(slope);
    feeds.S = new Tensor('float32', v, [v.length]);
  }
  const session = gemmSession(tA, tB, !!bias, act, alpha);
  session.run(feeds, { Y: new Tensor('float32', backend.typedArrayFromHeap(out), [p.m, p.n]) });
  ortKernelStats.delegated++;
  return out;
}

interface KernelArgs {
  inputs: Record<string, TensorInfo | undefined>;
  backend: WasmBackend;
  attrs: Record<string, unknown>;
}

let originals: { batch: tf.KernelConfig; fused: tf.KernelConfig } | null = null;

function batchMatMul(args: KernelArgs): TensorInfo {
  const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
  const tA = !!args.attrs.transposeA;
  const tB = !!args.attrs.transposeB;
  const p = plan(a, b, tA, tB);
  if (!p) {
    ortKernelStats.fallback++;
    return originals!.batch.kernelFunc(args as never) as TensorInfo;
  }
  return run(args.backend, p, a, b, tA, tB, undefined, 'linear', 0, undefined);
}

function fusedMatMul(args: KernelArgs): TensorInfo {
  const { a, b, bias, preluActivationWeights: slope } = args.inputs as Record<string, TensorInfo>;
  const tA = !!args.attrs.transposeA;
  const tB = !!args.attrs.transposeB;
  const act = (args.attrs.activation ?? 'linear') as Activation;
  const p = plan(a, b, tA, tB);
  const known = ['linear', 'relu', 'relu6', 'elu', 'prelu', 'leakyrelu', 'sigmoid'].includes(act);
  if (!p || !known || !rowVector(bias, p.n) || !rowVector(slope, p.n)) {
    ortKernelStats.fallback++;
    return originals!.fused.kernelFunc(args as never) as TensorInfo;
  }
  const alpha = (args.attrs.leakyreluAlpha as number | undefined) ?? 0.2;
  return run(args.backend, p, a, b, tA, tB, bias, act, alpha, slope);
}

/** Replace the wasm matmul kernels with ORT-backed ones (idempotent). The wasm backend must be initialised. */
export function installOrtKernels(opts: Partial<OrtKernelOptions> = {}): void {
  Object.assign(options, opts);
  if (originals) return;
  const batch = tf.getKernel(tf.BatchMatMul, 'wasm');
  const fused = tf.getKernel(tf._FusedMatMul, 'wasm');
  if (!batch || !fused) throw new Error('installOrtKernels: the wasm backend has no matmul kernels registered');
  originals = { batch, fused };
  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.unregisterKernel(tf._FusedMatMul, 'wasm');
  tf.registerKernel({ kernelName: tf.BatchMatMul, backendName: 'wasm', kernelFunc: batchMatMul as never });
  tf.registerKernel({ kernelName: tf._FusedMatMul, backendName: 'wasm', kernelFunc: fusedMatMul as never });
}

/** Restore tfjs-wasm's own matmul kernels. */
export function uninstallOrtKernels(): void {
  if (!originals) return;
  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.unregisterKernel(tf._FusedMatMul, 'wasm');
  tf.registerKernel(originals.batch);
  tf.registerKernel(originals.fused);
  originals = null;
}

export function ortKernelsInstalled(): boolean {
  return originals !== null;
}
