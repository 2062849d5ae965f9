// Runs energetic-reference.cjs in a child process (see there) and returns its answer.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EnergeticReference {
  ids: number[][];
  vectors?: number[][];
}

export function energeticReference(texts: readonly string[], embed: boolean): Promise<EnergeticReference> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'energetic-reference.cjs');
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [script], { maxBuffer: 64 << 20, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`energetic-ai reference failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as EnergeticReference);
    });
    child.stdin!.end(JSON.stringify({ texts, embed }));
  });
}
