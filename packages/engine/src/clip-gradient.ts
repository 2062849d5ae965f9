/**
 * The gradient of `clipByValue` in one pass. tfjs 4.22 writes it where(x ≥ min ∧ x ≤ max, dy, 0): five kernels
 * (two comparisons, a logical and, zerosLike, select) over the whole tensor. The ZINB heads clip two N × genes
 * tensors per step (the mean's logit, the dispersion), so on wasm those five passes cost about a tenth of a
 * scDeepCluster step at 256 × 13,714. On wasm the same selection runs as one loop over heap views; other backends
 * keep tfjs' formula. The values are identical (dy or 0, bounds inclusive as in tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo, WasmBackend } from './wasm-backend.ts';

const KERNEL = 'ScbenchClipGrad';

function clipGradKernel(args: { inputs: { dy: TensorInfo; x: TensorInfo }; backend: WasmBackend; attrs: { min: number; max: number } }): TensorInfo {
  const { dy, x } = args.inputs;
  const { min, max } = args.attrs;
  const out = args.backend.makeOutput(x.shape, 'float32');
  // Views only after makeOutput: allocation may grow (and detach) the heap.
  const dv = args.backend.typedArrayFromHeap(dy);
  const xv = args.backend.typedArrayFromHeap(x);
  const ov = args.backend.typedArrayFromHeap(out);
  for (let i = 0; i < ov.length; i++) {
    const v = xv[i];
    ov[i] = v >= min && v <= max ? dv[i] : 0;
  }
  return out;
}

let registered = false;

export function registerClipGradient(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: clipGradKernel as never });
  tf.registerGradient({
    kernelName: tf.ClipByValue,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const { clipValueMin: min, clipValueMax: max } = attrs as unknown as tf.ClipByValueAttrs;
      return {
        x: () => {
          const d = dy as tf.Tensor;
          if (tf.getBackend() === 'wasm' && d.dtype === 'float32' && x.dtype === 'float32' && d.size === x.size) {
            return tf.engine().runKernel(KERNEL, { dy: d, x }, { min, max } as never) as tf.Tensor;
          }
          return tf.where(tf.logicalAnd(tf.greaterEqual(x, min), tf.lessEqual(x, max)), d, tf.zerosLike(d));
        },
      };
    },
  });
}
