import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { rankOrthologs, readOrthologs } from './orthologs.ts';
import { writeMiniKnowledge, writeTemp } from './testing.ts';

describe('readOrthologs', () => {
  it('maps species genes to human genes, best support first, ties to the lowest human GeneID', async () => {
    const dir = writeMiniKnowledge();
    const m = await readOrthologs(join(dir, 'gene_orthologs.tsv'), 10090, join(dir, 'gene_orthologs_support.tsv'));
    expect(m.get(12504)!.map((l) => [l.humanGeneId, l.supportN])).toEqual([[920, 12], [7, 3]]);
    expect(m.get(200)!.map((l) => [l.humanGeneId, l.supportN])).toEqual([[2, 5], [3, 5]]);
    expect(m.get(12504)![0].support).toHaveLength(12);
    expect(m.has(40)).toBe(false); // fly genes are not read for mouse
  });

  it('works without the support table (a real NCBI download): lowest human GeneID first', async () => {
    const dir = writeMiniKnowledge({ noSupport: true });
    const m = await readOrthologs(join(dir, 'gene_orthologs.tsv'), 10090, null);
    expect(m.get(12504)!.map((l) => [l.humanGeneId, l.supportN])).toEqual([[7, null], [920, null]]);
  });

  it('reads pairs in either direction and ignores other relationships', async () => {
    const p = writeTemp(
      'gene_orthologs',
      '#tax_id\tGeneID\trelationship\tOther_tax_id\tOther_GeneID\n10090\t12504\tOrtholog\t9606\t920\n9606\t920\tParalog\t10090\t99\n7955\t1\tOrtholog\t9606\t920\n',
    );
    const m = await readOrthologs(p, 10090, null);
    expect([...m.keys()]).toEqual([12504]);
    expect(m.get(12504)![0].humanGeneId).toBe(920);
  });
});

describe('rankOrthologs', () => {
  it('orders by support, then GeneID', () => {
    const r = rankOrthologs([
      { humanGeneId: 9, supportN: 4, support: [] },
      { humanGeneId: 3, supportN: 2, support: [] },
      { humanGeneId: 5, supportN: 4, support: [] },
    ]);
    expect(r.map((l) => l.humanGeneId)).toEqual([5, 9, 3]);
  });
});
