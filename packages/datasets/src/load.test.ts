import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, loadDataset } from './load.ts';
import { makeTmpDir, writeH5, writeText } from './test-helpers.ts';

const tmp = makeTmpDir();
afterAll(tmp.cleanup);

describe('detectFormat', () => {
  it('by extension, directory contents and HDF5 keys', async () => {
    const mtxDir = join(tmp.dir, 'mtx');
    mkdirSync(mtxDir);
    writeText(join(mtxDir, 'matrix.mtx.gz'), '', true);
    expect(await detectFormat(mtxDir)).toBe('10x-mtx');
    expect(await detectFormat(join(mtxDir, 'matrix.mtx.gz'))).toBe('10x-mtx');
    expect(await detectFormat(writeText(join(tmp.dir, 'a.csv.gz'), 'x', true))).toBe('csv');
    expect(await detectFormat(writeText(join(tmp.dir, 'a.tsv'), 'x'))).toBe('csv');
    const xy = await writeH5(join(tmp.dir, 'xy.h5'), (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.of(1, 2), shape: [2, 1], dtype: '<f' });
      f.create_dataset({ name: 'Y', data: Int32Array.of(1, 2), dtype: '<i' });
    });
    expect(await detectFormat(xy)).toBe('h5-scdcc');
    const ad = await writeH5(join(tmp.dir, 'ad.h5'), (f) => {
      f.create_group('obs');
      f.create_group('var');
    });
    expect(await detectFormat(ad)).toBe('h5ad');
    const tenx = await writeH5(join(tmp.dir, 'tenx.h5'), (f) => {
      f.create_group('matrix');
    });
    await expect(detectFormat(tenx)).rejects.toThrow(/unknown HDF5 layout \(keys: matrix\)/);
    await expect(detectFormat(join(tmp.dir, 'missing.h5'))).rejects.toThrow(/not found/);
  });

  it('loadDataset reads a path with the detected format', async () => {
    const p = await writeH5(join(tmp.dir, 'ok.h5'), (f) => {
      f.create_dataset({ name: 'X', data: Float32Array.of(1, 0, 0, 1, 2, 2), shape: [3, 2], dtype: '<f' });
      f.create_dataset({ name: 'Y', data: Int32Array.of(1, 2, 2), dtype: '<i' });
    });
    const r = await loadDataset(p);
    expect(r.dataset.id).toBe('ok');
    expect(r.dataset.nClusters).toBe(2);
    await expect(loadDataset(p, { nClusters: 3 })).rejects.toThrow(/nClusters = 3 but the labels have 2 classes/);
  });
});
