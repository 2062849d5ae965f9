// Coverage of real datasets' gene names against the bundled tables. The exact counts are the ones in README.md
// ("Coverage"); they are tied to the knowledge build of 2026-11-22 and the shared datasets, so a change in the
// resolver rules or in either input shows up here first. Update README.md together with these numbers.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { csvRowNames, h5Strings } from './dataset-genes.ts';
import { geneFacts } from './gene-facts.ts';
import { loadKnowledge, type KnowledgeBase } from './knowledge-base.ts';
import { resolveGenes, type Resolution } from './resolve.ts';

let human: KnowledgeBase;
let mouse: KnowledgeBase;
beforeAll(async () => {
  [human, mouse] = await Promise.all([loadKnowledge({ species: 'human' }), loadKnowledge({ species: 'mouse' })]);
});

function content(r: Resolution, kb: KnowledgeBase): { withSummary: number; withGo: number } {
  let withSummary = 0;
  let withGo = 0;
  for (const ref of r.resolved) {
    if (!ref) continue;
    const f = geneFacts(ref, kb);
    if (f.summary) withSummary++;
    if (f.go.length > 0) withGo++;
  }
  return { withSummary, withGo };
}

function check(r: Resolution): void {
  const c = r.coverage;
  expect(c.resolved + c.ambiguous + c.unknown + c.spikeIn).toBe(c.total);
  expect(c.viaSymbol + c.viaAlias + c.viaEnsembl).toBe(c.resolved);
}

describe('coverage on the shared datasets', () => {
  it('pbmc3k (human symbols)', async () => {
    const { gene_names } = await h5Strings('h5/pbmc3k.h5', ['gene_names']);
    const r = resolveGenes(gene_names, 'human', human);
    check(r);
    expect(r.coverage).toEqual({ total: 13714, resolved: 12376, viaSymbol: 11516, viaAlias: 860, viaEnsembl: 0, viaRepairedName: 23, viaOrtholog: 0, ambiguous: 36, unknown: 1302, spikeIn: 0 });
    expect(content(r, human)).toEqual({ withSummary: 8067, withGo: 11840 });
    // what stays unknown is mostly GENCODE clone names (RP11-…, AL627309.1), which have no NCBI symbol
    expect(r.unknownExamples.slice(0, 3)).toEqual(['AL627309.1', 'AP006222.2', 'RP11-206L10.2']);
  });

  it('baron_mouse_pancreas (mouse symbols, repaired and R-mangled)', async () => {
    const { gene_names, gene_names_raw } = await h5Strings('h5/baron_mouse_pancreas.h5', ['gene_names', 'gene_names_raw']);
    const r = resolveGenes(gene_names, 'mouse', mouse);
    check(r);
    expect(r.coverage).toEqual({ total: 14878, resolved: 13078, viaSymbol: 13078, viaAlias: 0, viaEnsembl: 0, viaRepairedName: 0, viaOrtholog: 13078, ambiguous: 0, unknown: 1800, spikeIn: 0 });
    expect(content(r, mouse)).toEqual({ withSummary: 9193, withGo: 12910 });
    // the R-mangled originals (X0610…, H2.Aa) reach exactly the same genes
    const raw = resolveGenes(gene_names_raw, 'mouse', mouse);
    expect(raw.coverage).toMatchObject({ resolved: 13078, viaRepairedName: 162, unknown: 1800 });
    expect(raw.resolved.map((g) => g?.gene.geneId ?? null)).toEqual(r.resolved.map((g) => g?.gene.geneId ?? null));
  });

  it('mixology_celseq2_5cl (symbols, with Ensembl gene_ids as fallback)', async () => {
    const { gene_names, gene_ids } = await h5Strings('h5/mixology_celseq2_5cl.h5', ['gene_names', 'gene_ids']);
    const byName = resolveGenes(gene_names, 'human', human, { ids: gene_ids });
    check(byName);
    expect(byName.coverage).toEqual({ total: 16074, resolved: 14027, viaSymbol: 14027, viaAlias: 0, viaEnsembl: 0, viaRepairedName: 0, viaOrtholog: 0, ambiguous: 0, unknown: 2012, spikeIn: 35 });
    const byId = resolveGenes(gene_ids, 'human', human);
    check(byId);
    expect(byId.coverage).toEqual({ total: 16074, resolved: 13919, viaSymbol: 0, viaAlias: 0, viaEnsembl: 13919, viaRepairedName: 0, viaOrtholog: 0, ambiguous: 108, unknown: 2012, spikeIn: 35 });
    expect(content(byName, human)).toEqual({ withSummary: 8361, withGo: 12257 });
  });

  it('mixology_dropseq_3cl CSV (Ensembl ids only)', async () => {
    const ids = await csvRowNames('csv/sc_dropseq.count.csv.gz');
    const r = resolveGenes(ids, 'human', human);
    check(r);
    // 13,056 + 73 ambiguous = the 13,129 ids the datasets README finds among the Ensembl dbXrefs
    expect(r.coverage).toEqual({ total: 15127, resolved: 13056, viaSymbol: 0, viaAlias: 0, viaEnsembl: 13056, viaRepairedName: 0, viaOrtholog: 0, ambiguous: 73, unknown: 1998, spikeIn: 0 });
    expect(content(r, human)).toEqual({ withSummary: 7767, withGo: 11361 });
  });
});
