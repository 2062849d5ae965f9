// Name → GeneID lookup tables for one species, built once per KnowledgeBase.
//
// Fidelity note (METHODS.md §3.2): the original scLLM-DSC map lower-cases official symbols, then inserts every
// alias into the *same* dict, so an alias equal to another gene's official symbol overwrites that gene
// (e.g. a synonym "CD4" of some other gene would steal CD4). Here aliases live in their own table, which
// leaves out every alias that equals (case-folded) any official symbol of the species, and the resolver consults
// symbols before aliases. Aliases shared by several genes are kept with all their genes so they can be reported
// as ambiguous instead of silently picking one.
import { ensemblIds, type GeneTable } from './gene-info.ts';

export interface SymbolIndex {
  /** Official symbol, exact spelling → GeneIDs (normally one). */
  readonly exact: ReadonlyMap<string, readonly number[]>;
  /** Official symbol, case-folded → GeneIDs (several when symbols differ only in case). Same as `exact` for fly. */
  readonly folded: ReadonlyMap<string, readonly number[]>;
  /** Case-folded alias → GeneIDs; never a key that is also a folded official symbol. */
  readonly alias: ReadonlyMap<string, readonly number[]>;
  /** Unversioned Ensembl gene id → GeneIDs. */
  readonly ensembl: ReadonlyMap<string, readonly number[]>;
  /** The key function of `folded` and `alias` (upper-casing, or identity for case-significant species). */
  readonly fold: (name: string) => string;
}

/** The case fold for species whose nomenclature ignores case (see Species.caseRule). */
export const upper = (s: string): string => s.toUpperCase();
const identity = (s: string): string => s;

function add(m: Map<string, number[]>, key: string, id: number): void {
  const ids = m.get(key);
  if (!ids) m.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

export function buildSymbolIndex(table: GeneTable, caseRule: 'fold' | 'exact' = 'fold'): SymbolIndex {
  const fold = caseRule === 'fold' ? upper : identity;
  const exact = new Map<string, number[]>();
  const folded = new Map<string, number[]>();
  const alias = new Map<string, number[]>();
  const ensembl = new Map<string, number[]>();
  for (const g of table.genes) {
    add(exact, g.symbol, g.geneId);
    add(folded, fold(g.symbol), g.geneId);
    for (const e of ensemblIds(g)) add(ensembl, e, g.geneId);
  }
  for (const g of table.genes) {
    for (const a of g.synonyms) {
      const key = fold(a);
      if (!folded.has(key)) add(alias, key, g.geneId);
    }
  }
  return { exact, folded, alias, ensembl, fold };
}
