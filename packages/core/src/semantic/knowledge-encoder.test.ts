import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Dataset, Matrix } from '@scbench/api';
import { KnowledgeError } from '@scbench/knowledge';
import { encoderFor, parseEncoderSpec } from './encoder-choice.ts';
import { knowledgeDescriber } from './gene-descriptions.ts';
import { geneEmbeddings } from './gene-embeddings.ts';
import { FIXTURE_HUMAN, writeKnowledgeFixture } from './knowledge-fixture.ts';
import { clearKnowledgeModels, KNOWLEDGE_DIMS, knowledgeEncoder, MODEL_VERSION, type KnowledgeEncoderName } from './knowledge-encoder.ts';
import { semanticView } from './semantic-view.ts';

const root = writeKnowledgeFixture();
const humanGenes = FIXTURE_HUMAN.map(([, s]) => s);

function dataset(genes: readonly string[], species = 'Homo sapiens'): Dataset & { genes: readonly string[] } {
  const cells = 6;
  const data = new Float32Array(cells * genes.length);
  for (let i = 0; i < cells; i++) for (let j = 0; j < genes.length; j++) data[i * genes.length + j] = ((i * 7 + j * 3) % 5) + (j % 3 === i % 3 ? 10 : 0);
  return { id: `toy-${species}`, counts: { rows: cells, cols: genes.length, data }, valueType: 'raw counts', genes, species, nClusters: 2 };
}

async function vectors(name: KnowledgeEncoderName, genes: readonly string[], species?: string, modelDir: string | null = null) {
  const encoder = await knowledgeEncoder(name, { root, modelDir });
  return geneEmbeddings(dataset(genes, species), { encoder, describer: knowledgeDescriber({ root }) });
}

const rowOf = (m: Matrix, j: number): Float32Array => m.data.subarray(j * m.cols, (j + 1) * m.cols);
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, c) => s + v * b[c], 0);

describe('gene-knowledge encoders', () => {
  it('are encoder values, refused by name when misspelt', () => {
    expect(parseEncoderSpec('go-svd')).toEqual({ kind: 'knowledge', model: 'go-svd' });
    expect(parseEncoderSpec(' go-lsa ')).toEqual({ kind: 'knowledge', model: 'go-lsa' });
    expect(() => parseEncoderSpec('go_svd', 'genept-w')).toThrow(/genept-w: encoder 'go_svd' is not one of .*'go-svd', 'lsa' or 'go-lsa'/);
  });

  it.each(['go-svd', 'lsa', 'go-lsa'] as const)('%s: the same tables give identical vectors, fitted afresh or loaded from the store', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'scbench-knowledge-models-'));
    clearKnowledgeModels();
    const a = await vectors(name, humanGenes, undefined, dir);
    expect(readdirSync(dir).length).toBe(name === 'go-lsa' ? 2 : 1);
    clearKnowledgeModels();
    const b = await vectors(name, humanGenes, undefined, null); // refitted in memory
    clearKnowledgeModels();
    const c = await vectors(name, humanGenes, undefined, dir); // read back from the store
    expect(b.matrix.data).toEqual(a.matrix.data);
    expect(c.matrix.data).toEqual(a.matrix.data);
    expect(a.matrix.cols).toBe(name === 'go-lsa' ? 2 * KNOWLEDGE_DIMS : KNOWLEDGE_DIMS);
    // Every known gene has a unit vector; the fixture's genes all have knowledge.
    expect(a.knownCount).toBe(humanGenes.length);
    for (let j = 0; j < humanGenes.length; j++) expect(Math.sqrt(dot(rowOf(a.matrix, j), rowOf(a.matrix, j)))).toBeCloseTo(1, 5);
  });

  it.each(['go-svd', 'lsa', 'go-lsa'] as const)('%s: INS is closer to GCG than to CD3E', async (name) => {
    const v = await vectors(name, ['INS', 'GCG', 'CD3E']);
    expect(dot(rowOf(v.matrix, 0), rowOf(v.matrix, 1))).toBeGreaterThan(dot(rowOf(v.matrix, 0), rowOf(v.matrix, 2)) + 0.2);
  });

  it('carries human GO knowledge to mouse genes through orthologs; a gene without one has a zero row', async () => {
    const human = await vectors('go-svd', ['INS', 'CD3E']);
    const mouse = await vectors('go-svd', ['Ins1', 'Cd3e', 'Orphan1', 'NotAGene'], 'Mus musculus');
    expect(rowOf(mouse.matrix, 0)).toEqual(rowOf(human.matrix, 0));
    expect(rowOf(mouse.matrix, 1)).toEqual(rowOf(human.matrix, 1));
    expect(Array.from(mouse.known)).toEqual([1, 1, 0, 0]);
    expect(rowOf(mouse.matrix, 2).every((x) => x === 0)).toBe(true);
  });

  it('put their id, with model version and knowledge hash, into every cache key, one per encoder', async () => {
    const keys: string[] = [];
    const cache = async <T>(key: string, make: () => Promise<T>): Promise<T> => {
      keys.push(key);
      return make();
    };
    const ids = new Set<string>();
    for (const name of ['go-svd', 'lsa', 'go-lsa'] as const) {
      const encoder = await knowledgeEncoder(name, { root, modelDir: null });
      ids.add(encoder.id);
      expect(encoder.id).toContain(`-${MODEL_VERSION}-`);
      await geneEmbeddings(dataset(humanGenes), { encoder, describer: knowledgeDescriber({ root }), cache });
    }
    expect(ids.size).toBe(3);
    expect(new Set(keys).size).toBe(3);
    keys.forEach((k, i) => expect(k).toContain([...ids][i]));
  });

  it('name the missing table and the fix when the knowledge folder lacks one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'scbench-no-knowledge-'));
    const err = await knowledgeEncoder('go-svd', { root: empty }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KnowledgeError);
    expect(String(err)).toMatch(/gene_info.* not found[\s\S]*fix: .*SCBENCH_KNOWLEDGE/);
    await expect(knowledgeEncoder('lsa', { root: join(empty, 'nope') })).rejects.toThrow(/knowledge folder not found/);
  });

  it('refuse text input for the GO models; lsa folds texts in', async () => {
    const go = await knowledgeEncoder('go-svd', { root, modelDir: null });
    await expect(go.embed(['insulin'])).rejects.toThrow(/embeds genes .*not texts/);
    const lsa = await knowledgeEncoder('lsa', { root, modelDir: null });
    const m = await lsa.embed(['peptide hormone secreted by pancreatic cells', 'qqq']);
    expect(dot(rowOf(m, 0), rowOf(m, 0))).toBeCloseTo(1, 5);
    expect(rowOf(m, 1).every((x) => x === 0)).toBe(true);
  });

  it('build both paths of the semantic view from gene vectors, and geneVectors=random removes the knowledge from both', async () => {
    const encoder = await knowledgeEncoder('go-svd', { root, modelDir: null });
    const d = dataset(humanGenes);
    const describer = knowledgeDescriber({ root });
    const v = await semanticView(d, {}, { encoder, describer });
    expect(v.z.cols).toBe(KNOWLEDGE_DIMS);
    expect(v.info.semanticSentence).toBe('rank-mean of gene vectors');
    const sentenceOnly = await semanticView(d, { paths: 'sentence' }, { encoder, describer });
    expect(sentenceOnly.info.semanticGenesWithEmbedding).toBe(humanGenes.length);
    const r = await semanticView(d, { geneVectors: 'random' }, { encoder, describer });
    expect(r.z.data).not.toEqual(v.z.data);
    // Under 'random' neither path depends on the model: another encoder's random view is the same when the known
    // genes and the width agree.
    const lsa = await knowledgeEncoder('lsa', { root, modelDir: null });
    const r2 = await semanticView(d, { geneVectors: 'random' }, { encoder: lsa, describer });
    expect(r2.z.data).toEqual(r.z.data);
    await expect(semanticView(d, { sentence: 'paper' }, { encoder, describer })).rejects.toThrow(/needs a sentence encoder/);
  });

  // The bundled NCBI tables (../shared/knowledge or $SCBENCH_KNOWLEDGE), as the runs use them: fitted once per machine
  // into $SCBENCH_CACHE/knowledge (tools/bench/knowledge: tens of seconds), read back afterwards.
  it('go-svd on the NCBI tables: INS is closer to GCG than to CD3E, through encoderFor', async () => {
    const encoder = await encoderFor('go-svd');
    expect(await encoderFor('go-svd')).toBe(encoder);
    const d = { ...dataset(['INS', 'GCG', 'CD3E']), id: 'islet-vs-tcell' };
    const v = await geneEmbeddings(d, { encoder, describer: knowledgeDescriber() });
    expect(Array.from(v.known)).toEqual([1, 1, 1]);
    const [ins, gcg, cd3e] = [0, 1, 2].map((j) => rowOf(v.matrix, j));
    // measured 2026-12-06: 0.66 vs 0.26 (lsa, tools/bench/knowledge: 0.64 vs 0.41)
    expect(dot(ins, gcg)).toBeGreaterThan(dot(ins, cd3e) + 0.2);
  }, 240_000);
});
