/**
 * The slice of tfjs-backend-wasm's kernel interface (BackendWasm 4.22) that the engine's own wasm kernels use: the
 * kernel fixes (wasm-kernel-fixes.ts), the onnxruntime-backed kernels (ort/) and the heap views of tensors.ts.
 */
export interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}

export interface WasmBackend {
  /** Share a tensor's data with a new output (tensors are immutable; wasm refcounts data). */
  incRef(dataId: object): void;
  makeOutput(shape: number[], dtype: string): TensorInfo;
  /**
   * A view of the tensor's data on the wasm heap; an Int32Array for int32 tensors (read it as numbers only). Take
   * views after every makeOutput of a kernel: an allocation may grow, and so detach, the heap.
   */
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}
