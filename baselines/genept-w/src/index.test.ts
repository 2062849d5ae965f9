import { describe, expect, it } from '@jest/globals';
import { testContext } from '@scbench/api';
import { fakeEncoder, nameDescriber } from '@scbench/core';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { makeGeneptW } from './index.ts';

describe('genept-w', () => {
  // Synthetic counts with planted groups; the genes get a species and fake descriptions, the encoder is a hashed
  // bag of words, so the test checks the pipeline (view → PCA → k-means), not the language model.
  const { dataset: raw, truth } = synthetic({ cells: 300, genes: 400, groups: 4, seed: 5, logFoldChange: 3, markerFraction: 0.1 });
  const dataset = { ...raw, species: 'Homo sapiens' };
  const encoder = fakeEncoder(256);
  const method = makeGeneptW({ encoder: async () => encoder, describer: nameDescriber() });
  const params = { ...method.defaults, nInit: 5 };

  it('recovers planted groups through the text view alone', async () => {
    const out = await method.run(dataset, params, testContext(0));
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.8);
    expect(out.embedding?.cols).toBe(50);
    expect(out.info?.semanticGenes).toBe(400);
  });
  it('gives the same labels for the same seed', async () => {
    const a = await method.run(dataset, params, testContext(2));
    const b = await method.run(dataset, params, testContext(2));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });
  it('loads the encoder its `encoder` parameter names, and refuses one it cannot name', async () => {
    const asked: string[] = [];
    const spied = makeGeneptW({ encoder: async (spec) => (asked.push(spec), encoder), describer: nameDescriber() });
    await spied.run(dataset, { ...params, encoder: 'onnx:/models/minilm' }, testContext(0));
    expect(asked).toEqual(['onnx:/models/minilm']);
    expect(method.defaults.encoder).toBe('use-lite');
    expect(() => method.checkParams!({ ...params, encoder: 'minilm' })).toThrow(/^genept-w: encoder 'minilm' is not one of/);
  });
  it('fails clearly on a dataset without species', async () => {
    await expect(method.run(raw, params, testContext(0))).rejects.toThrow(/semantic view unavailable for dataset synthetic.*no species/);
  });
});
