import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadTokenizer, tokenizerFromJson, tokenizerFromVocabTxt } from './sentence-tokenizer.ts';

const WP_VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'the', 'cell', '##s', 't', '-', 'cafe'];

const bertJson = {
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
  },
  truncation: { max_length: 128 },
  padding: { pad_id: 0 },
  model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(WP_VOCAB.map((t, i) => [t, i])) },
};

const unigramJson = {
  normalizer: { type: 'Sequence', normalizers: [{ type: 'Precompiled', precompiled_charsmap: 'AAAA' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }] },
  pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
  post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: true },
  model: { type: 'Unigram', unk_id: 3, vocab: [['<s>', 0], ['<pad>', 0], ['</s>', 0], ['<unk>', 0], ['▁T', -3], ['▁cell', -4], ['s', -2], ['▁the', -2], ['▁', -5], ['cell', -6], ['fi', -4]] },
};

describe('sentence tokenizers', () => {
  it('tokenizer.json WordPiece: BertNormalizer, template specials, truncation keeps [SEP]', () => {
    const t = tokenizerFromJson(bertJson);
    expect(t.kind).toBe('wordpiece');
    expect(t.maxLength).toBe(128);
    expect(t.encode('The T-cells, Café', 64)).toEqual([2, 4, 7, 8, 5, 6, 1, 9, 3]);
    expect(t.encode('the the the the', 4)).toEqual([2, 4, 4, 3]);
    expect(() => t.encode('the', 2)).toThrow(/no room/);
  });

  it('tokenizer.json Unigram: Metaspace, NFKC for Precompiled, Replace, <s> … </s>, pad id from the vocabulary', () => {
    const t = tokenizerFromJson(unigramJson);
    expect(t.kind).toBe('unigram');
    expect(t.padId).toBe(1);
    expect(t.encode('the  cells', 16)).toEqual([0, 7, 5, 6, 2]);
    expect(t.encode('Tﬁ', 16)).toEqual([0, 4, 10, 2]); // ligature ﬁ → fi by NFKC
    expect(t.encode('the x', 16)).toEqual([0, 7, 8, 3, 2]);
  });

  it('vocab.txt alone gives BERT WordPiece with [CLS]/[SEP]/[PAD]', () => {
    const t = tokenizerFromVocabTxt(WP_VOCAB.join('\n'));
    expect(t.encode('the cells', 16)).toEqual([2, 4, 5, 6, 3]);
    expect(t.padId).toBe(0);
    expect(() => tokenizerFromVocabTxt('a\nb\n')).toThrow(/no \[CLS\]/);
  });

  it('names what is unsupported or missing', () => {
    expect(() => tokenizerFromJson({ model: { type: 'BPE' } })).toThrow(/BPE models are not/);
    expect(() => tokenizerFromJson({ ...unigramJson, normalizer: { type: 'Fancy' } })).toThrow(/normalizer 'Fancy'/);
    const dir = mkdtempSync(join(tmpdir(), 'tok-'));
    try {
      expect(() => loadTokenizer(dir)).toThrow(/expected tokenizer\.json .* or vocab\.txt/);
      writeFileSync(join(dir, 'tokenizer.json'), '{oops');
      expect(() => loadTokenizer(dir)).toThrow(/not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
