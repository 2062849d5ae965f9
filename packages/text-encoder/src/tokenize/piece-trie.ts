/**
 * A trie of vocabulary pieces over Unicode code points, for longest/all-prefix lookups in linear time.
 * Edges live in one Map keyed by `node * 0x110000 + codePoint` (exact in a double: < 2^53 for < 2^32 nodes),
 * which is compact and fast for vocabularies of 10^4–10^5 pieces.
 */
const CODE_POINTS = 0x110000;

export class PieceTrie {
  private readonly edges = new Map<number, number>();
  /** Vocabulary id ending at each node, or -1. */
  private ids: Int32Array = new Int32Array(1024).fill(-1);
  private nodes = 1;
  /** Longest piece, in code points. */
  maxLength = 0;

  /** Add a piece; a later insert of the same piece keeps the first id (vocabularies list each piece once). */
  insert(piece: string, id: number): void {
    let node = 0;
    let length = 0;
    for (const ch of piece) {
      const key = node * CODE_POINTS + ch.codePointAt(0)!;
      let next = this.edges.get(key);
      if (next === undefined) {
        next = this.nodes++;
        if (next >= this.ids.length) {
          const grown = new Int32Array(this.ids.length * 2).fill(-1);
          grown.set(this.ids);
          this.ids = grown;
        }
        this.edges.set(key, next);
      }
      node = next;
      length++;
    }
    if (length === 0) return;
    if (this.ids[node] < 0) this.ids[node] = id;
    if (length > this.maxLength) this.maxLength = length;
  }

  /**
   * Visit every vocabulary piece that starts at `cps[start]`, shortest first: `visit(id, lengthInCodePoints)`.
   * Cost is bounded by the longest piece, so a Viterbi pass over a text is linear in its length.
   */
  prefixes(cps: Int32Array, start: number, visit: (id: number, length: number) => void): void {
    let node = 0;
    for (let i = start; i < cps.length; i++) {
      const next = this.edges.get(node * CODE_POINTS + cps[i]);
      if (next === undefined) return;
      node = next;
      const id = this.ids[node];
      if (id >= 0) visit(id, i - start + 1);
    }
  }
}

/** The code points of a string. */
export function codePoints(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let n = 0;
  for (const ch of text) out[n++] = ch.codePointAt(0)!;
  return out.subarray(0, n);
}
