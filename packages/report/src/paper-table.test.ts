import { describe, expect, it } from '@jest/globals';
import { buildReportModel } from './model.ts';
import { paperTable } from './paper-table.ts';
import { record, scores } from './fixtures.ts';

describe('paperTable', () => {
  const model = buildReportModel([
    record({ dataset: 'd_1', method: 'a', seed: 0, scores: scores(0.8) }),
    record({ dataset: 'd_1', method: 'a', seed: 1, scores: scores(0.6) }),
    record({ dataset: 'd_1', method: 'b', seed: 0, scores: scores(0.9) }),
    record({ dataset: 'd_1', method: 'b', seed: 1, scores: scores(0.9) }),
    record({ dataset: 'd2', method: 'a', seed: 0, scores: scores(0.5) }),
    record({ dataset: 'd2', method: 'b', seed: 0, status: 'failed', scores: null }),
    record({ dataset: 'd_1', method: 'true-labels', seed: 0, scores: scores(1) }),
    record({ dataset: 'd2', method: 'true-labels', seed: 0, scores: scores(1) }),
  ], { protocol: 'honest', title: 't' });

  it('prints mean ± sd in markdown with the best per dataset bold, failures as such and mean ranks', () => {
    const md = paperTable(model, { metric: 'ari', format: 'markdown' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('| method | d_1 | d2 | mean rank |');
    expect(lines[2]).toBe('| a | 0.700 ± 0.141 | **0.500** | 1.50 |');
    expect(lines[3]).toBe('| b | **0.900 ± 0.000** | failed | 1.50 |');
    expect(lines[4]).toBe('| true-labels (control) | 1.000 | 1.000 | — |');
    expect(md).toMatch(/ARI, final output \(honest protocol\); mean ± sd over seeds 0, 1/);
  });
  it('escapes LaTeX and marks the best with \\textbf', () => {
    const tex = paperTable(model, { metric: 'ari', format: 'latex' });
    expect(tex).toContain('Method & d\\_1 & d2 & Mean rank \\\\');
    expect(tex).toContain('a & 0.700 $\\pm$ 0.141 & \\textbf{0.500} & 1.50 \\\\');
    expect(tex).toContain('\\midrule\ntrue-labels (control) & 1.000 & 1.000 & — \\\\');
    expect(tex.trim().endsWith('\\end{tabular}')).toBe(true);
  });
  it('gives unformatted numbers in CSV, one mean, sd and rank column per dataset', () => {
    const csv = paperTable(model, { metric: 'ari', format: 'csv' }).trim().split('\n');
    expect(csv[0]).toBe('method,d_1 mean,d_1 sd,d_1 rank,d2 mean,d2 sd,d2 rank,mean rank');
    expect(csv[1]).toMatch(/^a,0\.7,0\.14142135623730\d*,2,0\.5,,1,1\.5$/);
    expect(csv[2]).toBe('b,0.9,0,1,failed,,2,1.5');
  });
  it('refuses the paper protocol when no run took snapshots', () => {
    expect(() => paperTable(model, { metric: 'ari', format: 'csv', paper: true })).toThrow(/no run in these records took snapshots/);
  });
});
