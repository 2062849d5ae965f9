/**
 * `Exp` on large float32 tensors through ORT's Exp. Why: tfjs-wasm evaluates exp one element at a time on one
 * thread (~75 ms for a 2638×2638 matrix, scLLM-DSC's InfoNCE similarity); ORT's vectorised exp runs on the
 * intra-op threads in a fraction of that. Results agree with wasm's expf to float32 rounding (≤ a few ulp).
 */
import * as tf from '@tensorflow/tfjs';
import { ortTensor } from './binding.ts';
import { ortSession } from './sessions.ts';
import { ortKernelStats } from './matmul-kernels.ts';
import type { TensorInfo, WasmBackend } from '../wasm-backend.ts';
import { kernelOverride } from './kernel-override.ts';

interface UnaryArgs {
  inputs: { x: TensorInfo };
  backend: WasmBackend;
}

const MIN_SIZE = 1 << 16;

function unary(op: 'Exp', kernel: string) {
  return (args: UnaryArgs): TensorInfo => {
    const { x } = args.inputs;
    const size = x.shape.reduce((a, b) => a * b, 1);
    if (x.dtype !== 'float32' || size < MIN_SIZE) {
      ortKernelStats.fallback++;
      return override.original(kernel)(args as never) as TensorInfo;
    }
    const out = args.backend.makeOutput(x.shape, 'float32');
    const Tensor = ortTensor();
    // One flat session per op: elementwise, so the shape does not matter.
    const session = ortSession(`${op}:flat`, () => ({
      nodes: [{ op, inputs: ['X'], outputs: ['Y'] }],
      inputs: [{ name: 'X', shape: ['n'] }],
      outputs: [{ name: 'Y', shape: ['n'] }],
      opset: 18,
    }));
    session.run(
      { X: new Tensor('float32', args.backend.typedArrayFromHeap(x), [size]) },
      { Y: new Tensor('float32', args.backend.typedArrayFromHeap(out), [size]) },
    );
    ortKernelStats.delegated++;
    return out;
  };
}

const override = kernelOverride('installOrtUnaryKernels', [[tf.Exp, unary('Exp', tf.Exp) as never]]);

export const installOrtUnaryKernels = (): void => override.install();
export const uninstallOrtUnaryKernels = (): void => override.uninstall();
