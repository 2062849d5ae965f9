// One KnowledgeBase per (folder, species, options), built once per process and shared: parsing is the slow part
// (human gene_info ~0.3 s, gene2go ~1 s) and every dataset of a run asks for the same tables. Tables are cached
// individually too, so a process that loads human and then mouse parses the human gene_info only once.
// Only what a species needs is read: human → its gene_info, gene2go, summaries; mouse/worm/fly → their own
// gene_info, the orthologs to human, and the human tables (descriptions are borrowed through orthologs).
import { statSync } from 'node:fs';
import { readGene2Go, type GoAnnotation } from './gene2go.ts';
import { readGeneInfo, type GeneRecord, type GeneTable } from './gene-info.ts';
import { findTable, knowledgeRoot, requireTable, type TableRole } from './files.ts';
import { HUMAN_TAX, readOrthologs, type OrthologLink } from './orthologs.ts';
import { HUMAN, parseSpecies, type Species, type SpeciesInput } from './species.ts';
import { readSummaries, type GeneSummary } from './summaries.ts';
import { buildSymbolIndex, type SymbolIndex } from './symbol-index.ts';

export interface LoadKnowledgeOptions {
  readonly species: SpeciesInput;
  /** Folder with the tables; default $SCBENCH_KNOWLEDGE, else <repo>/../shared/knowledge. */
  readonly root?: string;
  /** Read gene2go (default true). Resolution alone does not need it. */
  readonly go?: boolean;
  /** Read gene summaries (default true). */
  readonly summaries?: boolean;
}

export interface LoadedTable {
  readonly role: TableRole;
  readonly path: string;
  readonly bytes: number;
  readonly mtimeMs: number;
  /** Seconds spent parsing, 0 when it came from the per-process cache. */
  readonly seconds: number;
}

export interface KnowledgeBase {
  readonly species: Species;
  readonly root: string;
  /** The species' own genes (for human, the same object as `human`). */
  readonly genes: GeneTable;
  readonly human: GeneTable;
  readonly index: SymbolIndex;
  /** Species GeneID → human orthologs, best first; empty for human. */
  readonly orthologs: ReadonlyMap<number, readonly OrthologLink[]>;
  /** Whether ortholog links carry support counts (false with NCBI's own gene_orthologs alone). */
  readonly orthologSupport: boolean;
  /** GO annotations and summaries by tax_id, then GeneID (empty maps when disabled or absent for a species). */
  readonly go: ReadonlyMap<number, ReadonlyMap<number, readonly GoAnnotation[]>>;
  readonly summaries: ReadonlyMap<number, ReadonlyMap<number, GeneSummary>>;
  /** Every file read, for provenance and cache keys downstream. */
  readonly sources: readonly LoadedTable[];
}

const tables = new Map<string, Promise<unknown>>();
const bases = new Map<string, Promise<KnowledgeBase>>();

/** Forget every parsed table (tests; or after the files changed on disk). */
export function clearKnowledgeCache(): void {
  tables.clear();
  bases.clear();
}

async function cached<T>(key: string, make: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const hit = tables.get(key) as Promise<T> | undefined;
  if (hit) return { value: await hit, seconds: 0 };
  const t0 = performance.now();
  const p = make();
  tables.set(key, p);
  // A failed read must not poison the cache: the user fixes the file and calls again.
  p.catch(() => tables.delete(key));
  const value = await p;
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Per-tax caching for the multi-species tables (gene2go, summaries): the rows of each tax_id are cached
 * separately, and one read fetches every tax_id not cached yet. So a process that loads human and then mouse reads
 * gene2go a second time only for the mouse rows it has not seen, and never re-parses the human ones into new objects.
 */
async function cachedByTax<T>(role: string, path: string, taxa: readonly number[], read: (taxa: number[]) => Promise<Map<number, T>>): Promise<{ value: Map<number, T>; seconds: number }> {
  const key = (t: number): string => `${role}|${path}|${t}`;
  const missing = taxa.filter((t) => !tables.has(key(t)));
  let seconds = 0;
  if (missing.length > 0) {
    const t0 = performance.now();
    const all = read(missing);
    for (const t of missing) {
      const one = all.then((m) => m.get(t)!);
      tables.set(key(t), one);
      one.catch(() => tables.delete(key(t)));
    }
    await all;
    seconds = (performance.now() - t0) / 1000;
  }
  const value = new Map<number, T>();
  for (const t of taxa) value.set(t, await (tables.get(key(t)) as Promise<T>));
  return { value, seconds };
}

function loaded(role: TableRole, path: string, seconds: number): LoadedTable {
  const st = statSync(path);
  return { role, path, bytes: st.size, mtimeMs: st.mtimeMs, seconds };
}

export async function loadKnowledge(options: LoadKnowledgeOptions): Promise<KnowledgeBase> {
  const species = parseSpecies(options.species);
  const root = knowledgeRoot(options.root);
  const withGo = options.go ?? true;
  const withSummaries = options.summaries ?? true;
  const key = JSON.stringify([root, species.taxId, withGo, withSummaries]);
  let p = bases.get(key);
  if (!p) {
    p = build(species, root, withGo, withSummaries);
    bases.set(key, p);
    p.catch(() => bases.delete(key));
  }
  return p;
}

async function build(species: Species, root: string, withGo: boolean, withSummaries: boolean): Promise<KnowledgeBase> {
  const sources: LoadedTable[] = [];
  const isHuman = species.taxId === HUMAN_TAX;
  // Resolve every path first, so a missing file is reported before any slow parsing starts.
  const humanInfoPath = requireTable(root, 'gene_info', HUMAN);
  const ownInfoPath = isHuman ? humanInfoPath : requireTable(root, 'gene_info', species);
  const orthPath = isHuman ? null : requireTable(root, 'gene_orthologs');
  const supportPath = isHuman ? null : findTable(root, 'gene_orthologs_support');
  const goPath = withGo ? requireTable(root, 'gene2go') : null;
  const sumPath = withSummaries ? requireTable(root, 'gene_summaries') : null;
  const taxa = isHuman ? [HUMAN_TAX] : [species.taxId, HUMAN_TAX];

  const geneInfo = async (path: string, taxId: number): Promise<GeneTable> => {
    const r = await cached(`gene_info|${path}|${taxId}`, () => readGeneInfo(path, taxId));
    sources.push(loaded('gene_info', path, r.seconds));
    return r.value;
  };
  const human = await geneInfo(humanInfoPath, HUMAN_TAX);
  const genes = isHuman ? human : await geneInfo(ownInfoPath, species.taxId);

  let orthologs: ReadonlyMap<number, readonly OrthologLink[]> = new Map();
  if (orthPath) {
    const r = await cached(`gene_orthologs|${orthPath}|${supportPath}|${species.taxId}`, () => readOrthologs(orthPath, species.taxId, supportPath));
    orthologs = r.value;
    sources.push(loaded('gene_orthologs', orthPath, r.seconds));
    if (supportPath) sources.push(loaded('gene_orthologs_support', supportPath, 0));
  }

  const go = new Map<number, ReadonlyMap<number, readonly GoAnnotation[]>>(taxa.map((t) => [t, new Map()]));
  if (goPath) {
    const r = await cachedByTax('gene2go', goPath, taxa, (missing) => readGene2Go(goPath, missing));
    for (const [t, m] of r.value) go.set(t, m);
    sources.push(loaded('gene2go', goPath, r.seconds));
  }
  const summaries = new Map<number, ReadonlyMap<number, GeneSummary>>(taxa.map((t) => [t, new Map()]));
  if (sumPath) {
    const r = await cachedByTax('gene_summaries', sumPath, taxa, (missing) => readSummaries(sumPath, missing));
    for (const [t, m] of r.value) summaries.set(t, m);
    sources.push(loaded('gene_summaries', sumPath, r.seconds));
  }

  const index = await cached(`index|${ownInfoPath}|${species.taxId}`, async () => buildSymbolIndex(genes, species.caseRule));
  return {
    species,
    root,
    genes,
    human,
    index: index.value,
    orthologs,
    orthologSupport: supportPath !== null,
    go,
    summaries,
    sources,
  };
}

/** The best human ortholog of a species gene (highest support, then lowest human GeneID), or null. */
export function humanOrtholog(kb: KnowledgeBase, gene: GeneRecord): { gene: GeneRecord; link: OrthologLink } | null {
  if (gene.taxId === HUMAN_TAX) return null;
  for (const link of kb.orthologs.get(gene.geneId) ?? []) {
    const h = kb.human.byId.get(link.humanGeneId);
    if (h) return { gene: h, link };
  }
  return null;
}
