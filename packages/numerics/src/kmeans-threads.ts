/**
 * k-means restarts on worker threads, behind a synchronous call: `kmeans()` stays a plain function for its callers
 * (a training loop calls it every epoch), while the helpers run their share of the restarts beside the calling thread.
 *
 * Each helper is started once per process (~0.2 s: it registers tsx and loads `kmeans-worker.ts`), then kept idle and
 * unref'd so it never holds the process open. The calling thread blocks on a shared flag (Atomics.wait) and takes the
 * reply with receiveMessageOnPort, so no event-loop turn is needed. A helper that cannot start costs nothing but
 * speed: its share runs on the calling thread, with a one-line warning.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Values of the flag shared with a helper. */
const BUSY = 0;
export const HELPER_DONE = 1;
const BROKEN = 2;

interface Helper {
  port: MessagePort;
  flag: Int32Array;
}

/** What a helper sends back for one share of the restarts. */
export type Reply<Result> = { results: Result[] } | { error: string };

/** A batch of restarts: one seed each, the rest shared (kmeans.ts's RestartJob). */
interface SeededJob {
  readonly seeds: readonly number[];
}

const helpers: Helper[] = [];
let broken = false;

/**
 * Splits `job.seeds` into `threads` contiguous shares; share 0 runs here through `runHere`, the others on helpers.
 * Returns one result per seed, in seed order — exactly what `runHere(job)` would return.
 */
export function restartsOnThreads<Job extends SeededJob, Result>(job: Job, threads: number, runHere: (job: Job) => Result[]): Result[] {
  const shares = split(job.seeds, threads);
  if (broken || shares.length < 2) return runHere(job);
  const sent = shares.slice(1).map((seeds, i) => {
    const helper = helperAt(i);
    Atomics.store(helper.flag, 0, BUSY);
    helper.port.postMessage({ ...job, seeds });
    return helper;
  });
  let replies: (Reply<Result> | undefined)[] = [];
  let results: Result[];
  try {
    results = runHere({ ...job, seeds: shares[0] });
  } finally {
    replies = sent.map((helper) => collect<Result>(helper)); // always, so no reply is left queued for the next call to read
  }
  replies.forEach((reply, i) => {
    if (reply && 'error' in reply) throw new Error(`kmeans: a restart failed on a worker thread: ${reply.error}`);
    if (reply) {
      results.push(...reply.results);
      return;
    }
    if (!broken) process.stderr.write('kmeans: a worker thread could not start; running every restart on the calling thread\n');
    broken = true;
    results.push(...runHere({ ...job, seeds: shares[i + 1] }));
  });
  return results;
}

/** Waits for a helper's flag, then takes its reply (undefined when the helper could not start). */
function collect<Result>(helper: Helper): Reply<Result> | undefined {
  while (Atomics.load(helper.flag, 0) === BUSY) Atomics.wait(helper.flag, 0, BUSY);
  if (Atomics.load(helper.flag, 0) !== HELPER_DONE) return undefined;
  return receiveMessageOnPort(helper.port)?.message as Reply<Result> | undefined;
}

function split(seeds: readonly number[], parts: number): number[][] {
  const shares: number[][] = [];
  const size = Math.ceil(seeds.length / parts);
  for (let start = 0; start < seeds.length; start += size) shares.push(seeds.slice(start, start + size));
  return shares;
}

function helperAt(i: number): Helper {
  while (helpers.length <= i) helpers.push(startHelper());
  return helpers[i];
}

function startHelper(): Helper {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  // Sources are TypeScript: the helper registers tsx before loading its entry (an --import in a worker's execArgv
  // is not honoured by Node 20). Any failure to boot raises the BROKEN flag instead of leaving the caller waiting.
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./kmeans-worker.ts', import.meta.url).href);
  const boot = `
    const { workerData } = require('node:worker_threads');
    import(${api})
      .then((tsx) => { tsx.register(); return import(${entry}); })
      .catch(() => { const f = new Int32Array(workerData.flag); Atomics.store(f, 0, ${BROKEN}); Atomics.notify(f, 0); });`;
  const worker = new Worker(boot, { eval: true, workerData: { flag: flag.buffer, port: port2 }, transferList: [port2] });
  worker.on('error', () => {
    Atomics.store(flag, 0, BROKEN);
    Atomics.notify(flag, 0);
  });
  worker.unref();
  port1.unref();
  return { port: port1, flag };
}
