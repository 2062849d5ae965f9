import type { Context } from './context.ts';

/**
 * A Context for tests and scripts: no runner, snapshots and log events collected in memory, no disk cache.
 * Methods get exactly this interface from the runner, so a method tested with it runs the same under `scbench run`.
 */
export function testContext(seed = 0, smoke = true): Context & { snapshots: { epoch: number; labels: Int32Array }[]; events: { event: string; values: Record<string, number> }[] } {
  const snapshots: { epoch: number; labels: Int32Array }[] = [];
  const events: { event: string; values: Record<string, number> }[] = [];
  return {
    seed, smoke, signal: new AbortController().signal, snapshots, events,
    log: (event, values = {}) => { events.push({ event, values }); },
    progress: () => {},
    snapshot: (epoch, labels) => { snapshots.push({ epoch, labels: Int32Array.from(labels) }); },
    cache: (_key, make) => make(),
  };
}
