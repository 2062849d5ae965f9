// The bundled tables in ../shared/knowledge (or $SCBENCH_KNOWLEDGE): real sizes, real timings, real genes.
import { describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeGene } from './describe.ts';
import { knowledgeRoot } from './files.ts';
import { readGeneInfo } from './gene-info.ts';
import { loadKnowledge } from './knowledge-base.ts';
import { resolveGenes } from './resolve.ts';
import { loadTemplate } from './template.ts';

describe('bundled knowledge tables', () => {
  it('human: 77k genes load well under a second, gene2go (348k rows) in about a second', async () => {
    const kb = await loadKnowledge({ species: 'human' });
    const t = Object.fromEntries(kb.sources.map((s) => [s.role, s.seconds]));
    console.log(`human load seconds: ${JSON.stringify(t)}`);
    expect(kb.genes.genes.length).toBe(77614);
    expect(kb.go.get(9606)!.size).toBe(20728);
    expect(kb.summaries.get(9606)!.size).toBeGreaterThan(15000);
    // generous bounds: the CI machine is shared; typical values are 0.3 s and 0.6 s
    expect(t.gene_info).toBeLessThan(2);
    expect(t.gene2go).toBeLessThan(4);
  });

  it('resolves and describes real human genes', async () => {
    const kb = await loadKnowledge({ species: 'human' });
    const r = resolveGenes(['CD4', 'MS4A1', 'CD20', 'ENSG00000121410.12', 'HBD', 'C1ORF112', 'A1B', 'SEPN1'], 'human', kb);
    expect(r.resolved.map((g) => g?.gene.symbol ?? null)).toEqual(['CD4', 'MS4A1', null, 'A1BG', 'HBD', 'C1orf112', null, 'SELENON']);
    // real shared aliases: CD20 is also an alias of KRT20, A1B of SNTB1
    expect(r.ambiguousExamples).toEqual([
      { name: 'CD20', candidates: ['MS4A1', 'KRT20'] },
      { name: 'A1B', candidates: ['A1BG', 'SNTB1'] },
    ]);
    expect(r.resolved[4]!.gene.type).toBe('protein-coding'); // not the phenotype-only HBD locus
    const text = describeGene(r.resolved[0]!, kb, loadTemplate('default'));
    expect(text).toMatch(/^Gene: CD4\. Full name: CD4 molecule\. Type: protein coding\. Organism: Homo sapiens\. Summary: This gene encodes the CD4 membrane glycoprotein/);
    expect(text).toMatch(/Biological processes: [^.]*T cell/);
    const paper = describeGene(r.resolved[0]!, kb, loadTemplate('paper'));
    expect(paper).toBe(
      'Gene ID: 920. Gene Name: CD4. Gene Full Name: CD4 molecule. Gene Type: protein coding. Organism: Homo sapiens. ' +
        'Organism: Homo sapiens. Also Known As: CD4mut; IMD79; OKT4D. Lineage: nan. Expression: nan. Primary Source: nan. Map Location: 12p13.31.',
    );
  });

  it('mouse, worm and fly reach human knowledge through orthologs', async () => {
    const [mouse, worm, fly] = await Promise.all(['mouse', 'worm', 'fly'].map((species) => loadKnowledge({ species })));
    expect([mouse.genes.genes.length, worm.genes.genes.length, fly.genes.genes.length]).toEqual([19986, 7709, 8471]);
    const cd4 = resolveGenes(['Cd4'], 'mouse', mouse).resolved[0]!;
    expect(cd4.ortholog).toMatchObject({ gene: { symbol: 'CD4' }, link: { supportN: 12 } });
    expect(describeGene(cd4, mouse, loadTemplate('default'))).toMatch(/^Gene: Cd4\. Full name: CD4 molecule\..* Human ortholog: CD4\. Summary: This gene encodes the CD4/);
    const unc = resolveGenes(['unc-13', 'UNC-13'], 'worm', worm).resolved;
    expect(unc.map((g) => g?.ortholog?.gene.symbol.startsWith('UNC13'))).toEqual([true, true]);
    // fly is case-sensitive: the partial table has h (hairy) but not H (Hairless), which must not become hairy
    const h = resolveGenes(['h', 'H'], 'fly', fly);
    expect(h.status).toEqual(['resolved', 'unknown']);
  });

  it("reads a gzipped copy of the real human gene_info (NCBI's Homo_sapiens.gene_info.gz)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scbench-knowledge-gz-'));
    const src = join(knowledgeRoot(), 'Homo_sapiens.gene_info.tsv');
    writeFileSync(join(dir, 'Homo_sapiens.gene_info.gz'), gzipSync(readFileSync(src), { level: 1 }));
    copyFileSync(src, join(dir, 'plain.tsv'));
    const [gz, plain] = await Promise.all([readGeneInfo(join(dir, 'Homo_sapiens.gene_info.gz'), 9606), readGeneInfo(join(dir, 'plain.tsv'), 9606)]);
    expect(gz.genes.length).toBe(plain.genes.length);
    expect(gz.byId.get(920)).toEqual(plain.byId.get(920));
  });
});
