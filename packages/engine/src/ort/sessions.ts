/** One cached ORT session per graph signature; all share the engine's intra-op thread count. */
import { createSyncSession, type SyncSession } from './binding.ts';
import { onnxModel, type OnnxGraph } from './onnx-model.ts';

const cache = new Map<string, SyncSession>();
let threads = 1;

export function setOrtThreads(n: number): void {
  if (n !== threads) disposeOrtSessions();
  threads = n;
}

export function ortThreads(): number {
  return threads;
}

export function ortSession(key: string, build: () => OnnxGraph): SyncSession {
  let s = cache.get(key);
  if (!s) {
    s = createSyncSession(onnxModel(build()), threads, process.env.SCBENCH_ORT_SPIN === '1');
    cache.set(key, s);
  }
  return s;
}

export function disposeOrtSessions(): void {
  for (const s of cache.values()) s.dispose();
  cache.clear();
}
