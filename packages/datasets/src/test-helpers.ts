// Helpers for tests only: temp dirs and small HDF5/text fixtures written with h5wasm and zlib.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import h5wasm from 'h5wasm/node';
import type { H5File } from './h5.ts';

export function makeTmpDir(prefix = 'scbench-datasets-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Create an HDF5 file and let `fill` populate it; always closed. */
export async function writeH5(path: string, fill: (f: H5File) => void): Promise<string> {
  await h5wasm.ready;
  const f = new h5wasm.File(path, 'w');
  try {
    fill(f);
  } finally {
    f.close();
  }
  return path;
}

export function writeText(path: string, text: string, gzip = false): string {
  writeFileSync(path, gzip ? gzipSync(Buffer.from(text)) : text);
  return path;
}

/** Dense row-major matrix from nested arrays. */
export function dense(rows: number[][]): { rows: number; cols: number; data: Float32Array } {
  return { rows: rows.length, cols: rows[0]?.length ?? 0, data: Float32Array.from(rows.flat()) };
}

/** Nested arrays from a dense row-major matrix (for readable expectations). */
export function nested(m: { rows: number; cols: number; data: ArrayLike<number> }): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from({ length: m.cols }, (_, j) => m.data[i * m.cols + j]));
}
