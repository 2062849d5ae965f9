// RefSeq gene summaries (the "Summary" on an NCBI gene page). NCBI has no FTP table for these; the bundled
// gene_summaries.tsv (see ../shared/knowledge/README.md) uses an NCBI-like layout:
// #tax_id GeneID Review_status RefSeq_accession Summary.
import { integer, readTsv, value } from './tsv.ts';

export interface GeneSummary {
  readonly text: string;
  readonly reviewStatus: string | null;
  readonly accession: string | null;
}

export const SUMMARY_COLUMNS = ['tax_id', 'GeneID', 'Summary'] as const;

// When a gene has several rows, keep the best-reviewed RefSeq record.
const STATUS_RANK = ['REVIEWED REFSEQ', 'VALIDATED REFSEQ', 'PROVISIONAL REFSEQ', 'INFERRED REFSEQ', 'PREDICTED REFSEQ'];
const rank = (s: string | null): number => {
  const i = s === null ? -1 : STATUS_RANK.indexOf(s);
  return i < 0 ? STATUS_RANK.length : i;
};

/** Summaries by tax_id, then GeneID. Every requested tax_id gets a map, empty when the file has none for it. */
export async function readSummaries(path: string, taxIds: readonly number[]): Promise<Map<number, Map<number, GeneSummary>>> {
  const byTax = new Map(taxIds.map((t) => [t, new Map<number, GeneSummary>()] as const));
  const byTaxText = new Map(taxIds.map((t) => [String(t), byTax.get(t)!] as const));
  await readTsv(path, { what: 'gene summaries', required: SUMMARY_COLUMNS, firstFieldIn: new Set(taxIds.map(String)) }, (h) => {
    const iTax = h.index('tax_id');
    const iGene = h.index('GeneID');
    const iText = h.index('Summary');
    const iStatus = h.optional('Review_status');
    const iAcc = h.optional('RefSeq_accession');
    return (f, lineNo) => {
      const out = byTaxText.get(f[iTax])!;
      const text = value(f[iText]);
      if (text === null) return;
      const geneId = integer(f[iGene], 'GeneID', path, lineNo);
      const s: GeneSummary = { text, reviewStatus: iStatus < 0 ? null : value(f[iStatus]), accession: iAcc < 0 ? null : value(f[iAcc]) };
      const old = out.get(geneId);
      if (!old || rank(s.reviewStatus) < rank(old.reviewStatus)) out.set(geneId, s);
    };
  });
  return byTax;
}
