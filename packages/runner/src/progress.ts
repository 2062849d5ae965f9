import type { RunRecord } from '@scbench/api';

/** What the user sees while a grid runs: a live status line on a terminal, plain lines otherwise (CI, files). */
export interface ProgressView {
  start(index: number, total: number, label: string): void;
  stage(stage: string, done: number, total: number): void;
  finish(record: RunRecord): void;
  skip(count: number): void;
  close(): void;
}

function outcome(r: RunRecord): string {
  if (r.status !== 'ok' || !r.scores) return `${r.status.toUpperCase()}: ${(r.error ?? '').split('\n')[0]}`;
  const s = r.scores;
  return `acc ${s.acc.toFixed(3)}  nmi ${s.nmi.toFixed(3)}  ari ${s.ari.toFixed(3)}  (${r.seconds.toFixed(1)} s)`;
}

export function createProgressView(out: NodeJS.WriteStream = process.stderr): ProgressView {
  const tty = out.isTTY === true;
  let current = '';
  let started = 0;
  let lastPlain = 0;
  const clear = () => {
    if (tty) out.write('\r\x1b[2K');
  };
  return {
    skip(count) {
      if (count > 0) out.write(`skipping ${count} run(s) already in records.jsonl (--retry-failed re-runs failures)\n`);
    },
    start(index, total, label) {
      current = `[${index}/${total}] ${label}`;
      started = performance.now();
      if (tty) {
        clear();
        out.write(current);
      } else {
        out.write(`${current} ...\n`);
      }
    },
    stage(stage, done, total) {
      const secs = ((performance.now() - started) / 1000).toFixed(0);
      const text = `${current} — ${stage} ${done}/${total} (${secs} s)`;
      if (tty) {
        clear();
        out.write(text.slice(0, (out.columns ?? 120) - 1));
      } else if (performance.now() - lastPlain > 10000) {
        // Plain output is throttled: a line every ten seconds is progress, not noise.
        lastPlain = performance.now();
        out.write(`  ${stage} ${done}/${total} (${secs} s)\n`);
      }
    },
    finish(record) {
      clear();
      out.write(`${current}  ${outcome(record)}\n`);
    },
    close() {
      clear();
    },
  };
}
