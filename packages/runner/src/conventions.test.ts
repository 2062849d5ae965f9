// Conventions every registered method must keep, checked over the registry itself (ARCHITECTURE.md).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { testContext, type AnyMethod, type Dataset, type Truth } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { initEngine, tf } from '@scbench/engine';
import { runHandingLabels } from './label-hand-off.ts';
import { resolveParams } from './params.ts';
import { methods } from './registry.ts';

async function runOnce(m: AnyMethod, dataset: Dataset, truth: Truth, seed: number): Promise<Int32Array> {
  const params = resolveParams(m, [], true);
  // Each kind gets what the runner hands it: nothing, the labels of a seeded 10 % (semi-supervised), the truth (controls).
  const { out } = await runHandingLabels(m, dataset, params, testContext(seed), truth);
  return out.labels;
}

describe('every registered method', () => {
  beforeAll(async () => {
    await initEngine(); // so tensor counts can be read before any deep method has started the engine
  });
  const { dataset, truth } = synthetic({ cells: 240, genes: 300, groups: 4, seed: 11 });
  it('has a unique id, a summary and a reference', () => {
    expect(new Set(methods.map((m) => m.id)).size).toBe(methods.length);
    for (const m of methods) {
      expect(m.id).toMatch(/^[a-z0-9-]+$/);
      expect(m.summary.length).toBeGreaterThan(10);
      expect(m.reference.paper.length).toBeGreaterThan(5);
    }
  });
  for (const m of methods) {
    if (m.needs?.geneNames) {
      // Text methods embed real gene descriptions (minutes with the bundled encoder); their own tests run them on
      // fake encoders. The convention here: on data whose genes cannot be looked up they refuse clearly, not with
      // silent zeros.
      it(`${m.id}: refuses data without a species or known genes, naming the dataset and the fix`, async () => {
        await expect(runOnce(m, dataset, truth!, 3)).rejects.toThrow(new RegExp(`${dataset.id}[\\s\\S]*fix`));
      });
      continue;
    }
    it(`${m.id}: smoke-runs, returns one label per cell in [0, k), and is deterministic for a seed`, async () => {
      const tensorsBefore = tf.memory().numTensors;
      const a = await runOnce(m, dataset, truth!, 3);
      expect(tf.memory().numTensors).toBe(tensorsBefore); // no leaked tensors (deep methods)
      expect(a.length).toBe(dataset.counts.rows);
      for (const l of a) {
        expect(l).toBeGreaterThanOrEqual(0);
        expect(l).toBeLessThan(dataset.nClusters);
      }
      const b = await runOnce(m, dataset, truth!, 3);
      expect(Array.from(b)).toEqual(Array.from(a));
    });
  }
  it('no method other than a control declares a run with the truth parameter (a semi-supervised one: a PartialTruth)', () => {
    for (const m of methods) if (m.kind !== 'control') expect(m.run.length).toBeLessThanOrEqual(m.supervision ? 4 : 3);
  });
});
