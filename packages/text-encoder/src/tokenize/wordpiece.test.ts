import { describe, expect, it } from '@jest/globals';
import { WordPieceTokenizer, basicTokenize, parseVocabTxt } from './wordpiece.ts';

const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'the', 'cell', '##s', 'un', '##want', '##ed', 'want', ',', '.', 'cafe', '中', 'cd', '##3', '##e', '-', 'rec', '##ept', '##or'];
const vocab = new Map(VOCAB.map((t, i) => [t, i]));

describe('basicTokenize', () => {
  it('lower-cases, strips accents, splits punctuation and CJK, drops control characters', () => {
    const o = { lowercase: true, stripAccents: true, chineseChars: true };
    expect(basicTokenize('Hello, Café\u0000 T-cells!\t中文', o)).toEqual(['hello', ',', 'cafe', 't', '-', 'cells', '!', '中', '文']);
    expect(basicTokenize('Café', { ...o, lowercase: false, stripAccents: false })).toEqual(['Café']);
    expect(basicTokenize('  \n ', o)).toEqual([]);
  });
});

describe('WordPieceTokenizer', () => {
  const wp = new WordPieceTokenizer(vocab);

  it('greedy longest-match-first with ## continuation', () => {
    expect(wp.encode('unwanted cells')).toEqual([7, 8, 9, 5, 6]);
    expect(wp.encode('CD3E receptor.')).toEqual([15, 16, 17, 19, 20, 21, 12]);
    expect(wp.encode('Café')).toEqual([13]);
  });

  it('maps an unsegmentable or over-long word to [UNK] as one token, and stops at maxTokens', () => {
    expect(wp.encode('xyz the')).toEqual([1, 4]);
    expect(new WordPieceTokenizer(vocab, { maxCharsPerWord: 3 }).encode('cells the')).toEqual([1, 4]);
    expect(wp.encode('the cell the cell the', 3)).toEqual([4, 5, 4]);
  });

  it('keeps case for cased vocabularies, and needs an unknown token', () => {
    expect(new WordPieceTokenizer(vocab, { lowercase: false }).encode('The the')).toEqual([1, 4]);
    expect(() => new WordPieceTokenizer(new Map([['a', 0]]))).toThrow(/\[UNK\]/);
  });

  it('parses vocab.txt line numbers as ids', () => {
    const v = parseVocabTxt('[PAD]\n[UNK]\nthe\r\n##s\n');
    expect([...v]).toEqual([['[PAD]', 0], ['[UNK]', 1], ['the', 2], ['##s', 3]]);
  });
});
