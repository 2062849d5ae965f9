/**
 * A content-addressed store of embeddings on disk: key = sha256(encoder id + '\0' + text), value = one float32
 * vector. One folder per encoder (`<slug>-<hash of id>/`, with `meta.json` naming the id and dim), 256 shard files
 * per folder chosen by the key's first byte, so ~14k genes load as 256 sequential reads rather than 14k files.
 *
 * Shard file (little-endian): "SCTE" | u32 version=1 | u32 dim | u32 count | count × 32-byte keys | count × dim f32.
 *
 * Writes are atomic (temporary file + rename: a reader sees the old shard or the new one, never half of one) and
 * serialised per shard across processes by an exclusive lock file (`xx.lock`, created with O_EXCL; a lock older
 * than `staleLockMs` is taken over, so a crashed writer cannot block the cache). Under the lock the shard is
 * re-read and merged, so two processes filling one cache lose nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAGIC = 0x45544353; // "SCTE" read as little-endian u32
const VERSION = 1;
const HEADER = 16;
const KEY_BYTES = 32;

/** `$SCBENCH_CACHE/text`, else `<repo>/.scbench-cache/text` (git-ignored). */
export function defaultCacheDir(): string {
  const root = process.env.SCBENCH_CACHE ?? join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), '.scbench-cache');
  return join(root, 'text');
}

/** The cache key of a text under an encoder id. */
export function textKey(encoderId: string, text: string): Buffer {
  return createHash('sha256').update(encoderId).update('\0').update(text).digest();
}

/** The folder of one encoder inside a cache root: readable prefix of the id + a hash of the whole id. */
export function encoderFolder(root: string, encoderId: string): string {
  const slug = encoderId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  return join(root, `${slug}-${createHash('sha256').update(encoderId).digest('hex').slice(0, 12)}`);
}

interface Shard {
  /** key (hex) → row */
  rows: Map<string, number>;
  keys: Buffer[];
  vectors: Float32Array;
  count: number;
}

export interface StoreOptions {
  /** A lock file older than this is considered abandoned (default 30 s). */
  staleLockMs?: number;
  /** Give up waiting for a shard lock after this long (default 60 s). */
  lockTimeoutMs?: number;
}

export class EmbeddingStore {
  readonly folder: string;
  private readonly shards = new Map<number, Shard>();
  private readonly staleLockMs: number;
  private readonly lockTimeoutMs: number;

  constructor(
    root: string,
    readonly encoderId: string,
    readonly dim: number,
    options: StoreOptions = {},
  ) {
    if (encoderId.length === 0 || encoderId.includes('\0')) throw new Error(`embedding cache: encoder id ${JSON.stringify(encoderId)} must be non-empty without NUL (it separates id and text in the key)`);
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`embedding cache: encoder '${encoderId}' has invalid dim ${dim}`);
    this.folder = encoderFolder(root, encoderId);
    this.staleLockMs = options.staleLockMs ?? 30_000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 60_000;
    this.checkMeta();
  }

  private checkMeta(): void {
    const meta = join(this.folder, 'meta.json');
    if (existsSync(meta)) {
      const m = JSON.parse(readFileSync(meta, 'utf8')) as { id: string; dim: number };
      if (m.id !== this.encoderId || m.dim !== this.dim) {
        throw new Error(
          `embedding cache ${this.folder} holds '${m.id}' with dim ${m.dim}, but encoder '${this.encoderId}' has dim ${this.dim}: ` +
            'an encoder id must change whenever its output changes; delete that folder if it is stale',
        );
      }
      return;
    }
    mkdirSync(this.folder, { recursive: true });
    const tmp = `${meta}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, JSON.stringify({ id: this.encoderId, dim: this.dim, format: VERSION }) + '\n');
    renameSync(tmp, meta);
  }

  private shardPath(shard: number): string {
    return join(this.folder, `${shard.toString(16).padStart(2, '0')}.bin`);
  }

  private async readShard(shard: number): Promise<Shard> {
    const path = this.shardPath(shard);
    let buf: Buffer;
    try {
      buf = await readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { rows: new Map(), keys: [], vectors: new Float32Array(0), count: 0 };
      throw e;
    }
    return this.parseShard(path, buf);
  }

  private parseShard(path: string, buf: Buffer): Shard {
    const bad = (why: string): Error => new Error(`embedding cache shard ${path} is corrupt (${why}): delete it and it will be rebuilt`);
    if (buf.length < HEADER || buf.readUInt32LE(0) !== MAGIC) throw bad('bad header');
    if (buf.readUInt32LE(4) !== VERSION) throw bad(`unknown version ${buf.readUInt32LE(4)}`);
    const dim = buf.readUInt32LE(8);
    const count = buf.readUInt32LE(12);
    if (dim !== this.dim) throw bad(`dim ${dim}, expected ${this.dim}`);
    const vecAt = HEADER + count * KEY_BYTES;
    if (buf.length !== vecAt + count * dim * 4) throw bad(`size ${buf.length} does not match ${count} entries`);
    const rows = new Map<string, number>();
    const keys: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const key = buf.subarray(HEADER + i * KEY_BYTES, HEADER + (i + 1) * KEY_BYTES);
      keys.push(key);
      rows.set(key.toString('hex'), i);
    }
    // Copy: a pooled Buffer may not be 4-byte aligned for a Float32Array view.
    const vectors = new Float32Array(count * dim);
    new Uint8Array(vectors.buffer).set(buf.subarray(vecAt));
    return { rows, keys, vectors, count };
  }

  private async shard(shard: number): Promise<Shard> {
    let s = this.shards.get(shard);
    if (!s) {
      s = await this.readShard(shard);
      this.shards.set(shard, s);
    }
    return s;
  }

  /** Vectors for the keys present (copies), by position in `keys`. */
  async get(keys: readonly Buffer[]): Promise<Map<number, Float32Array>> {
    const found = new Map<number, Float32Array>();
    for (let i = 0; i < keys.length; i++) {
      const s = await this.shard(keys[i][0]);
      const row = s.rows.get(keys[i].toString('hex'));
      if (row !== undefined) found.set(i, s.vectors.slice(row * this.dim, (row + 1) * this.dim));
    }
    return found;
  }

  /** Store vectors (row i of `data` under keys[i]); existing keys keep their vectors. */
  async put(keys: readonly Buffer[], data: Float32Array): Promise<void> {
    if (data.length !== keys.length * this.dim) throw new Error(`embedding cache: ${keys.length} keys need ${keys.length * this.dim} values, got ${data.length}`);
    const byShard = new Map<number, number[]>();
    keys.forEach((k, i) => {
      const list = byShard.get(k[0]) ?? [];
      list.push(i);
      byShard.set(k[0], list);
    });
    // Shards are independent files: write several at once (the fs work runs on libuv's thread pool).
    const jobs = [...byShard];
    const worker = async (): Promise<void> => {
      for (let job = jobs.pop(); job; job = jobs.pop()) await this.putShard(job[0], job[1], keys, data);
    };
    await Promise.all(Array.from({ length: Math.min(16, jobs.length) }, worker));
  }

  private async putShard(shard: number, idx: number[], keys: readonly Buffer[], data: Float32Array): Promise<void> {
    await this.withLock(shard, async () => {
      const current = await this.readShard(shard); // re-read under the lock: another process may have written
      const fresh = idx.filter((i) => !current.rows.has(keys[i].toString('hex')));
      const unique = [...new Map(fresh.map((i) => [keys[i].toString('hex'), i])).values()];
      if (unique.length === 0) {
        this.shards.set(shard, current);
        return;
      }
      const count = current.count + unique.length;
      const buf = Buffer.alloc(HEADER + count * (KEY_BYTES + this.dim * 4));
      buf.writeUInt32LE(MAGIC, 0);
      buf.writeUInt32LE(VERSION, 4);
      buf.writeUInt32LE(this.dim, 8);
      buf.writeUInt32LE(count, 12);
      const allKeys = [...current.keys, ...unique.map((i) => keys[i])];
      allKeys.forEach((k, r) => k.copy(buf, HEADER + r * KEY_BYTES));
      const vectors = new Float32Array(count * this.dim);
      vectors.set(current.vectors);
      unique.forEach((i, j) => vectors.set(data.subarray(i * this.dim, (i + 1) * this.dim), (current.count + j) * this.dim));
      Buffer.from(vectors.buffer).copy(buf, HEADER + count * KEY_BYTES);
      const path = this.shardPath(shard);
      const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(tmp, buf);
      await rename(tmp, path);
      const rows = new Map(current.rows);
      unique.forEach((i, j) => rows.set(keys[i].toString('hex'), current.count + j));
      this.shards.set(shard, { rows, keys: allKeys, vectors, count });
    });
  }

  private async withLock<T>(shard: number, fn: () => Promise<T>): Promise<T> {
    const lock = this.shardPath(shard).replace(/\.bin$/, '.lock');
    const deadline = Date.now() + this.lockTimeoutMs;
    for (;;) {
      try {
        const h = await open(lock, 'wx');
        await h.writeFile(`${process.pid}\n`);
        await h.close();
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        try {
          if (Date.now() - (await stat(lock)).mtimeMs > this.staleLockMs) {
            await unlink(lock).catch(() => undefined);
            continue;
          }
        } catch {
          continue; // the lock vanished between open and stat: try again
        }
        if (Date.now() > deadline) throw new Error(`embedding cache: shard lock ${lock} held for over ${this.lockTimeoutMs} ms; if no other scbench process runs, delete it`);
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
      }
    }
    try {
      return await fn();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }

  /** Entries on disk now (reads every shard; for tests and reports). */
  async size(): Promise<number> {
    let n = 0;
    for (let s = 0; s < 256; s++) if (existsSync(this.shardPath(s))) n += (await this.readShard(s)).count;
    return n;
  }

  /** Bytes on disk. */
  bytes(): number {
    let n = 0;
    for (let s = 0; s < 256; s++) if (existsSync(this.shardPath(s))) n += statSync(this.shardPath(s)).size;
    return n;
  }
}
