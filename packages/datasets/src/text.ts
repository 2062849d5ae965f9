// Streaming text input: gzip detected by magic bytes (not by extension), lines via readline, tables via csv-parse.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { DataError } from './errors.ts';
import { requireFile } from './files.ts';

export function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** A byte stream of the (decompressed) file. Gzip errors (truncated archives) surface as DataErrors. */
export function openText(path: string): Readable {
  requireFile(path);
  const raw = createReadStream(path);
  if (!isGzip(path)) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

export function streamError(e: unknown, path: string): DataError {
  if (e instanceof DataError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const gz = /unexpected end of file|incorrect header check|invalid/i.test(msg);
  return new DataError(
    `reading failed: ${msg}`,
    path,
    gz ? 'the gzip file is truncated or corrupt; fetch it again and check its sha256' : 'check the file format',
    { cause: e },
  );
}

/** Lines of a (possibly gzipped) text file, streamed: the decompressed text never exists as one string. */
export async function* readLines(path: string): AsyncGenerator<string> {
  const input = openText(path);
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line;
  } catch (e) {
    throw streamError(e, path);
  } finally {
    rl.close();
    input.destroy();
  }
}

/**
 * Calls `onLine` for every line, streamed through readline's 'line' event: several times faster than iterating
 * readline asynchronously (one promise per line), which matters for MTX files with millions of entries.
 * An exception thrown by `onLine` stops reading and rejects.
 */
export function forEachLine(path: string, onLine: (line: string) => void): Promise<void> {
  const input = openText(path);
  const rl = createInterface({ input, crlfDelay: Infinity });
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      rl.close();
      input.destroy();
      reject(streamError(e, path));
    };
    rl.on('line', (line) => {
      if (failed) return;
      try {
        onLine(line);
      } catch (e) {
        fail(e);
      }
    });
    // readline re-emits input errors (e.g. a truncated gzip) on the interface: without a listener they would be
    // uncaught and the promise would never settle.
    rl.on('error', fail);
    input.on('error', fail);
    rl.on('close', () => {
      if (!failed) resolve();
    });
  });
}

/** Comma unless the first line has more tabs than commas (or the name says .tsv). */
export async function sniffDelimiter(path: string): Promise<string> {
  if (/\.tsv(\.gz)?$/i.test(path)) return '\t';
  if (/\.csv(\.gz)?$/i.test(path)) return ',';
  for await (const line of readLines(path)) {
    const tabs = line.split('\t').length;
    const commas = line.split(',').length;
    return tabs > commas ? '\t' : ',';
  }
  return ',';
}

/** Records of a delimited file (quoted fields handled by csv-parse), streamed. Rows may differ in length. */
export async function* readRecords(path: string, delimiter?: string): AsyncGenerator<string[]> {
  const input = openText(path);
  const parser = input.pipe(
    parse({ delimiter: delimiter ?? (await sniffDelimiter(path)), relax_column_count: true, skip_empty_lines: true, bom: true }),
  );
  input.on('error', (e) => parser.destroy(e));
  try {
    for await (const rec of parser) yield rec as string[];
  } catch (e) {
    throw streamError(e, path);
  } finally {
    input.destroy();
  }
}

/**
 * A small table with row ids in the first column: R's write.table style (header one field shorter than the rows)
 * or a full header whose first field names the id column (e.g. "barcode<TAB>label").
 */
export interface IdTable {
  readonly file: string;
  /** Names of the value columns (the id column excluded). */
  readonly columns: readonly string[];
  readonly ids: readonly string[];
  /** rows[i][c] is column c of row i. */
  readonly rows: readonly (readonly string[])[];
}

export async function readIdTable(path: string, delimiter?: string): Promise<IdTable> {
  let header: string[] | null = null;
  let rStyle: boolean | null = null;
  const ids: string[] = [];
  const rows: string[][] = [];
  for await (const rec of readRecords(path, delimiter)) {
    if (!header) {
      header = rec;
      continue;
    }
    rStyle ??= rec.length === header.length + 1;
    ids.push(rec[0]);
    rows.push(rec.slice(1));
  }
  if (!header) throw new DataError('the table is empty', path, 'give a table with a header line and one row per cell');
  return { file: path, columns: rStyle ? header : header.slice(1), ids, rows };
}

/** One column of an IdTable; a missing column is an error that lists the available ones. */
export function tableColumn(t: IdTable, column: string): string[] {
  const c = t.columns.indexOf(column);
  if (c < 0) {
    throw new DataError(`label column '${column}' not found (available: ${t.columns.join(', ')})`, t.file, 'name one of the available columns in the dataset spec: DATA:labels=TABLE,labelColumn=NAME');
  }
  return t.rows.map((r) => r[c] ?? '');
}

/**
 * Align a label column to the matrix's cells by id. Every cell needs a label; extra rows in the table are fine
 * (a labels file may cover more cells than a filtered matrix).
 */
export function alignLabels(t: IdTable, column: string, cells: readonly string[]): string[] {
  const values = tableColumn(t, column);
  const byId = new Map<string, string>();
  t.ids.forEach((id, i) => byId.set(id, values[i]));
  const missing: string[] = [];
  const out = cells.map((c) => {
    const v = byId.get(c);
    if (v === undefined) missing.push(c);
    return v ?? '';
  });
  if (missing.length) {
    throw new DataError(
      `the labels file has ${t.ids.length} rows but ${missing.length} of the ${cells.length} cells have no label (e.g. ${missing.slice(0, 3).join(', ')})`,
      t.file,
      'give a labels file whose first column holds every cell id (barcode) of the matrix',
    );
  }
  return out;
}
