import { describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { clearKnowledgeCache, humanOrtholog, loadKnowledge } from './knowledge-base.ts';
import { writeMiniKnowledge } from './testing.ts';

describe('loadKnowledge', () => {
  it('loads a species once per process and shares the parsed tables', async () => {
    const root = writeMiniKnowledge();
    const a = await loadKnowledge({ species: 'human', root });
    const b = await loadKnowledge({ species: 9606, root });
    expect(b).toBe(a);
    expect(a.genes).toBe(a.human);
    expect(a.orthologs.size).toBe(0);
    // mouse reuses the human gene_info parsed for the human base
    const m = await loadKnowledge({ species: 'Mus musculus', root });
    expect(m.human).toBe(a.human);
    expect(m.sources.find((s) => s.role === 'gene_info' && s.path.includes('Homo_sapiens'))!.seconds).toBe(0);
    // human GO annotations and summaries are cached per tax_id and shared, not parsed again for mouse
    expect(m.go.get(9606)).toBe(a.go.get(9606));
    expect(m.summaries.get(9606)).toBe(a.summaries.get(9606));
    expect(m.summaries.get(10090)!.size).toBe(1);
  });

  it('loads only what the species needs', async () => {
    const root = writeMiniKnowledge();
    const h = await loadKnowledge({ species: 'human', root });
    expect(h.sources.map((s) => s.role).sort()).toEqual(['gene2go', 'gene_info', 'gene_summaries']);
    const m = await loadKnowledge({ species: 'mouse', root, go: false });
    expect(m.sources.map((s) => s.role).sort()).toEqual(['gene_info', 'gene_info', 'gene_orthologs', 'gene_orthologs_support', 'gene_summaries']);
    expect(m.go.get(9606)!.size).toBe(0);
    expect(m.summaries.get(10090)!.get(300)!.text).toMatch(/^Mouse-specific/);
    expect(m.orthologSupport).toBe(true);
  });

  it("reads NCBI's gzipped names (Homo_sapiens.gene_info.gz, gene2go.gz, ...) and works without a support table", async () => {
    const root = writeMiniKnowledge({ gzip: true, noSupport: true });
    const m = await loadKnowledge({ species: 'mouse', root });
    expect(m.sources.every((s) => s.path.endsWith('.gz'))).toBe(true);
    expect(m.orthologSupport).toBe(false);
    const cd4 = m.genes.byId.get(12504)!;
    // without support counts the lowest human GeneID wins (HLA-X, 7) — documented, and why the support table matters
    expect(humanOrtholog(m, cd4)!.gene.symbol).toBe('HLA-X');
    expect(m.go.get(9606)!.get(920)!.length).toBeGreaterThan(0);
  });

  it('a missing table fails before parsing, and a fixed folder loads on the next call', async () => {
    const root = writeMiniKnowledge({ omit: ['gene2go.tsv'] });
    await expect(loadKnowledge({ species: 'human', root })).rejects.toThrow(/knowledge table gene2go.tsv not found[^]*SCBENCH_KNOWLEDGE/);
    expect((await loadKnowledge({ species: 'human', root, go: false })).genes.genes.length).toBeGreaterThan(0);
    const full = writeMiniKnowledge();
    rmSync(join(full, 'Homo_sapiens.gene_info.tsv'));
    await expect(loadKnowledge({ species: 'mouse', root: full })).rejects.toThrow(/Homo_sapiens.gene_info.tsv not found/);
  });

  it('clearKnowledgeCache forces a re-read', async () => {
    const root = writeMiniKnowledge();
    const a = await loadKnowledge({ species: 'human', root });
    clearKnowledgeCache();
    const b = await loadKnowledge({ species: 'human', root });
    expect(b).not.toBe(a);
    expect(b.genes.genes.length).toBe(a.genes.genes.length);
  });

  it('an unknown species is an error listing the supported ones', async () => {
    await expect(loadKnowledge({ species: 'zebrafish', root: writeMiniKnowledge() })).rejects.toThrow(/unknown species "zebrafish"; supported: .*worm/);
  });
});
