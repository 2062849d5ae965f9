import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCsr } from '@scbench/api';
import type { H5File, H5Group } from '../h5.ts';
import { dataRoot } from '../registry.ts';
import { toCsr, toDense } from '../sparse.ts';
import { makeTmpDir, nested, writeH5 } from '../test-helpers.ts';
import { loadH5ad } from './h5ad.ts';

const tmp = makeTmpDir();
afterAll(tmp.cleanup);

const X = [
  [0, 2, 0, 1],
  [5, 0, 0, 0],
  [0, 0, 3, 0],
];
const genes = ['GA', 'GB', 'GC', 'GD'];
const cells = ['c1', 'c2', 'c3'];

function dataframe(f: H5File, name: string, index: string[]): H5Group {
  const g = f.create_group(name);
  g.create_attribute('encoding-type', 'dataframe');
  g.create_attribute('encoding-version', '0.2.0');
  g.create_attribute('_index', '_index');
  g.create_dataset({ name: '_index', data: index });
  return g;
}

function categorical(g: H5Group, name: string, categories: string[], codes: number[]): void {
  const c = g.create_group(name);
  c.create_attribute('encoding-type', 'categorical');
  c.create_attribute('encoding-version', '0.2.0');
  c.create_dataset({ name: 'categories', data: categories });
  c.create_dataset({ name: 'codes', data: Int8Array.from(codes), dtype: '<b' });
}

function sparse(f: H5File | H5Group, name: string, kind: 'csr' | 'csc', m: number[][]): void {
  const g = f.create_group(name);
  g.create_attribute('encoding-type', `${kind}_matrix`);
  g.create_attribute('encoding-version', '0.1.0');
  g.create_attribute('shape', Int32Array.of(m.length, m[0].length));
  // CSC of m = CSR of mᵀ
  const src = kind === 'csr' ? m : m[0].map((_, j) => m.map((row) => row[j]));
  const c = toCsr({ rows: src.length, cols: src[0].length, data: Float32Array.from(src.flat()) });
  g.create_dataset({ name: 'data', data: c.data, dtype: '<f' });
  g.create_dataset({ name: 'indices', data: c.indices, dtype: '<i' });
  g.create_dataset({ name: 'indptr', data: c.indptr, dtype: '<i' });
}

async function modern(name: string, fill: (f: H5File) => void): Promise<string> {
  return writeH5(join(tmp.dir, name), (f) => {
    f.create_attribute('encoding-type', 'anndata');
    f.create_attribute('encoding-version', '0.1.0');
    const obs = dataframe(f, 'obs', cells);
    obs.create_attribute('column-order', ['cell_type', 'batch', 'n_counts']);
    categorical(obs, 'cell_type', ['T', 'B', 'unused'], [1, 0, 1]);
    obs.create_dataset({ name: 'batch', data: ['x', 'y', 'x'] });
    obs.create_dataset({ name: 'n_counts', data: Float32Array.of(3, 5, 3), dtype: '<f' });
    const v = dataframe(f, 'var', genes);
    v.create_dataset({ name: 'symbol', data: genes.map((g) => g.toLowerCase()) });
    fill(f);
  });
}

describe('loadH5ad: modern layout', () => {
  it('dense X, categorical obs column (unused categories dropped), var index', async () => {
    const p = await modern('dense.h5ad', (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.from(X.flat()), shape: [3, 4], dtype: '<f' });
    });
    const r = await loadH5ad(p);
    expect(r.meta.matrix).toBe('X');
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
    expect(r.dataset.genes).toEqual(genes);
    expect(r.dataset.cells).toEqual(cells);
    expect(r.meta.labelSource).toBe('obs/cell_type'); // guessed
    expect(r.truth!.names).toEqual(['T', 'B']);
    expect(Array.from(r.truth!.labels)).toEqual([1, 0, 1]);
    expect(r.dataset.valueType).toBe('raw counts');
  });

  it.each(['csr', 'csc'] as const)('%s_matrix X', async (kind) => {
    const p = await modern(`${kind}.h5ad`, (f) => sparse(f, 'X', kind, X));
    const r = await loadH5ad(p, { labelColumn: 'batch' });
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
    expect(r.truth!.names).toEqual(['x', 'y']);
    expect(Array.from(r.truth!.labels)).toEqual([0, 1, 0]);
  });

  it('layers and raw/X, with raw/var gene names', async () => {
    const p = await modern('layers.h5ad', (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.from(X.flat().map((x) => -x)), shape: [3, 4], dtype: '<f' });
      const layers = f.create_group('layers');
      sparse(layers, 'counts', 'csr', X);
      const raw = f.create_group('raw');
      sparse(raw, 'X', 'csr', X.map((row) => [...row, 9]));
      const rv = raw.create_group('var');
      rv.create_attribute('_index', '_index');
      rv.create_dataset({ name: '_index', data: [...genes, 'GE'] });
    });
    const layer = await loadH5ad(p, { matrix: 'layers/counts' });
    expect(nested(toDense(layer.dataset.counts))).toEqual(X);
    // X has negatives (scaled): the default prefers raw
    const auto = await loadH5ad(p);
    expect(auto.meta.matrix).toBe('raw/X');
    expect(auto.dataset.genes).toEqual([...genes, 'GE']);
    expect(auto.meta.notes.join(' ')).toMatch(/X is scaled/);
    const x = await loadH5ad(p, { matrix: 'X' });
    expect(x.dataset.valueType).toBe('scaled');
    const sym = await loadH5ad(p, { matrix: 'X', geneColumn: 'symbol' });
    expect(sym.dataset.genes).toEqual(['ga', 'gb', 'gc', 'gd']);
  });

  it('storage csr for a dense X', async () => {
    const p = await modern('dense2.h5ad', (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.from(X.flat()), shape: [3, 4], dtype: '<f' });
    });
    const r = await loadH5ad(p, { storage: 'csr' });
    expect(isCsr(r.dataset.counts)).toBe(true);
  });

  it('a missing label column lists the available columns', async () => {
    const p = await modern('nolabel.h5ad', (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.from(X.flat()), shape: [3, 4], dtype: '<f' });
    });
    await expect(loadH5ad(p, { labelColumn: 'celltype_fine' })).rejects.toThrow(
      /label column 'celltype_fine' not found in obs \(available: cell_type, batch, n_counts\)/,
    );
  });

  it('a missing matrix names the alternatives', async () => {
    const p = await modern('nomatrix.h5ad', (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.from(X.flat()), shape: [3, 4], dtype: '<f' });
    });
    await expect(loadH5ad(p, { matrix: 'raw.X' })).rejects.toThrow(/no raw matrix/);
    await expect(loadH5ad(p, { matrix: 'layers/spliced' })).rejects.toThrow(/not in the file/);
  });

  it('missing categorical values (code -1) are an error', async () => {
    const p = await writeH5(join(tmp.dir, 'missing.h5ad'), (f) => {
      const obs = dataframe(f, 'obs', cells);
      categorical(obs, 'cell_type', ['T', 'B'], [1, -1, 0]);
      dataframe(f, 'var', genes);
      f.create_dataset({ name: 'X', data: Float32Array.from(X.flat()), shape: [3, 4], dtype: '<f' });
    });
    await expect(loadH5ad(p)).rejects.toThrow(/missing value \(code -1\) at cell 1/);
  });
});

const legacy = join(dataRoot(), 'h5ad/pbmc68k_reduced.h5ad');
(existsSync(legacy) ? describe : describe.skip)('loadH5ad: legacy layout (shared pbmc68k_reduced)', () => {
  it('prefers raw.X over the scaled X and decodes uns categories', async () => {
    const r = await loadH5ad(legacy, { labelColumn: 'bulk_labels' });
    expect(r.meta.matrix).toBe('raw.X');
    expect(r.dataset.valueType).toBe('log-normalised');
    expect(r.dataset.genes?.slice(0, 2)).toEqual(['HES4', 'TNFRSF4']);
    expect(r.dataset.cells?.[0]).toBe('AAAGCCTGGCTAAC-1');
    expect(r.truth!.names[0]).toBe('CD4+/CD25 T Reg');
  });
  it('other categorical columns and X on request', async () => {
    const r = await loadH5ad(legacy, { labelColumn: 'phase', matrix: 'X' });
    expect(r.truth!.names).toEqual(['G1', 'G2M', 'S']);
    expect(r.dataset.valueType).toBe('scaled');
  });
});

// Files written by the real anndata 0.8 (tools/data/make-h5ad-fixtures.py), not by us.
describe('loadH5ad: files written by anndata 0.8', () => {
  const fixtures = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'fixtures');
  const expected = JSON.parse(readFileSync(join(fixtures, 'anndata08.expected.json'), 'utf8')) as {
    counts: number[][];
    cells: string[];
    genes: string[];
    symbols: string[];
    cell_type: string[];
    batch: string[];
  };

  it('csr X, categorical labels (unused category dropped), var index and symbols', async () => {
    const r = await loadH5ad(join(fixtures, 'anndata08_csr.h5ad'));
    expect(r.meta.matrix).toBe('X');
    expect(nested(toDense(r.dataset.counts))).toEqual(expected.counts);
    expect(r.dataset.cells).toEqual(expected.cells);
    expect(r.dataset.genes).toEqual(expected.genes);
    expect(r.truth!.names).toEqual([...new Set(expected.cell_type)].sort());
    expect(r.truth!.labels.length).toBe(expected.cells.length);
    expect(Array.from(r.truth!.labels, (c) => r.truth!.names[c])).toEqual(expected.cell_type);
    const sym = await loadH5ad(join(fixtures, 'anndata08_csr.h5ad'), { geneColumn: 'symbol', labelColumn: 'batch' });
    expect(sym.dataset.genes).toEqual(expected.symbols);
    expect(Array.from(sym.truth!.labels, (c) => sym.truth!.names[c])).toEqual(expected.batch);
  });

  it('scaled dense X → raw/X by default; layers on request', async () => {
    const p = join(fixtures, 'anndata08_dense.h5ad');
    const r = await loadH5ad(p);
    expect(r.meta.matrix).toBe('raw/X');
    expect(nested(toDense(r.dataset.counts))).toEqual(expected.counts);
    expect(r.dataset.valueType).toBe('raw counts');
    const layer = await loadH5ad(p, { matrix: 'layers/counts' });
    expect(nested(toDense(layer.dataset.counts))).toEqual(expected.counts);
    const x = await loadH5ad(p, { matrix: 'X' });
    expect(x.dataset.valueType).toBe('scaled');
  });
});
