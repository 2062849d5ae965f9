import { describe, expect, it } from '@jest/globals';
import type { Matrix } from '@scbench/api';
import { fakeEncoder } from './testing.ts';
import { cellSentences, chunkAtCommas, paperSentence, sentencePath } from './sentence-path.ts';
import { topGenes } from './top-genes.ts';

const names = ['CD3E', 'MS4A1', 'LYZ', 'ERCC-00002'];
const x: Matrix = { rows: 3, cols: 4, data: Float32Array.from([1, 7, 3.14159, 0, /**/ 0, 0, 0, 0, /**/ 2, 0, 0, 0]) };

describe('cell sentences', () => {
  const top = topGenes(x, 0);
  it('names mode: symbols by rank, space-separated, with an optional prefix; no sentence for an empty cell', () => {
    expect(cellSentences(top, names, 'names')).toEqual(['MS4A1 LYZ CD3E', '', 'CD3E']);
    expect(cellSentences(top, names, 'names', 'A cell with genes ranked by expression: ')[0]).toBe(
      'A cell with genes ranked by expression: MS4A1 LYZ CD3E');
  });
  it("paper mode: 'SYMBOL:%.4g' joined by commas, 'None' for an empty cell", () => {
    expect(cellSentences(top, names, 'paper')).toEqual(['MS4A1:7,LYZ:3.142,CD3E:1', 'None', 'CD3E:2']);
    expect(paperSentence(['A'], [12345])).toBe('A:1.234e+04');
  });
});

describe('chunkAtCommas', () => {
  it('packs entries greedily into chunks of at most 8000 characters', () => {
    // 1000 entries of 9 characters: 9·n + (n − 1) ≤ 8000 ⇒ 800 entries per chunk (7999 characters).
    const entries = Array.from({ length: 1000 }, (_, i) => `G${String(i).padStart(4, '0')}:1.5`);
    const chunks = chunkAtCommas(entries.join(','));
    expect(chunks.map((c) => c.length)).toEqual([7999, 1999]);
    expect(chunks.join(',')).toBe(entries.join(','));
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(8000);
  });
  it('fills a chunk to exactly the limit, and keeps an over-long entry whole', () => {
    expect(chunkAtCommas('aaaa,bbbb,cc', 9)).toEqual(['aaaa,bbbb', 'cc']);
    expect(chunkAtCommas('aaaaaaaaaaaa,b', 5)).toEqual(['aaaaaaaaaaaa', 'b']);
    expect(chunkAtCommas('None')).toEqual(['None']);
  });
});

describe('sentencePath', () => {
  const top = topGenes(x, 0);
  it('names mode: one embedding per cell, zero row and a report for a cell without genes', async () => {
    const enc = fakeEncoder(16);
    const out = await sentencePath(top, names, 'names', { encoder: enc });
    const direct = await fakeEncoder(16).embed(['MS4A1 LYZ CD3E']);
    expect(Array.from(out.z.data.subarray(0, 16))).toEqual(Array.from(direct.data));
    expect(Array.from(out.z.data.subarray(16, 32)).every((v) => v === 0)).toBe(true);
    expect(out.cellsWithoutGenes).toEqual([1]);
    expect(enc.seen).toEqual(['MS4A1 LYZ CD3E', 'CD3E']);
  });
  it('paper mode: a long cell is the mean of its chunk embeddings', async () => {
    const cols = 1200;
    const many = Array.from({ length: cols }, (_, j) => `GENE${j}`);
    const row = new Float32Array(cols).map((_, j) => 1000 - (j % 500));
    const t = topGenes({ rows: 1, cols, data: row }, 0);
    const enc = fakeEncoder(16);
    const out = await sentencePath(t, many, 'paper', { encoder: enc });
    const chunks = chunkAtCommas(cellSentences(t, many, 'paper')[0]);
    expect(chunks.length).toBeGreaterThan(1);
    expect(enc.seen).toEqual(chunks);
    const e = await fakeEncoder(16).embed(chunks);
    for (let c = 0; c < 16; c++) {
      let m = 0;
      for (let r = 0; r < chunks.length; r++) m += e.data[r * 16 + c];
      expect(out.z.data[c]).toBeCloseTo(m / chunks.length, 6);
    }
    expect(out.meanChunks).toBe(chunks.length);
  });
});
