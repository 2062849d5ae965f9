/**
 * Replacing tfjs-wasm kernels by name while keeping the originals (for small inputs and uninstall): the bookkeeping
 * every ORT-backed kernel family (ort/*-kernels.ts) shares.
 */
import * as tf from '@tensorflow/tfjs';

export interface KernelOverride {
  /** Replace each named wasm kernel (idempotent); throws naming the kernel when wasm has none. */
  install(): void;
  /** Put tfjs-wasm's own kernels back. */
  uninstall(): void;
  /** The original wasm kernel function behind `name` (only while installed). */
  original(name: string): tf.KernelFunc;
}

/** One override per kernel family; a replacement may call `original(name)` as its fallback. */
export function kernelOverride(label: string, replacements: readonly [name: string, kernelFunc: tf.KernelFunc][]): KernelOverride {
  let originals: Map<string, tf.KernelConfig> | null = null;
  return {
    install() {
      if (originals) return;
      originals = new Map();
      for (const [name, kernelFunc] of replacements) {
        const k = tf.getKernel(name, 'wasm');
        if (!k) throw new Error(`${label}: wasm has no ${name} kernel`);
        originals.set(name, k);
        tf.unregisterKernel(name, 'wasm');
        tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc });
      }
    },
    uninstall() {
      if (!originals) return;
      for (const [name, k] of originals) {
        tf.unregisterKernel(name, 'wasm');
        tf.registerKernel(k);
      }
      originals = null;
    },
    original(name) {
      const k = originals?.get(name);
      if (!k) throw new Error(`${label}: ${name} is not installed`);
      return k.kernelFunc;
    },
  };
}
