// Where the knowledge tables live: $SCBENCH_KNOWLEDGE if set, else <repo>/../shared/knowledge.
// Each table is looked up under the bundled name (`.tsv`) and under NCBI's own names (no extension, `.gz`),
// so pointing SCBENCH_KNOWLEDGE at a folder of real NCBI downloads works unchanged.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeError } from './errors.ts';
import type { Species } from './species.ts';

export const KNOWLEDGE_ENV = 'SCBENCH_KNOWLEDGE';

/** packages/knowledge/src → repository root → its sibling shared/knowledge. */
export function defaultKnowledgeRoot(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return resolve(repo, '..', 'shared', 'knowledge');
}

/**
 * The extract of these tables shipped in the repository (datasets/embedded/knowledge, written by
 * tools/data/embed-knowledge.ts): only the rows the embedded datasets' genes need, verbatim.
 */
export function embeddedKnowledgeRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'datasets', 'embedded', 'knowledge');
}

let warnedEmbedded = false;

export function knowledgeRoot(override?: string): string {
  const root = override ?? process.env[KNOWLEDGE_ENV] ?? defaultKnowledgeRoot();
  const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
  // Neither asked for nor beside the repository: fall back to the embedded extract (the real tables stay the default).
  if (!isDir(root) && override === undefined && !process.env[KNOWLEDGE_ENV] && isDir(embeddedKnowledgeRoot())) {
    if (!warnedEmbedded) {
      process.stderr.write(`knowledge: ${root} not found; using the embedded extract ${embeddedKnowledgeRoot()} (the genes of the embedded datasets only; set ${KNOWLEDGE_ENV} for the full tables)\n`);
      warnedEmbedded = true;
    }
    return embeddedKnowledgeRoot();
  }
  if (!isDir(root)) {
    const from = override ? 'the `root` option' : process.env[KNOWLEDGE_ENV] ? `$${KNOWLEDGE_ENV}` : 'the default location';
    throw new KnowledgeError(
      `knowledge folder not found (from ${from})`,
      root,
      `set ${KNOWLEDGE_ENV} to a folder holding the gene tables (e.g. export ${KNOWLEDGE_ENV}=/path/to/shared/knowledge), ` +
        'or put the shared knowledge folder next to the repository as ../shared/knowledge',
    );
  }
  return root;
}

export type TableRole = 'gene_info' | 'gene2go' | 'gene_orthologs' | 'gene_orthologs_support' | 'gene_summaries';

function stems(role: TableRole, species?: Species): string[] {
  if (role === 'gene_info') {
    if (!species) throw new Error('gene_info needs a species');
    return [`${species.fileStem}.gene_info`];
  }
  return [role];
}

/** Candidate file names for a table, bundled name first. */
export function candidateNames(role: TableRole, species?: Species): string[] {
  return stems(role, species).flatMap((s) => [`${s}.tsv`, s, `${s}.tsv.gz`, `${s}.gz`]);
}

const SOURCES: Record<TableRole, string> = {
  gene_info: 'https://ftp.ncbi.nlm.nih.gov/gene/DATA/GENE_INFO/ (e.g. Mammalia/Homo_sapiens.gene_info.gz)',
  gene2go: 'https://ftp.ncbi.nlm.nih.gov/gene/DATA/gene2go.gz',
  gene_orthologs: 'https://ftp.ncbi.nlm.nih.gov/gene/DATA/gene_orthologs.gz',
  gene_orthologs_support: 'the bundled shared/knowledge folder (no NCBI equivalent)',
  gene_summaries: 'the bundled shared/knowledge folder (built from RefSeq; NCBI has no FTP table of summaries)',
};

/** The first existing candidate, or null. */
export function findTable(root: string, role: TableRole, species?: Species): string | null {
  for (const name of candidateNames(role, species)) {
    const p = join(root, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/** Like findTable, but a missing file is an error naming the paths tried, the env var and the fix. */
export function requireTable(root: string, role: TableRole, species?: Species): string {
  const found = findTable(root, role, species);
  if (found) return found;
  const tried = candidateNames(role, species);
  throw new KnowledgeError(
    `knowledge table ${tried[0]} not found (also tried ${tried.slice(1).join(', ')})`,
    join(root, tried[0]),
    `put the file in ${root} (source: ${SOURCES[role]}), or set ${KNOWLEDGE_ENV} to a folder that has it`,
  );
}
