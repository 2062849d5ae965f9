import { describe, expect, it } from '@jest/globals';
import type { Dataset, Matrix } from '@scbench/api';
import { isDataError, synthetic } from '@scbench/datasets';
import type { Coverage, NameStatus } from '@scbench/knowledge';
import { fakeEncoder } from './testing.ts';
import { knowledgeDescriber, type GeneDescriber } from './gene-descriptions.ts';
import { writeMiniKnowledge } from './mini-knowledge.ts';
import { SEMANTIC_PAPER, semanticView } from './semantic-view.ts';
import { SemanticViewError } from './errors.ts';

/** A describer that knows genes whose name starts with "K" (description "about <name>"), ERCC as spike-ins. */
const fakeDescriber: GeneDescriber = {
  async describe(d) {
    const status: NameStatus[] = d.genes.map((g) => (g.startsWith('ERCC') ? 'spike-in' : g.startsWith('K') ? 'resolved' : 'unknown'));
    const resolved = status.filter((s) => s === 'resolved').length;
    const spikeIn = status.filter((s) => s === 'spike-in').length;
    const coverage: Coverage = {
      total: d.genes.length, resolved, viaSymbol: resolved, viaAlias: 0, viaEnsembl: 0, viaRepairedName: 0, viaOrtholog: 0,
      ambiguous: 0, unknown: d.genes.length - resolved - spikeIn, spikeIn,
    };
    return {
      texts: d.genes.map((g, j) => (status[j] === 'resolved' ? `about ${g} ${g.toLowerCase()}word` : null)),
      symbols: d.genes.map((g) => g.toUpperCase()),
      status,
      coverage,
      unknownExamples: d.genes.filter((_, j) => status[j] === 'unknown').slice(0, 20),
      source: 'fake',
    };
  },
};

const genes = ['Ka', 'Kb', 'Kc', 'Ux', 'ERCC-00002'];
const dataset: Dataset = {
  id: 'toy',
  counts: {
    rows: 4,
    cols: 5,
    data: Float32Array.from([
      5, 1, 0, 2, 9, // known genes + an unknown + a spike-in (spike-in excluded outside paper mode)
      0, 3, 3, 0, 0,
      0, 0, 0, 4, 0, // only an unknown gene: no known genes
      0, 0, 0, 0, 0, // expresses nothing
    ]),
  },
  valueType: 'raw counts',
  genes,
  cells: ['c1', 'c2', 'c3', 'c4'],
  species: 'Homo sapiens',
  nClusters: 2,
};

function row(m: Matrix, i: number): Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}
const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('semanticView', () => {
  it('builds both paths, fuses unit rows, and reports coverage and cells without known genes', async () => {
    const encoder = fakeEncoder(16);
    const v = await semanticView(dataset, {}, { encoder, describer: fakeDescriber });
    expect(v.z.rows).toBe(4);
    expect(v.z.cols).toBe(16);
    expect(v.coverage.genes.resolved).toBe(3);
    expect(v.coverage.genesWithEmbedding).toBe(3);
    // c3 (only an unknown gene) and c4 (nothing expressed) have no known gene; c4 is also counted as empty.
    expect(v.coverage.cellsWithoutKnownGenes).toBe(2);
    expect(v.coverage.cellsWithoutGenes).toBe(1);
    expect(v.info.semanticCellsWithoutKnownGenes).toBe(2);
    expect(String(v.info.semanticWarning)).toMatch(/2 of 4 cells have no top gene with a description.*c3, c4.*1 of 4 cells express no gene/);
    // Cell 3 has no known gene, cell 4 no gene at all: zero path-1 rows, reported above.
    expect(norm(row(v.z1!, 2))).toBe(0);
    expect(norm(row(v.z1!, 3))).toBe(0);
    // Names-mode sentences use the describer's symbols and leave the spike-in out.
    expect(encoder.seen).toContain('KA UX KB');
    expect(encoder.seen.some((t) => t.includes('ERCC'))).toBe(false);
  });

  it('path 1 by default is the log1p(normalize_total) weighted mean of the known genes (hand computation)', async () => {
    const encoder = fakeEncoder(16);
    const v = await semanticView(dataset, { paths: 'weighted', normalise: false }, { encoder, describer: fakeDescriber });
    const e = await fakeEncoder(16).embed(['about Ka kaword', 'about Kb kbword']);
    const total = 5 + 1 + 2 + 9; // normalize_total uses every gene of the cell, the spike-in included
    const w = [Math.log1p((5 * 1e4) / total), Math.log1p((1 * 1e4) / total)];
    for (let c = 0; c < 16; c++) {
      const want = (w[0] * e.data[c] + w[1] * e.data[16 + c]) / (w[0] + w[1]);
      expect(v.z.data[c]).toBeCloseTo(want, 5);
    }
    expect(v.z2).toBeNull();
    expect(v.info.semanticSentencesEncoded).toBe(0);
  });

  it("geneVectors 'whitened' / 'random': both paths fused in the whitened space; the control changes path 1 only", async () => {
    const whitened = await semanticView(dataset, { geneVectors: 'whitened' }, { encoder: fakeEncoder(16), describer: fakeDescriber });
    const control = await semanticView(dataset, { geneVectors: 'random' }, { encoder: fakeEncoder(16), describer: fakeDescriber });
    // Three described genes: at most 2 principal directions.
    for (const v of [whitened, control]) expect([v.z.cols, v.z1!.cols, v.z2!.cols]).toEqual([2, 2, 2]);
    expect(whitened.info.semanticGeneVectors).toBe('whitened');
    expect(Array.from(control.z2!.data)).toEqual(Array.from(whitened.z2!.data));
    expect(Array.from(control.z1!.data)).not.toEqual(Array.from(whitened.z1!.data));
    // Cell 4 expresses nothing: its rows stay zero on both paths.
    expect(norm(row(whitened.z2!, 3))).toBe(0);
    expect(norm(row(whitened.z1!, 3))).toBe(0);
  });

  it('paper mode: integer-truncated sum, SYMBOL:value chunks with dataset names, no normalisation', async () => {
    const encoder = fakeEncoder(16);
    const v = await semanticView(dataset, SEMANTIC_PAPER, { encoder, describer: fakeDescriber });
    const e = await fakeEncoder(16).embed(['about Ka kaword', 'about Kb kbword']);
    // Cell 1: 5·e_Ka + 1·e_Kb, no division; the unknown and the spike-in carry no embedding.
    for (let c = 0; c < 16; c++) expect(v.z1!.data[c]).toBeCloseTo(5 * e.data[c] + e.data[16 + c], 5);
    expect(encoder.seen).toContain('ERCC-00002:9,Ka:5,Ux:2,Kb:1');
    expect(encoder.seen).toContain('None');
    // Unnormalised fusion: Z = 0.5·Z1 + 0.5·Z2 exactly.
    for (let c = 0; c < 16; c++) expect(v.z.data[c]).toBeCloseTo(0.5 * v.z1!.data[c] + 0.5 * v.z2!.data[c], 5);
    expect(norm(row(v.z1!, 0))).toBeGreaterThan(3);
  });

  it('throws a SemanticViewError naming the dataset for missing gene names or species', async () => {
    const encoder = fakeEncoder(8);
    const noNames = { ...dataset, id: 'cbmc_top2000', genes: undefined };
    await expect(semanticView(noNames, {}, { encoder, describer: fakeDescriber })).rejects.toThrow(/cbmc_top2000 \(no gene names\)/);
    const err = await semanticView(noNames, {}, { encoder, describer: fakeDescriber }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SemanticViewError);
    expect(isDataError(err)).toBe(true);
    expect((err as SemanticViewError).reason).toBe('no gene names');
    const { dataset: syn } = synthetic({ cells: 20, genes: 30, groups: 2 });
    await expect(semanticView(syn, {}, { encoder, describer: fakeDescriber })).rejects.toThrow(/\(no species\)/);
    await expect(semanticView({ ...dataset, species: 'Danio rerio' }, {}, { encoder, describer: fakeDescriber })).rejects.toThrow(/\(unsupported species\)/);
    expect(encoder.calls).toBe(0);
  });

  it('throws when no gene at all has a description and path 1 is asked for', async () => {
    const unknown = { ...dataset, genes: ['U1', 'U2', 'U3', 'U4', 'U5'] };
    await expect(semanticView(unknown, {}, { encoder: fakeEncoder(8), describer: fakeDescriber })).rejects.toThrow(/\(no known genes\).*U1, U2/);
  });

  it('a second run with a cache encodes nothing and gives the same view', async () => {
    const store = new Map<string, unknown>();
    const cache = async <T>(key: string, make: () => Promise<T>): Promise<T> => {
      if (!store.has(key)) store.set(key, await make());
      return store.get(key) as T;
    };
    const encoder = fakeEncoder(16);
    const a = await semanticView(dataset, {}, { encoder, describer: fakeDescriber, cache });
    const calls = encoder.calls;
    const b = await semanticView(dataset, {}, { encoder, describer: fakeDescriber, cache });
    expect(a.info.semanticGenesEncoded).toBe(3);
    expect(b.info.semanticGenesEncoded).toBe(0);
    expect(b.info.semanticSentencesEncoded).toBe(0);
    expect(encoder.calls).toBe(calls);
    expect(Array.from(b.z.data)).toEqual(Array.from(a.z.data));
  });

  it('runs on a real (mini) knowledge folder through knowledgeDescriber, with aliases resolved to symbols', async () => {
    const root = writeMiniKnowledge();
    const d: Dataset = { ...dataset, genes: ['CD4', 'CD20', 'LYZ', 'RP11-1.1', 'ERCC-00002'] };
    const encoder = fakeEncoder(16);
    const v = await semanticView(d, {}, { encoder, describer: knowledgeDescriber({ root }) });
    expect(v.coverage.genes).toMatchObject({ total: 5, resolved: 3, viaAlias: 1, unknown: 1, spikeIn: 1 });
    expect(encoder.seen.some((t) => t.startsWith('Gene: CD4.'))).toBe(true);
    expect(encoder.seen.some((t) => t.includes('Lysozyme is an antimicrobial enzyme.'))).toBe(true);
    // The alias CD20 is printed as the official symbol MS4A1 in the sentence.
    expect(encoder.seen).toContain('CD4 RP11-1.1 MS4A1');
    expect(String(v.info.semanticKnowledge)).toMatch(/^human\/default-v1#/);
  });
});
