// Gene-knowledge encoders: gene vectors learned offline from the NCBI tables themselves, instead of a sentence
// encoder reading the gene descriptions. Each is a value of the `encoder` parameter (encoder-choice.ts):
//   'go-svd'  the human gene × GO-term matrix from gene2go (a gene's distinct GO ids, every evidence code), TF-IDF
//             weighted (so rare, specific terms count more than "protein binding"), factorised by truncated SVD.
//             GO terms are taken as annotated: the GO graph is not in the knowledge folder, so ancestors are not
//             propagated.
//   'lsa'     summary LSA: TF-IDF of the words of each human gene's description text under the 'default' prompt
//             template (the text USE-lite reads: name, type, two summary sentences, top GO terms, aliases),
//             factorised by truncated SVD.
//   'go-lsa'  both, each gene's two vectors scaled to unit length and concatenated (a gene with only one kind of
//             knowledge has a zero block).
// The models are fitted on every human gene that has the knowledge (tfidf-svd.ts), deterministically, in seconds,
// once per process. A dataset gene gets the fold-in of its own GO ids / description text; mouse, worm and fly genes
// carry their best human ortholog's GO terms and summary as the describer already borrows them (gene-facts.ts). Every
// gene vector has unit length; a gene with no knowledge (unresolved, or none of its terms/words in the model) has a
// zero row and known = 0, exactly as genes without a description under a sentence encoder.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Matrix } from '@scbench/api';
import {
  formatFacts,
  geneFacts,
  HUMAN,
  knowledgeRoot,
  loadKnowledge,
  loadTemplate,
  requireTable,
  templateKey,
  type GeneRef,
  type KnowledgeBase,
} from '@scbench/knowledge';
import type { TextEncoder } from '@scbench/text-encoder';
import type { GeneDescriptions } from './gene-descriptions.ts';
import { defaultModelDir, storedModel } from './knowledge-model-store.ts';
import { fitTfidfSvd, foldIn, wordTokens, type TfidfSvdModel } from './tfidf-svd.ts';

export const KNOWLEDGE_ENCODERS = ['go-svd', 'lsa', 'go-lsa'] as const;
export type KnowledgeEncoderName = (typeof KNOWLEDGE_ENCODERS)[number];

/** Latent dimensions of each model (go-lsa: twice this). Bumping it or the fitting changes `MODEL_VERSION`. */
export const KNOWLEDGE_DIMS = 128;
/** Part of every id (and so of every cache key): bump on any change to what the models compute. */
export const MODEL_VERSION = 'v1';
/** Randomized SVD power iterations: the QR steps dominate the fit (see tools/bench/knowledge). */
const POWER_ITERATIONS = 2;
/** The LSA corpus is built with this template, whatever template a run's descriptions use. */
const LSA_TEMPLATE = 'default';

export interface GeneKnowledgeVectors {
  /** genes × dim, unit rows; zero rows where known[j] = 0. */
  readonly matrix: Matrix;
  readonly known: Uint8Array;
  readonly knownCount: number;
}

/**
 * A TextEncoder whose unit is the gene: the semantic view asks it for gene vectors (`embedGenes`) instead of embedding
 * description texts, and builds the cell-sentence path from those vectors (rank-mean-path.ts). `embed(texts)` folds
 * texts into the LSA space ('lsa'); the GO models have no text input and refuse.
 */
export interface GeneKnowledgeEncoder extends TextEncoder {
  readonly knowledgeModel: KnowledgeEncoderName;
  embedGenes(descriptions: GeneDescriptions): Promise<GeneKnowledgeVectors>;
}

export function isGeneKnowledgeEncoder(e: TextEncoder): e is GeneKnowledgeEncoder {
  return typeof (e as Partial<GeneKnowledgeEncoder>).embedGenes === 'function';
}

export interface KnowledgeEncoderOptions {
  /** Knowledge folder (default $SCBENCH_KNOWLEDGE, else <repo>/../shared/knowledge). */
  readonly root?: string;
  /** Where fitted models are kept between processes (default $SCBENCH_CACHE/knowledge); null: fit in memory only. */
  readonly modelDir?: string | null;
}

const fitted = new Map<string, Promise<TfidfSvdModel>>();

/** Forget the models fitted or loaded by this process (tests, benchmarks). */
export function clearKnowledgeModels(): void {
  fitted.clear();
}

/** sha256 (12 hex) over the tables' bytes: the id changes when the knowledge does. */
async function fingerprint(paths: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  for (const p of paths) {
    h.update(`${p.split('/').pop()}\0`);
    for await (const chunk of createReadStream(p)) h.update(chunk as Buffer);
  }
  return h.digest('hex').slice(0, 12);
}

function humanRef(gene: KnowledgeBase['human']['genes'][number]): GeneRef {
  return { query: gene.symbol, matched: gene.symbol, via: 'symbol', repaired: false, fromId: false, gene, ortholog: null };
}

/** GO-SVD: the distinct GO ids of every annotated human gene. */
async function fitGo(root: string): Promise<TfidfSvdModel> {
  const kb = await loadKnowledge({ species: HUMAN, root, summaries: false });
  const go = kb.go.get(HUMAN.taxId);
  const docs: string[][] = [];
  for (const gene of kb.human.genes) {
    const annotations = go?.get(gene.geneId) ?? [];
    if (annotations.length > 0) docs.push([...new Set(annotations.map((a) => a.goId))]);
  }
  return fitTfidfSvd(docs, { dims: KNOWLEDGE_DIMS, minDf: 2, powerIterations: POWER_ITERATIONS });
}

/** Summary LSA: the description words of every human gene with a summary or GO terms. */
async function fitLsa(root: string): Promise<TfidfSvdModel> {
  const kb = await loadKnowledge({ species: HUMAN, root });
  const go = kb.go.get(HUMAN.taxId);
  const summaries = kb.summaries.get(HUMAN.taxId);
  const template = loadTemplate(LSA_TEMPLATE);
  const docs: string[][] = [];
  for (const gene of kb.human.genes) {
    if ((go?.get(gene.geneId)?.length ?? 0) > 0 || summaries?.has(gene.geneId)) {
      docs.push(wordTokens(formatFacts(geneFacts(humanRef(gene), kb), template)));
    }
  }
  return fitTfidfSvd(docs, { dims: KNOWLEDGE_DIMS, minDf: 3, powerIterations: POWER_ITERATIONS });
}

/** Writes `v` scaled to unit length at `out[offset…]`; false (and nothing written) for a zero vector. */
function putUnit(v: Float32Array, out: Float32Array, offset: number): boolean {
  let s = 0;
  for (let c = 0; c < v.length; c++) s += v[c] * v[c];
  if (!(s > 1e-20)) return false;
  const inv = 1 / Math.sqrt(s);
  for (let c = 0; c < v.length; c++) out[offset + c] = v[c] * inv;
  return true;
}

/**
 * The encoder `name` over the knowledge folder. Checks up front that the tables it learns from exist (a
 * KnowledgeError naming the missing file and the fix); fits lazily, on the first `embedGenes`.
 */
export async function knowledgeEncoder(name: KnowledgeEncoderName, options: KnowledgeEncoderOptions = {}): Promise<GeneKnowledgeEncoder> {
  if (!KNOWLEDGE_ENCODERS.includes(name)) throw new Error(`knowledgeEncoder: '${String(name)}' is not one of ${KNOWLEDGE_ENCODERS.join(', ')}`);
  const root = knowledgeRoot(options.root);
  const dir = options.modelDir === undefined ? defaultModelDir() : options.modelDir;
  const infoPath = requireTable(root, 'gene_info', HUMAN);
  const goPath = requireTable(root, 'gene2go');
  // The LSA corpus text holds GO terms too (the template prints them), so both models read gene2go.
  const summaryPath = name === 'go-svd' ? null : requireTable(root, 'gene_summaries');
  const goId = name === 'lsa' ? null : `go-svd-${MODEL_VERSION}-d${KNOWLEDGE_DIMS}@${await fingerprint([infoPath, goPath])}`;
  const lsaId = summaryPath === null ? null
    : `lsa-${MODEL_VERSION}-d${KNOWLEDGE_DIMS}@${await fingerprint([infoPath, goPath, summaryPath])},${templateKey(loadTemplate(LSA_TEMPLATE))}`;
  const dim = name === 'go-lsa' ? 2 * KNOWLEDGE_DIMS : KNOWLEDGE_DIMS;
  const id = name === 'go-lsa' ? `go-lsa(${goId}+${lsaId})` : (goId ?? lsaId)!;
  const model = (modelId: string | null, fit: (root: string) => Promise<TfidfSvdModel>): Promise<TfidfSvdModel | null> => {
    if (modelId === null) return Promise.resolve(null);
    const key = `${root}|${modelId}`;
    let p = fitted.get(key);
    if (!p) {
      p = storedModel(dir, modelId, () => fit(root));
      fitted.set(key, p);
      p.catch(() => fitted.delete(key));
    }
    return p;
  };
  const models = async () => ({ go: await model(goId, fitGo), lsa: await model(lsaId, fitLsa) });
  return {
    id,
    dim,
    knowledgeModel: name,
    async embed(texts) {
      if (name !== 'lsa') throw new Error(`encoder '${name}' embeds genes (their GO terms), not texts; use it as the semantic view's encoder`);
      const m = (await models()).lsa!;
      const data = new Float32Array(texts.length * dim);
      texts.forEach((t, i) => putUnit(foldIn(m, wordTokens(t)), data, i * dim));
      return { rows: texts.length, cols: dim, data };
    },
    async embedGenes(d) {
      const { go, lsa } = await models();
      const n = d.texts.length;
      if (go && !d.go) throw new Error(`encoder '${name}' needs each gene's GO ids, and the describer (${d.source}) gave none`);
      if (go && d.go!.length !== n) throw new Error(`encoder '${name}': ${d.go!.length} GO lists for ${n} genes`);
      const data = new Float32Array(n * dim);
      const known = new Uint8Array(n);
      let knownCount = 0;
      for (let j = 0; j < n; j++) {
        if (d.texts[j] === null) continue; // unresolved, ambiguous or spike-in: no knowledge, as for sentence encoders
        const hasGo = go !== null && putUnit(foldIn(go, d.go![j] ?? []), data, j * dim);
        const hasLsa = lsa !== null && putUnit(foldIn(lsa, wordTokens(d.texts[j]!)), data, j * dim + (go ? KNOWLEDGE_DIMS : 0));
        // go-lsa: two unit blocks make a vector of length √2; scale it back to unit length.
        if (hasGo && hasLsa) for (let c = 0; c < dim; c++) data[j * dim + c] *= Math.SQRT1_2;
        if (hasGo || hasLsa) {
          known[j] = 1;
          knownCount++;
        }
      }
      return { matrix: { rows: n, cols: dim, data }, known, knownCount };
    },
  };
}
