// Thin, safe access to HDF5 through h5wasm: pre-flight checks (so a truncated or non-HDF5 file gives a clear
// DataError instead of h5wasm's "name not defined!"), guaranteed close, and block-wise matrix reads that keep the
// 2 GiB wasm heap in bounds.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import h5wasm from 'h5wasm/node';
import type { Csr, Matrix } from '@scbench/api';
import { DataError } from './errors.ts';
import { requireFile } from './files.ts';
import { chooseStorage, CsrBuilder, CSR_MIN_ENTRIES, toCsr, toDense } from './sparse.ts';
import type { Storage } from './types.ts';

export type H5File = InstanceType<typeof h5wasm.File>;
export type H5Group = InstanceType<typeof h5wasm.Group>;
export type H5Dataset = InstanceType<typeof h5wasm.Dataset>;
type Entity = ReturnType<H5Group['get']>;

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Reads the HDF5 superblock ourselves and compares the end-of-file address it records with the real file size.
 * HDF5 looks for the signature at 0, 512, 1024, 2048, ... (user block). Superblock layouts: versions 0/1 store
 * base/free-space/EOF addresses after 24 (v0) or 28 (v1) bytes; versions 2/3 after 12 bytes.
 */
export function checkHdf5File(path: string): void {
  requireFile(path);
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(96);
    for (let at = 0; at === 0 || at < size; at = at === 0 ? 512 : at * 2) {
      const got = readSync(fd, head, 0, head.length, at);
      if (got < 8) break;
      if (!SIGNATURE.every((b, i) => head[i] === b)) continue;
      const version = head[8];
      const o = version <= 1 ? head[13] : head[9];
      const addrAt = version === 0 ? 24 : version === 1 ? 28 : 12;
      if (![2, 4, 8].includes(o) || got < addrAt + 3 * o) {
        throw new DataError('the HDF5 superblock is damaged or cut short', path, 'obtain the file again (compare its sha256 with the registry)');
      }
      const read = (k: number): bigint => {
        let v = 0n;
        for (let b = o - 1; b >= 0; b--) v = (v << 8n) | BigInt(head[addrAt + k * o + b]);
        return v;
      };
      const undefinedAddr = (1n << BigInt(8 * o)) - 1n;
      const base = read(0);
      const eof = read(2);
      if (eof !== undefinedAddr && base + eof > BigInt(size)) {
        throw new DataError(
          `truncated HDF5 file: it has ${size} bytes but its superblock says ${base + eof}`,
          path,
          'the copy is incomplete (interrupted download or copy); fetch it again and compare "sha256sum FILE" with its source',
        );
      }
      return;
    }
    throw new DataError('not an HDF5 file (no HDF5 signature found)', path, 'give an HDF5 file (.h5, .h5ad), a .csv/.tsv[.gz] table or a 10x directory, named with its extension');
  } finally {
    closeSync(fd);
  }
}

type H5Module = Awaited<typeof h5wasm.ready>;
const checkedModules = new WeakSet<object>();

/**
 * h5wasm ignores the status H5Dread returns: a chunk whose filter fails (a damaged compressed chunk, a fletcher32
 * checksum mismatch) prints a trace to stderr and the read returns whatever the buffer held, so damaged data loads
 * as if it were whole. Make every dataset read throw instead, with HDF5's own reason (the innermost frame of its
 * error stack) and no trace on stderr.
 */
export function failOnReadErrors(M: H5Module): void {
  if (checkedModules.has(M)) return;
  checkedModules.add(M);
  const read = M.get_dataset_data;
  M.get_dataset_data = (...args: Parameters<H5Module['get_dataset_data']>): number => {
    M.activate_throwing_error_handler();
    let status: number;
    try {
      status = read(...args);
    } catch (e) {
      throw new Error(`HDF5 could not read ${args[1]}: ${innermostReason(String(e))}`);
    } finally {
      M.deactivate_throwing_error_handler();
    }
    if (status < 0) throw new Error(`HDF5 could not read ${args[1]} (status ${status})`);
    return status;
  };
}

/** "… in H5Z_pipeline(): filter returned failure during read" from an HDF5-DIAG stack: the last frame's text. */
function innermostReason(diag: string): string {
  const frames = [...diag.matchAll(/#\d+: .* in (\w+)\(\): ([^\n]+)/g)];
  const last = frames[frames.length - 1];
  return last ? `${last[2].trim()} (${last[1]})` : diag.split('\n')[0];
}

let ready: Promise<unknown> | null = null;

/** Open, run `fn`, always close. Errors from h5wasm become DataErrors naming the file. */
export async function withH5<T>(path: string, fn: (f: H5File) => T | Promise<T>): Promise<T> {
  checkHdf5File(path);
  ready ??= h5wasm.ready.then(failOnReadErrors);
  await ready;
  let f: H5File;
  try {
    f = new h5wasm.File(path, 'r');
  } catch (e) {
    throw new DataError(`HDF5 could not open the file (${String(e)})`, path, 'check that the file is complete and readable', { cause: e });
  }
  try {
    return await fn(f);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`reading HDF5 failed: ${e instanceof Error ? e.message : String(e)}`, path, 'the file is damaged or in an unsupported layout: fetch it again; "sha256sum FILE" must equal its source\'s (registered datasets: the sha256 in datasets/registry.json)', { cause: e });
  } finally {
    f.close();
  }
}

export function isDataset(e: Entity): e is H5Dataset {
  return e instanceof h5wasm.Dataset;
}

export function isGroup(e: Entity): e is H5Group {
  return e instanceof h5wasm.Group;
}

/** The entity at `path`, or null (h5wasm's get() returns null or throws for missing paths, depending on depth). */
export function getEntity(g: H5Group, path: string): Entity {
  try {
    return g.get(path);
  } catch {
    return null;
  }
}

export function getDataset(g: H5Group, path: string): H5Dataset | null {
  const e = getEntity(g, path);
  return isDataset(e) ? e : null;
}

export function getGroup(g: H5Group, path: string): H5Group | null {
  const e = getEntity(g, path);
  return isGroup(e) ? e : null;
}

/** An attribute's value, or undefined (also when h5wasm cannot decode it). */
export function attr(e: H5Group | H5Dataset, name: string): unknown {
  try {
    const a = e.attrs[name];
    return a === undefined ? undefined : a.value;
  } catch {
    return undefined;
  }
}

export function attrString(e: H5Group | H5Dataset, name: string): string | undefined {
  const v = attr(e, name);
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return v[0];
  return undefined;
}

/** Any numeric typed array (incl. BigInt64 for int64 data) → plain numbers as Float64Array. */
export function toNumbers(v: unknown, file: string, key: string): Float64Array {
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Float64Array.from(v, (x) => Number(x));
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Float64Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'number') return Float64Array.of(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'boolean')) return Float64Array.from(v, Number);
  throw new DataError(`${key} is not numeric`, file, 'name a numeric dataset for this role');
}

export function readNumbers(ds: H5Dataset, file: string): Float64Array {
  return toNumbers(ds.value, file, ds.path);
}

/** Fixed- or variable-length strings (h5wasm strips the NUL padding of fixed-length ones). */
export function readStrings(ds: H5Dataset, file: string): string[] {
  const v = ds.value;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (ArrayBuffer.isView(v)) return Array.from(toNumbers(v, file, ds.path), String);
  throw new DataError(`${ds.path} is not a string array`, file, 'name a dataset of strings for this role');
}

/** One field of a compound (table) dataset, as written by anndata < 0.7 for obs/var. */
export function readCompoundField(ds: H5Dataset, field: string): unknown[] | null {
  const members = ds.metadata.compound_type?.members ?? [];
  const at = members.findIndex((m) => m.name === field);
  if (at < 0) return null;
  const rows = ds.value as unknown[][];
  return rows.map((r) => r[at]);
}

export function compoundFields(ds: H5Dataset): string[] {
  return (ds.metadata.compound_type?.members ?? []).map((m) => m.name);
}

/** Bytes of output per block: small enough that block + one decompressed chunk stay well inside the 2 GiB heap. */
const BLOCK_BYTES = 64 * 2 ** 20;
/** When one chunk spans all rows, every block re-inflates the whole chunk: use fewer, larger blocks. */
const SINGLE_CHUNK_BLOCK_BYTES = 128 * 2 ** 20;

/** Row block size for reading a 2-D dataset: whole chunks where chunked, bounded bytes per block. */
export function rowBlock(rows: number, cols: number, bytesPerValue: number, chunkRows: number | null): number {
  const rowBytes = Math.max(1, cols * bytesPerValue);
  if (chunkRows === null) return Math.max(1, Math.floor(BLOCK_BYTES / rowBytes));
  if (chunkRows >= rows) return Math.max(1, Math.floor(SINGLE_CHUNK_BLOCK_BYTES / rowBytes));
  return chunkRows * Math.max(1, Math.floor(BLOCK_BYTES / (chunkRows * rowBytes)));
}

/**
 * A dense 2-D HDF5 dataset (rows × cols) → float32 Matrix, or CSR when large and sparse. Rows are read in blocks
 * aligned to the chunking; for large matrices the rows go straight into a CSR builder so that a big sparse
 * matrix (worm_neuron: 56 M entries, float64) never exists densely in JS memory.
 */
export function readDenseMatrix(ds: H5Dataset, file: string, storage: Storage): Matrix | Csr {
  const shape = ds.shape;
  if (!shape || shape.length !== 2) {
    throw new DataError(`${ds.path} has shape ${JSON.stringify(shape)}, expected a 2-D matrix`, file, 'name a 2-D cells × genes dataset');
  }
  const [rows, cols] = shape;
  const meta = ds.metadata;
  const block = rowBlock(rows, cols, meta.size, meta.chunks ? meta.chunks[0] : null);
  const sparseFirst = storage === 'csr' || (storage === 'auto' && rows * cols > CSR_MIN_ENTRIES);
  const dense = sparseFirst ? null : new Float32Array(rows * cols);
  const builder = sparseFirst ? new CsrBuilder(cols, Math.min(rows * cols, 1 << 20)) : null;
  for (let r0 = 0; r0 < rows; r0 += block) {
    const r1 = Math.min(rows, r0 + block);
    let v = ds.slice([[r0, r1]]) as unknown;
    if (v instanceof BigInt64Array || v instanceof BigUint64Array) v = toNumbers(v, file, ds.path);
    if (!ArrayBuffer.isView(v)) throw new DataError(`${ds.path} is not numeric`, file, 'name a numeric matrix');
    const block2 = v as unknown as ArrayLike<number>;
    if (dense) dense.set(block2, r0 * cols);
    else for (let i = 0; i < r1 - r0; i++) builder!.addDenseRow(block2, i * cols);
  }
  if (dense) {
    const m: Matrix = { rows, cols, data: dense };
    return storage === 'csr' ? toCsr(m) : m;
  }
  const csr = builder!.finish();
  return chooseStorage(storage, rows, cols, csr.indptr[rows]) === 'csr' ? csr : toDense(csr);
}

/** A 1-D dataset read in slices (sparse `data`/`indices` can exceed what one wasm allocation should hold). */
export function read1D<T extends Float32Array | Int32Array>(ds: H5Dataset, make: (n: number) => T): T {
  const n = ds.shape?.[0] ?? 0;
  const out = make(n);
  const step = Math.max(1, Math.floor(BLOCK_BYTES / Math.max(1, ds.metadata.size)));
  for (let s = 0; s < n; s += step) {
    const v = ds.slice([[s, Math.min(n, s + step)]]) as unknown;
    if (v instanceof BigInt64Array || v instanceof BigUint64Array) out.set(Array.from(v, Number), s);
    else out.set(v as ArrayLike<number>, s);
  }
  return out;
}
