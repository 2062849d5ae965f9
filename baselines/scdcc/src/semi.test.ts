import { describe, expect, it } from '@jest/globals';
import { testContext, type PartialTruth } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { scdcc, scdccSemi } from './index.ts';

/** Every 10th cell labelled (the runner chooses at random; any 10 % serves the method's test), the others scored. */
function tenPercent(labels: Int32Array): { labelled: PartialTruth; scored: Int32Array } {
  const cells = Int32Array.from({ length: Math.ceil(labels.length / 10) }, (_, i) => i * 10);
  const scored = Int32Array.from({ length: labels.length }, (_, i) => i).filter((i) => i % 10 !== 0);
  return { labelled: { cells, labels: Int32Array.from(cells, (c) => labels[c]) }, scored };
}

const pick = (x: Int32Array, rows: Int32Array) => Int32Array.from(rows, (r) => x[r]);

describe('scdcc-semi', () => {
  it('declares itself semi-supervised with 10 % of cells labelled', () => {
    expect(scdccSemi.supervision).toEqual({ kind: 'semi', labelFraction: 0.1 });
    expect(scdccSemi.id).not.toBe(scdcc.id);
  });

  // The well-separated set of scdcc's own test, on which the unconstrained method already recovers the groups.
  const { dataset, truth } = synthetic({ cells: 300, genes: 200, groups: 3, seed: 3, logFoldChange: 3, markerFraction: 0.1 });
  const { labelled, scored } = tenPercent(truth.labels);

  it('on a well-separated synthetic set the constraints help or do not hurt (ARI on the unlabelled 90 %)', async () => {
    const schedule = { pretrainEpochs: 100, maxEpochs: 30 };
    const plain = await scdcc.run(dataset, { ...scdcc.defaults, ...schedule }, testContext(0, false));
    const semi = await scdccSemi.run(dataset, { ...scdccSemi.defaults, ...schedule }, testContext(0, false), labelled);
    const ariPlain = scoreAll(pick(truth.labels, scored), pick(plain.labels, scored)).ari;
    const ariSemi = scoreAll(pick(truth.labels, scored), pick(semi.labels, scored)).ari;
    console.log(`scdcc-semi synthetic test: ARI on the unlabelled 90 %: unconstrained ${ariPlain.toFixed(3)}, constrained ${ariSemi.toFixed(3)}`);
    expect(semi.info?.mustLinks as number).toBeGreaterThan(0);
    expect(semi.info?.cannotLinks as number).toBeGreaterThan(0);
    expect(ariSemi).toBeGreaterThan(0.9);
    expect(ariSemi).toBeGreaterThanOrEqual(ariPlain - 0.02);
  }, 300_000);

  it('is deterministic for a seed and returns labels in [0, k)', async () => {
    const params = { ...scdccSemi.defaults, ...scdccSemi.smoke };
    const a = await scdccSemi.run(dataset, params, testContext(1), labelled);
    const b = await scdccSemi.run(dataset, params, testContext(1), labelled);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.labels.every((l) => l >= 0 && l < dataset.nClusters)).toBe(true);
  });
});
