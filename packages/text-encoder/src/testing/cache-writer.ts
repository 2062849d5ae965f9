// Child process for the two-process cache test: `node --import tsx cache-writer.ts <dir> <prefix> <count>`.
import { cachedEncoder } from '../cache.ts';
import { fakeEncoder } from './fake-encoder.ts';

const [dir, prefix, count] = process.argv.slice(2);
const enc = cachedEncoder(fakeEncoder(), dir, { chunkSize: 7 });
const texts = Array.from({ length: Number(count) }, (_, i) => `${prefix} ${i}`);
await enc.embed(texts);
process.stdout.write(JSON.stringify(enc.stats));
