// Test fixture: a three-gene human knowledge folder in NCBI layouts, so knowledgeDescriber runs end to end without
// the shared tables. Not exported from index.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const row = (id: number, sym: string, syn: string, desc: string): string =>
  [9606, id, sym, '-', syn, '-', '1', '1p1', desc, 'protein-coding', '-', '-', '-', '-', '-', '-'].join('\t');

export function writeMiniKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scbench-semantic-kb-'));
  const files: Record<string, string[]> = {
    'Homo_sapiens.gene_info.tsv': [
      '#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\ttype_of_gene\t' +
        'Symbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\tNomenclature_status\tOther_designations\tModification_date\tFeature_type',
      row(920, 'CD4', 'OKT4D', 'CD4 molecule'),
      row(931, 'MS4A1', 'CD20', 'membrane spanning 4-domains A1'),
      row(4069, 'LYZ', '-', 'lysozyme'),
    ],
    'gene2go.tsv': ['#tax_id\tGeneID\tGO_ID\tEvidence\tQualifier\tGO_term\tPubMed\tCategory', [9606, 920, 'GO:0042110', 'IDA', '-', 'T cell activation', '-', 'Process'].join('\t')],
    'gene_summaries.tsv': ['#tax_id\tGeneID\tReview_status\tRefSeq_accession\tSummary', [9606, 4069, 'REVIEWED REFSEQ', 'NM_000239.3', 'Lysozyme is an antimicrobial enzyme.'].join('\t')],
  };
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), lines.join('\n') + '\n');
  return dir;
}
