// Writes datasets/embedded/knowledge/: the rows of the NCBI knowledge tables that the embedded datasets' genes need
// (gene_info rows whose symbol or a synonym names one of their genes, and those genes' gene2go and gene_summaries
// rows), so the default grid runs scLLM-DSC's text view with no ../shared/knowledge. Every row is copied verbatim.
//   npx tsx tools/data/embed-knowledge.ts            (reads $SCBENCH_KNOWLEDGE or ../shared/knowledge)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDataset } from '@scbench/datasets';

const EMBEDDED_DATASETS = ['wang_pancreas'];
const repo = resolve(new URL('../../', import.meta.url).pathname);
const source = process.env.SCBENCH_KNOWLEDGE ?? resolve(repo, '..', 'shared', 'knowledge');
const out = join(repo, 'datasets', 'embedded', 'knowledge');

/** Loose form of a gene name, so that case or R's "." for "-" never drops a row the resolver might want. */
const loose = (s: string) => s.toUpperCase().replace(/[._]/g, '-');

const names = new Set<string>();
for (const id of EMBEDDED_DATASETS) {
  const { dataset } = await loadDataset(id);
  if (dataset.species !== 'Homo sapiens') throw new Error(`${id}: only human datasets are embedded (no ortholog tables in the extract)`);
  for (const g of dataset.genes ?? []) names.add(loose(g));
}

function filter(file: string, keep: (fields: string[]) => boolean): number {
  const lines = readFileSync(join(source, file), 'utf8').split('\n');
  const kept = lines.filter((l, i) => i === 0 || (l !== '' && keep(l.split('\t'))));
  writeFileSync(join(out, file), kept.join('\n') + '\n');
  return kept.length - 1;
}

mkdirSync(out, { recursive: true });
const ids = new Set<string>();
const info = filter('Homo_sapiens.gene_info.tsv', (f) => {
  const hit = names.has(loose(f[2])) || (f[4] !== '-' && f[4].split('|').some((s) => names.has(loose(s))));
  if (hit) ids.add(f[1]);
  return hit;
});
const go = filter('gene2go.tsv', (f) => f[0] === '9606' && ids.has(f[1]));
const summaries = filter('gene_summaries.tsv', (f) => f[0] === '9606' && ids.has(f[1]));
console.log(`${names.size} gene names → gene_info ${info} rows, gene2go ${go}, gene_summaries ${summaries} → ${out}`);
