/** A recording Context for tests. */
import type { Context } from '@scbench/api';

export interface RecordingContext extends Context {
  logs: { event: string; values?: Record<string, number> }[];
  snapshots: { epoch: number; labels: Int32Array }[];
  controller: AbortController;
}

export function testContext(seed = 1, smoke = false): RecordingContext {
  const controller = new AbortController();
  const logs: RecordingContext['logs'] = [];
  const snapshots: RecordingContext['snapshots'] = [];
  return {
    seed,
    smoke,
    signal: controller.signal,
    controller,
    logs,
    snapshots,
    log: (event, values) => void logs.push({ event, values }),
    progress: () => undefined,
    snapshot: (epoch, labels) => void snapshots.push({ epoch, labels }),
    cache: (_key, make) => make(),
  };
}
