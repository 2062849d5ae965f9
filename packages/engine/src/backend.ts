/**
 * Backend choice at run time: tfjs-node-gpu (when it loads and a GPU is present) → tfjs-node →
 * wasm with onnxruntime kernels → plain wasm. `SCBENCH_BACKEND` (or `initEngine({ backend })`, which the CLI's
 * `--backend` flag sets) forces one. The choice is announced in `globalThis[BACKEND_SLOT]` for the run record.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { BACKEND_SLOT, type BackendInfo } from '@scbench/api';
import { ORT_VERSION, ortTensor } from './ort/binding.ts';
import { installOrtKernels, uninstallOrtKernels } from './ort/matmul-kernels.ts';
import { installOrtReduceKernels, uninstallOrtReduceKernels } from './ort/reduce-kernels.ts';
import { installOrtUnaryKernels, uninstallOrtUnaryKernels } from './ort/unary-kernels.ts';
import { installOrtMseKernels, uninstallOrtMseKernels } from './ort/mse-kernels.ts';
import { registerWasmKernelFixes } from './wasm-kernel-fixes.ts';
import { registerReduceGradients } from './reduce-gradients.ts';
import { registerClipGradient } from './clip-gradient.ts';
import { setOrtThreads } from './ort/sessions.ts';

export const BACKENDS = ['tfjs-node-gpu', 'tfjs-node', 'wasm-ort', 'wasm'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface EngineOptions {
  /** Force a backend; default: `SCBENCH_BACKEND`, else the first that works in the order above. */
  backend?: BackendName | 'auto';
  /** Intra-op threads for onnxruntime kernels; default `SCBENCH_THREADS`, else all cores. */
  threads?: number;
}

let current: (BackendInfo & { backend: BackendName }) | null = null;

function requested(opts: EngineOptions): BackendName | 'auto' {
  const b = opts.backend ?? (process.env.SCBENCH_BACKEND as BackendName | undefined) ?? 'auto';
  if (b !== 'auto' && !BACKENDS.includes(b)) throw new Error(`unknown backend '${b}'; expected one of auto, ${BACKENDS.join(', ')}`);
  return b;
}

/** Threads for CPU work outside the kernels (k-means restarts): `SCBENCH_THREADS`, else all cores. */
export function cpuThreads(): number {
  return threadCount({});
}

function threadCount(opts: EngineOptions): number {
  const env = Number(process.env.SCBENCH_THREADS);
  const n = opts.threads ?? (Number.isInteger(env) && env > 0 ? env : availableParallelism());
  return Math.max(1, n);
}

function gpuPresent(): boolean {
  return existsSync('/dev/nvidia0') || existsSync('/proc/driver/nvidia/version');
}

/** Try a native tfjs binding; it registers the 'tensorflow' backend. Not installed here (no libtensorflow). */
async function tryNative(pkg: string): Promise<string | null> {
  try {
    const mod = (await import(pkg)) as { version?: { 'tfjs-node'?: string } };
    if (!(await tf.setBackend('tensorflow'))) return null;
    return mod.version?.['tfjs-node'] ?? tf.version_core;
  } catch {
    return null;
  }
}

async function useWasm(withOrt: boolean, threads: number): Promise<BackendInfo & { backend: BackendName }> {
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend failed to initialise');
  await tf.ready();
  registerWasmKernelFixes();
  if (withOrt) {
    ortTensor(); // loads the native binding and checks its shape: fails here rather than inside a kernel
    setOrtThreads(threads);
    installOrtKernels();
    installOrtReduceKernels();
    installOrtUnaryKernels();
    installOrtMseKernels();
    return { backend: 'wasm-ort', name: 'wasm+onnxruntime', version: `tfjs ${tf.version_core}, onnxruntime-node ${ORT_VERSION}`, threads };
  }
  uninstallOrtKernels();
  uninstallOrtReduceKernels();
  uninstallOrtUnaryKernels();
  uninstallOrtMseKernels();
  return { backend: 'wasm', name: 'wasm', version: `tfjs ${tf.version_core}`, threads: 1 };
}

async function attempt(b: BackendName, threads: number): Promise<(BackendInfo & { backend: BackendName }) | null> {
  switch (b) {
    case 'tfjs-node-gpu': {
      if (!gpuPresent()) return null;
      const v = await tryNative('@tensorflow/tfjs-node-gpu');
      return v ? { backend: b, name: 'tensorflow (GPU)', version: `tfjs-node-gpu ${v}`, threads } : null;
    }
    case 'tfjs-node': {
      const v = await tryNative('@tensorflow/tfjs-node');
      return v ? { backend: b, name: 'tensorflow', version: `tfjs-node ${v}`, threads } : null;
    }
    case 'wasm-ort':
      try {
        return await useWasm(true, threads);
      } catch {
        uninstallOrtKernels();
        uninstallOrtReduceKernels();
        uninstallOrtUnaryKernels();
        uninstallOrtMseKernels();
        return null;
      }
    case 'wasm':
      return useWasm(false, threads);
  }
}

/**
 * Initialise (or switch) the tfjs backend. Idempotent: a second call with the same request returns the current
 * backend. Forcing a backend that cannot start is an error; `auto` falls through the list.
 */
export async function initEngine(opts: EngineOptions = {}): Promise<BackendInfo> {
  const want = requested(opts);
  const threads = threadCount(opts);
  registerReduceGradients();
  registerClipGradient();
  if (current && (want === 'auto' || want === current.backend) && (opts.threads === undefined || opts.threads === current.threads)) {
    return info();
  }
  let chosen: (BackendInfo & { backend: BackendName }) | null = null;
  for (const b of want === 'auto' ? BACKENDS : [want]) {
    chosen = await attempt(b, threads);
    if (chosen) break;
  }
  if (!chosen) throw new Error(`backend '${want}' is not available here`);
  current = chosen;
  (globalThis as Record<symbol, unknown>)[BACKEND_SLOT] = info();
  return info();
}

/** The backend in use, or null before `initEngine`. */
export function engineBackend(): BackendName | null {
  return current?.backend ?? null;
}

function info(): BackendInfo {
  const { name, version, threads } = current!;
  return { name, version, threads };
}
