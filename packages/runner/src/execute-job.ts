import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerMessage, WorkerRequest, WorkerResult } from './protocol.ts';

export interface JobEvents {
  onLog(event: string, values: Record<string, number>): void;
  onProgress(stage: string, done: number, total: number): void;
}

export type JobOutcome =
  | { status: 'ok' | 'failed'; result: WorkerResult }
  | { status: 'failed' | 'timeout'; result: null; error: string; seconds: number };

const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));
// Resolved to a file URL so the child finds tsx whatever the user's working directory is.
const tsxLoader = import.meta.resolve('tsx');

/**
 * Run one job in its own process: a crash, an out-of-memory kill or a hang costs that run only.
 * The parent enforces the timeout with SIGKILL; an abort (Ctrl-C) is passed on to the method's signal first.
 * `env` replaces the child's environment (default: the parent's).
 */
export function executeJob(req: WorkerRequest, timeoutS: number, events: JobEvents, abort: AbortSignal, env?: NodeJS.ProcessEnv): Promise<JobOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = fork(workerPath, [], {
      execArgv: ['--import', tsxLoader, '--no-warnings', '--max-old-space-size=16384'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      serialization: 'advanced',
      ...(env ? { env } : {}),
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    let result: WorkerResult | null = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    const onAbort = () => {
      if (child.connected) child.send({ type: 'abort' });
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    };
    abort.addEventListener('abort', onAbort, { once: true });
    child.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'log') events.onLog(msg.event, msg.values);
      else if (msg.type === 'progress') events.onProgress(msg.stage, msg.done, msg.total);
      else if (msg.type === 'result') result = msg.result;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      abort.removeEventListener('abort', onAbort);
      const seconds = (performance.now() - started) / 1000;
      if (result) resolve({ status: result.ok ? 'ok' : 'failed', result });
      else if (timedOut) resolve({ status: 'timeout', result: null, error: `timed out after ${timeoutS} s`, seconds });
      else {
        const why = signal ? `killed by ${signal}${signal === 'SIGKILL' ? ' (out of memory?)' : ''}` : `exited with code ${code}`;
        resolve({ status: 'failed', result: null, error: `worker ${why}${stderr ? `: ${stderr.trim()}` : ''}`, seconds });
      }
    });
    child.send(req);
  });
}
