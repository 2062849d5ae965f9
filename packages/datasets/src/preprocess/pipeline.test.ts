import { describe, expect, it } from '@jest/globals';
import type { Dataset } from '@scbench/api';
import { synthetic } from '../synthetic.ts';
import { dense } from '../test-helpers.ts';
import { standardPipeline } from './pipeline.ts';

describe('standardPipeline', () => {
  const s = synthetic({ cells: 200, genes: 400, seed: 5 });

  it('raw counts: filter → normalize_total → log1p → HVG → scale', () => {
    const p = standardPipeline(s.dataset, { hvg: 100 });
    expect(p.steps.map((x) => x.split('(')[0])).toEqual(expect.arrayContaining(['normalize_total', 'log1p', 'highly_variable_genes', 'scale']));
    expect(p.steps.indexOf('log1p')).toBeGreaterThan(p.steps.findIndex((x) => x.startsWith('normalize_total')));
    expect(p.data.cols).toBe(p.geneIndex.length);
    expect(p.geneIndex.length).toBeGreaterThanOrEqual(100);
    expect(p.genes![0]).toBe(s.dataset.genes![p.geneIndex[0]]);
    expect(p.data.rows).toBe(200); // cells are never dropped
    expect(p.valueType).toBe('scaled');
    // scaled: every gene has mean ≈ 0
    const m = p.data as { rows: number; cols: number; data: Float32Array };
    for (let j = 0; j < m.cols; j += 17) {
      let sum = 0;
      for (let i = 0; i < m.rows; i++) sum += m.data[i * m.cols + j];
      expect(Math.abs(sum / m.rows)).toBeLessThan(0.05);
    }
  });

  it('log-normalised data skip normalize_total and log1p', () => {
    const ds: Dataset = { ...s.dataset, valueType: 'log-normalised' };
    const p = standardPipeline(ds, { hvg: 50, scale: false });
    expect(p.steps.some((x) => x.startsWith('normalize_total') || x === 'log1p')).toBe(false);
    expect(p.valueType).toBe('log-normalised');
  });

  it('RPKM gets log1p but no normalize_total', () => {
    const p = standardPipeline({ ...s.dataset, valueType: 'RPKM' }, { hvg: false, scale: false });
    expect(p.steps).toContain('log1p');
    expect(p.steps.some((x) => x.startsWith('normalize_total'))).toBe(false);
  });

  it('scaled data pass through unchanged', () => {
    const counts = dense([
      [-1, 2],
      [1, -2],
    ]);
    const p = standardPipeline({ id: 'z', counts, valueType: 'scaled', nClusters: 2 });
    expect(p.data).toBe(counts);
    expect(p.valueType).toBe('scaled');
  });

  it('all-zero genes are dropped before HVG, and indices map back', () => {
    const counts = dense([
      [0, 1, 5],
      [0, 3, 1],
      [0, 2, 2],
    ]);
    const p = standardPipeline({ id: 'x', counts, valueType: 'raw counts', nClusters: 2, genes: ['a', 'b', 'c'] }, { hvg: false });
    expect(Array.from(p.geneIndex)).toEqual([1, 2]);
    expect(p.genes).toEqual(['b', 'c']);
  });
});

describe('standardPipeline with HVG cut-offs', () => {
  it('selects the genes highlyVariableGenes picks by cut-offs, and no top-n selection after it', async () => {
    const { synthetic } = await import('../synthetic.ts');
    const { highlyVariableGenes } = await import('./hvg.ts');
    const { log1p } = await import('./log1p.ts');
    const { normalizeTotal } = await import('./normalize-total.ts');
    const { dataset } = synthetic({ cells: 120, genes: 300, groups: 3, seed: 2 });
    const out = standardPipeline(dataset, { hvgCutoffs: {}, minGeneCounts: 0 });
    const expected = highlyVariableGenes(log1p(normalizeTotal(dataset.counts, { targetSum: 1e4 })), { cutoffs: {} }).indices;
    expect(Array.from(out.geneIndex)).toEqual(Array.from(expected));
    expect(out.steps.some((s) => s.includes('cut-offs'))).toBe(true);
  });
});
