import { describe, expect, it } from '@jest/globals';
import { record, scores } from './fixtures.ts';
import { buildReportModel } from './model.ts';

describe('leaderboard', () => {
  const recs = [
    ...['d1', 'd2', 'd3', 'd4'].flatMap((d, j) => [
      record({ dataset: d, method: 'a', seed: 0, scores: scores(0.9 - j * 0.01) }),
      record({ dataset: d, method: 'b', seed: 0, scores: scores(0.5 + j * 0.01) }),
      j === 3 ? record({ dataset: d, method: 'c', seed: 0, status: 'failed', scores: null }) : record({ dataset: d, method: 'c', seed: 0, scores: scores(0.7) }),
      record({ dataset: d, method: 'true-labels', seed: 0, scores: scores(1) }),
    ]),
  ];
  const ari = buildReportModel(recs, { protocol: 'honest', title: 't' }).leaderboards.find((b) => b.key === 'ari')!;

  it('ranks methods by mean rank, a failure last, controls never', () => {
    expect(ari.rows.map((r) => [r.name, r.meanRank, r.failed])).toEqual([['a', 1, 0], ['c', 2.25, 1], ['b', 2.75, 0]]);
    expect(ari.datasets).toEqual(['d1', 'd2', 'd3', 'd4']);
  });
  it('tests the ranks (Friedman) and gives the Nemenyi critical difference and the groups within it', () => {
    // ranks a: 1 1 1 1, b: 3 3 3 2, c: 2 2 2 3 → χ² = 12·4/(4·3·4) · (16 + 121 + 81) − 3·4·4 = 6.5, no ties
    expect(ari.friedman!.statistic).toBeCloseTo(6.5, 12);
    expect(ari.friedman!.pValue).toBeCloseTo(Math.exp(-6.5 / 2), 12); // χ² with 2 df: e^{−x/2}
    expect(ari.cd).toBeCloseTo(2.343701 * Math.sqrt((3 * 4) / (6 * 4)), 5);
    expect(ari.cliques).toEqual([[0, 1], [1, 2]]); // CD 1.66: a–b (1.75 apart) differ, a–c and c–b do not
  });
  it('says why there is no test on one dataset', () => {
    const one = buildReportModel(recs.filter((r) => r.dataset === 'd1'), { protocol: 'honest', title: 't' }).leaderboards[2];
    expect(one.friedman).toBeNull();
    expect(one.note).toMatch(/One dataset/);
    expect(one.rows.map((r) => r.name)).toEqual(['a', 'c', 'b']);
  });
  it('leaves out a method that has no runs on some datasets rather than those datasets, and names it', () => {
    const withText = [...recs, record({ dataset: 'd1', method: 'genept-w', seed: 0, scores: scores(0.95) })];
    const board = buildReportModel(withText, { protocol: 'honest', title: 't' }).leaderboards.find((b) => b.key === 'ari')!;
    expect(board.datasets).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(board.rows.map((r) => r.name)).toEqual(['a', 'c', 'b']);
    expect(board.friedman!.statistic).toBeCloseTo(6.5, 12);
    expect(board.note).toMatch(/Left out of the ranking .*: genept-w\.$/);
  });
  it('never ranks a semi-supervised method: it is shown apart with its labelled share, the ranking unchanged', () => {
    const supervision = { kind: 'semi' as const, labelFraction: 0.1, labelledCells: [0, 5], scoredCells: 98 };
    const withSemi = [...recs, ...['d1', 'd2', 'd3', 'd4'].map((d) => record({ dataset: d, method: 'scdcc-semi', seed: 0, scores: scores(0.99), supervision }))];
    const model = buildReportModel(withSemi, { protocol: 'honest', title: 't' });
    const board = model.leaderboards.find((b) => b.key === 'ari')!;
    expect(board.rows.map((r) => r.name)).toEqual(['a', 'c', 'b']);
    expect(board.friedman!.statistic).toBeCloseTo(6.5, 12);
    expect(board.semiSupervised).toEqual([{ name: 'scdcc-semi', labelFraction: 0.1, meanScore: 0.99, datasets: 4 }]);
    // after the unsupervised methods, before the controls; no rank, never bold, not in the accuracy-versus-time points
    expect(model.methods.map((m) => [m.id, m.labelFraction])).toEqual([['a', null], ['b', null], ['c', null], ['scdcc-semi', 0.1], ['true-labels', null]]);
    const table = model.honest.find((t) => t.key === 'ari')!;
    expect(table.meanRank[3]).toBeNull();
    expect(table.rows[3].every((c) => c.rank === null && !c.best)).toBe(true);
    expect(table.rows[0][0].best).toBe(true);
    expect(model.points.some((p) => p.row === 'scdcc-semi')).toBe(false);
    expect(buildReportModel(recs, { protocol: 'honest', title: 't' }).leaderboards[0].semiSupervised).toEqual([]);
  });
});
