/**
 * SentencePiece Unigram segmentation: the Viterbi path of maximum total log-probability over the lattice of
 * vocabulary pieces, walked over a trie so the cost is O(text length × longest piece), not quadratic.
 *
 * Two rule sets, because the reference implementations differ in small ways:
 * - `sentencepiece` (HF `tokenizers` / SentencePiece): an unknown code point (no one-character piece) becomes an
 *   `unk` node scored `unkScore` (min score − 10 by default); ties keep the first path found.
 * - `use-lite` (the Universal Sentence Encoder lite tokenizer of tfjs-models, which the model was exported
 *   with): a position gets an `unk` node scored 0 only when *no* piece starts there; a later candidate wins ties,
 *   and a running best of exactly 0 counts as unset. Reproduced so ids equal the packaged tokenizer's.
 */
import { PieceTrie, codePoints } from './piece-trie.ts';

export type UnigramRules = 'sentencepiece' | 'use-lite';

export interface UnigramOptions {
  unkId: number;
  /** Score of an unknown node; default: min piece score − 10 (sentencepiece), 0 (use-lite). */
  unkScore?: number;
  /** Collapse runs of unknown ids into one (default true). */
  fuseUnknown?: boolean;
  rules?: UnigramRules;
  /** Ids that are never matched inside text (control symbols such as <s>, </s>, <pad>). */
  skipIds?: readonly number[];
}

export class UnigramTokenizer {
  private readonly trie = new PieceTrie();
  private readonly scores: Float64Array;
  private readonly unkId: number;
  private readonly unkScore: number;
  private readonly fuse: boolean;
  private readonly rules: UnigramRules;

  constructor(pieces: readonly (readonly [string, number])[], options: UnigramOptions) {
    this.rules = options.rules ?? 'sentencepiece';
    this.unkId = options.unkId;
    this.fuse = options.fuseUnknown ?? true;
    this.scores = new Float64Array(pieces.length);
    const skip = new Set(options.skipIds ?? []);
    skip.add(options.unkId);
    let min = Infinity;
    pieces.forEach(([piece, score], id) => {
      this.scores[id] = score;
      if (skip.has(id)) return;
      if (score < min) min = score;
      this.trie.insert(piece, id);
    });
    this.unkScore = options.unkScore ?? (this.rules === 'use-lite' ? 0 : (Number.isFinite(min) ? min : 0) - 10);
  }

  /** Longest vocabulary piece in code points: a bound for cutting text before segmentation. */
  get maxPieceLength(): number {
    return this.trie.maxLength;
  }

  /** Segment an already-normalised string (e.g. with `▁` for spaces) into vocabulary ids. */
  segment(text: string): number[] {
    const cps = codePoints(text);
    const n = cps.length;
    if (n === 0) return [];
    const use = this.rules === 'use-lite';
    const best = new Float64Array(n + 1).fill(use ? 0 : -Infinity);
    best[0] = 0;
    const lastId = new Int32Array(n + 1).fill(-1);
    const lastLen = new Int32Array(n + 1);
    const scores = this.scores;
    let from = 0;
    const relax = (id: number, length: number, score: number): void => {
      const end = from + length;
      const s = score + best[from];
      const better = use ? best[end] === 0 || s >= best[end] : s > best[end];
      if (better) {
        best[end] = s;
        lastId[end] = id;
        lastLen[end] = length;
      }
    };
    const visit = (id: number, length: number): void => relax(id, length, scores[id]);
    for (from = 0; from < n; from++) {
      if (!use && best[from] === -Infinity) continue;
      let any = false;
      let single = false;
      this.trie.prefixes(cps, from, (id, length) => {
        any = true;
        if (length === 1) single = true;
        visit(id, length);
      });
      if (use ? !any : !single) relax(this.unkId, 1, this.unkScore);
    }
    const out: number[] = [];
    for (let end = n; end > 0; ) {
      const id = lastId[end];
      out.push(id < 0 ? this.unkId : id);
      end -= id < 0 ? 1 : lastLen[end];
    }
    out.reverse();
    if (!this.fuse) return out;
    const fused: number[] = [];
    for (const id of out) if (!(id === this.unkId && fused.length > 0 && fused[fused.length - 1] === this.unkId)) fused.push(id);
    return fused;
  }
}
