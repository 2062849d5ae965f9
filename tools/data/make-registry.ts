// Generate datasets/registry.json from the shared datasets' manifest.json.
//   npx tsx tools/data/make-registry.ts [path/to/manifest.json]
// Default manifest: $SCBENCH_DATA/manifest.json, else ../shared/datasets/manifest.json beside the repository.
// The registry adds what the loaders need (our format name, loader options, the ValueType of the matrix loaded by
// default) and renames `license` to `licence`; counts and hashes are copied, never recomputed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ValueType } from '@scbench/api';
import {
  dataRoot, REGISTRY_FILE, REPO_ROOT, valueTypeFromText,
  type DatasetFormat, type Registry, type RegistryEntry, type RegistryLoadOptions,
} from '@scbench/datasets';

interface ManifestEntry {
  id: string;
  path: string;
  format: string;
  species: string;
  taxonId: number;
  cells: number;
  genes: number;
  classes: number;
  valueType: string;
  hasGeneNames: boolean;
  sha256: string;
  license: string;
  source: string;
  geneIdType: string;
  labelBase: 0 | 1 | null;
  files: { path: string; bytes: number; sha256: string }[];
  note?: string;
}

const FORMATS: Record<string, DatasetFormat> = {
  'h5-uniform': 'h5-uniform',
  'h5-scdcc': 'h5-scdcc',
  'h5ad-legacy': 'h5ad',
  h5ad: 'h5ad',
  'csv-genes-x-cells': 'csv',
  'csv-cells-x-genes': 'csv',
  '10x-mtx-v3': '10x-mtx',
  '10x-mtx-v2': '10x-mtx',
};

/** Label columns named in the shared README (for sc_mixology, `cell_line_demuxlet` is the stated ground truth). */
const LABEL_COLUMNS: Record<string, string> = { pbmc68k_reduced: 'bulk_labels', mixology_dropseq_3cl: 'cell_line_demuxlet' };

function fail(msg: string): never {
  console.error(`make-registry: ${msg}`);
  process.exit(1);
}

/** Loader options per manifest entry: which matrix and which labels, as the shared README documents them. */
function loadOptions(m: ManifestEntry): { load: RegistryLoadOptions; valueType: ValueType } {
  const vt = (text: string): ValueType => valueTypeFromText(text) ?? fail(`${m.id}: unknown valueType '${text}'`);
  switch (m.format) {
    case 'h5ad-legacy':
    case 'h5ad': {
      // "scaled (X) / log-normalised (raw.X)": cluster on raw.X; labels are obs.bulk_labels for pbmc68k_reduced.
      const scaledX = /scaled \(X\)/.test(m.valueType);
      const rawType = /\/\s*(.+?)\s*\(raw\.X\)/.exec(m.valueType)?.[1];
      return {
        load: { ...(scaledX ? { matrix: 'raw.X' } : {}), ...(LABEL_COLUMNS[m.id] ? { labelColumn: LABEL_COLUMNS[m.id] } : {}) },
        valueType: scaledX && rawType ? vt(rawType) : vt(m.valueType),
      };
    }
    case 'csv-genes-x-cells':
    case 'csv-cells-x-genes': {
      const meta = m.files.find((f) => /metadata|labels/.test(f.path));
      if (!meta) fail(`${m.id}: no metadata file among ${m.files.map((f) => f.path).join(', ')}`);
      return {
        load: { orientation: m.format === 'csv-genes-x-cells' ? 'genes-x-cells' : 'cells-x-genes', labelsFile: meta.path, labelColumn: LABEL_COLUMNS[m.id] ?? fail(`${m.id}: add its label column to LABEL_COLUMNS`) },
        valueType: vt(m.valueType),
      };
    }
    case '10x-mtx-v3':
    case '10x-mtx-v2': {
      const labels = m.files.find((f) => /labels\.tsv/.test(f.path));
      return { load: labels ? { labelsFile: labels.path, labelColumn: 'label' } : {}, valueType: vt(m.valueType) };
    }
    default:
      return { load: m.labelBase !== null ? { labelBase: m.labelBase } : {}, valueType: vt(m.valueType) };
  }
}

const manifestPath = resolve(process.argv[2] ?? join(dataRoot(), 'manifest.json'));
let manifest: ManifestEntry[];
try {
  manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestEntry[];
} catch (e) {
  fail(`cannot read ${manifestPath} (${String(e)}); set SCBENCH_DATA to the shared datasets folder or pass the manifest path`);
}

const datasets: RegistryEntry[] = manifest.map((m) => {
  const format = FORMATS[m.format] ?? fail(`${m.id}: unknown format '${m.format}'`);
  const { load, valueType } = loadOptions(m);
  return {
    id: m.id,
    path: m.path,
    format,
    layout: m.format,
    species: m.species,
    taxonId: m.taxonId,
    cells: m.cells,
    genes: m.genes,
    classes: m.classes,
    valueType,
    valueTypeSource: m.valueType,
    hasGeneNames: m.hasGeneNames,
    geneIdType: m.geneIdType,
    sha256: m.sha256,
    files: m.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 })),
    licence: m.license,
    source: m.source,
    load,
    ...(m.note ? { note: m.note } : {}),
  };
});
const ids = new Set<string>();
for (const d of datasets) {
  if (ids.has(d.id)) fail(`duplicate id ${d.id}`);
  ids.add(d.id);
}

const registry: Registry = { generatedFrom: 'shared datasets manifest.json (tools/data/make-registry.ts)', datasets };
writeFileSync(REGISTRY_FILE, JSON.stringify(registry, null, 2) + '\n');
console.log(`wrote ${relative(REPO_ROOT, REGISTRY_FILE)}: ${datasets.length} datasets from ${manifestPath}`);
