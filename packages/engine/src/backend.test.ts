import { afterEach, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { announcedBackend } from '@scbench/api';
import { engineBackend, initEngine } from './backend.ts';
import { ortKernelsInstalled } from './ort/matmul-kernels.ts';

describe('initEngine', () => {
  const saved = process.env.SCBENCH_BACKEND;
  afterEach(() => {
    if (saved === undefined) delete process.env.SCBENCH_BACKEND;
    else process.env.SCBENCH_BACKEND = saved;
  });

  it('picks wasm+onnxruntime here (no native tfjs installs) and announces it for the run record', async () => {
    delete process.env.SCBENCH_BACKEND;
    const info = await initEngine({ threads: 2 });
    expect(info).toEqual({ name: 'wasm+onnxruntime', version: `tfjs ${tf.version_core}, onnxruntime-node 1.30.0`, threads: 2 });
    expect(engineBackend()).toBe('wasm-ort');
    expect(tf.getBackend()).toBe('wasm');
    expect(ortKernelsInstalled()).toBe(true);
    expect(announcedBackend()).toEqual(info);
  });

  it('SCBENCH_BACKEND forces plain wasm, restoring tfjs kernels', async () => {
    process.env.SCBENCH_BACKEND = 'wasm';
    const info = await initEngine();
    expect(info.name).toBe('wasm');
    expect(info.threads).toBe(1);
    expect(ortKernelsInstalled()).toBe(false);
    expect(announcedBackend()?.name).toBe('wasm');
  });

  it('an explicit option beats the environment; forcing an unavailable backend is an error, not a silent fallback', async () => {
    process.env.SCBENCH_BACKEND = 'wasm';
    expect((await initEngine({ backend: 'wasm-ort' })).name).toBe('wasm+onnxruntime');
    await expect(initEngine({ backend: 'tfjs-node' })).rejects.toThrow(/not available/);
    await expect(initEngine({ backend: 'cuda' as never })).rejects.toThrow(/unknown backend/);
    expect(engineBackend()).toBe('wasm-ort');
  });
});
