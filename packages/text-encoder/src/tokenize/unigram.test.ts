import { describe, expect, it } from '@jest/globals';
import { UnigramTokenizer } from './unigram.ts';

// ids: 0 <unk>, 1 ▁, 2 ▁a, 3 b, 4 ▁ab, 5 c, 6 ▁abc, 7 bc
const PIECES: [string, number][] = [['<unk>', 0], ['▁', -2], ['▁a', -3], ['b', -3], ['▁ab', -4], ['c', -3], ['▁abc', -9], ['bc', -2.5]];

describe('UnigramTokenizer (sentencepiece rules)', () => {
  const tok = new UnigramTokenizer(PIECES, { unkId: 0 });

  it('finds the maximum-score segmentation, not the longest match', () => {
    // ▁abc: -9; ▁ab+c: -7; ▁a+bc: -5.5 (best); ▁a+b+c: -9
    expect(tok.segment('▁abc')).toEqual([2, 7]);
    expect(tok.segment('▁ab')).toEqual([4]);
  });

  it('scores unknown characters below every piece and fuses runs of them', () => {
    expect(tok.segment('▁axyb')).toEqual([2, 0, 3]);
    expect(new UnigramTokenizer(PIECES, { unkId: 0, fuseUnknown: false }).segment('▁axyb')).toEqual([2, 0, 0, 3]);
    expect(tok.segment('')).toEqual([]);
  });

  it('is linear in text length', () => {
    const text = '▁abc'.repeat(2000);
    const t = performance.now();
    const ids = tok.segment(text);
    expect(ids.length).toBe(4000);
    expect(performance.now() - t).toBeLessThan(500);
  });
});
