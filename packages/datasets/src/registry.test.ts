import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from './errors.ts';
import { loadDataset } from './load.ts';
import { DATA_ENV, dataPath, dataRoot, findDataset, listDatasets, requireDataset, verifyDataset } from './registry.ts';
import { makeTmpDir } from './test-helpers.ts';

const tmp = makeTmpDir();
afterAll(tmp.cleanup);
const saved = process.env[DATA_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[DATA_ENV];
  else process.env[DATA_ENV] = saved;
});

describe('registry', () => {
  it('lists typed entries with unique ids and complete fields', () => {
    const all = listDatasets();
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
    for (const d of all) {
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(d.files.map((f) => f.path)).toContain(d.path);
      expect(d.cells).toBeGreaterThan(0);
      expect(d.classes).toBeGreaterThanOrEqual(2);
      expect(d.licence.length).toBeGreaterThan(0);
      expect(['raw counts', 'log-normalised', 'normalised', 'RPKM', 'scaled']).toContain(d.valueType);
    }
  });

  it('findDataset / requireDataset', () => {
    expect(findDataset('pbmc68k_reduced')?.load).toEqual({ matrix: 'raw.X', labelColumn: 'bulk_labels' });
    expect(findDataset('mixology_dropseq_3cl')?.load.labelColumn).toBe('cell_line_demuxlet');
    expect(findDataset('cbmc_top2000')?.load.labelBase).toBe(1);
    expect(findDataset('nope')).toBeUndefined();
    expect(() => requireDataset('nope')).toThrow(/unknown dataset id 'nope' \(known: pbmc3k,/);
  });

  it('the data root follows $SCBENCH_DATA', () => {
    process.env[DATA_ENV] = tmp.dir;
    expect(dataRoot()).toBe(tmp.dir);
    delete process.env[DATA_ENV];
    expect(dataRoot()).toMatch(/shared[/\\]datasets$/);
  });

  it('a missing file names the path, the env var and the fix', async () => {
    process.env[DATA_ENV] = join(tmp.dir, 'empty-root');
    // pbmc3k: wang_pancreas is also embedded in the repository (datasets/embedded), so it loads without a data root.
    const e = (await loadDataset('pbmc3k').catch((x: unknown) => x)) as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.file).toBe(join(tmp.dir, 'empty-root', 'h5/pbmc3k.h5'));
    expect(e.message).toMatch(/from \$SCBENCH_DATA/);
    expect(e.hint).toMatch(/set SCBENCH_DATA to the folder/);
    expect(() => dataPath('h5/x.h5', '/nonexistent-root')).toThrow(/SCBENCH_DATA/);
  });

  it('an unknown id that is not a path is an error', async () => {
    await expect(loadDataset('pbmc4k')).rejects.toThrow(/neither a registered dataset id nor an existing path/);
  });

  const wang = join(dataRoot(), 'h5/wang_pancreas.h5');
  (existsSync(wang) ? it : it.skip)('verify: true checks sha256 (a changed byte fails, naming both hashes)', async () => {
    const entry = requireDataset('wang_pancreas');
    await expect(verifyDataset(entry)).resolves.toBeUndefined();
    const root = join(tmp.dir, 'root');
    mkdirSync(join(root, 'h5'), { recursive: true });
    const p = join(root, 'h5/wang_pancreas.h5');
    copyFileSync(wang, p);
    const b = readFileSync(p);
    b[b.length - 1] ^= 0xff;
    writeFileSync(p, b);
    await expect(loadDataset('wang_pancreas', { root, verify: true })).rejects.toThrow(/sha256 mismatch for dataset 'wang_pancreas': expected [0-9a-f]{64}, got/);
  });

  (existsSync(wang) ? it : it.skip)('a registry load passes the registry facts to the dataset', async () => {
    const { dataset, meta } = await loadDataset('wang_pancreas', { verify: true });
    expect(dataset.id).toBe('wang_pancreas');
    expect(dataset.valueType).toBe('log-normalised');
    expect(dataset.taxonId).toBe(9606);
    expect(meta.format).toBe('h5-uniform');
  });
});
