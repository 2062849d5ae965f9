// Everything the tables know about one resolved gene, in one record, before any formatting.
//
// Borrowing rule for mouse/worm/fly: the partial species tables hold only GeneID and symbol, so the
// function-level facts (full name, gene type, RefSeq summary, GO terms) are taken from the best human ortholog
// *when the species' own table lacks them*, and flagged in `borrowed`. Facts that are specific to the species'
// genome or nomenclature (aliases, map location, chromosome, primary source) are never borrowed.
import type { GoAnnotation } from './gene2go.ts';
import type { GeneRecord } from './gene-info.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import type { GeneRef } from './resolve.ts';

export type BorrowableFact = 'fullName' | 'type' | 'summary' | 'go';

export interface GeneFacts {
  readonly taxId: number;
  readonly geneId: number;
  readonly symbol: string;
  readonly organism: string;
  readonly fullName: string | null;
  readonly type: string | null;
  readonly aliases: readonly string[];
  readonly chromosome: string | null;
  readonly mapLocation: string | null;
  /** The nomenclature authority's id, as NCBI's "Primary source" (HGNC:HGNC:5, MGI:MGI:88335, ...), from dbXrefs. */
  readonly primarySource: string | null;
  readonly summary: string | null;
  readonly go: readonly GoAnnotation[];
  readonly humanOrtholog: { readonly geneId: number; readonly symbol: string; readonly supportN: number | null } | null;
  /** Not in any table we read (NCBI gene pages have them); kept so the paper template can print `nan`. */
  readonly lineage: null;
  readonly expression: null;
  /** Which facts came from the human ortholog. */
  readonly borrowed: ReadonlySet<BorrowableFact>;
}

const AUTHORITIES = ['HGNC:', 'MGI:', 'WormBase:', 'FLYBASE:'];

function primarySource(g: GeneRecord): string | null {
  for (const prefix of AUTHORITIES) {
    const x = g.dbXrefs.find((d) => d.startsWith(prefix));
    if (x) return x;
  }
  return null;
}

/** NCBI's page shows the authority's full name when there is one, else the description. */
function fullNameOf(g: GeneRecord): string | null {
  return g.authorityFullName ?? g.description;
}

export function geneFacts(ref: GeneRef, kb: KnowledgeBase): GeneFacts {
  const g = ref.gene;
  const h = ref.ortholog?.gene ?? null;
  const borrowed = new Set<BorrowableFact>();
  function pick<T>(fact: BorrowableFact, own: T, human: T | undefined, empty: (v: T) => boolean): T {
    if (!empty(own) || human === undefined || empty(human)) return own;
    borrowed.add(fact);
    return human;
  }
  const isNull = (v: unknown): boolean => v === null || v === undefined;
  const isEmpty = (v: readonly unknown[]): boolean => v.length === 0;
  const summaryOf = (r: GeneRecord): string | null => kb.summaries.get(r.taxId)?.get(r.geneId)?.text ?? null;
  const goOf = (r: GeneRecord): readonly GoAnnotation[] => kb.go.get(r.taxId)?.get(r.geneId) ?? [];
  return {
    taxId: g.taxId,
    geneId: g.geneId,
    symbol: g.symbol,
    organism: kb.species.taxId === g.taxId ? kb.species.scientificName : String(g.taxId),
    fullName: pick('fullName', fullNameOf(g), h ? fullNameOf(h) : undefined, isNull),
    type: pick('type', g.type, h ? h.type : undefined, isNull),
    aliases: g.synonyms,
    chromosome: g.chromosome,
    mapLocation: g.mapLocation,
    primarySource: primarySource(g),
    summary: pick('summary', summaryOf(g), h ? summaryOf(h) : undefined, isNull),
    go: pick('go', goOf(g), h ? goOf(h) : undefined, isEmpty),
    humanOrtholog: ref.ortholog ? { geneId: ref.ortholog.gene.geneId, symbol: ref.ortholog.gene.symbol, supportN: ref.ortholog.link.supportN } : null,
    lineage: null,
    expression: null,
    borrowed,
  };
}
