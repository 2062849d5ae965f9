// Test fixture for the gene-knowledge encoders: a small human knowledge folder whose GO annotations form two
// functional groups (islet hormones: INS, GCG, SST, PPY; T cells: CD3E, CD4, CD8A, CD2) plus shared housekeeping
// terms, and mouse Ins1 / Cd3e with human orthologs. Not exported from index.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEADER = '#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\ttype_of_gene\t' +
  'Symbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\tNomenclature_status\tOther_designations\tModification_date\tFeature_type';
const row = (tax: number, id: number, sym: string, desc: string): string =>
  [tax, id, sym, '-', '-', '-', '1', '-', desc, 'protein-coding', '-', '-', '-', '-', '-', '-'].join('\t');

const HORMONE = ['GO:0005179', 'GO:0046879', 'GO:0030073', 'GO:0005576'];
const TCELL = ['GO:0042110', 'GO:0050852', 'GO:0042101', 'GO:0009897'];
const HOUSE = ['GO:0005634', 'GO:0005737', 'GO:0003723'];

/** [GeneID, symbol, description, GO ids, summary] */
export const FIXTURE_HUMAN: readonly (readonly [number, string, string, readonly string[], string])[] = [
  [3630, 'INS', 'insulin', [...HORMONE, 'GO:0042593'], 'Insulin is a peptide hormone secreted by pancreatic beta cells that regulates glucose.'],
  [2641, 'GCG', 'glucagon', [...HORMONE, 'GO:0042593'], 'Glucagon is a peptide hormone secreted by pancreatic alpha cells that raises glucose.'],
  [6750, 'SST', 'somatostatin', HORMONE.slice(0, 3), 'Somatostatin is a peptide hormone secreted by pancreatic delta cells.'],
  [5539, 'PPY', 'pancreatic polypeptide', HORMONE.slice(1), 'Pancreatic polypeptide is a hormone secreted by pancreatic islet cells.'],
  [916, 'CD3E', 'CD3 epsilon subunit of T-cell receptor complex', [...TCELL, HOUSE[0]], 'The T-cell receptor complex subunit on T lymphocytes signals antigen recognition.'],
  [920, 'CD4', 'CD4 molecule', [...TCELL.slice(0, 3), HOUSE[1]], 'A coreceptor of the T-cell receptor on helper T lymphocytes.'],
  [925, 'CD8A', 'CD8 subunit alpha', TCELL.slice(1), 'A coreceptor of the T-cell receptor on cytotoxic T lymphocytes.'],
  [914, 'CD2', 'CD2 molecule', [TCELL[0], TCELL[2], TCELL[3]], 'An adhesion molecule of T lymphocytes and natural killer cells.'],
  [7157, 'TP53', 'tumor protein p53', HOUSE, 'A tumour suppressor that binds DNA in the nucleus.'],
  [60, 'ACTB', 'actin beta', HOUSE.slice(1), 'A cytoskeletal actin found in the cytoplasm of every cell.'],
];

export function writeKnowledgeFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scbench-knowledge-encoder-'));
  const files: Record<string, string[]> = {
    'Homo_sapiens.gene_info.tsv': [HEADER, ...FIXTURE_HUMAN.map(([id, s, d]) => row(9606, id, s, d))],
    'Mus_musculus.gene_info.tsv': [HEADER, row(10090, 16333, 'Ins1', '-'), row(10090, 12501, 'Cd3e', '-'), row(10090, 99999, 'Orphan1', '-')],
    'gene_orthologs.tsv': ['#tax_id\tGeneID\trelationship\tOther_tax_id\tOther_GeneID', '9606\t3630\tOrtholog\t10090\t16333', '9606\t916\tOrtholog\t10090\t12501'],
    'gene2go.tsv': [
      '#tax_id\tGeneID\tGO_ID\tEvidence\tQualifier\tGO_term\tPubMed\tCategory',
      ...FIXTURE_HUMAN.flatMap(([id, , , go]) => go.map((g) => [9606, id, g, 'IDA', '-', `term ${g}`, '-', 'Process'].join('\t'))),
    ],
    'gene_summaries.tsv': [
      '#tax_id\tGeneID\tReview_status\tRefSeq_accession\tSummary',
      ...FIXTURE_HUMAN.map(([id, , , , s]) => [9606, id, 'REVIEWED REFSEQ', 'NM_000001.1', s].join('\t')),
    ],
  };
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), lines.join('\n') + '\n');
  return dir;
}
