import type { RunRecord } from '@scbench/api';

/** One run's progress: its stages while it works, its scores when it ends. */
export interface RunProgress {
  stage(stage: string, done: number, total: number): void;
  finish(record: RunRecord): void;
}

/**
 * What the user sees while a grid runs: a live status line on a terminal, plain lines otherwise (CI, files). With
 * several runs at once (`--jobs`) one live line cannot show them all, so every run gets plain lines, each naming it.
 */
export interface ProgressView {
  start(index: number, total: number, label: string): RunProgress;
  skip(count: number): void;
  close(): void;
}

function outcome(r: RunRecord): string {
  if (r.status !== 'ok' || !r.scores) return `${r.status.toUpperCase()}: ${(r.error ?? '').split('\n')[0]}`;
  const s = r.scores;
  return `acc ${s.acc.toFixed(3)}  nmi ${s.nmi.toFixed(3)}  ari ${s.ari.toFixed(3)}  (${r.seconds.toFixed(1)} s)`;
}

export function createProgressView(out: NodeJS.WriteStream = process.stderr, concurrent = false): ProgressView {
  const live = out.isTTY === true && !concurrent;
  const clear = () => {
    if (live) out.write('\r\x1b[2K');
  };
  return {
    skip(count) {
      if (count > 0) out.write(`skipping ${count} run(s) already in records.jsonl (--retry-failed re-runs failures)\n`);
    },
    start(index, total, label) {
      const current = `[${index}/${total}] ${label}`;
      const started = performance.now();
      let lastPlain = 0;
      if (live) {
        clear();
        out.write(current);
      } else {
        out.write(`${current} ...\n`);
      }
      return {
        stage(stage, done, all) {
          const secs = ((performance.now() - started) / 1000).toFixed(0);
          if (live) {
            clear();
            out.write(`${current} — ${stage} ${done}/${all} (${secs} s)`.slice(0, (out.columns ?? 120) - 1));
          } else if (performance.now() - lastPlain > 10000) {
            // Plain output is throttled: a line every ten seconds is progress, not noise.
            lastPlain = performance.now();
            out.write(concurrent ? `  ${current} — ${stage} ${done}/${all} (${secs} s)\n` : `  ${stage} ${done}/${all} (${secs} s)\n`);
          }
        },
        finish(record) {
          clear();
          out.write(`${current}  ${outcome(record)}\n`);
        },
      };
    },
    close() {
      clear();
    },
  };
}
