import { existsSync, readFileSync } from 'node:fs';
import { logFile, pictureFile } from './run-files.ts';
import type { LogEntry, RunPicture } from './run-picture.ts';
import type { SideData } from './side-data.ts';

/** The pictures and logs the runner wrote beside records.jsonl in `dir`; a run without them has none (older runs). */
export function sideData(dir: string): SideData {
  const json = <T>(file: string, parse: (text: string) => T): T | undefined => {
    if (!existsSync(file)) return undefined;
    try {
      return parse(readFileSync(file, 'utf8'));
    } catch {
      process.stderr.write(`scbench report: ${file} is not readable JSON; the report leaves that run's picture out\n`);
      return undefined;
    }
  };
  return {
    picture: (r) => json(pictureFile(dir, r), (t) => JSON.parse(t) as RunPicture),
    log: (r) => json(logFile(dir, r), (t) => t.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as LogEntry)),
  };
}
