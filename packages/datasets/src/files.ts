import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { DataError } from './errors.ts';

export function requireFile(path: string, what = 'data file'): void {
  if (!existsSync(path)) {
    throw new DataError(`${what} not found`, path, 'check the path (and $SCBENCH_DATA if the path came from the registry)');
  }
}

/** sha256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  requireFile(path);
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
