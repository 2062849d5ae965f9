/**
 * BERT's WordPiece: a basic tokenizer (clean control characters, space out CJK ideographs, optional lower-casing
 * with accent stripping, split on whitespace and punctuation) followed by greedy longest-match-first WordPiece
 * with a continuation prefix (`##`). A word longer than `maxCharsPerWord` or with no segmentation becomes [UNK].
 */

export interface WordPieceOptions {
  unkToken?: string;
  /** Default '##'. */
  continuationPrefix?: string;
  /** Default 100 (as BERT). */
  maxCharsPerWord?: number;
  /** Lower-case (uncased models; default true). */
  lowercase?: boolean;
  /** Strip accents (NFD, drop combining marks); default: same as `lowercase`, as in BERT. */
  stripAccents?: boolean;
  /** Put spaces around CJK ideographs (default true). */
  chineseChars?: boolean;
}

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || /^\p{Zs}$/u.test(c);
const isControl = (c: string): boolean => c !== '\t' && c !== '\n' && c !== '\r' && /^[\p{Cc}\p{Cf}]$/u.test(c);

/** ASCII non-alphanumerics count as punctuation (as in BERT), plus every Unicode P* character. */
function isPunctuation(c: string): boolean {
  const cp = c.codePointAt(0)!;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) return true;
  return /^\p{P}$/u.test(c);
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

export interface BasicTokenizerOptions {
  lowercase: boolean;
  stripAccents: boolean;
  chineseChars: boolean;
}

/** Words and punctuation marks, BERT-style. */
export function basicTokenize(text: string, o: BasicTokenizerOptions): string[] {
  let cleaned = '';
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    if (cp === 0 || cp === 0xfffd || isControl(c)) continue;
    if (isWhitespace(c)) cleaned += ' ';
    else if (o.chineseChars && isCjk(cp)) cleaned += ` ${c} `;
    else cleaned += c;
  }
  const words: string[] = [];
  for (let word of cleaned.split(' ')) {
    if (word === '') continue;
    if (o.lowercase) word = word.toLowerCase();
    if (o.stripAccents) word = word.normalize('NFD').replace(/\p{Mn}/gu, '');
    let current = '';
    for (const c of word) {
      if (isPunctuation(c)) {
        if (current) words.push(current);
        words.push(c);
        current = '';
      } else current += c;
    }
    if (current) words.push(current);
  }
  return words;
}

export class WordPieceTokenizer {
  readonly unkId: number;
  private readonly prefix: string;
  private readonly maxChars: number;
  private readonly basic: BasicTokenizerOptions;

  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    options: WordPieceOptions = {},
  ) {
    const unk = options.unkToken ?? '[UNK]';
    const id = vocab.get(unk);
    if (id === undefined) throw new Error(`WordPiece vocabulary has no unknown token '${unk}'`);
    this.unkId = id;
    this.prefix = options.continuationPrefix ?? '##';
    this.maxChars = options.maxCharsPerWord ?? 100;
    const lowercase = options.lowercase ?? true;
    this.basic = { lowercase, stripAccents: options.stripAccents ?? lowercase, chineseChars: options.chineseChars ?? true };
  }

  /** Ids of the word pieces of `text` (no special tokens); stops once `maxTokens` are produced. */
  encode(text: string, maxTokens = Infinity): number[] {
    const out: number[] = [];
    for (const word of basicTokenize(text, this.basic)) {
      if (out.length >= maxTokens) break;
      this.word(word, out);
    }
    return out.length > maxTokens ? out.slice(0, maxTokens) : out;
  }

  private word(word: string, out: number[]): void {
    const chars = Array.from(word);
    if (chars.length > this.maxChars) {
      out.push(this.unkId);
      return;
    }
    const pieces: number[] = [];
    for (let start = 0; start < chars.length; ) {
      let end = chars.length;
      let found = -1;
      while (end > start) {
        const sub = (start > 0 ? this.prefix : '') + chars.slice(start, end).join('');
        const id = this.vocab.get(sub);
        if (id !== undefined) {
          found = id;
          break;
        }
        end--;
      }
      if (found < 0) {
        out.push(this.unkId);
        return;
      }
      pieces.push(found);
      start = end;
    }
    out.push(...pieces);
  }
}

/** A BERT `vocab.txt`: one token per line, id = line number. */
export function parseVocabTxt(text: string): Map<string, number> {
  const vocab = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.length > 0 && !vocab.has(line)) vocab.set(line, i);
  });
  return vocab;
}
