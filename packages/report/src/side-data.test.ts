import { describe, expect, it } from '@jest/globals';
import { record, scores } from './fixtures.ts';
import type { RunPicture } from './run-picture.ts';
import { curvePhases, picturesByDataset, trainingCurves, type SideData } from './side-data.ts';

const picture = (snapshots: RunPicture['snapshots'] = []): RunPicture => ({
  typeNames: ['a', 'b'], cells: 2, shown: 2, layoutOf: 'expression', layout: [0, 0, 1, 1], truth: [0, 1], pred: [1, 0],
  confusion: [[0, 1], [1, 0]], clusterIds: [1, 0], clusterType: [0, 1], snapshots,
});

describe('curvePhases', () => {
  it('groups epoch events by phase, keeps loss parts and drops timings and epoch-less events', () => {
    const phases = curvePhases([
      { event: 'pretrain', epoch: 1, mse: 2, t: 5 }, { event: 'pretrain', epoch: 2, mse: 1, kl: 0.5 },
      { event: 'timing', epoch: 1, kmeansMs: 3 }, { event: 'timing', epoch: 2, kmeansMs: 4 }, { event: 'done', ari: 1 },
    ]);
    expect(phases).toEqual([{ name: 'pretrain', epochs: [1, 2], parts: [{ name: 'mse', values: [2, 1] }, { name: 'kl', values: [NaN, 0.5] }] }]);
  });
});

describe('side data in the model', () => {
  const records = [
    record({ dataset: 'd', method: 'm', seed: 1, scores: scores(0.4) }),
    record({ dataset: 'd', method: 'm', seed: 0, scores: scores(0.5), paperProtocol: { epoch: 3, epochs: 4, scores: scores(0.7) } }),
    record({ dataset: 'd', method: 'true-labels', seed: 0 }),
  ];
  const side: SideData = {
    picture: (r) => (r.method === 'm' && r.seed === 0 ? picture([{ epoch: 1, acc: 0.5, nmi: 0.5, ari: 0.4 }, { epoch: 3, acc: 0.8, nmi: 0.7, ari: 0.7 }]) : picture()),
    log: (r) => (r.method === 'm' ? [{ event: 'train', epoch: 1, loss: 2 }, { event: 'train', epoch: 2, loss: 1 }] : undefined),
  };
  const rowOf = (r: { method: string }) => r.method;
  it('draws the lowest seed of each method and leaves the controls out', () => {
    const p = picturesByDataset(records, rowOf, ['m', 'true-labels'], ['d'], (m) => m === 'true-labels', side);
    expect(p).toHaveLength(1);
    expect(p[0].runs.map((r) => [r.row, r.seed])).toEqual([['m', 0]]);
  });
  it('marks the final output and the label-picked epoch on the curve', () => {
    const [c] = trainingCurves(records, rowOf, ['m'], ['d'], side);
    expect(c).toMatchObject({ row: 'm', seed: 0, finalAri: 0.5, picked: { epoch: 3, ari: 0.7 } });
    expect(c.snapshots.map((s) => s.ari)).toEqual([0.4, 0.7]);
  });
  it('has no pictures or curves without side data', () => {
    expect(picturesByDataset(records, rowOf, ['m'], ['d'], () => false, undefined)).toEqual([]);
    expect(trainingCurves(records, rowOf, ['m'], ['d'], undefined)).toEqual([]);
  });
});
