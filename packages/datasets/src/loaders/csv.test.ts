import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { toDense } from '../sparse.ts';
import { makeTmpDir, nested, writeText } from '../test-helpers.ts';
import { loadCsv } from './csv.ts';

const tmp = makeTmpDir();
afterAll(tmp.cleanup);

const X = [
  [1, 0, 4],
  [0, 0, 2],
  [3, 5, 0],
  [0, 1, 0],
]; // cells × genes
const cells = ['CELL_1', 'CELL_2', 'CELL_3', 'CELL_4'];
const genes = ['ENSG1', 'ENSG2', 'ENSG3'];

/** R write.table(sep=","): quoted, header without the corner field, genes × cells. */
function rStyleGenesByCells(): string {
  const lines = [cells.map((c) => `"${c}"`).join(',')];
  genes.forEach((g, j) => lines.push([`"${g}"`, ...X.map((row) => row[j])].join(',')));
  return lines.join('\n') + '\n';
}

const meta = ['"n_genes","cell_line","cell_line_demuxlet"', '"CELL_3",2,"H1","H2"', '"CELL_1",2,"H1","H1"', '"CELL_2",1,"H2","H2"', '"CELL_4",1,"H2","H3"'].join('\n') + '\n';

describe('loadCsv', () => {
  it('R-style gzipped genes × cells with labels matched by cell id', async () => {
    const counts = writeText(join(tmp.dir, 'counts.csv.gz'), rStyleGenesByCells(), true);
    const labels = writeText(join(tmp.dir, 'meta.csv.gz'), meta, true);
    const r = await loadCsv(counts, { labelsFile: labels, labelColumn: 'cell_line_demuxlet' });
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
    expect(r.dataset.cells).toEqual(cells);
    expect(r.dataset.genes).toEqual(genes);
    expect(r.truth!.names).toEqual(['H1', 'H2', 'H3']);
    expect(Array.from(r.truth!.labels)).toEqual([0, 1, 1, 2]);
    expect(r.meta.matrix).toBe('genes-x-cells');
    expect(r.meta.notes.join(' ')).toMatch(/ids match 4 column names/);
  });

  it('TSV cells × genes with a corner field, orientation given', async () => {
    const lines = [['cell', ...genes].join('\t'), ...X.map((row, i) => [cells[i], ...row].join('\t'))];
    const counts = writeText(join(tmp.dir, 'counts.tsv'), lines.join('\n') + '\n');
    const labels = writeText(join(tmp.dir, 'labels.tsv'), 'cell\tlabel\nCELL_1\ta\nCELL_2\tb\nCELL_3\ta\nCELL_4\tb\n');
    const r = await loadCsv(counts, { orientation: 'cells-x-genes', labelsFile: labels });
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
    expect(r.meta.labelSource).toMatch(/:label$/);
    expect(Array.from(r.truth!.labels)).toEqual([0, 1, 0, 1]);
  });

  it('orientation is guessed from the labels when not given', async () => {
    const lines = [['', ...genes].join(','), ...X.map((row, i) => [cells[i], ...row].join(','))];
    const counts = writeText(join(tmp.dir, 'cxg.csv'), lines.join('\n') + '\n');
    const labels = writeText(join(tmp.dir, 'meta2.csv'), meta);
    const r = await loadCsv(counts, { labelsFile: labels, labelColumn: 'cell_line' });
    expect(r.meta.matrix).toBe('cells-x-genes');
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
  });

  it('a missing label column lists the available columns', async () => {
    const counts = writeText(join(tmp.dir, 'c2.csv'), rStyleGenesByCells());
    const labels = writeText(join(tmp.dir, 'meta3.csv'), meta);
    await expect(loadCsv(counts, { labelsFile: labels, labelColumn: 'celltype' })).rejects.toThrow(
      /label column 'celltype' not found \(available: n_genes, cell_line, cell_line_demuxlet\)/,
    );
  });

  it('NA in the counts is reported as a non-finite value', async () => {
    const text = rStyleGenesByCells().replace('"ENSG2",0', '"ENSG2",NA');
    const counts = writeText(join(tmp.dir, 'na.csv'), text);
    const labels = writeText(join(tmp.dir, 'meta4.csv'), meta);
    await expect(loadCsv(counts, { labelsFile: labels, labelColumn: 'cell_line' })).rejects.toThrow(/non-finite.*cell 0, gene 1/);
  });

  it('a ragged line is an error with its line number', async () => {
    const counts = writeText(join(tmp.dir, 'ragged.csv'), rStyleGenesByCells().replace('"ENSG3",4,2,0,0', '"ENSG3",4,2'));
    await expect(loadCsv(counts, { labels: false, nClusters: 2 })).rejects.toThrow(/line 4 has 3 fields, expected 5/);
  });

  it('labels whose ids do not cover the cells are an error', async () => {
    const counts = writeText(join(tmp.dir, 'c3.csv'), rStyleGenesByCells());
    const labels = writeText(join(tmp.dir, 'meta5.csv'), '"cell_line"\n"CELL_1","A"\n"CELL_2","B"\n');
    await expect(loadCsv(counts, { labelsFile: labels, labelColumn: 'cell_line', orientation: 'genes-x-cells' })).rejects.toThrow(
      /2 of the 4 cells have no label/,
    );
  });
});
