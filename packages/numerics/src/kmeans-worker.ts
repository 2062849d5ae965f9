/** Entry of a k-means helper thread (started by `kmeans-threads.ts`): runs the restarts it is sent, one batch at a time. */
import { workerData, type MessagePort } from 'node:worker_threads';
import { kmeansRestarts, type KMeansResult, type RestartJob } from './kmeans.ts';
import { HELPER_DONE, type Reply } from './kmeans-threads.ts';

const { port, flag: buffer } = workerData as { port: MessagePort; flag: SharedArrayBuffer };
const flag = new Int32Array(buffer);
port.on('message', (job: RestartJob) => {
  let reply: Reply<KMeansResult>;
  try {
    reply = { results: kmeansRestarts(job) };
  } catch (e) {
    reply = { error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply); // queued before the flag is raised, so the caller's receiveMessageOnPort finds it
  Atomics.store(flag, 0, HELPER_DONE);
  Atomics.notify(flag, 0);
});
