import { describe, expect, it } from '@jest/globals';
import { ensemblIds, readGeneInfo, stripVersion } from './gene-info.ts';
import { geneRow, MINI, writeMiniKnowledge, writeTemp } from './testing.ts';
import { join } from 'node:path';

const HEADER = '#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\ttype_of_gene\tSymbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\tNomenclature_status\tOther_designations\tModification_date\tFeature_type';

describe('readGeneInfo', () => {
  it("parses one species' rows: '-' is null, '|' splits lists, Ensembl ids come from dbXrefs", async () => {
    const t = await readGeneInfo(join(writeMiniKnowledge(), 'Homo_sapiens.gene_info.tsv'), 9606);
    expect(t.genes).toHaveLength(MINI.human.length);
    const a = t.byId.get(1)!;
    expect(a.symbol).toBe('AAA');
    expect(a.synonyms).toEqual(['BBB', 'SHARED', 'OLDA']);
    expect(a.description).toBe('alpha protein');
    expect(a.type).toBe('protein-coding');
    expect(ensemblIds(a)).toEqual(['ENSG00000000001']);
    const c4 = t.byId.get(4)!;
    expect(c4.synonyms).toEqual([]);
    expect(c4.mapLocation).toBeNull();
    expect(c4.authorityFullName).toBeNull();
  });

  it('keeps only the requested tax_id from a multi-species file (NCBI All_Data.gene_info)', async () => {
    const p = writeTemp('All_Data.gene_info', [HEADER, ...MINI.human.slice(0, 2), ...MINI.mouse, ...MINI.fly].join('\n') + '\n');
    const mouse = await readGeneInfo(p, 10090);
    expect(mouse.genes.map((g) => g.symbol)).toEqual(MINI.mouse.map((r) => r.split('\t')[2]));
    expect(mouse.genes.every((g) => g.taxId === 10090)).toBe(true);
  });

  it('reads the nomenclature-authority full name when NCBI gives one', async () => {
    const row = geneRow(9606, 920, 'CD4', '-', 'HGNC:HGNC:1678').split('\t');
    row[11] = 'CD4 molecule (authority)';
    const t = await readGeneInfo(writeTemp('g.tsv', `${HEADER}\n${row.join('\t')}\n`), 9606);
    expect(t.byId.get(920)!.authorityFullName).toBe('CD4 molecule (authority)');
  });

  it('rejects a file without rows for the species, a duplicated GeneID and a non-numeric GeneID', async () => {
    const human = writeTemp('g.tsv', `${HEADER}\n${MINI.human[0]}\n`);
    await expect(readGeneInfo(human, 10090)).rejects.toThrow(/gene_info has no rows for tax_id 10090[^]*use the gene_info file of tax_id 10090/);
    const dup = writeTemp('g.tsv', `${HEADER}\n${MINI.human[0]}\n${MINI.human[0]}\n`);
    await expect(readGeneInfo(dup, 9606)).rejects.toThrow(/line 3: GeneID 1 appears twice/);
    const bad = writeTemp('g.tsv', `${HEADER}\n${geneRow(9606, 1, 'A').replace('\t1\t', '\tx1\t')}\n`);
    await expect(readGeneInfo(bad, 9606)).rejects.toThrow(/line 2: column GeneID should be an integer but is "x1"/);
  });

  it('a gene2go file passed as gene_info is caught at the header', async () => {
    const p = join(writeMiniKnowledge(), 'gene2go.tsv');
    await expect(readGeneInfo(p, 9606)).rejects.toThrow(/gene_info header lacks column\(s\) Symbol, Synonyms, dbXrefs/);
  });
});

describe('stripVersion', () => {
  it('drops an Ensembl version suffix', () => {
    expect(stripVersion('ENSG00000121410.12')).toBe('ENSG00000121410');
    expect(stripVersion('ENSMUSG00000023274')).toBe('ENSMUSG00000023274');
  });
});
