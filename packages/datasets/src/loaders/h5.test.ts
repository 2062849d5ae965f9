import { afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, readFileSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCsr } from '@scbench/api';
import { DataError } from '../errors.ts';
import { dataRoot } from '../registry.ts';
import { toDense } from '../sparse.ts';
import { dense, makeTmpDir, nested, writeH5 } from '../test-helpers.ts';
import { loadH5 } from './h5.ts';
import { loadDataset } from '../load.ts';

const tmp = makeTmpDir();
afterAll(tmp.cleanup);
const X = [
  [0, 1, 2],
  [3, 0, 0],
  [0, 0, 7],
  [1, 1, 1],
];

async function scdcc(name: string, x: ArrayLike<number>, xDtype: string, y: ArrayLike<number>, yDtype: string): Promise<string> {
  return writeH5(join(tmp.dir, name), (f) => {
    f.create_dataset({ name: 'X', data: x as never, shape: [4, 3], dtype: xDtype, chunks: [2, 3], compression: 'gzip' });
    f.create_dataset({ name: 'Y', data: y as never, dtype: yDtype });
  });
}

describe('loadH5: scDeepCluster layout', () => {
  it('float64 X and 1-based float Y → float32 matrix and 0-based codes', async () => {
    const p = await scdcc('a.h5', Float64Array.from(X.flat()), '<d', Float64Array.of(1, 2, 2, 3), '<d');
    const r = await loadH5(p);
    expect(r.meta.format).toBe('h5-scdcc');
    expect(r.dataset.counts.data).toBeInstanceOf(Float32Array);
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
    expect(Array.from(r.truth!.labels)).toEqual([0, 1, 1, 2]);
    expect(r.truth!.names).toEqual(['1', '2', '3']);
    expect(r.meta.labelSource).toMatch(/1-based/);
    expect(r.dataset.valueType).toBe('raw counts'); // inferred: integer-valued
    expect(r.dataset.nClusters).toBe(3);
    expect(r.dataset.genes).toBeUndefined();
  });

  it('int32 X and 0-based int Y', async () => {
    const p = await scdcc('b.h5', Int32Array.from(X.flat()), '<i', Int32Array.of(0, 1, 0, 1), '<i');
    const r = await loadH5(p);
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
    expect(Array.from(r.truth!.labels)).toEqual([0, 1, 0, 1]);
    expect(r.meta.labelSource).toMatch(/0-based/);
  });

  it('non-contiguous codes are remapped by rank and the remap is reported', async () => {
    const p = await scdcc('c.h5', Float32Array.from(X.flat()), '<f', Int32Array.of(5, 9, 5, 2), '<i');
    const r = await loadH5(p);
    expect(Array.from(r.truth!.labels)).toEqual([1, 2, 1, 0]);
    expect(r.truth!.names).toEqual(['2', '5', '9']);
    expect(r.meta.labelSource).toMatch(/remapped/);
  });

  it('storage: csr returns the same values as CSR', async () => {
    const p = await scdcc('d.h5', Float32Array.from(X.flat()), '<f', Int32Array.of(1, 2, 1, 2), '<i');
    const r = await loadH5(p, { storage: 'csr' });
    expect(isCsr(r.dataset.counts)).toBe(true);
    expect(r.meta.storage).toBe('csr');
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
  });

  it('NaN in X is an error naming the file, the position and the fix', async () => {
    const x = Float32Array.from(X.flat());
    x[5] = NaN;
    const p = await scdcc('nan.h5', x, '<f', Int32Array.of(1, 2, 1, 2), '<i');
    const e = await loadH5(p).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).file).toBe(p);
    expect((e as DataError).message).toMatch(/non-finite.*cell 1, gene 2/);
    expect((e as DataError).hint).toMatch(/replace missing values/);
  });

  it('mismatched label count is an error', async () => {
    const p = await writeH5(join(tmp.dir, 'short-y.h5'), (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.from(X.flat()), shape: [4, 3], dtype: '<f' });
      f.create_dataset({ name: 'Y', data: Int32Array.of(1, 2, 1), dtype: '<i' });
    });
    await expect(loadH5(p)).rejects.toThrow(/3 labels in Y for 4 cells/);
  });

  it('negative counts declared as raw counts are an error', async () => {
    const x = Float32Array.from(X.flat());
    x[0] = -1;
    const p = await scdcc('neg.h5', x, '<f', Int32Array.of(1, 2, 1, 2), '<i');
    await expect(loadH5(p, { valueType: 'raw counts' })).rejects.toThrow(/negative value -1 at cell 0, gene 0/);
  });

  it('a single class is an error', async () => {
    const p = await scdcc('one.h5', Float32Array.from(X.flat()), '<f', Int32Array.of(1, 1, 1, 1), '<i');
    await expect(loadH5(p)).rejects.toThrow(/only 1 class/);
  });
});

describe('loadH5: h5-uniform layout', () => {
  it('reads names, label names and root attributes', async () => {
    const p = await writeH5(join(tmp.dir, 'u.h5'), (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.from(X.flat()), shape: [4, 3], dtype: '<f' });
      f.create_dataset({ name: 'Y', data: Int32Array.of(1, 0, 0, 1), dtype: '<i' });
      f.create_dataset({ name: 'gene_names', data: ['G1', 'G2', 'G3'] });
      f.create_dataset({ name: 'cell_names', data: ['c1', 'c2', 'c3', 'c4'] });
      f.create_dataset({ name: 'label_names', data: ['alpha', 'beta'] });
      f.create_attribute('species', 'Mus musculus');
      f.create_attribute('taxon_id', '10090');
      f.create_attribute('value_type', 'log-normalised');
    });
    const r = await loadH5(p);
    expect(r.meta.format).toBe('h5-uniform');
    expect(r.dataset.genes).toEqual(['G1', 'G2', 'G3']);
    expect(r.dataset.cells).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(r.truth!.names).toEqual(['alpha', 'beta']);
    expect(Array.from(r.truth!.labels)).toEqual([1, 0, 0, 1]);
    expect(r.dataset.species).toBe('Mus musculus');
    expect(r.dataset.taxonId).toBe(10090);
    expect(r.dataset.valueType).toBe('log-normalised');
  });

  it('a label name no cell has is not a class', async () => {
    const p = await writeH5(join(tmp.dir, 'unused.h5'), (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.from(X.flat()), shape: [4, 3], dtype: '<f' });
      f.create_dataset({ name: 'Y', data: Int32Array.of(2, 0, 0, 2), dtype: '<i' });
      f.create_dataset({ name: 'label_names', data: ['alpha', 'beta', 'gamma'] });
    });
    const r = await loadH5(p);
    expect(r.truth!.names).toEqual(['alpha', 'gamma']);
    expect(Array.from(r.truth!.labels)).toEqual([1, 0, 0, 1]);
    expect(r.dataset.nClusters).toBe(2);
    expect(r.meta.notes.join('\n')).toMatch(/label_names "beta" name no cell; not counted as classes/);
  });
});

describe('loadH5: cells and matrices without counts', () => {
  it('cells whose every value is 0 are kept and counted in a note', async () => {
    const p = await scdcc('empty-cells.h5', Float32Array.of(0, 1, 2, 0, 0, 0, 0, 0, 7, 0, 0, 0), '<f', Int32Array.of(0, 1, 0, 1), '<i');
    const r = await loadH5(p);
    expect(r.dataset.counts.rows).toBe(4);
    expect(r.meta.emptyCells).toBe(2);
    expect(r.meta.notes.join('\n')).toMatch(/2 of 4 cells have no counts/);
  });

  it('an all-zero matrix is refused, naming the file and the fix', async () => {
    const p = await scdcc('all-zero.h5', new Float32Array(12), '<f', Int32Array.of(0, 1, 0, 1), '<i');
    const e = (await loadH5(p).catch((err: unknown) => err)) as DataError;
    expect(e.message).toMatch(/every value of X is 0 \(4 cells × 3 genes\)/);
    expect(e.hint).toMatch(/all-zero\.h5:matrix=KEY/);
  });
});

describe('loadH5: bad files', () => {
  it('a missing file names the path', async () => {
    const p = join(tmp.dir, 'nope.h5');
    await expect(loadH5(p)).rejects.toMatchObject({ name: 'DataError', file: p });
  });

  it('a truncated copy is reported as truncated, with the fix', async () => {
    const src = await scdcc('full.h5', Float32Array.from({ length: 12 }, (_, i) => i), '<f', Int32Array.of(1, 2, 1, 2), '<i');
    const p = join(tmp.dir, 'truncated.h5');
    copyFileSync(src, p);
    truncateSync(p, Math.floor(statSync(p).size / 2));
    const e = (await loadH5(p).catch((err: unknown) => err)) as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toMatch(/truncated HDF5 file/);
    expect(e.hint).toMatch(/fetch it again/);
  });

  const shared = join(dataRoot(), 'h5/wang_pancreas.h5');
  (existsSync(shared) ? it : it.skip)('a truncated copy of a shared file too', async () => {
    const p = join(tmp.dir, 'wang-truncated.h5');
    copyFileSync(shared, p);
    truncateSync(p, 100_000);
    await expect(loadH5(p)).rejects.toThrow(/truncated HDF5 file: it has 100000 bytes/);
  });

  it('a non-HDF5 file is reported as such', async () => {
    const p = join(tmp.dir, 'text.h5');
    (await import('node:fs')).writeFileSync(p, 'hello, not hdf5');
    await expect(loadH5(p)).rejects.toThrow(/not an HDF5 file/);
  });

  it('an h5 with neither X nor a known matrix is an unknown layout', async () => {
    const p = await writeH5(join(tmp.dir, 'other.h5'), (f) => {
      f.create_dataset({ name: 'counts', data: Float32Array.of(1, 2), shape: [1, 2], dtype: '<f' });
    });
    const e = (await loadH5(p).catch((err: unknown) => err)) as DataError;
    expect(e.message).toMatch(/unknown layout: no matrix 'X' \(keys: counts\)/);
    expect(e.hint).toMatch(/other\.h5:matrix=KEY/); // the dataset-spec form a user can type
  });

  it('matrixKey reads another matrix', async () => {
    const p = await writeH5(join(tmp.dir, 'other2.h5'), (f) => {
      f.create_dataset({ name: 'counts', data: Float32Array.from(X.flat()), shape: [4, 3], dtype: '<f' });
      f.create_dataset({ name: 'Y', data: Int32Array.of(0, 1, 0, 1), dtype: '<i' });
    });
    const r = await loadH5(p, { matrixKey: 'counts' });
    expect(nested(toDense(r.dataset.counts))).toEqual(nested(dense(X)));
  });
});

describe('loadH5: damaged data', () => {
  // Random counts compress poorly, so the gzip chunks of X fill most of the file and its middle lies inside one.
  async function gzipped(name: string): Promise<{ path: string; x: Float32Array }> {
    const rows = 1000;
    const cols = 100;
    const x = new Float32Array(rows * cols);
    let s = 7;
    for (let i = 0; i < x.length; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      x[i] = s % 3 === 0 ? (s >> 8) % 50 : 0;
    }
    const path = await writeH5(join(tmp.dir, name), (f) => {
      f.create_dataset({ name: 'X', data: x, shape: [rows, cols], dtype: '<f', chunks: [100, cols], compression: 'gzip' });
      f.create_dataset({ name: 'Y', data: Int32Array.from({ length: rows }, (_, i) => i % 4), dtype: '<i' });
    });
    return { path, x };
  }

  it('a compressed chunk overwritten in place (same size) fails the load instead of returning partial data', async () => {
    const { path } = await gzipped('whole.h5');
    expect((await loadH5(path)).dataset.counts.rows).toBe(1000); // the undamaged file loads
    const bytes = readFileSync(path);
    const at = Math.floor(bytes.length / 2);
    for (let i = 0; i < 4096; i++) bytes[at + i] ^= 0xa5;
    const damaged = join(tmp.dir, 'damaged.h5');
    writeFileSync(damaged, bytes);
    const e = (await loadH5(damaged).catch((err: unknown) => err)) as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toMatch(/reading HDF5 failed: HDF5 could not read \/X: .*filter/);
    expect(e.file).toBe(damaged);
    expect(e.hint).toMatch(/sha256/);
  });
});

describe('loadH5: checksums', () => {
  it('one flipped bit in an uncompressed chunk under the fletcher32 filter fails the load', async () => {
    const rows = 1000;
    const x = Float32Array.from({ length: rows * 100 }, (_, i) => (i * 7919) % 13);
    const path = await writeH5(join(tmp.dir, 'fletcher.h5'), (f) => {
      // Filter 3 is H5Z_FILTER_FLETCHER32: a checksum per chunk, checked by HDF5 on every read.
      f.create_dataset({ name: 'X', data: x, shape: [rows, 100], dtype: '<f', chunks: [100, 100], compression: 3, compression_opts: [] });
      f.create_dataset({ name: 'Y', data: Int32Array.from({ length: rows }, (_, i) => i % 4), dtype: '<i' });
    });
    expect((await loadH5(path)).dataset.counts.rows).toBe(rows);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    const damaged = join(tmp.dir, 'fletcher-damaged.h5');
    writeFileSync(damaged, bytes);
    await expect(loadH5(damaged)).rejects.toThrow(/HDF5 could not read \/X: filter returned failure during read/);
  });
});

describe('dataset spec: PATH:key=value', () => {
  it('loadDataset reads the options from the spec string', async () => {
    const p = await writeH5(join(tmp.dir, 'keys.h5'), (f) => {
      f.create_dataset({ name: 'counts', data: Float32Array.from(X.flat()), shape: [4, 3], dtype: '<f' });
      f.create_dataset({ name: 'codes', data: Int32Array.of(0, 1, 0, 1), dtype: '<i' });
    });
    const r = await loadDataset(`${p}:matrix=counts,labelKey=codes,valueType=log-normalised`);
    expect(nested(toDense(r.dataset.counts))).toEqual(X);
    expect(r.meta.labelSource).toMatch(/^codes/);
    expect(r.dataset.valueType).toBe('log-normalised');
    await expect(loadDataset(`${p}:matrixx=counts`)).rejects.toThrow(/unknown key "matrixx"[\s\S]*fix: +use labels, labelColumn, matrix/);
    await expect(loadDataset(`${p}:valueType=counts`)).rejects.toThrow(/valueType "counts" is not one of/);
  });
});
