// Dataset genes → a genes × dim matrix of description embeddings (METHODS.md §3.2), plus a mask of the genes that
// have one. Genes without a description get a zero row and known = 0; they are counted, never silently used.
//
// Fidelity: the original embedded one description per dataset gene with text-embedding-3-small, so a GeneID that two
// dataset columns resolve to was embedded twice; here identical texts are embedded once (same vectors either way).
import type { Dataset, Matrix } from '@scbench/api';
import type { TextEncoder } from '@scbench/text-encoder';
import { embedTexts, hashTexts, noCache, type CacheFn } from './embed-texts.ts';
import { isGeneKnowledgeEncoder, type GeneKnowledgeEncoder } from './knowledge-encoder.ts';
import type { GeneDescriber, GeneDescriptions } from './gene-descriptions.ts';

export interface GeneEmbeddings {
  /** genes × encoder.dim; zero rows where known[j] = 0. */
  readonly matrix: Matrix;
  /** 1 where gene j has a description embedding. */
  readonly known: Uint8Array;
  readonly knownCount: number;
  readonly descriptions: GeneDescriptions;
  /** Descriptions sent to the encoder by this call (0 when the cache had them). */
  readonly encoded: number;
}

export interface GeneEmbeddingDeps {
  readonly encoder: TextEncoder;
  readonly describer: GeneDescriber;
  readonly cache?: CacheFn;
  readonly progress?: (stage: string, done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export async function geneEmbeddings(dataset: Dataset & { readonly genes: readonly string[] }, deps: GeneEmbeddingDeps): Promise<GeneEmbeddings> {
  const descriptions = await deps.describer.describe(dataset);
  const nGenes = dataset.genes.length;
  if (descriptions.texts.length !== nGenes) {
    throw new Error(`describer returned ${descriptions.texts.length} descriptions for ${nGenes} genes of ${dataset.id}`);
  }
  if (isGeneKnowledgeEncoder(deps.encoder)) return knowledgeEmbeddings(descriptions, deps.encoder, deps.cache ?? noCache);
  const known = new Uint8Array(nGenes);
  const present: string[] = [];
  const columns: number[] = [];
  descriptions.texts.forEach((t, j) => {
    if (t === null || t === '') return;
    known[j] = 1;
    present.push(t);
    columns.push(j);
  });
  const out = await embedTexts(present, deps.encoder, {
    label: 'gene descriptions',
    ...(deps.cache ? { cache: deps.cache } : {}),
    ...(deps.progress ? { progress: deps.progress } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const d = out.matrix.cols;
  const data = new Float32Array(nGenes * d);
  columns.forEach((j, r) => data.set(out.matrix.data.subarray(r * d, r * d + d), j * d));
  return { matrix: { rows: nGenes, cols: d, data }, known, knownCount: columns.length, descriptions, encoded: out.encoded };
}

/**
 * Gene vectors from a gene-knowledge encoder, behind the same ctx.cache: keyed by the encoder id (model version and
 * knowledge hash) and the genes' exact knowledge (description texts and GO ids), so a re-run does not even load the
 * model. Known genes are the non-zero rows (the encoder gives known genes unit vectors).
 */
async function knowledgeEmbeddings(descriptions: GeneDescriptions, encoder: GeneKnowledgeEncoder, cache: CacheFn): Promise<GeneEmbeddings> {
  const keyParts = descriptions.texts.map((t, j) => `${t ?? '\0'}\t${descriptions.go?.[j]?.join(',') ?? ''}`);
  const key = `scbench/semantic/gene knowledge/${encoder.id}/${keyParts.length}/${hashTexts(keyParts)}`;
  let encoded = 0;
  const matrix: Matrix = await cache(key, async () => {
    const v = await encoder.embedGenes(descriptions);
    encoded = v.knownCount;
    return { rows: v.matrix.rows, cols: v.matrix.cols, data: Float32Array.from(v.matrix.data) };
  });
  const known = new Uint8Array(matrix.rows);
  let knownCount = 0;
  for (let j = 0; j < matrix.rows; j++) {
    for (let c = 0; c < matrix.cols; c++) {
      if (matrix.data[j * matrix.cols + c] !== 0) {
        known[j] = 1;
        knownCount++;
        break;
      }
    }
  }
  return { matrix, known, knownCount, descriptions, encoded };
}
