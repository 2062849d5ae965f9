// Every dataset of the shared folder loads with the shape and class sizes the manifest states.
// worm_neuron (451 MB single chunk, ~10 s, ~1.5 GB wasm heap) runs only with SCBENCH_FULL_DATA=1.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCsr } from '@scbench/api';
import { loadDataset } from './load.ts';
import { toDense } from './sparse.ts';
import { dataRoot, listDatasets } from './registry.ts';

interface ManifestEntry {
  id: string;
  cells: number;
  genes: number;
  classes: number;
  classSizes: number[];
  labelNames: string[] | null;
  hasGeneNames: boolean;
}

const root = dataRoot();
const manifestFile = join(root, 'manifest.json');
const have = existsSync(manifestFile);
const manifest: ManifestEntry[] = have ? JSON.parse(readFileSync(manifestFile, 'utf8')) : [];
const full = process.env.SCBENCH_FULL_DATA === '1';

// Outside CI a checkout without ../shared skips these; in CI the data must be there.
if (!have && process.env.CI) {
  it('finds the shared datasets in CI', () => {
    throw new Error(`${manifestFile} is missing: CI runs with ../shared beside the clone (or set SCBENCH_DATA)`);
  });
}

(have ? describe : describe.skip)('shared datasets', () => {
  it('the registry lists exactly the manifest ids', () => {
    expect(listDatasets().map((d) => d.id).sort()).toEqual(manifest.map((m) => m.id).sort());
  });

  for (const m of manifest) {
    const run = m.id === 'worm_neuron' && !full ? it.skip : it;
    run(`${m.id} loads as the manifest says`, async () => {
      const { dataset, truth, meta } = await loadDataset(m.id);
      expect([dataset.counts.rows, dataset.counts.cols]).toEqual([m.cells, m.genes]);
      expect(truth).not.toBeNull();
      expect(truth!.names.length).toBe(m.classes);
      expect(dataset.nClusters).toBe(m.classes);
      const sizes = new Array<number>(m.classes).fill(0);
      for (const c of truth!.labels) sizes[c]++;
      expect(sizes).toEqual(m.classSizes);
      if (m.labelNames) expect(truth!.names).toEqual(m.labelNames);
      expect(dataset.genes !== undefined).toBe(m.hasGeneNames);
      // labels never travel with the dataset
      expect(Object.keys(dataset)).not.toContain('labels');
      expect(meta.storage).toBe(isCsr(dataset.counts) ? 'csr' : 'dense');
    }, 120_000);
  }

  const both = manifest.some((m) => m.id === 'pbmc3k') && manifest.some((m) => m.id === 'pbmc3k_mtx');
  (both ? it : it.skip)('pbmc3k_mtx (MTX reader) equals pbmc3k (HDF5 reader) entry by entry', async () => {
    const [a, b] = await Promise.all([loadDataset('pbmc3k'), loadDataset('pbmc3k_mtx')]);
    const x = toDense(a.dataset.counts).data;
    const y = toDense(b.dataset.counts).data;
    expect(y.length).toBe(x.length);
    let diff = 0;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff++;
    expect(diff).toBe(0);
    expect(b.dataset.genes).toEqual(a.dataset.genes);
    expect(b.dataset.cells).toEqual(a.dataset.cells);
    expect(Array.from(b.truth!.labels)).toEqual(Array.from(a.truth!.labels));
  }, 120_000);
});
