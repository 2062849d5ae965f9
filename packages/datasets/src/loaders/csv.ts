// Delimited count matrices (CSV/TSV, gzipped or not), parsed with csv-parse as a stream. Handles R's write.table
// output, whose header has one field fewer than the data lines (no corner field), as pandas'
// read_csv(index_col=0) does, and full headers with a corner field. Rows are stored sparsely as they arrive.
import type { Csr, Truth } from '@scbench/api';
import { csrTranspose } from '@scbench/numerics';
import { assemble } from '../assemble.ts';
import { DataError } from '../errors.ts';
import { requireFile } from '../files.ts';
import { encodeStringLabels } from '../labels.ts';
import { CsrBuilder } from '../sparse.ts';
import { alignLabels, readIdTable, readRecords, type IdTable } from '../text.ts';
import type { CommonLoadOptions, LoadedDataset } from '../types.ts';

export type Orientation = 'genes-x-cells' | 'cells-x-genes';

export interface CsvLoadOptions extends CommonLoadOptions {
  /** How the matrix is laid out; 'auto' (default) matches the labels file's ids, else takes the longer axis as genes. */
  readonly orientation?: Orientation | 'auto';
  /** Field delimiter; default: sniffed (',' or tab). */
  readonly delimiter?: string;
  /** Cell metadata table with a label column; first column = cell id. */
  readonly labelsFile?: string;
  readonly labelColumn?: string;
}

interface RawTable {
  readonly colNames: string[];
  readonly rowNames: string[];
  /** As stored: rowNames.length × colNames.length. */
  readonly m: Csr;
}

/** Parse a count table; the first field of each data line is its row name. */
export async function readCountTable(file: string, delimiter?: string): Promise<RawTable> {
  requireFile(file);
  let header: string[] | null = null;
  let builder: CsrBuilder | null = null;
  let colNames: string[] = [];
  const rowNames: string[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  let line = 1;
  for await (const rec of readRecords(file, delimiter)) {
    if (!header) {
      header = rec;
      continue;
    }
    line++;
    if (!builder) {
      // R's write.table: header lacks the corner field. Otherwise the first header field names the row names.
      if (rec.length === header.length + 1) colNames = header;
      else if (rec.length === header.length) colNames = header.slice(1);
      else {
        throw new DataError(`the header has ${header.length} fields but line 2 has ${rec.length}`, file, 'each data line must be a row name followed by one value per header column');
      }
      builder = new CsrBuilder(colNames.length, 1 << 16);
    }
    if (rec.length !== colNames.length + 1) {
      throw new DataError(`line ${line} has ${rec.length} fields, expected ${colNames.length + 1}`, file, 'the file is truncated or malformed; each line needs a row name and one value per column');
    }
    rowNames.push(rec[0]);
    cols.length = 0;
    vals.length = 0;
    for (let j = 1; j < rec.length; j++) {
      const s = rec[j];
      // Empty and NA become NaN so that the finite-value check reports them with their position.
      const x = s === '0' ? 0 : s === '' || s === 'NA' ? NaN : Number(s);
      if (x !== 0) {
        cols.push(j - 1);
        vals.push(x);
      }
    }
    builder.addSparseRow(cols, vals);
  }
  if (!header || !builder) throw new DataError('no data lines', file, 'the file is empty or has only a header');
  return { colNames, rowNames, m: builder.finish() };
}

function overlap(ids: readonly string[], names: readonly string[]): number {
  const s = new Set(ids);
  let n = 0;
  for (const x of names) if (s.has(x)) n++;
  return n;
}

export async function loadCsv(file: string, o: CsvLoadOptions = {}): Promise<LoadedDataset> {
  const startedAt = performance.now();
  const notes: string[] = [];
  const raw = await readCountTable(file, o.delimiter);
  const table: IdTable | null = o.labels !== false && o.labelsFile ? await readIdTable(o.labelsFile) : null;
  let orientation = o.orientation ?? 'auto';
  if (orientation === 'auto') {
    if (table) {
      const byCols = overlap(table.ids, raw.colNames);
      const byRows = overlap(table.ids, raw.rowNames);
      orientation = byCols >= byRows ? 'genes-x-cells' : 'cells-x-genes';
      notes.push(`orientation ${orientation}: the labels file's ids match ${Math.max(byCols, byRows)} ${byCols >= byRows ? 'column' : 'row'} names`);
    } else {
      orientation = raw.rowNames.length >= raw.colNames.length ? 'genes-x-cells' : 'cells-x-genes';
      notes.push(`orientation ${orientation} guessed from the shape (more genes than cells); add :orientation=genes-x-cells or :orientation=cells-x-genes to the dataset spec to be sure`);
    }
  }
  const gxc = orientation === 'genes-x-cells';
  const counts = gxc ? csrTranspose(raw.m) : raw.m;
  const cells = gxc ? raw.colNames : raw.rowNames;
  const genes = gxc ? raw.rowNames : raw.colNames;

  let truth: Truth | null = null;
  let labelSource: string | null = null;
  if (o.labels !== false) {
    if (!table) {
      throw new DataError('no labels file given', file, `give a cell table (first column: the cell id) in the dataset spec: ${file}:labels=CELLS.csv,labelColumn=COLUMN`);
    }
    const column = o.labelColumn ?? table.columns.find((c) => /^(cell_?type|label|labels|cluster)$/i.test(c));
    if (!column) {
      throw new DataError(`no labelColumn given and no obvious label column (available: ${table.columns.join(', ')})`, table.file, `name one in the dataset spec: ${file}:labels=${o.labelsFile},labelColumn=${table.columns[0] ?? 'NAME'}`);
    }
    truth = encodeStringLabels(alignLabels(table, column, cells), table.file, column);
    labelSource = `${table.file}:${column}`;
  }
  return assemble(
    { format: 'csv', file, matrix: orientation, counts, genes, cells, truth, labelSource, sourceValueType: null, valueType: null, notes, startedAt },
    o,
  );
}
