/**
 * Synchronous access to onnxruntime-node's native session.
 *
 * tfjs kernels are synchronous, but ORT's public `InferenceSession.run` is async: it only wraps the native
 * binding's synchronous `run` in `setImmediate`. We call that native `run` directly. This is an internal of
 * onnxruntime-node, so the version is pinned exactly and `checkOrtBinding()` (run at install time and by a test)
 * fails loudly when the shape of the binding changes.
 */
import { createRequire } from 'node:module';

export const ORT_VERSION = '1.30.0';

const require = createRequire(import.meta.url);

/** The subset of onnxruntime-common's Tensor the native binding reads. */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | Int32Array | BigInt64Array;
}

export type OrtTensorCtor = new (type: 'float32' | 'int32' | 'int64', data: Float32Array | Int32Array | BigInt64Array, dims: readonly number[]) => OrtTensor;

interface NativeSession {
  loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
  run(feeds: Record<string, OrtTensor>, fetches: Record<string, OrtTensor | null>, options: object): Record<string, OrtTensor | { type: string; dims: number[]; data: Float32Array }>;
  dispose(): void;
  readonly inputMetadata: readonly { name: string }[];
  readonly outputMetadata: readonly { name: string }[];
}

interface Native {
  binding: { InferenceSession: new () => NativeSession };
  initOrt: () => void;
}

let native: Native | null = null;
let tensorCtor: OrtTensorCtor | null = null;

/** Throws an explanatory error unless onnxruntime-node is the pinned version with the expected binding shape. */
export function checkOrtBinding(): void {
  const pkg = require('onnxruntime-node/package.json') as { version: string };
  if (pkg.version !== ORT_VERSION) {
    throw new Error(`onnxruntime-node ${pkg.version} is installed but the engine's synchronous kernels were written against ${ORT_VERSION}; re-check dist/binding.js and update ORT_VERSION`);
  }
  const mod = require('onnxruntime-node/dist/binding.js') as Partial<Native>;
  const Session = mod.binding?.InferenceSession;
  const proto = Session?.prototype as Record<string, unknown> | undefined;
  const missing = ['loadModel', 'run', 'dispose'].filter((k) => typeof proto?.[k] !== 'function');
  if (typeof mod.initOrt !== 'function' || typeof Session !== 'function' || missing.length > 0) {
    throw new Error(`onnxruntime-node ${pkg.version}: dist/binding.js no longer exposes binding.InferenceSession{loadModel,run,dispose} and initOrt (missing: ${missing.join(', ') || 'initOrt/InferenceSession'})`);
  }
}

function load(): Native {
  if (native) return native;
  checkOrtBinding();
  const mod = require('onnxruntime-node/dist/binding.js') as Native;
  mod.initOrt();
  native = mod;
  return mod;
}

/** onnxruntime-common's Tensor class (the native binding was initialised with it and expects its instances). */
export function ortTensor(): OrtTensorCtor {
  if (!tensorCtor) {
    load();
    tensorCtor = (require('onnxruntime-node') as { Tensor: OrtTensorCtor }).Tensor;
  }
  return tensorCtor;
}

export interface SyncSession {
  /** Runs synchronously; outputs given in `into` are written in place (no copy), others are returned. */
  run(feeds: Record<string, OrtTensor>, into: Record<string, OrtTensor | null>): Record<string, OrtTensor>;
  dispose(): void;
}

export function createSyncSession(model: Uint8Array, threads: number, spinning = false): SyncSession {
  const { binding } = load();
  const s = new binding.InferenceSession();
  s.loadModel(model.buffer, model.byteOffset, model.byteLength, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Between kernels the single wasm thread does the elementwise work; ORT workers spinning for the next
    // Run would steal its core. Flattened by the binding to session config keys.
    extra: { session: { intra_op: { allow_spinning: spinning ? '1' : '0' } } },
  });
  const Tensor = ortTensor();
  return {
    run(feeds, into) {
      const out = s.run(feeds, into, {});
      const res: Record<string, OrtTensor> = {};
      for (const [k, v] of Object.entries(out)) res[k] = v instanceof Tensor ? v : new Tensor('float32', v.data as Float32Array, v.dims);
      return res;
    },
    dispose: () => s.dispose(),
  };
}
