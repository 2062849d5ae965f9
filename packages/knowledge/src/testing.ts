// Test fixtures: a tiny knowledge folder in NCBI layouts, crafted so each resolver rule has a case that fails
// if the rule is broken. Not exported from index.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const GENE_INFO_HEADER =
  '#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\ttype_of_gene\t' +
  'Symbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\tNomenclature_status\tOther_designations\tModification_date\tFeature_type';

/** A gene_info row: tax, id, symbol, synonyms, dbXrefs, chromosome, map, description, type (others '-'). */
export function geneRow(tax: number, id: number, symbol: string, syn = '-', xrefs = '-', chr = '-', map = '-', desc = '-', type = '-'): string {
  return [tax, id, symbol, '-', syn, xrefs, chr, map, desc, type, '-', '-', '-', '-', '-', '-'].join('\t');
}

export const MINI = {
  human: [
    // AAA lists BBB (the official symbol of gene 2) among its aliases: BBB must resolve to gene 2.
    geneRow(9606, 1, 'AAA', 'BBB|SHARED|OLDA', 'MIM:100|Ensembl:ENSG00000000001', '1', '1p36.33', 'alpha protein', 'protein-coding'),
    geneRow(9606, 2, 'BBB', '-', 'Ensembl:ENSG00000000002', '2', '2q11.2', 'beta protein', 'protein-coding'),
    // SHARED is an alias of genes 1 and 3: ambiguous.
    geneRow(9606, 3, 'CCC', 'SHARED|Cx', 'HGNC:HGNC:3', '3', '3p21|3p22', 'gamma RNA', 'ncRNA'),
    geneRow(9606, 4, 'C1orf5', '-', '-', '1', '-', 'chromosome 1 open reading frame 5', 'protein-coding'),
    // ENSG00000000006 is on genes 5 and 6: ambiguous.
    geneRow(9606, 5, 'DDD', '-', 'Ensembl:ENSG00000000005|Ensembl:ENSG00000000006', '5', '-', 'delta protein', 'protein-coding'),
    geneRow(9606, 6, 'EEE', '-', 'Ensembl:ENSG00000000006', '6', '-', '-', 'pseudo'),
    geneRow(9606, 7, 'HLA-X', '-', '-', '6', '6p21.3', 'major histocompatibility complex, class X', 'protein-coding'),
    // HBD names a real gene and a phenotype-only locus (type unknown): the real gene wins. TWIN names two tRNAs: ambiguous.
    geneRow(9606, 8, 'HBD', '-', 'Ensembl:ENSG00000223609', '11', '11p15.4', 'hemoglobin subunit delta', 'protein-coding'),
    geneRow(9606, 9, 'HBD', '-', '-', '-', '-', 'hereditary persistence of fetal hemoglobin', 'unknown'),
    geneRow(9606, 10, 'TWIN', '-', '-', '1', '-', 'transfer RNA copy 1', 'tRNA'),
    geneRow(9606, 11, 'TWIN', '-', '-', '6', '-', 'transfer RNA copy 2', 'tRNA'),
    geneRow(9606, 920, 'CD4', 'OKT4D', 'MIM:186940|Ensembl:ENSG00000010610', '12', '12p13.31', 'CD4 molecule', 'protein-coding'),
  ],
  mouse: [
    geneRow(10090, 200, 'Dup1'),
    geneRow(10090, 12504, 'Cd4'),
    geneRow(10090, 300, '0610009B22Rik'),
    geneRow(10090, 400, 'H2-Aa'),
    geneRow(10090, 500, 'Orphan1'),
  ],
  // FlyBase has symbols that differ only in case (h = hairy, H = Hairless); Abc/ABC are crafted the same way.
  fly: [geneRow(7227, 40, 'h'), geneRow(7227, 41, 'H'), geneRow(7227, 42, 'Abc'), geneRow(7227, 43, 'ABC')],
  orthologs: [
    // Cd4 → CD4 (12 sources) and → HLA-X (3 sources): CD4 wins on support.
    [9606, 920, 10090, 12504, 12],
    [9606, 7, 10090, 12504, 3],
    // Dup1 → CCC and → BBB, both 5 sources: the lower human GeneID (2, BBB) wins.
    [9606, 3, 10090, 200, 5],
    [9606, 2, 10090, 200, 5],
    [9606, 1, 10090, 300, 4],
  ] as const,
  go: [
    [920, 'GO:0042110', 'IEA', 'T cell activation', 'Process'],
    [920, 'GO:0007155', 'IDA', 'cell adhesion', 'Process'],
    [920, 'GO:0030217', 'TAS', 'T cell differentiation', 'Process'],
    [920, 'GO:0030217', 'IMP', 'T cell differentiation', 'Process'],
    [920, 'GO:0008150', 'ND', 'biological_process', 'Process'],
    [920, 'GO:0042289', 'IPI', 'MHC class II protein binding', 'Function'],
    [920, 'GO:0005515', 'IPI', 'protein binding', 'Function'],
    [920, 'GO:0009897', 'IDA', 'external side of plasma membrane', 'Component'],
  ] as const,
  summaries: [
    [9606, 920, 'This gene encodes the CD4 membrane glycoprotein of T lymphocytes. It is a coreceptor. Third sentence.'],
    [9606, 2, 'Beta summary.'],
    [10090, 300, 'Mouse-specific summary of 0610009B22Rik.'],
  ] as const,
};

export interface MiniOptions {
  /** Write every table gzipped under NCBI's names (`Homo_sapiens.gene_info.gz`, ...). */
  readonly gzip?: boolean;
  /** Leave out these file names. */
  readonly omit?: readonly string[];
  /** Leave out gene_orthologs_support (as with a real NCBI download). */
  readonly noSupport?: boolean;
  /** More mouse gene_info rows. */
  readonly extraMouse?: readonly string[];
}

/** Writes the mini knowledge folder and returns its path. */
export function writeMiniKnowledge(options: MiniOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'scbench-knowledge-'));
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string[]> = {
    'Homo_sapiens.gene_info': [GENE_INFO_HEADER, ...MINI.human],
    'Mus_musculus.gene_info': [GENE_INFO_HEADER, ...MINI.mouse, ...(options.extraMouse ?? [])],
    'Drosophila_melanogaster.gene_info': [GENE_INFO_HEADER, ...MINI.fly],
    gene_orthologs: ['#tax_id\tGeneID\trelationship\tOther_tax_id\tOther_GeneID', ...MINI.orthologs.map(([t, g, ot, og]) => [t, g, 'Ortholog', ot, og].join('\t'))],
    gene2go: [
      '#tax_id\tGeneID\tGO_ID\tEvidence\tQualifier\tGO_term\tPubMed\tCategory',
      ...MINI.go.map(([g, id, ev, term, cat]) => [9606, g, id, ev, '-', term, '-', cat].join('\t')),
    ],
    gene_summaries: ['#tax_id\tGeneID\tReview_status\tRefSeq_accession\tSummary', ...MINI.summaries.map(([t, g, s]) => [t, g, 'REVIEWED REFSEQ', 'NM_000001.1', s].join('\t'))],
  };
  if (!options.noSupport) {
    files.gene_orthologs_support = [
      '#tax_id\tGeneID\tOther_tax_id\tOther_GeneID\tsupport_n\tsupport',
      ...MINI.orthologs.map(([t, g, ot, og, n]) => [t, g, ot, og, n, Array.from({ length: n }, (_, i) => `DB${i}`).join('|')].join('\t')),
    ];
  }
  for (const [stem, lines] of Object.entries(files)) {
    const text = lines.join('\n') + '\n';
    const name = options.gzip ? `${stem}.gz` : `${stem}.tsv`;
    if (options.omit?.includes(name)) continue;
    writeFileSync(join(dir, name), options.gzip ? gzipSync(text) : text);
  }
  return dir;
}

/** Writes one file into a fresh temp folder and returns its path. */
export function writeTemp(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'scbench-knowledge-'));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
