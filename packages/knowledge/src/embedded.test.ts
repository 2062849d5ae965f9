// The embedded extract (datasets/embedded/knowledge, tools/data/embed-knowledge.ts) must describe the embedded
// datasets' genes exactly as the full NCBI tables do, so the default grid's text view is the real one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import h5wasm from 'h5wasm/node';
import { describeGene } from './describe.ts';
import { defaultKnowledgeRoot, embeddedKnowledgeRoot } from './files.ts';
import { loadKnowledge } from './knowledge-base.ts';
import { resolveGenes } from './resolve.ts';
import { loadTemplate } from './template.ts';

const wangFile = join(embeddedKnowledgeRoot(), '..', 'h5', 'wang_pancreas.h5');
const full = process.env.SCBENCH_KNOWLEDGE ?? defaultKnowledgeRoot();

async function wangGenes(): Promise<string[]> {
  await h5wasm.ready;
  const f = new h5wasm.File(wangFile, 'r');
  try {
    return (f.get('gene_names') as InstanceType<typeof h5wasm.Dataset>).value as string[];
  } finally {
    f.close();
  }
}

describe('embedded knowledge extract', () => {
  it('holds the three tables a human dataset needs', () => {
    for (const t of ['Homo_sapiens.gene_info.tsv', 'gene2go.tsv', 'gene_summaries.tsv']) expect(existsSync(join(embeddedKnowledgeRoot(), t))).toBe(true);
  });
  (existsSync(full) ? it : it.skip)('describes every wang_pancreas gene as the full tables do', async () => {
    const genes = await wangGenes();
    expect(genes).toHaveLength(219);
    const template = loadTemplate('default');
    const texts = async (root: string) => {
      const kb = await loadKnowledge({ species: 'Homo sapiens', root });
      return resolveGenes(genes, 'Homo sapiens', kb).resolved.map((ref) => (ref ? describeGene(ref, kb, template) : null));
    };
    const [a, b] = [await texts(embeddedKnowledgeRoot()), await texts(full)];
    expect(a.filter((t) => t !== null).length).toBeGreaterThan(200);
    expect(a).toEqual(b);
  });
});
