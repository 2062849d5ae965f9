// Streaming reader for NCBI-style TSV tables: one header line starting with '#', then tab-separated rows,
// '-' for unknown, '|' between multiple values. Reads plain or gzip files (detected by magic bytes, not by
// extension, so `gene2go.gz` and a renamed `gene2go` both work), line by line through node:readline, so a real
// 1 GB NCBI gene2go never sits in memory; rows of other species are skipped before they are split.
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { KnowledgeError } from './errors.ts';

export interface TsvSpec {
  /** What the file is, for messages ("human gene_info"). */
  readonly what: string;
  /** Column names that must be in the header (without the leading '#'). */
  readonly required: readonly string[];
  /** Keep only rows whose first field is one of these (NCBI's multi-species files start with tax_id). */
  readonly firstFieldIn?: ReadonlySet<string>;
}

export interface TsvHeader {
  readonly names: readonly string[];
  /** Column index by name; every `required` name is present. */
  index(name: string): number;
  /** Column index, or -1 when an optional column is absent. */
  optional(name: string): number;
}

/** NCBI's "unknown" marker. */
export const NONE = '-';

/** A single value: '-' becomes null. */
export function value(field: string): string | null {
  return field === NONE || field === '' ? null : field;
}

/** A '|'-separated list: '-' becomes []. */
export function list(field: string): string[] {
  return field === NONE || field === '' ? [] : field.split('|');
}

/** A positive integer id (GeneID, tax_id); anything else is a format error naming the line. */
export function integer(field: string, column: string, path: string, lineNo: number): number {
  const n = Number(field);
  if (!Number.isSafeInteger(n) || n < 0 || field === '') {
    throw new KnowledgeError(
      `line ${lineNo}: column ${column} should be an integer but is ${JSON.stringify(field)}`,
      path,
      'the file is damaged or is not the NCBI table it is named after; fetch it again',
    );
  }
  return n;
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export type RowHandler = (fields: string[], lineNo: number) => void;

/**
 * Streams `path`, validates the header against `spec`, then calls `start(header)` once to get the row handler
 * (so column indices are looked up once, not per row) and calls it for each kept data line.
 * Returns the number of data lines seen (kept or not). Every data line must have as many fields as the header.
 */
export async function readTsv(path: string, spec: TsvSpec, start: (header: TsvHeader) => RowHandler): Promise<number> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new KnowledgeError(`${spec.what} not found`, path, 'check the path, or set SCBENCH_KNOWLEDGE to the folder holding the NCBI gene files');
  }
  const input = createReadStream(path);
  const gunzip = isGzip(path) ? createGunzip() : null;
  const lines = createInterface({ input: gunzip ? input.pipe(gunzip) : input, crlfDelay: Infinity });

  let header: TsvHeader | null = null;
  let onRow: RowHandler = () => undefined;
  let width = 0;
  let lineNo = 0;
  let rows = 0;
  const filter = spec.firstFieldIn;

  return new Promise<number>((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      lines.close();
      input.destroy();
      if (e instanceof KnowledgeError) reject(e);
      else {
        const msg = e instanceof Error ? e.message : String(e);
        reject(new KnowledgeError(`reading ${spec.what} failed at line ${lineNo}: ${msg}`, path, 'the file is damaged or cut short (a partial download or a broken .gz); fetch it again', { cause: e }));
      }
    };
    input.on('error', fail);
    gunzip?.on('error', fail);
    // readline re-emits its input's errors (a truncated .gz) on the interface; unhandled there, they would crash.
    lines.on('error', fail);
    lines.on('line', (raw) => {
      if (failed) return;
      lineNo++;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      try {
        if (header === null) {
          header = parseHeader(line, spec, path);
          width = header.names.length;
          onRow = start(header);
          return;
        }
        if (line === '') return;
        rows++;
        if (filter) {
          const tab = line.indexOf('\t');
          if (!filter.has(tab < 0 ? line : line.slice(0, tab))) return;
        }
        const fields = line.split('\t');
        if (fields.length !== width) {
          throw new KnowledgeError(
            `line ${lineNo} has ${fields.length} tab-separated fields but the header has ${width}`,
            path,
            `the ${spec.what} file is damaged or has been edited (NCBI files have exactly one field per header column; fields are never empty, unknown is '-'); fetch it again`,
          );
        }
        onRow(fields, lineNo);
      } catch (e) {
        fail(e);
      }
    });
    lines.on('close', () => {
      if (failed) return;
      if (header === null) {
        fail(new KnowledgeError(`${spec.what} is empty (no header line)`, path, 'fetch the file again'));
        return;
      }
      resolve(rows);
    });
  });
}

function parseHeader(line: string, spec: TsvSpec, path: string): TsvHeader {
  const expected = `#${spec.required.join('\t')}`;
  if (!line.startsWith('#')) {
    throw new KnowledgeError(
      `the first line of ${spec.what} is not an NCBI header (it should start with '#'): ${JSON.stringify(line.slice(0, 80))}`,
      path,
      `use NCBI's file unchanged; its header includes the columns ${expected}`,
    );
  }
  const names = line.slice(1).split('\t');
  const at = new Map(names.map((n, i) => [n, i] as const));
  const missing = spec.required.filter((n) => !at.has(n));
  if (missing.length > 0) {
    throw new KnowledgeError(
      `${spec.what} header lacks column(s) ${missing.join(', ')}; it has: ${names.join(', ')}`,
      path,
      `point at the right file: ${spec.what} needs the NCBI columns ${spec.required.join(', ')}`,
    );
  }
  return {
    names,
    index: (name) => {
      const i = at.get(name);
      if (i === undefined) throw new Error(`column ${name} was not declared required for ${spec.what}`);
      return i;
    },
    optional: (name) => at.get(name) ?? -1,
  };
}
