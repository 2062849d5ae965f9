/**
 * Kernel fixes for tfjs-backend-wasm 4.22.
 *
 * `Identity` copies its input on wasm, and the autodiff tape clones (Identity) every tensor it saves for the
 * backward pass: a full copy of each large activation per op per step. Tensors are immutable and the wasm
 * backend refcounts data (Reshape already shares it), so Identity can share too, as tfjs-cpu's does. `Cast` to
 * the dtype a tensor already has is the same copy (tf.moments casts to float32 before it reduces, so every
 * BatchNorm does it twice per step): it shares as well.
 *
 * Kernels tfjs-backend-wasm lacks but training needs. `UnsortedSegmentSum` is the gradient of `gather`
 * (mini-batch embeddings, GAT edge gathers); without it backprop through a gather throws on wasm.
 * Written in JS over heap views: these are O(size) scatter loops, not worth a native session.
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo, WasmBackend } from './wasm-backend.ts';

function unsortedSegmentSum(args: { inputs: { x: TensorInfo; segmentIds: TensorInfo }; backend: WasmBackend; attrs: { numSegments: number } }): TensorInfo {
  const { x, segmentIds } = args.inputs;
  const { numSegments } = args.attrs;
  const outer = segmentIds.shape.reduce((a, b) => a * b, 1);
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const inner = innerShape.reduce((a, b) => a * b, 1);
  const out = args.backend.makeOutput([numSegments, ...innerShape], x.dtype);
  // Views only after makeOutput: allocation may grow (and detach) the heap.
  const xv = args.backend.typedArrayFromHeap(x);
  const ids = args.backend.typedArrayFromHeap(segmentIds);
  const ov = args.backend.typedArrayFromHeap(out);
  ov.fill(0);
  for (let i = 0; i < outer; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue; // tf semantics: out-of-range ids are dropped
    const o = s * inner;
    const src = i * inner;
    for (let c = 0; c < inner; c++) ov[o + c] += xv[src + c];
  }
  return out;
}

function identity(args: { inputs: { x: TensorInfo }; backend: WasmBackend }): TensorInfo {
  const { x } = args.inputs;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Cast that shares the data when the dtype does not change, and otherwise runs wasm's own kernel. */
function sameDtypeSharingCast(original: tf.KernelFunc): tf.KernelFunc {
  return ((args: Parameters<tf.KernelFunc>[0]) => {
    const { x } = args.inputs as unknown as { x: TensorInfo };
    if (x.dtype === (args.attrs as unknown as tf.CastAttrs).dtype) return identity({ inputs: { x }, backend: args.backend as WasmBackend });
    return original(args);
  }) as tf.KernelFunc;
}

let sharingIdentity = false;

export function registerWasmKernelFixes(): void {
  if (!sharingIdentity) {
    const original = tf.getKernel(tf.Identity, 'wasm');
    if (original) tf.unregisterKernel(tf.Identity, 'wasm');
    tf.registerKernel({ kernelName: tf.Identity, backendName: 'wasm', kernelFunc: identity as never });
    const cast = tf.getKernel(tf.Cast, 'wasm');
    if (cast) {
      tf.unregisterKernel(tf.Cast, 'wasm');
      tf.registerKernel({ ...cast, kernelFunc: sameDtypeSharingCast(cast.kernelFunc) });
    }
    sharingIdentity = true;
  }
  if (!tf.getKernel(tf.UnsortedSegmentSum, 'wasm')) {
    tf.registerKernel({ kernelName: tf.UnsortedSegmentSum, backendName: 'wasm', kernelFunc: unsortedSegmentSum as never });
  }
}
