// Test-only helper: gene names of the shared datasets, read directly (h5wasm for .h5, zlib+readline for the
// dropseq CSV) so this package's coverage checks do not wait on @scbench/datasets. Not exported from index.ts.
import { createReadStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import h5wasm from 'h5wasm/node';

/** $SCBENCH_DATA if set, else <repo>/../shared/datasets (the registry's own default). */
export function datasetsRoot(): string {
  return process.env.SCBENCH_DATA ?? resolve(fileURLToPath(new URL('../../..', import.meta.url)), '..', 'shared', 'datasets');
}

function need(path: string): string {
  if (!existsSync(path)) throw new Error(`dataset file not found: ${path}; set SCBENCH_DATA to the shared datasets folder`);
  return path;
}

/** Named string datasets of an h5-uniform file (gene_names, gene_ids, gene_names_raw, ...). */
export async function h5Strings(file: string, keys: readonly string[]): Promise<Record<string, string[]>> {
  await h5wasm.ready;
  const f = new h5wasm.File(need(join(datasetsRoot(), file)), 'r');
  try {
    const out: Record<string, string[]> = {};
    for (const k of keys) {
      const ds = f.get(k);
      if (!(ds instanceof h5wasm.Dataset)) throw new Error(`${file} has no dataset ${k}`);
      out[k] = (ds.value as string[]).map((s) => s.replace(/\0+$/, ''));
    }
    return out;
  } finally {
    f.close();
  }
}

/** First field of every data line of a genes × cells CSV (R write.table: quoted, header without a row-name field). */
export async function csvRowNames(file: string): Promise<string[]> {
  const lines = createInterface({ input: createReadStream(need(join(datasetsRoot(), file))).pipe(createGunzip()), crlfDelay: Infinity });
  const out: string[] = [];
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (line === '') continue;
    const comma = line.indexOf(',');
    out.push(line.slice(0, comma < 0 ? line.length : comma).replace(/^"|"$/g, ''));
  }
  return out;
}
