/**
 * Mean squared error as two ORT-backed wasm kernels: `ScbenchMse` (mean of (p − t)²) and `ScbenchMseGrad`
 * (s·(p − t)). Why: composed from tfjs ops, MSE costs ~8 single-threaded passes over the N×D reconstruction
 * per step (squared difference, mean, and a backward pass that materialises a ones tensor to broadcast dy);
 * at 4096×2000 that was ~30 ms of a ~200 ms step. These are two multi-threaded passes.
 */
import * as tf from '@tensorflow/tfjs';
import { ortTensor } from './binding.ts';
import { ortSession } from './sessions.ts';
import type { TensorInfo, WasmBackend } from '../wasm-backend.ts';
import { ortKernelStats } from './matmul-kernels.ts';

export const MSE_KERNEL = 'ScbenchMse';
export const MSE_GRAD_KERNEL = 'ScbenchMseGrad';


const flat = (t: TensorInfo): number => t.shape.reduce((a, b) => a * b, 1);

function mse(args: { inputs: { pred: TensorInfo; target: TensorInfo }; backend: WasmBackend }): TensorInfo {
  const { pred, target } = args.inputs;
  const n = flat(pred);
  const out = args.backend.makeOutput([], 'float32');
  const T = ortTensor();
  const s = ortSession('mse', () => ({
    nodes: [
      { op: 'Sub', inputs: ['P', 'T'], outputs: ['D'] },
      { op: 'ReduceSumSquare', inputs: ['D'], outputs: ['S'], attrs: { keepdims: 0 } },
      { op: 'Div', inputs: ['S', 'N'], outputs: ['Y'] },
    ],
    inputs: [{ name: 'P', shape: ['n'] }, { name: 'T', shape: ['n'] }, { name: 'N', shape: [] }],
    outputs: [{ name: 'Y', shape: [] }],
    opset: 18,
  }));
  s.run(
    { P: new T('float32', args.backend.typedArrayFromHeap(pred), [n]), T: new T('float32', args.backend.typedArrayFromHeap(target), [n]), N: new T('float32', Float32Array.of(n), []) },
    { Y: new T('float32', args.backend.typedArrayFromHeap(out), []) },
  );
  ortKernelStats.delegated++;
  return out;
}

function mseGrad(args: { inputs: { pred: TensorInfo; target: TensorInfo; dy: TensorInfo }; backend: WasmBackend }): TensorInfo {
  const { pred, target, dy } = args.inputs;
  const n = flat(pred);
  const out = args.backend.makeOutput(pred.shape, 'float32');
  const scale = (2 * args.backend.typedArrayFromHeap(dy)[0]) / n;
  const T = ortTensor();
  const s = ortSession('mse-grad', () => ({
    nodes: [
      { op: 'Sub', inputs: ['P', 'T'], outputs: ['D'] },
      { op: 'Mul', inputs: ['D', 'K'], outputs: ['G'] },
    ],
    inputs: [{ name: 'P', shape: ['n'] }, { name: 'T', shape: ['n'] }, { name: 'K', shape: [] }],
    outputs: [{ name: 'G', shape: ['n'] }],
  }));
  s.run(
    { P: new T('float32', args.backend.typedArrayFromHeap(pred), [n]), T: new T('float32', args.backend.typedArrayFromHeap(target), [n]), K: new T('float32', Float32Array.of(scale), []) },
    { G: new T('float32', args.backend.typedArrayFromHeap(out), [n]) },
  );
  ortKernelStats.delegated++;
  return out;
}

let gradientRegistered = false;

export function installOrtMseKernels(): void {
  if (!tf.getKernel(MSE_KERNEL, 'wasm')) {
    tf.registerKernel({ kernelName: MSE_KERNEL, backendName: 'wasm', kernelFunc: mse as never });
    tf.registerKernel({ kernelName: MSE_GRAD_KERNEL, backendName: 'wasm', kernelFunc: mseGrad as never });
  }
  if (!gradientRegistered) {
    gradientRegistered = true;
    // Lazy per input: the target's gradient (a negation) is only computed when the target needs one.
    tf.registerGradient({
      kernelName: MSE_KERNEL,
      inputsToSave: ['pred', 'target'],
      gradFunc: (dy, saved) => {
        const [pred, target] = saved as tf.Tensor[];
        const g = (): tf.Tensor => tf.engine().runKernel(MSE_GRAD_KERNEL, { pred, target, dy: dy as tf.Tensor }) as tf.Tensor;
        return { pred: g, target: () => tf.neg(g()) };
      },
    });
  }
}

export function uninstallOrtMseKernels(): void {
  if (tf.getKernel(MSE_KERNEL, 'wasm')) {
    tf.unregisterKernel(MSE_KERNEL, 'wasm');
    tf.unregisterKernel(MSE_GRAD_KERNEL, 'wasm');
  }
}
