import { describe, expect, it } from '@jest/globals';
import type { Matrix } from '@scbench/api';
import { createRng } from '@scbench/numerics';
import { geneVectors } from './gene-vectors.ts';

// 40 genes with anisotropic 8-d embeddings (one shared direction dominates, as a sentence encoder's do); gene 5 and
// gene 17 have no description.
function anisotropic(): { e: Matrix; known: Uint8Array } {
  const rng = createRng(3);
  const rows = 40;
  const cols = 8;
  const data = new Float32Array(rows * cols);
  const known = new Uint8Array(rows).fill(1);
  known[5] = 0;
  known[17] = 0;
  for (let g = 0; g < rows; g++) {
    if (!known[g]) continue;
    const shared = 5 + rng.normal();
    for (let c = 0; c < cols; c++) data[g * cols + c] = shared * (c + 1) + 0.1 * (c + 1) * rng.normal();
  }
  return { e: { rows, cols, data }, known };
}

function column(m: Matrix, c: number, known: Uint8Array): number[] {
  const out: number[] = [];
  for (let g = 0; g < m.rows; g++) if (known[g]) out.push(m.data[g * m.cols + c]);
  return out;
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const cov = (a: number[], b: number[]) => {
  const ma = mean(a);
  const mb = mean(b);
  return a.reduce((s, x, i) => s + (x - ma) * (b[i] - mb), 0) / (a.length - 1);
};

describe('geneVectors', () => {
  const { e, known } = anisotropic();

  it("'encoder' hands the embeddings through unchanged", () => {
    const out = geneVectors(e, known, 'encoder');
    expect(out.matrix).toBe(e);
    expect(out.known).toBe(known);
  });

  it("'whitened' gives the described genes centred, unit-variance, uncorrelated coordinates", () => {
    const out = geneVectors(e, known, 'whitened');
    expect(out.matrix.cols).toBe(8);
    for (let a = 0; a < 8; a++) {
      const ca = column(out.matrix, a, known);
      expect(mean(ca)).toBeCloseTo(0, 4);
      // sklearn's explained_variance_ divides by n − 1, as cov() here does.
      expect(cov(ca, ca)).toBeCloseTo(1, 3);
      for (let b = a + 1; b < 8; b++) expect(Math.abs(cov(ca, column(out.matrix, b, known)))).toBeLessThan(1e-3);
    }
  });

  it("'whitened' applies one affine map: project() of the embeddings gives the gene vectors; zero rows stay zero", () => {
    const out = geneVectors(e, known, 'whitened');
    const again = out.project(e);
    for (let g = 0; g < e.rows; g++) {
      if (!known[g]) continue;
      for (let c = 0; c < out.matrix.cols; c++) expect(again.data[g * 8 + c]).toBeCloseTo(out.matrix.data[g * 8 + c], 4);
    }
    expect(Array.from(again.data.subarray(5 * 8, 6 * 8)).every((v) => v === 0)).toBe(true);
    expect(() => out.project({ rows: 1, cols: 4, data: new Float32Array(4) })).toThrow(/4-d embedding.*8-d/);
  });

  it('keeps genes without a description at zero rows and unknown', () => {
    for (const how of ['whitened', 'random'] as const) {
      const out = geneVectors(e, known, how, 1);
      expect(Array.from(out.matrix.data.subarray(5 * out.matrix.cols, 6 * out.matrix.cols)).every((v) => v === 0)).toBe(true);
      expect(out.known[17]).toBe(0);
    }
  });

  it("'random' ignores the embeddings and is fixed by the seed", () => {
    const a = geneVectors(e, known, 'random', 7);
    const shifted = { ...e, data: e.data.map((v) => v + 100) };
    expect(Array.from(geneVectors(shifted, known, 'random', 7).matrix.data)).toEqual(Array.from(a.matrix.data));
    expect(Array.from(geneVectors(e, known, 'random', 8).matrix.data)).not.toEqual(Array.from(a.matrix.data));
  });

  it('refuses to whiten fewer than 3 described genes, naming the fix', () => {
    const few = new Uint8Array(40);
    few[0] = 1;
    few[1] = 1;
    expect(() => geneVectors(e, few, 'whitened')).toThrow(/at least 3 genes.*geneVectors 'encoder'/);
  });
});
