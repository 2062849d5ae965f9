// The semantic view of scLLM-DSC (METHODS.md §3.1–3.5): per cell, the top-K expressed genes; path 1 = an
// expression-weighted combination of the genes' description embeddings; path 2 = the embedding of the cell's genes
// written as a sentence in rank order; Z = ω·Z⁽¹⁾ + (1−ω)·Z⁽²⁾.
//
// Every switch is a plain option. The defaults are the corrected pipeline; the 'paper' values reproduce the original:
//   weighting 'paper'  stored values, int()-truncated, summed without division (§3.4)
//   sentence  'paper'  "SYMBOL:value" text, 8000-character chunks averaged (§3.3)
//   normalise false    raw paths added (§3.5)
//   template  'paper'  the original description fields, Organism twice (§3.2)
//   topK 2048          as the original
// The encoder, the cache and the knowledge source are injected, so the view runs with a fake encoder in tests and
// with the cached bundled encoder in methods.
import type { Dataset, Matrix, ParamValue } from '@scbench/api';
import type { Coverage } from '@scbench/knowledge';
import type { TextEncoder } from '@scbench/text-encoder';
import type { CacheFn } from './embed-texts.ts';
import { SemanticViewError } from './errors.ts';
import { normalisedWeights, weightTransform } from './expression-weights.ts';
import { l2NormalizeRows } from '@scbench/numerics';
import { fuse } from './fuse.ts';
import { geneEmbeddings } from './gene-embeddings.ts';
import { GENE_VECTORS, geneVectors, type GeneVectors } from './gene-vectors.ts';
import { datasetSpecies, knowledgeDescriber, type GeneDescriber } from './gene-descriptions.ts';
import { isGeneKnowledgeEncoder } from './knowledge-encoder.ts';
import { rankMeanPath } from './rank-mean-path.ts';
import { sentencePath, type SentenceMode } from './sentence-path.ts';
import { topGenes } from './top-genes.ts';
import { weightedPath, type Weighting } from './weighted-path.ts';

export interface SemanticOptions {
  /** Genes kept per cell, highest expression first (default 2048, the original's); ≤ 0 keeps every expressed gene. */
  readonly topK: number;
  /** Share of path 1 in the fusion (default 0.5). */
  readonly omega: number;
  readonly weighting: Weighting;
  readonly sentence: SentenceMode;
  /** L2-normalise each path's rows before fusing (default true; the original: false). */
  readonly normalise: boolean;
  readonly paths: 'both' | 'weighted' | 'sentence';
  /** Description template: 'default', 'paper', or a path to a template .json. */
  readonly template: string;
  /** Text before the gene names in 'names' sentences (GenePT-s: "A cell with genes ranked by expression: "). */
  readonly sentencePrefix: string;
  /** What path 1 sums per gene: the encoder's embeddings as they are, whitened, or a random control (gene-vectors.ts). */
  readonly geneVectors: GeneVectors;
}

export const SEMANTIC_DEFAULTS: SemanticOptions = {
  topK: 2048,
  omega: 0.5,
  weighting: 'mean',
  sentence: 'names',
  normalise: true,
  paths: 'both',
  template: 'default',
  sentencePrefix: '',
  geneVectors: 'encoder',
};

/** Everything the original switches to when asked for the paper's semantic view. */
export const SEMANTIC_PAPER: SemanticOptions = {
  ...SEMANTIC_DEFAULTS,
  weighting: 'paper',
  sentence: 'paper',
  normalise: false,
  template: 'paper',
};

export interface SemanticDeps {
  readonly encoder: TextEncoder;
  /** ctx.cache in methods: a second run with the same inputs encodes nothing. */
  readonly cache?: CacheFn;
  /** Default: the bundled NCBI knowledge with `options.template`. */
  readonly describer?: GeneDescriber;
  readonly progress?: (stage: string, done: number, total: number) => void;
  readonly log?: (event: string, values?: Record<string, number>) => void;
  readonly signal?: AbortSignal;
}

export interface SemanticCoverage {
  /** Name resolution against the knowledge base (@scbench/knowledge's record). */
  readonly genes: Coverage;
  /** Dataset genes that have a description embedding. */
  readonly genesWithEmbedding: number;
  readonly unknownExamples: readonly string[];
  readonly cells: number;
  /** Cells with no expressed (selectable) gene at all. */
  readonly cellsWithoutGenes: number;
  /** Cells none of whose top-K genes has an embedding: path-1 rows are zero (0 when path 1 is off). */
  readonly cellsWithoutKnownGenes: number;
  /** Paper weighting only: cells whose known genes all truncate to weight 0 (zero rows, as in the original). */
  readonly cellsWithZeroWeight: number;
  /** Mean genes selected per cell, and how many of them have an embedding. */
  readonly meanTopGenes: number;
  readonly meanKnownTopGenes: number;
}

export interface SemanticView {
  /** The fused view (or the one path asked for), cells × encoder.dim. */
  readonly z: Matrix;
  readonly z1: Matrix | null;
  readonly z2: Matrix | null;
  readonly coverage: SemanticCoverage;
  /** Flat facts for records (Clustering.info): coverage, encoder, template, cache behaviour, warnings. */
  readonly info: Record<string, ParamValue>;
}

function checkOptions(o: SemanticOptions): void {
  if (!Number.isInteger(o.topK)) throw new Error(`semanticView: topK must be an integer, got ${o.topK}`);
  if (!(o.omega >= 0 && o.omega <= 1)) throw new Error(`semanticView: omega must be in [0, 1], got ${o.omega}`);
  if (o.weighting !== 'mean' && o.weighting !== 'paper') throw new Error(`semanticView: weighting must be 'mean' or 'paper', got '${o.weighting}'`);
  if (o.sentence !== 'names' && o.sentence !== 'paper') throw new Error(`semanticView: sentence must be 'names' or 'paper', got '${o.sentence}'`);
  if (!GENE_VECTORS.includes(o.geneVectors)) throw new Error(`semanticView: geneVectors must be one of ${GENE_VECTORS.join(', ')}, got '${o.geneVectors}'`);
  if (!['both', 'weighted', 'sentence'].includes(o.paths)) throw new Error(`semanticView: paths must be 'both', 'weighted' or 'sentence', got '${o.paths}'`);
}

/** Checks that the dataset can have a semantic view at all; throws SemanticViewError naming the dataset and why. */
export function requireGeneNames(dataset: Dataset): Dataset & { readonly genes: readonly string[] } {
  if (!dataset.genes || dataset.genes.length === 0) {
    throw new SemanticViewError(dataset.id, 'no gene names', 'the file carries no gene names (e.g. the scDeepCluster/scDCC .h5 layout), so genes cannot be described',
      'use a dataset with gene names (scbench datasets lists hasGeneNames), or run without the semantic view');
  }
  if (dataset.genes.length !== dataset.counts.cols) {
    throw new SemanticViewError(dataset.id, 'gene names mismatch', `${dataset.genes.length} gene names for ${dataset.counts.cols} columns`,
      'fix the loader or the file so that there is one gene name per column');
  }
  datasetSpecies(dataset);
  return dataset as Dataset & { readonly genes: readonly string[] };
}

export async function semanticView(dataset: Dataset, options: Partial<SemanticOptions>, deps: SemanticDeps): Promise<SemanticView> {
  const o: SemanticOptions = { ...SEMANTIC_DEFAULTS, ...options };
  checkOptions(o);
  const data = requireGeneNames(dataset);
  const useWeighted = o.paths !== 'sentence';
  const useSentence = o.paths !== 'weighted';
  // A gene-knowledge encoder reads no text: both paths are built from its gene vectors (rank-mean-path.ts).
  const geneKnowledge = isGeneKnowledgeEncoder(deps.encoder);
  if (geneKnowledge && useSentence && o.sentence === 'paper') {
    throw new Error(`semanticView: sentence 'paper' embeds "SYMBOL:value" texts and needs a sentence encoder; encoder ${deps.encoder.id} embeds genes (use sentence 'names')`);
  }
  const needVectors = useWeighted || geneKnowledge;
  const common = {
    ...(deps.cache ? { cache: deps.cache } : {}),
    ...(deps.progress ? { progress: deps.progress } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  const describer = deps.describer ?? knowledgeDescriber({ template: o.template });

  // Gene descriptions are always resolved (path 2 prints official symbols and the coverage is always reported);
  // they are only *embedded* when path 1 is on (or a gene-knowledge encoder builds path 2 from gene vectors).
  const t0 = performance.now();
  const described = needVectors ? null : await describer.describe(data);
  const genes = needVectors ? await geneEmbeddings(data, { encoder: deps.encoder, describer, ...common }) : null;
  const descriptions = genes?.descriptions ?? described!;
  const tGenes = (performance.now() - t0) / 1000;
  if (needVectors && genes!.knownCount === 0) {
    throw new SemanticViewError(dataset.id, 'no known genes',
      `none of its ${data.genes.length} gene names resolved to a gene with a description (e.g. ${descriptions.unknownExamples.slice(0, 5).join(', ')})`,
      'check the species and the gene-name column (symbols or Ensembl ids are expected)');
  }

  // The original's selection includes every gene (ERCC spike-ins too) and is kept in paper sentence mode; otherwise
  // spike-ins are not genes and never take one of the K places.
  const exclude = o.sentence === 'paper' ? undefined : Uint8Array.from(descriptions.status, (s) => (s === 'spike-in' ? 1 : 0));
  const top = topGenes(dataset.counts, o.topK, exclude ? { exclude } : {});
  const cellsWithoutGenes: number[] = [];
  for (let i = 0; i < top.cells; i++) if (top.indptr[i + 1] === top.indptr[i]) cellsWithoutGenes.push(i);

  const vectors = genes ? geneVectors(genes.matrix, genes.known, o.geneVectors) : null;
  const path1 = useWeighted
    ? weightedPath(o.weighting === 'paper' ? top : normalisedWeights(top, dataset), vectors!, o.weighting)
    : null;
  const t1 = performance.now();
  // Names: official symbols (R-repaired, case-fixed) in names mode; the dataset's own names in paper mode, as printed
  // by the original.
  const names = o.sentence === 'paper' ? data.genes : descriptions.symbols;
  const path2 = useSentence && !geneKnowledge ? await sentencePath(top, names, o.sentence, { encoder: deps.encoder, ...common }, o.sentencePrefix) : null;
  const rankMean = useSentence && geneKnowledge ? rankMeanPath(top, vectors!) : null;
  const tSentences = (performance.now() - t1) / 1000;

  // Path 2 in path 1's space: the same whitening map under geneVectors 'whitened' / 'random' (gene-vectors.ts); the
  // rank mean is built from path 1's vectors already.
  const sentences = rankMean ?? (path2 ? (vectors ? vectors.project(path2.z) : path2.z) : null);
  let z: Matrix;
  if (path1 && sentences) z = fuse(path1.z, sentences, o.omega, o.normalise);
  else {
    const only = path1?.z ?? sentences!;
    z = o.normalise ? l2NormalizeRows(only) : only;
  }

  const cells = top.cells;
  const selected = top.indptr[cells];
  const knownSelected = path1 ? path1.knownPerCell.reduce((s, v) => s + v, 0) : 0;
  const coverage: SemanticCoverage = {
    genes: descriptions.coverage,
    genesWithEmbedding: genes?.knownCount ?? descriptions.texts.filter((t) => t !== null && t !== '').length,
    unknownExamples: descriptions.unknownExamples,
    cells,
    cellsWithoutGenes: cellsWithoutGenes.length,
    cellsWithoutKnownGenes: path1?.cellsWithoutKnownGenes.length ?? 0,
    cellsWithZeroWeight: path1?.cellsWithZeroWeight.length ?? 0,
    meanTopGenes: cells ? selected / cells : 0,
    meanKnownTopGenes: cells && path1 ? knownSelected / cells : 0,
  };

  const info: Record<string, ParamValue> = {
    semanticEncoder: deps.encoder.id,
    semanticKnowledge: descriptions.source,
    semanticPaths: o.paths,
    semanticWeights: useWeighted ? (o.weighting === 'paper' ? 'int(stored), summed' : `${weightTransform(dataset.valueType)}, weighted mean`) : 'off',
    semanticSentence: useSentence ? (geneKnowledge ? 'rank-mean of gene vectors' : o.sentence) : 'off',
    semanticGeneVectors: needVectors ? o.geneVectors : 'off',
    semanticGenes: coverage.genes.total,
    semanticGenesResolved: coverage.genes.resolved,
    semanticGenesWithEmbedding: coverage.genesWithEmbedding,
    semanticGeneCoverage: coverage.genes.total ? coverage.genes.resolved / coverage.genes.total : 0,
    semanticMeanTopGenes: round(coverage.meanTopGenes),
    semanticMeanKnownTopGenes: round(coverage.meanKnownTopGenes),
    semanticCellsWithoutGenes: coverage.cellsWithoutGenes,
    semanticCellsWithoutKnownGenes: coverage.cellsWithoutKnownGenes,
    semanticGenesEncoded: genes?.encoded ?? 0,
    semanticSentencesEncoded: path2?.encoded ?? 0,
    semanticGeneSeconds: round(tGenes),
    semanticSentenceSeconds: round(tSentences),
  };
  if (path1 && o.weighting === 'paper') info.semanticCellsWithZeroWeight = coverage.cellsWithZeroWeight;
  if (path2) {
    info.semanticSentenceChars = Math.round(path2.meanChars);
    if (o.sentence === 'paper') info.semanticChunksPerCell = round(path2.meanChunks);
  }
  const warnings: string[] = [];
  if (coverage.cellsWithoutKnownGenes > 0) {
    warnings.push(`${coverage.cellsWithoutKnownGenes} of ${cells} cells have no top gene with a description; their path-1 rows are zero ` +
      `(first: ${describeCells(dataset, path1!.cellsWithoutKnownGenes)})`);
  }
  if (coverage.cellsWithoutGenes > 0) {
    warnings.push(`${coverage.cellsWithoutGenes} of ${cells} cells express no gene; their ${path2 && o.sentence === 'paper' ? 'sentence is "None"' : 'rows are zero'}`);
  }
  if (coverage.cellsWithZeroWeight > 0) {
    warnings.push(`${coverage.cellsWithZeroWeight} of ${cells} cells have only values < 1 on known genes; paper weighting truncates them to zero rows`);
  }
  if (warnings.length > 0) info.semanticWarning = warnings.join('; ');
  deps.log?.('semantic', {
    genes: coverage.genes.total,
    genesResolved: coverage.genes.resolved,
    genesWithEmbedding: coverage.genesWithEmbedding,
    cellsWithoutKnownGenes: coverage.cellsWithoutKnownGenes,
    cellsWithoutGenes: coverage.cellsWithoutGenes,
    genesEncoded: genes?.encoded ?? 0,
    sentencesEncoded: path2?.encoded ?? 0,
  });
  return { z, z1: path1?.z ?? null, z2: sentences, coverage, info };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function describeCells(dataset: Dataset, rows: readonly number[]): string {
  return rows.slice(0, 5).map((i) => dataset.cells?.[i] ?? `#${i}`).join(', ');
}
