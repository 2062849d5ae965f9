// Which GO terms to print for a gene. gene2go has one row per (gene, term, evidence); a description has room for a
// handful of terms, so each term keeps its best evidence and terms are ranked:
//   tier 0  experimental: EXP IDA IPI IMP IGI IEP and the high-throughput HTP HDA HMP HGI HEP
//   tier 1  curated inference: phylogenetic IBA IBD IKR IRD; sequence/structure ISS ISO ISA ISM IGC RCA;
//           author/curator statements TAS IC
//   tier 2  non-traceable author statement NAS, and any code not listed here
//   tier 3  electronic IEA
// then by how many distinct evidence codes support the term (a term backed by IDA+IMP+IBA is better established
// than one backed by a single IDA; for insulin this brings "glucose homeostasis" ahead of "acute-phase response"),
// then alphabetically by term name (code-point order: stable and independent of file order).
// Excluded: ND ("no biological data", which annotates the root terms), the three root terms themselves,
// NOT-qualified rows (real NCBI files only), and any GO ids the caller lists (templates drop the uninformative
// "protein binding", GO:0005515, which annotates most human proteins).
import type { GoAnnotation, GoCategory } from './gene2go.ts';

const TIERS: Record<string, number> = {};
for (const c of ['EXP', 'IDA', 'IPI', 'IMP', 'IGI', 'IEP', 'HTP', 'HDA', 'HMP', 'HGI', 'HEP']) TIERS[c] = 0;
for (const c of ['IBA', 'IBD', 'IKR', 'IRD', 'ISS', 'ISO', 'ISA', 'ISM', 'IGC', 'RCA', 'TAS', 'IC']) TIERS[c] = 1;
TIERS.NAS = 2;
TIERS.IEA = 3;
const OTHER_TIER = 2;

const ROOTS = new Set(['GO:0008150', 'GO:0003674', 'GO:0005575']);

export function evidenceTier(code: string): number {
  return TIERS[code] ?? OTHER_TIER;
}

export interface RankedTerm {
  readonly goId: string;
  readonly term: string;
  /** Best evidence code seen for this term. */
  readonly evidence: string;
  readonly tier: number;
  /** Number of distinct evidence codes for this gene–term pair. */
  readonly support: number;
}

/** The top `max` distinct terms of one GO aspect for a gene, ranked as described above. */
export function topGoTerms(
  annotations: readonly GoAnnotation[],
  category: GoCategory,
  max: number,
  exclude: ReadonlySet<string> = new Set(),
): RankedTerm[] {
  const best = new Map<string, { goId: string; term: string; evidence: string; tier: number; codes: Set<string> }>();
  for (const a of annotations) {
    if (a.category !== category || a.evidence === 'ND' || ROOTS.has(a.goId) || exclude.has(a.goId)) continue;
    if (a.qualifier !== null && /^NOT\b/i.test(a.qualifier)) continue;
    const tier = evidenceTier(a.evidence);
    const old = best.get(a.goId);
    if (!old) best.set(a.goId, { goId: a.goId, term: a.term, evidence: a.evidence, tier, codes: new Set([a.evidence]) });
    else {
      old.codes.add(a.evidence);
      if (tier < old.tier) Object.assign(old, { evidence: a.evidence, tier });
    }
  }
  return [...best.values()]
    .map(({ codes, ...t }) => ({ ...t, support: codes.size }))
    .sort((x, y) => x.tier - y.tier || y.support - x.support || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0) || (x.goId < y.goId ? -1 : 1))
    .slice(0, Math.max(0, max));
}
