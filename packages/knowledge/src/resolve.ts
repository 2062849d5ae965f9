// Dataset gene names → genes of one species, with a coverage report.
//
// Order of evidence, first hit wins (each step is tried on the name as given, then on its R-repaired forms):
//   0. ERCC spike-ins are never genes ("spike-in", not "unknown").
//   1. Ensembl gene ids (ENSG…, ENSMUSG…, with or without a ".12" version) through gene_info dbXrefs.
//   2. Official symbol, exact spelling.
//   3. Official symbol, case-folded, for species whose nomenclature ignores case (Species.caseRule; not fly).
//      This makes human matching case-insensitive (C1orf112 = C1ORF112) and lets an upper-cased mouse table ("CD4")
//      find Cd4; because step 2 ran first, the exact case always wins, and a fold that hits several genes is
//      reported as ambiguous rather than guessed. Fly names must match in case: h (hairy) is not H (Hairless).
//      When one official symbol names several GeneIDs (NCBI has 18 such human symbols: tRNA copies, and pairs such
//      as HBD, TEC, MEMO1 where one record is a phenotype-only locus of type "unknown"), records of type "unknown"
//      are set aside; if exactly one gene remains it is the match, otherwise the name is ambiguous.
//   4. Aliases (NCBI Synonyms), case-folded, only when they name exactly one gene and are nobody's official symbol
//      (see symbol-index.ts for the original code's overwrite bug this avoids). Several genes → "ambiguous".
// Then, for mouse/worm/fly, the best human ortholog is attached so descriptions can borrow human knowledge.
//
// The original (METHODS.md §3.2) lower-cased everything and matched symbols+aliases in one dict; it had no
// Ensembl, spike-in or R-name handling, and wrote unmatched names to genes_not_in_reference.txt.
import { stripVersion, type GeneRecord } from './gene-info.ts';
import { humanOrtholog, type KnowledgeBase } from './knowledge-base.ts';
import type { OrthologLink } from './orthologs.ts';
import { isSpikeIn, repairRName } from './r-names.ts';
import { parseSpecies, type SpeciesInput } from './species.ts';

export type ResolvedVia = 'symbol' | 'alias' | 'ensembl';
export type NameStatus = 'resolved' | 'ambiguous' | 'unknown' | 'spike-in';

export interface GeneRef {
  /** The dataset's name, as given. */
  readonly query: string;
  /** The string that matched: the query, its R-repaired form, its unversioned Ensembl id, or the fallback id. */
  readonly matched: string;
  readonly via: ResolvedVia;
  /** True when the match needed an R make.names repair. */
  readonly repaired: boolean;
  /** True when the name failed and the parallel `ids` entry matched instead. */
  readonly fromId: boolean;
  /** The gene in the dataset's species. */
  readonly gene: GeneRecord;
  /** Best human ortholog for mouse/worm/fly genes (null for human genes, or when there is none). */
  readonly ortholog: { readonly gene: GeneRecord; readonly link: OrthologLink } | null;
}

export interface Coverage {
  readonly total: number;
  /** Names that map to exactly one gene, by any route (the via* counts below are subsets of this). */
  readonly resolved: number;
  readonly viaSymbol: number;
  readonly viaAlias: number;
  readonly viaEnsembl: number;
  /** Resolved only after an R make.names repair. */
  readonly viaRepairedName: number;
  /** Non-human genes that reached a human ortholog (their descriptions borrow human knowledge). */
  readonly viaOrtholog: number;
  /** Names that match several genes (shared alias, symbols differing only by case, an Ensembl id on two genes). */
  readonly ambiguous: number;
  readonly unknown: number;
  readonly spikeIn: number;
}

export interface Resolution {
  /** One entry per input name, null when not resolved. */
  readonly resolved: readonly (GeneRef | null)[];
  readonly status: readonly NameStatus[];
  readonly coverage: Coverage;
  /** Up to 20 unknown names, in input order. */
  readonly unknownExamples: readonly string[];
  /** Up to 20 ambiguous names with the symbols they could mean. */
  readonly ambiguousExamples: readonly { readonly name: string; readonly candidates: readonly string[] }[];
}

export interface ResolveOptions {
  /**
   * Fallback ids, parallel to `names` (e.g. mixology's `gene_ids`, Ensembl). Tried only when the name
   * itself is unknown or ambiguous.
   */
  readonly ids?: readonly string[];
}

const ENSEMBL_GENE = /^ENS[A-Z]*G\d{6,}(\.\d+)?$/;
const EXAMPLES = 20;

type Match = { kind: 'one'; id: number; via: ResolvedVia; matched: string } | { kind: 'many'; ids: readonly number[] } | null;

/** Among genes sharing an official symbol, the real gene when the others are placeholder loci (type "unknown"). */
function withoutPlaceholders(kb: KnowledgeBase, ids: readonly number[]): readonly number[] {
  if (ids.length < 2) return ids;
  const real = ids.filter((id) => kb.genes.byId.get(id)!.type !== 'unknown');
  return real.length === 1 ? real : ids;
}

function matchOne(kb: KnowledgeBase, s: string): Match {
  const ix = kb.index;
  const pick = (ids: readonly number[] | undefined, via: ResolvedVia, matched: string): Match => {
    if (ids === undefined) return null;
    const kept = via === 'symbol' ? withoutPlaceholders(kb, ids) : ids;
    return kept.length === 1 ? { kind: 'one', id: kept[0], via, matched } : { kind: 'many', ids: kept };
  };
  if (ENSEMBL_GENE.test(s)) {
    const id = stripVersion(s);
    return pick(ix.ensembl.get(id), 'ensembl', id);
  }
  const key = ix.fold(s);
  return pick(ix.exact.get(s), 'symbol', s) ?? pick(ix.folded.get(key), 'symbol', s) ?? pick(ix.alias.get(key), 'alias', s);
}

function matchName(kb: KnowledgeBase, name: string): { match: Match; repaired: boolean } {
  const direct = matchOne(kb, name);
  if (direct) return { match: direct, repaired: false };
  for (const r of repairRName(name)) {
    const m = matchOne(kb, r);
    if (m) return { match: m, repaired: true };
  }
  return { match: null, repaired: false };
}

export function resolveGenes(names: readonly string[], species: SpeciesInput, kb: KnowledgeBase, options: ResolveOptions = {}): Resolution {
  const sp = parseSpecies(species);
  if (sp.taxId !== kb.species.taxId) {
    throw new Error(
      `resolveGenes: the names are ${sp.scientificName} but the knowledge base was loaded for ${kb.species.scientificName}; ` +
        `load it with loadKnowledge({ species: '${sp.commonName}' })`,
    );
  }
  const { ids } = options;
  if (ids && ids.length !== names.length) {
    throw new Error(`resolveGenes: options.ids has ${ids.length} entries but there are ${names.length} names; pass one id per name`);
  }
  const resolved: (GeneRef | null)[] = [];
  const status: NameStatus[] = [];
  const c = { total: names.length, resolved: 0, viaSymbol: 0, viaAlias: 0, viaEnsembl: 0, viaRepairedName: 0, viaOrtholog: 0, ambiguous: 0, unknown: 0, spikeIn: 0 };
  const unknownExamples: string[] = [];
  const ambiguousExamples: { name: string; candidates: string[] }[] = [];

  names.forEach((raw, i) => {
    const name = raw.trim();
    if (isSpikeIn(name) || (ids && isSpikeIn(ids[i].trim()))) {
      resolved.push(null);
      status.push('spike-in');
      c.spikeIn++;
      return;
    }
    let { match, repaired } = matchName(kb, name);
    let fromId = false;
    if ((match === null || match.kind === 'many') && ids) {
      const alt = ids[i].trim();
      const m = alt !== '' && alt !== name ? matchName(kb, alt) : { match: null, repaired: false };
      if (m.match?.kind === 'one') {
        match = m.match;
        repaired = m.repaired;
        fromId = true;
      }
    }
    if (match?.kind === 'one') {
      const gene = kb.genes.byId.get(match.id)!;
      const ortholog = humanOrtholog(kb, gene);
      resolved.push({ query: raw, matched: match.matched, via: match.via, repaired, fromId, gene, ortholog });
      status.push('resolved');
      c.resolved++;
      if (match.via === 'symbol') c.viaSymbol++;
      else if (match.via === 'alias') c.viaAlias++;
      else c.viaEnsembl++;
      if (repaired) c.viaRepairedName++;
      if (ortholog) c.viaOrtholog++;
      return;
    }
    resolved.push(null);
    if (match?.kind === 'many') {
      status.push('ambiguous');
      c.ambiguous++;
      if (ambiguousExamples.length < EXAMPLES) {
        ambiguousExamples.push({ name: raw, candidates: match.ids.map((id) => kb.genes.byId.get(id)!.symbol) });
      }
    } else {
      status.push('unknown');
      c.unknown++;
      if (unknownExamples.length < EXAMPLES) unknownExamples.push(raw);
    }
  });
  return { resolved, status, coverage: c, unknownExamples, ambiguousExamples };
}
