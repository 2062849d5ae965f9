/**
 * Tokenizers of sentence-transformer models, from the files they ship: HF `tokenizers`' `tokenizer.json`
 * (WordPiece or Unigram model sections, their normalizer, pre-tokenizer and special-token template), or a BERT
 * `vocab.txt` alone. Covered: BertNormalizer, NFC/NFD/NFKC/NFKD, Lowercase, Strip, Replace (string or regex),
 * Prepend, Sequence; Metaspace / Whitespace / WhitespaceSplit / BertPreTokenizer; TemplateProcessing,
 * BertProcessing, RobertaProcessing. Approximations (documented, not silent): the `Precompiled` SentencePiece
 * normalizer is applied as NFKC, Unigram `byte_fallback` emits the unknown token, added tokens in text are not
 * matched specially.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnigramTokenizer } from './unigram.ts';
import { WordPieceTokenizer, parseVocabTxt } from './wordpiece.ts';

export interface SentenceTokenizer {
  readonly kind: 'wordpiece' | 'unigram';
  /** Id used for padding. */
  readonly padId: number;
  /** The model's maximum sequence length when the files say (truncation.max_length). */
  readonly maxLength: number | null;
  /** Ids including special tokens ([CLS] … [SEP], <s> … </s>), at most `maxTokens` (specials kept). */
  encode(text: string, maxTokens: number): number[];
}

type Json = Record<string, unknown>;

const obj = (x: unknown): Json => (x && typeof x === 'object' ? (x as Json) : {});

interface Specials {
  prefix: number[];
  suffix: number[];
}

function assemble(body: (text: string, max: number) => number[], specials: Specials) {
  return (text: string, maxTokens: number): number[] => {
    const room = maxTokens - specials.prefix.length - specials.suffix.length;
    if (room < 1) throw new Error(`maxTokens ${maxTokens} leaves no room for text between ${specials.prefix.length + specials.suffix.length} special tokens`);
    return [...specials.prefix, ...body(text, room).slice(0, room), ...specials.suffix];
  };
}

// ---- normalizers ---------------------------------------------------------------------------------------
type Normalize = (s: string) => string;

function normalizer(spec: unknown, where: string): Normalize {
  if (spec == null) return (s) => s;
  const n = obj(spec);
  switch (n.type) {
    case 'Sequence': {
      const list = ((n.normalizers as unknown[]) ?? []).map((x) => normalizer(x, where));
      return (s) => list.reduce((acc, f) => f(acc), s);
    }
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD':
      return (s) => s.normalize(n.type as string);
    case 'Precompiled':
      return (s) => s.normalize('NFKC'); // SentencePiece's nmt_nfkc charsmap ≈ NFKC
    case 'Lowercase':
      return (s) => s.toLowerCase();
    case 'Strip':
      return (s) => {
        let t = s;
        if (n.left !== false) t = t.trimStart();
        if (n.right !== false) t = t.trimEnd();
        return t;
      };
    case 'StripAccents':
      return (s) => s.normalize('NFD').replace(/\p{Mn}/gu, '');
    case 'Prepend':
      return (s) => (s ? String(n.prepend) + s : s);
    case 'Replace': {
      const p = obj(n.pattern);
      const content = String(n.content ?? '');
      if (typeof p.String === 'string') return (s) => s.split(p.String as string).join(content);
      if (typeof p.Regex === 'string') {
        const re = new RegExp(p.Regex, 'gu');
        return (s) => s.replace(re, content);
      }
      throw new Error(`${where}: Replace normalizer without a String or Regex pattern`);
    }
    default:
      throw new Error(`${where}: normalizer '${String(n.type)}' is not supported (supported: BertNormalizer, NFC/NFD/NFKC/NFKD, Precompiled, Lowercase, Strip, StripAccents, Prepend, Replace, Sequence)`);
  }
}

// ---- pre-tokenizers (Unigram) ----------------------------------------------------------------------------
type Split = (s: string) => string[];

function preTokenizer(spec: unknown, where: string): Split {
  if (spec == null) return (s) => [s];
  const p = obj(spec);
  switch (p.type) {
    case 'Sequence': {
      const list = ((p.pretokenizers as unknown[]) ?? []).map((x) => preTokenizer(x, where));
      return (s) => list.reduce<string[]>((words, f) => words.flatMap(f), [s]);
    }
    case 'Metaspace': {
      const rep = String(p.replacement ?? '\u2581');
      const scheme = p.prepend_scheme ?? (p.add_prefix_space === false ? 'never' : 'always');
      const split = p.split !== false;
      // One call per text, so 'first' (prepend to the first section only) is the same as 'always' here.
      return (s) => {
        let t = s.replaceAll(' ', rep);
        if (scheme !== 'never' && !t.startsWith(rep)) t = rep + t;
        if (!split) return [t];
        return t.split(new RegExp(`(?=${rep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'u')).filter((w) => w.length > 0);
      };
    }
    case 'WhitespaceSplit':
      return (s) => s.split(/\s+/u).filter((w) => w.length > 0);
    case 'Whitespace':
      return (s) => s.match(/\w+|[^\w\s]+/gu) ?? [];
    default:
      throw new Error(`${where}: pre-tokenizer '${String(p.type)}' is not supported for Unigram models (supported: Metaspace, Whitespace, WhitespaceSplit, Sequence)`);
  }
}

// ---- special tokens ----------------------------------------------------------------------------------------
function specialsFrom(spec: unknown, where: string): Specials {
  const none: Specials = { prefix: [], suffix: [] };
  if (spec == null) return none;
  const p = obj(spec);
  switch (p.type) {
    case 'Sequence': {
      for (const q of (p.processors as unknown[]) ?? []) {
        const s = specialsFrom(q, where);
        if (s.prefix.length + s.suffix.length > 0) return s;
      }
      return none;
    }
    case 'BertProcessing':
    case 'RobertaProcessing': {
      const cls = p.cls as [string, number];
      const sep = p.sep as [string, number];
      return { prefix: [cls[1]], suffix: [sep[1]] };
    }
    case 'TemplateProcessing': {
      const table = obj(p.special_tokens);
      const out: Specials = { prefix: [], suffix: [] };
      let seen = false;
      for (const piece of (p.single as unknown[]) ?? []) {
        const item = obj(piece);
        if (item.Sequence) {
          seen = true;
          continue;
        }
        const id = String(obj(item.SpecialToken).id);
        const ids = obj(table[id]).ids as number[] | undefined;
        if (!ids) throw new Error(`${where}: template names special token '${id}' that special_tokens lacks`);
        (seen ? out.suffix : out.prefix).push(...ids);
      }
      return out;
    }
    case 'ByteLevel':
      return none;
    default:
      throw new Error(`${where}: post-processor '${String(p.type)}' is not supported (supported: TemplateProcessing, BertProcessing, RobertaProcessing, Sequence)`);
  }
}

/** A tokenizer from the parsed contents of an HF `tokenizer.json`. */
export function tokenizerFromJson(json: unknown, where = 'tokenizer.json'): SentenceTokenizer {
  const root = obj(json);
  const model = obj(root.model);
  const specials = specialsFrom(root.post_processor, where);
  const maxLength = typeof obj(root.truncation).max_length === 'number' ? (obj(root.truncation).max_length as number) : null;
  const padTable = obj(root.padding);
  if (model.type === 'WordPiece') {
    const vocab = new Map(Object.entries(obj(model.vocab)).map(([k, v]) => [k, Number(v)]));
    const norm = obj(root.normalizer);
    const bert = norm.type === 'BertNormalizer';
    if (root.normalizer != null && !bert) throw new Error(`${where}: WordPiece models are supported with a BertNormalizer (or none), found '${String(norm.type)}'`);
    const lowercase = bert ? norm.lowercase !== false : false;
    const wp = new WordPieceTokenizer(vocab, {
      unkToken: typeof model.unk_token === 'string' ? model.unk_token : '[UNK]',
      continuationPrefix: typeof model.continuing_subword_prefix === 'string' ? model.continuing_subword_prefix : '##',
      maxCharsPerWord: typeof model.max_input_chars_per_word === 'number' ? model.max_input_chars_per_word : 100,
      lowercase,
      stripAccents: bert && typeof norm.strip_accents === 'boolean' ? norm.strip_accents : lowercase,
      chineseChars: bert ? norm.handle_chinese_chars !== false : false,
    });
    const padId = typeof padTable.pad_id === 'number' ? padTable.pad_id : (vocab.get('[PAD]') ?? 0);
    return { kind: 'wordpiece', padId, maxLength, encode: assemble((t, m) => wp.encode(t, m), specials) };
  }
  if (model.type === 'Unigram') {
    const pieces = model.vocab as [string, number][];
    if (!Array.isArray(pieces) || pieces.length === 0) throw new Error(`${where}: Unigram model has no vocab array`);
    const unkId = typeof model.unk_id === 'number' ? model.unk_id : 0;
    const special = new Set<number>([...specials.prefix, ...specials.suffix]);
    const uni = new UnigramTokenizer(pieces, { unkId, rules: 'sentencepiece', skipIds: [...special] });
    const norm = normalizer(root.normalizer, where);
    const split = preTokenizer(root.pre_tokenizer, where);
    const body = (text: string, max: number): number[] => {
      const out: number[] = [];
      const cut = text.length > max * 64 ? text.slice(0, max * 64) : text; // no piece spans 64 characters
      for (const word of split(norm(cut))) {
        out.push(...uni.segment(word));
        if (out.length >= max) break;
      }
      return out;
    };
    const padId = typeof padTable.pad_id === 'number' ? padTable.pad_id : Math.max(0, pieces.findIndex(([p]) => p === '<pad>'));
    return { kind: 'unigram', padId, maxLength, encode: assemble(body, specials) };
  }
  throw new Error(`${where}: model type '${String(model.type)}' is not supported (WordPiece or Unigram; BPE models are not)`);
}

/** A BERT WordPiece tokenizer from `vocab.txt` alone: [CLS] … [SEP], [PAD]. */
export function tokenizerFromVocabTxt(text: string, options: { lowercase?: boolean } = {}, where = 'vocab.txt'): SentenceTokenizer {
  const vocab = parseVocabTxt(text);
  const need = (t: string): number => {
    const id = vocab.get(t);
    if (id === undefined) throw new Error(`${where} has no ${t} token (is it a BERT WordPiece vocabulary?)`);
    return id;
  };
  const specials = { prefix: [need('[CLS]')], suffix: [need('[SEP]')] };
  const padId = need('[PAD]');
  need('[UNK]');
  const wp = new WordPieceTokenizer(vocab, { lowercase: options.lowercase ?? true });
  return { kind: 'wordpiece', padId, maxLength: null, encode: assemble((t, m) => wp.encode(t, m), specials) };
}

/** The tokenizer in a model folder: tokenizer.json if present, else vocab.txt. */
export function loadTokenizer(dir: string, options: { lowercase?: boolean } = {}): SentenceTokenizer {
  const json = join(dir, 'tokenizer.json');
  if (existsSync(json)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(json, 'utf8'));
    } catch (e) {
      throw new Error(`${json} is not valid JSON: ${(e as Error).message}`);
    }
    return tokenizerFromJson(parsed, json);
  }
  const txt = join(dir, 'vocab.txt');
  if (existsSync(txt)) return tokenizerFromVocabTxt(readFileSync(txt, 'utf8'), options, txt);
  throw new Error(`no tokenizer in ${dir}: expected tokenizer.json (HF tokenizers) or vocab.txt (BERT WordPiece) beside model.onnx`);
}
