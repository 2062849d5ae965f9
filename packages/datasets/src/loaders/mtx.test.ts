import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import { toDense } from '../sparse.ts';
import { makeTmpDir, nested, writeText } from '../test-helpers.ts';
import { loadMtx, readMatrixMarket } from './mtx.ts';

const tmp = makeTmpDir();
afterAll(tmp.cleanup);

// cells × genes as the loader should return it
const X = [
  [1, 0, 4],
  [0, 0, 2],
  [3, 5, 0],
  [0, 1, 0],
];
const barcodes = ['AAAC-1', 'AAAG-1', 'AACT-1', 'AAGT-1'];

/** MTX entries (genes × cells, 1-based), optionally shuffled. */
function entries(shuffle: boolean): string[] {
  const out: string[] = [];
  for (let c = 0; c < X.length; c++) for (let g = 0; g < X[0].length; g++) if (X[c][g]) out.push(`${g + 1} ${c + 1} ${X[c][g]}`);
  return shuffle ? out.reverse() : out;
}

function writeDir(name: string, opts: { gz: boolean; v2?: boolean; shuffle?: boolean; lines?: string[]; declared?: number; labels?: string }): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  const gz = opts.gz ? '.gz' : '';
  const lines = opts.lines ?? entries(!!opts.shuffle);
  writeText(
    join(dir, `matrix.mtx${gz}`),
    ['%%MatrixMarket matrix coordinate integer general', '%metadata_json: {"format_version": 2}', `3 4 ${opts.declared ?? lines.length}`, ...lines, ''].join('\n'),
    opts.gz,
  );
  const feats = opts.v2 ? ['E1\tGA', 'E2\tGB', 'E3\tGC'] : ['E1\tGA\tGene Expression', 'E2\tGB\tGene Expression', 'E3\tGC\tGene Expression'];
  writeText(join(dir, opts.v2 ? `genes.tsv${gz}` : `features.tsv${gz}`), feats.join('\n') + '\n', opts.gz);
  writeText(join(dir, `barcodes.tsv${gz}`), barcodes.join('\n') + '\n', opts.gz);
  writeText(join(dir, 'labels.tsv'), opts.labels ?? ['barcode\tlabel', 'AAAC-1\tT', 'AAAG-1\tB', 'AACT-1\tT', 'AAGT-1\tNK', ''].join('\n'));
  return dir;
}

describe('loadMtx', () => {
  it('reads a gzipped v3 directory into cells × genes with labels by barcode', async () => {
    const r = await loadMtx(writeDir('v3', { gz: true }));
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
    expect(r.dataset.genes).toEqual(['GA', 'GB', 'GC']);
    expect(r.dataset.geneIds).toEqual(['E1', 'E2', 'E3']);
    expect(r.dataset.cells).toEqual(barcodes);
    expect(r.truth!.names).toEqual(['B', 'NK', 'T']);
    expect(Array.from(r.truth!.labels)).toEqual([2, 0, 2, 1]);
    expect(r.dataset.valueType).toBe('raw counts');
  });

  it('reads a plain v2 directory (genes.tsv) with entries in any order', async () => {
    const r = await loadMtx(writeDir('v2', { gz: false, v2: true, shuffle: true }));
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
    expect(r.dataset.genes).toEqual(['GA', 'GB', 'GC']);
  });

  it('matches labels by barcode, not by line order', async () => {
    const labels = ['barcode\tlabel', 'AAGT-1\tNK', 'AACT-1\tT', 'AAAG-1\tB', 'AAAC-1\tT', 'EXTRA-1\tB', ''].join('\n');
    const r = await loadMtx(writeDir('reordered', { gz: true, labels }));
    expect(Array.from(r.truth!.labels)).toEqual([2, 0, 2, 1]);
  });

  it('sums duplicate entries, as scipy does', async () => {
    const mm = join(tmp.dir, 'dup.mtx');
    writeText(mm, ['%%MatrixMarket matrix coordinate real general', '2 2 3', '1 1 1.5', '2 2 1', '1 1 2', ''].join('\n'));
    const m = await readMatrixMarket(mm);
    expect([m.rows, m.cols, m.nnz]).toEqual([2, 2, 3]);
    expect(Array.from(m.v)).toEqual([1.5, 1, 2]);
  });

  it('a truncated matrix (fewer entries than declared) is an error', async () => {
    const dir = writeDir('short', { gz: true, declared: 9 });
    const e = (await loadMtx(dir).catch((x: unknown) => x)) as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toMatch(/6 entries but the size line declares 9/);
    expect(e.hint).toMatch(/truncated/);
  });

  it('a corrupt gzip stream is an error naming the file', async () => {
    const dir = writeDir('badgz', { gz: true });
    const p = join(dir, 'matrix.mtx.gz');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const b = readFileSync(p);
    writeFileSync(p, b.subarray(0, b.length - 12));
    await expect(loadMtx(dir)).rejects.toMatchObject({ name: 'DataError', file: p });
  });

  it('an entry outside the declared size is an error', async () => {
    const dir = writeDir('outside', { gz: false, lines: ['4 1 1'] });
    await expect(loadMtx(dir)).rejects.toThrow(/outside 3 × 4/);
  });

  it('cells without a label are an error', async () => {
    const dir = writeDir('unlabelled', { gz: true, labels: 'barcode\tlabel\nAAAC-1\tT\nAAAG-1\tB\n' });
    await expect(loadMtx(dir)).rejects.toThrow(/2 of the 4 cells have no label \(e\.g\. AACT-1, AAGT-1\)/);
  });

  it('a missing labels column lists the available ones', async () => {
    const dir = writeDir('labelcol', { gz: true });
    await expect(loadMtx(dir, { labelColumn: 'celltype' })).rejects.toThrow(/label column 'celltype' not found \(available: label\)/);
  });

  it('a directory without the files says what is missing', async () => {
    const dir = join(tmp.dir, 'empty');
    mkdirSync(dir);
    await expect(loadMtx(dir)).rejects.toThrow(/lacks the matrix file/);
  });

  it('labels: false needs nClusters', async () => {
    const dir = writeDir('nolabels', { gz: true });
    await expect(loadMtx(dir, { labels: false })).rejects.toThrow(/no nClusters was given/);
    const r = await loadMtx(dir, { labels: false, nClusters: 3 });
    expect(r.truth).toBeNull();
    expect(r.dataset.nClusters).toBe(3);
  });
});
