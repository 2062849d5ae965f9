import { describe, expect, it } from '@jest/globals';
import type { RunRecord } from '@scbench/api';
import { tableCommand } from './table-command.ts';

const scores = (v: number) => ({ acc: v, nmi: v, ari: v, ami: v, f1: v, fmi: v, homogeneity: v, completeness: v, vMeasure: v });
const rec = (method: string, dataset: string, seed: number, v: number, paper?: number): RunRecord => ({
  dataset, method, seed, protocol: 'honest', status: 'ok', error: null, scores: scores(v), silhouette: null,
  paperProtocol: paper === undefined ? null : { epoch: 5, epochs: 10, scores: scores(paper) },
  nClusters: 3, nPredicted: 3, cells: 10, genes: 5, seconds: 1, peakRssMb: 1, params: {}, paramsHash: 'h', info: {},
  backend: null, commit: 'c', versions: {}, startedAt: '', finishedAt: '',
});

describe('scbench table', () => {
  const records = [rec('a', 'x', 0, 0.5, 0.7), rec('a', 'x', 1, 0.7, 0.9), rec('b', 'x', 0, 0.9), rec('b', 'x', 1, 0.8)];
  const base = () => undefined;
  it('prints the markdown table of the chosen metric', () => {
    expect(tableCommand(records, base, 'nmi', 'markdown').split('\n').slice(0, 4)).toEqual([
      '| method | x | mean rank |', '|---|---:|---:|', '| a | 0.600 ± 0.141 | 2.00 |', '| b | **0.850 ± 0.071** | 1.00 |',
    ]);
  });
  it('tables the paper protocol on request, labelled as such', () => {
    const md = tableCommand(records, base, 'ari', 'markdown', 'paper');
    expect(md).toContain('| a | **0.800 ± 0.141** | 1.00 |');
    expect(md).toContain('paper protocol (best epoch by ACC against the true labels)');
  });
  it('refuses an unknown metric or format with the valid choices', () => {
    expect(() => tableCommand(records, base, 'accuracy')).toThrow(/--metric accuracy: use one of acc, nmi, ari, ami, f1, vMeasure/);
    expect(() => tableCommand(records, base, 'ari', 'html')).toThrow(/--format html: use one of markdown, latex, csv/);
  });
});
