// Path 2, Z⁽²⁾: each cell as the embedding of a "sentence" of its genes ranked by expression.
//
// 'names' (default): the Cell2Sentence idea (vandijklab/cell2sentence, METHODS.md §5.21) — the gene symbols of the
//   cell's top-K genes, highest first, separated by spaces — optionally after a prefix (GenePT-s uses
//   "A cell with genes ranked by expression: ", §5.20). A cell expressing no gene has no sentence: zero row, reported.
//   The bundled offline encoder (USE-lite) reads only the first 128 SentencePiece tokens. A symbol is ~4 pieces
//   (digits and rare letter pairs split), so the sentence effectively keeps the first ~30 genes (measured: median 32
//   on pbmc3k, 30 with GenePT-s's prefix, 36 on baron_mouse_pancreas), i.e. the cell's most abundant ones — on
//   PBMCs mostly ribosomal genes, B2M, MALAT1, TMSB4X; the rest is built but never read. An encoder with a longer window
//   (an ONNX model, the OpenAI-compatible one) reads more of the same sentence — the view needs no change.
// 'paper': the original (§3.3): "SYMBOL:value" entries (dataset names, stored values printed as '%.4g') joined by
//   commas, "None" for a cell with no expressed gene; split at commas into greedy chunks of at most 8000 characters;
//   the cell is the unweighted mean of its chunk embeddings (a 2048-gene cell is ~3 chunks). No prefix.
import type { Matrix } from '@scbench/api';
import type { TextEncoder } from '@scbench/text-encoder';
import { embedTexts, type CacheFn } from './embed-texts.ts';
import { formatSignificant } from './sig-digits.ts';
import type { TopGenes } from './top-genes.ts';

export type SentenceMode = 'names' | 'paper';

/** The original's chunk limit in characters (gene_selection.py). */
export const PAPER_CHUNK_CHARS = 8000;

/** Names mode: prefix + symbols in rank order, space-separated; '' for a cell with no genes. */
export function nameSentence(symbols: readonly string[], prefix = ''): string {
  return symbols.length === 0 ? '' : prefix + symbols.join(' ');
}

/** Paper mode: "CD74:31,B2M:24,…" with values printed as Python's '%.4g'; "None" for a cell with no genes. */
export function paperSentence(names: readonly string[], values: ArrayLike<number>): string {
  if (names.length === 0) return 'None';
  return names.map((n, t) => `${n}:${formatSignificant(values[t], 4)}`).join(',');
}

/**
 * Greedy packing of comma-separated entries into chunks of at most `maxChars` characters (the commas between
 * entries of one chunk count; the comma at a cut is dropped). An entry longer than the limit is a chunk of its own.
 */
export function chunkAtCommas(text: string, maxChars = PAPER_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let cur: string | null = null;
  for (const item of text.split(',')) {
    if (cur === null) cur = item;
    else if (cur.length + 1 + item.length <= maxChars) cur += ',' + item;
    else {
      chunks.push(cur);
      cur = item;
    }
  }
  if (cur !== null) chunks.push(cur);
  return chunks;
}

/** Per cell, the sentence for `mode`; `names` are the printed gene names by column. */
export function cellSentences(top: TopGenes, names: readonly string[], mode: SentenceMode, prefix = ''): string[] {
  const out: string[] = [];
  for (let i = 0; i < top.cells; i++) {
    const a = top.indptr[i];
    const b = top.indptr[i + 1];
    const cellNames = Array.from(top.genes.subarray(a, b), (g) => names[g]);
    out.push(mode === 'paper' ? paperSentence(cellNames, top.values.subarray(a, b)) : nameSentence(cellNames, prefix));
  }
  return out;
}

export interface SentencePath {
  readonly z: Matrix;
  /** Cells with no expressed (selectable) gene: zero rows in names mode, "None" embedded in paper mode. */
  readonly cellsWithoutGenes: readonly number[];
  /** Texts sent to the encoder (0 on a cache hit) and chunks per cell on average (1 in names mode). */
  readonly encoded: number;
  readonly meanChunks: number;
  /** Mean sentence length in characters. */
  readonly meanChars: number;
}

export interface SentencePathDeps {
  readonly encoder: TextEncoder;
  readonly cache?: CacheFn;
  readonly progress?: (stage: string, done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export async function sentencePath(top: TopGenes, names: readonly string[], mode: SentenceMode, deps: SentencePathDeps, prefix = ''): Promise<SentencePath> {
  const sentences = cellSentences(top, names, mode, prefix);
  const cellsWithoutGenes: number[] = [];
  for (let i = 0; i < top.cells; i++) if (top.indptr[i + 1] === top.indptr[i]) cellsWithoutGenes.push(i);
  // Texts to embed, and which cell each belongs to (paper: several chunks per cell; names: one sentence or none).
  const texts: string[] = [];
  const owner: number[] = [];
  sentences.forEach((s, i) => {
    if (mode === 'paper') {
      for (const c of chunkAtCommas(s)) {
        texts.push(c);
        owner.push(i);
      }
    } else if (s !== '') {
      texts.push(s);
      owner.push(i);
    }
  });
  const emb = await embedTexts(texts, deps.encoder, {
    label: `cell sentences (${mode})`,
    ...(deps.cache ? { cache: deps.cache } : {}),
    ...(deps.progress ? { progress: deps.progress } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const d = deps.encoder.dim;
  const acc = new Float64Array(top.cells * d);
  const count = new Int32Array(top.cells);
  owner.forEach((i, r) => {
    count[i]++;
    for (let c = 0; c < d; c++) acc[i * d + c] += emb.matrix.data[r * d + c];
  });
  const z = new Float32Array(top.cells * d);
  for (let i = 0; i < top.cells; i++) {
    if (count[i] === 0) continue;
    for (let c = 0; c < d; c++) z[i * d + c] = acc[i * d + c] / count[i];
  }
  const chars = sentences.reduce((s, t) => s + t.length, 0);
  return {
    z: { rows: top.cells, cols: d, data: z },
    cellsWithoutGenes,
    encoded: emb.encoded,
    meanChunks: top.cells === 0 ? 0 : texts.length / top.cells,
    meanChars: top.cells === 0 ? 0 : chars / top.cells,
  };
}
