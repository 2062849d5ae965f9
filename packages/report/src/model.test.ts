import { describe, expect, it } from '@jest/globals';
import { buildReportModel } from './model.ts';
import { record, scores } from './fixtures.ts';

describe('buildReportModel', () => {
  const records = [
    record({ dataset: 'd1', method: 'a', seed: 0, scores: scores(0.8) }),
    record({ dataset: 'd1', method: 'a', seed: 1, scores: scores(0.6) }),
    record({ dataset: 'd1', method: 'b', seed: 0, scores: scores(0.9) }),
    record({ dataset: 'd1', method: 'b', seed: 1, status: 'failed', scores: null, error: 'boom\nstack' }),
    record({ dataset: 'd1', method: 'true-labels', seed: 0, scores: scores(1) }),
    record({ dataset: 'd2', method: 'a', seed: 0, scores: scores(0.3) }),
    record({ dataset: 'd2', method: 'b', seed: 0, status: 'timeout', scores: null, error: 'timed out' }),
  ];
  const model = buildReportModel(records, { protocol: 'honest', title: 't', now: new Date(0) });
  const acc = model.honest.find((t) => t.key === 'acc')!;

  it('puts controls after real methods', () => {
    expect(model.methods.map((m) => m.id)).toEqual(['a', 'b', 'true-labels']);
  });
  it('averages successful runs and flags partial failures', () => {
    expect(acc.rows[0][0].mean).toBeCloseTo(0.7, 12);
    expect(acc.rows[1][0]).toMatchObject({ mean: 0.9, ok: 1, runs: 2, state: 'partial' });
  });
  it('shows a dataset where every run failed as a failure, ranked last, never as a zero', () => {
    const cell = acc.rows[1][1];
    expect(cell.state).toBe('timeout');
    expect(Number.isNaN(cell.mean)).toBe(true);
    expect(cell.rank).toBe(2);
    expect(acc.rows[0][1].best).toBe(true);
  });
  it('excludes controls from ranks', () => {
    expect(acc.rows[2][0].rank).toBeNull();
    expect(acc.meanRank[2]).toBeNull();
    expect(acc.rows[1][0].rank).toBe(1); // b beats a on d1 although the control scored 1
    expect(acc.meanRank[0]).toBe(1.5);
  });
  it('lists failures with their first lines of error', () => {
    expect(model.failures.map((f) => `${f.method}/${f.dataset}/${f.status}`)).toEqual(['b/d1/failed', 'b/d2/timeout']);
  });
  it('has no paper-protocol tables when no run made snapshots', () => {
    expect(model.paper).toBeNull();
    const withPaper = buildReportModel([record({ dataset: 'd', method: 'a', seed: 0, paperProtocol: { epoch: 3, epochs: 10, scores: scores(0.95) } })], { protocol: 'paper', title: 't' });
    expect(withPaper.paper![0].rows[0][0].mean).toBe(0.95);
  });
});
