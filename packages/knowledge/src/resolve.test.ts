import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadKnowledge, type KnowledgeBase } from './knowledge-base.ts';
import { resolveGenes } from './resolve.ts';
import { geneRow, writeMiniKnowledge } from './testing.ts';

let root: string;
let human: KnowledgeBase;
let mouse: KnowledgeBase;
let fly: KnowledgeBase;
beforeAll(async () => {
  root = writeMiniKnowledge();
  [human, mouse, fly] = await Promise.all(['human', 'mouse', 'fly'].map((species) => loadKnowledge({ species, root })));
});

const symbols = (r: ReturnType<typeof resolveGenes>): (string | null)[] => r.resolved.map((g) => g?.gene.symbol ?? null);

describe('resolveGenes: precedence', () => {
  it("an alias never overrides another gene's official symbol (the original's bug)", () => {
    // AAA (GeneID 1) lists BBB as an alias; BBB is the official symbol of GeneID 2.
    const r = resolveGenes(['BBB', 'bbb'], 'human', human);
    expect(r.resolved.map((g) => g?.gene.geneId)).toEqual([2, 2]);
    expect(r.resolved.every((g) => g?.via === 'symbol')).toBe(true);
  });

  it('an alias naming exactly one gene resolves, case-insensitively, and is counted as such', () => {
    const r = resolveGenes(['OLDA', 'olda', 'OKT4D'], 'human', human);
    expect(symbols(r)).toEqual(['AAA', 'AAA', 'CD4']);
    expect(r.resolved.map((g) => g?.via)).toEqual(['alias', 'alias', 'alias']);
    expect(r.coverage).toMatchObject({ resolved: 3, viaAlias: 3, viaSymbol: 0 });
  });

  it('an alias shared by several genes is ambiguous, not guessed', () => {
    const r = resolveGenes(['SHARED', 'CCC'], 'human', human);
    expect(symbols(r)).toEqual([null, 'CCC']);
    expect(r.status).toEqual(['ambiguous', 'resolved']);
    expect(r.coverage).toMatchObject({ ambiguous: 1, resolved: 1, unknown: 0 });
    expect(r.ambiguousExamples).toEqual([{ name: 'SHARED', candidates: ['AAA', 'CCC'] }]);
  });

  it('a symbol shared with a placeholder locus resolves to the real gene; two real genes stay ambiguous', () => {
    const r = resolveGenes(['HBD', 'TWIN'], 'human', human);
    expect(r.resolved.map((g) => g?.gene.geneId ?? null)).toEqual([8, null]);
    expect(r.ambiguousExamples).toEqual([{ name: 'TWIN', candidates: ['TWIN', 'TWIN'] }]);
  });

  it('human symbols match case-insensitively (C1ORF5 → C1orf5)', () => {
    expect(symbols(resolveGenes(['C1ORF5', 'c1orf5', 'cd4'], 'human', human))).toEqual(['C1orf5', 'C1orf5', 'CD4']);
  });
});

describe('resolveGenes: Ensembl ids', () => {
  it('match through dbXrefs, with or without a version suffix', () => {
    const r = resolveGenes(['ENSG00000010610', 'ENSG00000010610.9', 'ENSG00000000002.1'], 'human', human);
    expect(symbols(r)).toEqual(['CD4', 'CD4', 'BBB']);
    expect(r.resolved[1]).toMatchObject({ via: 'ensembl', matched: 'ENSG00000010610', query: 'ENSG00000010610.9' });
    expect(r.coverage.viaEnsembl).toBe(3);
  });

  it('an Ensembl id on two genes is ambiguous; an unknown one is unknown', () => {
    const r = resolveGenes(['ENSG00000000006', 'ENSG00000099999'], 'human', human);
    expect(r.status).toEqual(['ambiguous', 'unknown']);
    expect(r.unknownExamples).toEqual(['ENSG00000099999']);
  });

  it('parallel ids are a fallback when the name fails (mixology: symbol, else gene_ids)', () => {
    const r = resolveGenes(['CD4', 'NOT_A_GENE', 'SHARED'], 'human', human, { ids: ['ENSG00000000001', 'ENSG00000000002', 'ENSG00000000001'] });
    expect(symbols(r)).toEqual(['CD4', 'BBB', 'AAA']);
    expect(r.resolved.map((g) => g?.fromId)).toEqual([false, true, true]);
    expect(() => resolveGenes(['CD4'], 'human', human, { ids: [] })).toThrow(/options.ids has 0 entries but there are 1 names/);
  });
});

describe('resolveGenes: spike-ins, R names, unknowns', () => {
  it('ERCC spike-ins are never resolved and are counted apart from unknown', () => {
    const r = resolveGenes(['ERCC-00002', 'ERCC.00113', 'ERCC8X'], 'human', human);
    expect(r.status).toEqual(['spike-in', 'spike-in', 'unknown']);
    expect(r.coverage).toMatchObject({ spikeIn: 2, unknown: 1, total: 3 });
  });

  it('repairs R make.names / make.unique mangling only when the name fails as given', () => {
    const r = resolveGenes(['HLA.X', 'CD4.1'], 'human', human);
    expect(symbols(r)).toEqual(['HLA-X', 'CD4']);
    expect(r.coverage.viaRepairedName).toBe(2);
    const m = resolveGenes(['X0610009B22Rik', 'H2.Aa', 'H2-Aa'], 'mouse', mouse);
    expect(symbols(m)).toEqual(['0610009B22Rik', 'H2-Aa', 'H2-Aa']);
    expect(m.resolved.map((g) => g?.repaired)).toEqual([true, true, false]);
  });

  it('counts add up and unknown names are listed', () => {
    const r = resolveGenes(['CD4', 'SHARED', 'ERCC-00002', 'NOPE', 'OLDA', 'ENSG00000000001'], 'human', human);
    const c = r.coverage;
    expect(c.resolved + c.ambiguous + c.unknown + c.spikeIn).toBe(c.total);
    expect(c.viaSymbol + c.viaAlias + c.viaEnsembl).toBe(c.resolved);
    expect(r.unknownExamples).toEqual(['NOPE']);
  });
});

describe('resolveGenes: other species', () => {
  it('mouse: exact case first, then a fold (CD4 → Cd4); the best human ortholog is attached', () => {
    const r = resolveGenes(['Cd4', 'CD4', 'Dup1', 'Orphan1'], 'mouse', mouse);
    expect(symbols(r)).toEqual(['Cd4', 'Cd4', 'Dup1', 'Orphan1']);
    expect(r.resolved[0]!.ortholog!.gene.symbol).toBe('CD4'); // 12 sources beat HLA-X's 3
    expect(r.resolved[0]!.ortholog!.link.supportN).toBe(12);
    expect(r.resolved[2]!.ortholog!.gene.geneId).toBe(2); // tie on support → lowest human GeneID
    expect(r.resolved[3]!.ortholog).toBeNull();
    expect(r.coverage).toMatchObject({ resolved: 4, viaOrtholog: 3 });
  });

  it('mouse names never resolve to human genes directly', () => {
    expect(resolveGenes(['AAA', 'ENSG00000010610'], 'mouse', mouse).status).toEqual(['unknown', 'unknown']);
  });

  it('fly: case is significant (h and H are distinct genes; no case-folded fallback)', () => {
    const r = resolveGenes(['h', 'H'], 'fly', fly);
    expect(r.resolved.map((g) => g?.gene.geneId)).toEqual([40, 41]);
    const folded = resolveGenes(['abc', 'Abc', 'ABC'], 'fly', fly);
    expect(folded.status).toEqual(['unknown', 'resolved', 'resolved']);
  });

  it('mouse: a fold that hits several genes is ambiguous', async () => {
    const root = writeMiniKnowledge({ extraMouse: [geneRow(10090, 901, 'Abc'), geneRow(10090, 902, 'ABC')] });
    const kb = await loadKnowledge({ species: 'mouse', root, go: false });
    const r = resolveGenes(['abc', 'Abc'], 'mouse', kb);
    expect(r.status).toEqual(['ambiguous', 'resolved']);
    expect(r.ambiguousExamples[0].candidates).toEqual(['Abc', 'ABC']);
  });

  it('the species of the names must be the species of the knowledge base', () => {
    expect(() => resolveGenes(['Cd4'], 'mouse', human)).toThrow(/names are Mus musculus but the knowledge base was loaded for Homo sapiens; load it with loadKnowledge\(\{ species: 'mouse' \}\)/);
  });
});
