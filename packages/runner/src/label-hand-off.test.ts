import { describe, expect, it } from '@jest/globals';
import { defineControl, defineMethod, defineSemiSupervised, testContext, type Dataset, type PartialTruth, type Truth } from '@scbench/api';
import { scoreAll } from '@scbench/metrics';
import { chooseLabelledCells, otherCells, runHandingLabels } from './label-hand-off.ts';
import { scoreRun } from './score-run.ts';

const n = 503;
const truth: Truth = { labels: Int32Array.from({ length: n }, (_, i) => i % 5), names: ['a', 'b', 'c', 'd', 'e'] };
const dataset: Dataset = { id: 'toy', counts: { rows: n, cols: 2, data: new Float32Array(n * 2) }, valueType: 'raw counts', nClusters: 5 };

describe('chooseLabelledCells', () => {
  it('takes ceil(fraction · n) distinct cells, ascending, fixed by the seed', () => {
    const a = chooseLabelledCells(n, 0.1, 0);
    expect(a.length).toBe(51);
    expect(new Set(a).size).toBe(51);
    expect(Array.from(a)).toEqual(Array.from(a).sort((x, y) => x - y));
    expect(a.every((c) => c >= 0 && c < n)).toBe(true);
    expect(Array.from(chooseLabelledCells(n, 0.1, 0))).toEqual(Array.from(a));
    expect(Array.from(chooseLabelledCells(n, 0.1, 1))).not.toEqual(Array.from(a));
    // spread over the dataset, not its first rows
    expect(a[a.length - 1]).toBeGreaterThan(n / 2);
  });
  it('refuses a fraction outside (0, 1) and a dataset it would leave with nothing to score', () => {
    expect(() => chooseLabelledCells(n, 1, 0)).toThrow(/in \(0, 1\)/);
    expect(() => chooseLabelledCells(n, 0, 0)).toThrow(/in \(0, 1\)/);
    expect(() => chooseLabelledCells(1, 0.1, 0)).toThrow(/none to score/);
  });
});

describe('runHandingLabels', () => {
  it('hands a semi-supervised method the chosen 10 % only, and its scores cover the other 90 %', async () => {
    const got: { args: number; labelled: PartialTruth }[] = [];
    const semi = defineSemiSupervised({
      id: 'spy-semi', label: 'spy', summary: 'records what it is handed', reference: { paper: 'test' }, kind: 'deep',
      supervision: { kind: 'semi', labelFraction: 0.1 }, defaults: {},
      run: async function (_d, _p, _c, labelled) {
        got.push({ args: arguments.length, labelled });
        // Perfect on the cells it was not handed, deliberately wrong (all cluster 0) on those it was.
        const labels = Int32Array.from(truth.labels);
        for (const c of labelled.cells) labels[c] = 0;
        return { labels };
      },
    });
    const run = await runHandingLabels(semi, dataset, {}, testContext(7), truth);
    const chosen = chooseLabelledCells(n, 0.1, 7);
    expect(got).toHaveLength(1);
    expect(got[0].args).toBe(4);
    // exactly the chosen cells and their labels: never more than ceil(10 %), nothing else of the truth
    expect(Object.keys(got[0].labelled).sort()).toEqual(['cells', 'labels']);
    expect(Array.from(got[0].labelled.cells)).toEqual(Array.from(chosen));
    expect(got[0].labelled.labels.length).toBe(Math.ceil(0.1 * n));
    expect(Array.from(got[0].labelled.labels)).toEqual(Array.from(chosen, (c) => truth.labels[c]));
    // scored: every other cell, none of the handed ones
    expect(run.scored!.length).toBe(n - chosen.length);
    const handed = new Set(chosen);
    expect(Array.from(run.scored!).some((c) => handed.has(c))).toBe(false);
    expect(Array.from(otherCells(n, chosen))).toEqual(Array.from(run.scored!));
    expect(run.supervision).toEqual({ kind: 'semi', labelFraction: 0.1, labelledCells: Array.from(chosen), scoredCells: n - chosen.length });
    // the wrong labels on the handed cells do not count: perfect on the others
    const scores = scoreRun(truth.labels, run.out, [{ epoch: 1, labels: run.out.labels }], run.scored, 7);
    expect(scores.scores.ari).toBe(1);
    expect(scores.paperProtocol!.scores.ari).toBe(1);
    expect(scoreAll(truth.labels, run.out.labels).ari).toBeLessThan(1);
  });

  it('hands an unsupervised method no labels at all, and a control the truth; both are scored on every cell', async () => {
    let unsupervisedArgs = -1;
    const plain = defineMethod({
      id: 'spy', label: 'spy', summary: 'records what it is handed', reference: { paper: 'test' }, kind: 'classical', defaults: {},
      run: async function (d) {
        unsupervisedArgs = arguments.length;
        return { labels: new Int32Array(d.counts.rows) };
      },
    });
    const a = await runHandingLabels(plain, dataset, {}, testContext(0), truth);
    expect(unsupervisedArgs).toBe(3);
    expect(a.scored).toBeNull();
    expect(a.supervision).toBeNull();
    const control = defineControl({
      id: 'spy-control', label: 'spy', summary: 'returns the truth', reference: { paper: 'test' }, kind: 'control', defaults: {},
      run: async (_d, _p, _c, t) => ({ labels: Int32Array.from(t.labels) }),
    });
    const b = await runHandingLabels(control, dataset, {}, testContext(0), truth);
    expect(b.scored).toBeNull();
    expect(scoreRun(truth.labels, b.out, [], b.scored, 0).scores.ari).toBe(1);
  });
});
