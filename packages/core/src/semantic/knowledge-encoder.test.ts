import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Dataset, Matrix } from '@scbench/api';
import { KNOWLEDGE_ENV, KnowledgeError } from '@scbench/knowledge';
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

  it.each(['go-svd', 'lsa', 'go-lsa'] as const)('%s: a copy of the tables in another folder gives the same id and the same vector bytes', async (name) => {
    const copy = mkdtempSync(join(tmpdir(), 'scbench-knowledge-copy-'));
    cpSync(root, copy, { recursive: true });
    const bytes = (m: Matrix): string => createHash('sha256').update(new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength)).digest('hex');
    clearKnowledgeModels();
    const [a, b] = [await knowledgeEncoder(name, { root, modelDir: null }), await knowledgeEncoder(name, { root: copy, modelDir: null })];
    expect(b.id).toBe(a.id);
    const d = dataset(humanGenes);
    const va = await geneEmbeddings(d, { encoder: a, describer: knowledgeDescriber({ root }) });
    const vb = await geneEmbeddings(d, { encoder: b, describer: knowledgeDescriber({ root: copy }) });
    expect(bytes(vb.matrix)).toBe(bytes(va.matrix));
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

  it('change their id, and so every cache key, when a table they learn from changes, and only then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scbench-knowledge-edit-'));
    cpSync(root, dir, { recursive: true });
    const ids = async () => Object.fromEntries(await Promise.all((['go-svd', 'lsa', 'go-lsa'] as const).map(async (n) => [n, (await knowledgeEncoder(n, { root: dir, modelDir: null })).id])));
    const keyOf = async (name: KnowledgeEncoderName): Promise<string> => {
      let key = '';
      const encoder = await knowledgeEncoder(name, { root: dir, modelDir: null });
      await geneEmbeddings(dataset(humanGenes), { encoder, describer: knowledgeDescriber({ root: dir }), cache: async (k, make) => ((key = k), make()) });
      return key;
    };
    const before = await ids();
    const keyBefore = await keyOf('go-svd');
    appendFileSync(join(dir, 'gene_summaries.tsv'), '9606\t7157\tREVIEWED REFSEQ\tNM_000546.6\tA second summary line.\n');
    const afterSummaries = await ids();
    expect(afterSummaries['go-svd']).toBe(before['go-svd']); // go-svd does not read the summaries
    expect(afterSummaries.lsa).not.toBe(before.lsa);
    expect(afterSummaries['go-lsa']).not.toBe(before['go-lsa']);
    appendFileSync(join(dir, 'gene2go.tsv'), '9606\t60\tGO:0005576\tIDA\t-\tterm\t-\tComponent\n');
    const afterGo = await ids();
    for (const n of ['go-svd', 'lsa', 'go-lsa']) expect(afterGo[n]).not.toBe(afterSummaries[n]);
    const keyAfter = await keyOf('go-svd');
    expect(keyAfter).not.toBe(keyBefore);
    expect(keyAfter).toContain(afterGo['go-svd']);
  });

  it('name the missing table and the fix when the knowledge folder lacks one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'scbench-no-knowledge-'));
    const err = await knowledgeEncoder('go-svd', { root: empty }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KnowledgeError);
    expect(String(err)).toMatch(/gene_info.* not found[\s\S]*fix: .*SCBENCH_KNOWLEDGE/);
    await expect(knowledgeEncoder('lsa', { root: join(empty, 'nope') })).rejects.toThrow(/knowledge folder not found/);
  });

  it('name gene2go (or the summaries) with its path and the fix when a folder lacks it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scbench-knowledge-partial-'));
    cpSync(root, dir, { recursive: true });
    rmSync(join(dir, 'gene_summaries.tsv'));
    await expect(knowledgeEncoder('go-svd', { root: dir, modelDir: null })).resolves.toBeDefined(); // needs no summaries
    const noSummaries = await knowledgeEncoder('lsa', { root: dir }).catch((e: unknown) => e);
    expect(noSummaries).toBeInstanceOf(KnowledgeError);
    expect((noSummaries as KnowledgeError).file).toBe(join(dir, 'gene_summaries.tsv'));
    rmSync(join(dir, 'gene2go.tsv'));
    for (const name of ['go-svd', 'lsa', 'go-lsa'] as const) {
      const err = await knowledgeEncoder(name, { root: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KnowledgeError);
      expect((err as KnowledgeError).file).toBe(join(dir, 'gene2go.tsv'));
      expect(String(err)).toContain(`file: ${join(dir, 'gene2go.tsv')}`);
      expect(String(err)).toMatch(/fix: +put the file in .*gene2go\.gz.*or set SCBENCH_KNOWLEDGE/);
    }
  });

  it(`name $${KNOWLEDGE_ENV} and the folder it points to when that folder does not exist`, async () => {
    const saved = process.env[KNOWLEDGE_ENV];
    const missing = join(tmpdir(), 'scbench-no-such-knowledge-folder');
    process.env[KNOWLEDGE_ENV] = missing;
    try {
      const err = await knowledgeEncoder('go-svd').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KnowledgeError);
      expect((err as KnowledgeError).file).toBe(missing);
      expect(String(err)).toMatch(/knowledge folder not found \(from \$SCBENCH_KNOWLEDGE\)[\s\S]*fix: +set SCBENCH_KNOWLEDGE to a folder holding the gene tables/);
    } finally {
      if (saved === undefined) delete process.env[KNOWLEDGE_ENV];
      else process.env[KNOWLEDGE_ENV] = saved;
    }
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
