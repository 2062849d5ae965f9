import { beforeAll, describe, expect, it } from '@jest/globals';
import { checkParamValues, testContext, type Dataset } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { initEngine, tf } from '@scbench/engine';
import { scoreAll } from '@scbench/metrics';
import { fakeEncoder, nameDescriber } from '../semantic/index.ts';
import { alignment } from './alignment.ts';
import { makeScllmDsc } from './method.ts';
import { SCLLM_DEFAULTS } from './params.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

// Planted groups; the genes get a species and fake descriptions, the encoder is a hashed bag of words: the test
// checks the pipeline and the switches, not the language model.
const { dataset: raw, truth } = synthetic({ cells: 240, genes: 150, groups: 3, seed: 4, logFoldChange: 3, markerFraction: 0.1 });
const dataset = { ...raw, species: 'Homo sapiens' };
const method = makeScllmDsc({ encoder: async () => fakeEncoder(64), describer: nameDescriber() });
const small = { ...SCLLM_DEFAULTS, pretrainEpochs: 6, trainEpochs: 6, hidden: 32, nInit: 3, topK: 50 };

async function run(params: Partial<typeof SCLLM_DEFAULTS>, seed = 1, data: Dataset = dataset) {
  const ctx = testContext(seed, false);
  const start = tf.memory().numTensors;
  const out = await method.run(data, { ...small, ...params }, ctx);
  expect(tf.memory().numTensors).toBe(start);
  return { out, ctx };
}

describe('scllm-dsc', () => {
  for (const mode of ['corrected', 'paper'] as const) {
    it(`${mode}: labels in range, a snapshot every train epoch, alignment logged, deterministic for a seed`, async () => {
      const { out, ctx } = await run({ mode });
      expect(out.labels).toHaveLength(240);
      expect(Math.min(...out.labels)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...out.labels)).toBeLessThan(3);
      expect(ctx.snapshots.map((s) => s.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
      const train = ctx.events.filter((e) => e.event === 'train');
      expect(train).toHaveLength(6);
      expect(train.every((e) => Number.isFinite(e.values.align) && Number.isFinite(e.values.cl))).toBe(true);
      expect(out.info?.semanticView).toBe('on');
      expect(out.info?.mode).toBe(mode);
      // Read-out space: z_f (16-d) in paper mode; in corrected mode the fused Z, at z's width (no structural head).
      expect(out.embedding?.cols).toBe(16);
      expect(String(out.info?.switches)).toContain(mode === 'corrected' ? 'structHead=identity' : 'structHead=mlp');
      expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.5);
      const again = await run({ mode });
      expect(Array.from(again.out.labels)).toEqual(Array.from(out.labels));
      expect(Array.from(again.out.embedding!.data)).toEqual(Array.from(out.embedding!.data));
    });
  }

  it("reads out the fused Z at the heads' width with the paper's structural head (structHead=mlp)", async () => {
    const { out } = await run({ mode: 'corrected', structHead: 'mlp' }, 2);
    expect(out.embedding?.cols).toBe(128);
  });

  it('runs with the semantic view off on a dataset without gene names, and says why', async () => {
    const { genes: _genes, ...noNames } = dataset;
    const { out, ctx } = await run({ mode: 'corrected' }, 2, noNames);
    expect(out.info?.semanticView).toBe('off: no gene names');
    expect(out.info?.alignment).toBe('off: no semantic view');
    expect(out.embedding?.cols).toBe(16);
    expect(ctx.events.filter((e) => e.event === 'train').every((e) => e.values.align === undefined)).toBe(true);
    expect(ctx.snapshots).toHaveLength(6);
  });

  it('records the ablation and a missing species the same way', async () => {
    expect((await run({ semantic: 'off' })).out.info?.semanticView).toBe('off: ablation (semantic=off)');
    expect((await run({}, 1, raw)).out.info?.semanticView).toBe('off: no species');
  });

  it('runs the no-knowledge control (geneVectors=random) and records it', async () => {
    const { out } = await run({ geneVectors: 'random' }, 2);
    expect(out.info?.semanticGeneVectors).toBe('random');
    expect(String(out.info?.switches)).toContain('geneVectors=random');
    expect(out.labels).toHaveLength(240);
  });

  it('mixes the semantic view\'s graph into NCut when textGraph > 0, records it, and refuses γ outside [0, 1)', async () => {
    const on = await run({ textGraph: 0.3, pretrainEpochs: 3, trainEpochs: 3 }, 2);
    const off = await run({ pretrainEpochs: 3, trainEpochs: 3 }, 2);
    expect(on.out.info?.textGraph).toBe(0.3);
    expect(off.out.info?.textGraph).toBeUndefined();
    // The pre-train loss parts differ from the first epoch on: the NCut term sees another operator.
    const cov = (c: typeof on.ctx) => c.events.find((e) => e.event === 'pretrain')!.values.cov;
    expect(cov(on.ctx)).not.toBeCloseTo(cov(off.ctx), 6);
    const { genes: _genes, ...noNames } = dataset;
    expect((await run({ textGraph: 0.3, pretrainEpochs: 2, trainEpochs: 2 }, 2, noNames)).out.info?.textGraph).toBe('off: no semantic view');
    const rules = (set: Partial<typeof small>) => () => checkParamValues('scllm-dsc', method.paramRules!, { ...small, ...set });
    expect(rules({ textGraph: 1 })).toThrow('textGraph=1: textGraph takes a number in [0, 1)');
    expect(rules({ textGraph: -0.1 })).toThrow(/textGraph takes a number in \[0, 1\)/);
    expect(rules({ textGraph: 0 })).not.toThrow();
  });

  it('embeds with the encoder its `encoder` parameter names; refuses an unknown one, or one with the view off', async () => {
    const asked: string[] = [];
    const spied = makeScllmDsc({ encoder: async (spec) => (asked.push(spec), fakeEncoder(64)), describer: nameDescriber() });
    const ctx = testContext(1, false);
    const out = await spied.run(dataset, { ...small, encoder: 'openai:text-embedding-3-small', pretrainEpochs: 2, trainEpochs: 2 }, ctx);
    expect(asked).toEqual(['openai:text-embedding-3-small']);
    expect(out.info?.semanticView).toBe('on');
    expect(() => method.checkParams!({ ...small, encoder: 'gpt' })).toThrow(/^scllm-dsc: encoder 'gpt' is not one of/);
    expect(() => method.checkParams!({ ...small, semantic: 'off', encoder: 'openai' })).toThrow(/encoder=openai, .*would be ignored with semantic=off/);
  });

  it('ablations: no alignment drops the term; no NCut and no KL zero their weights', async () => {
    const { ctx } = await run({ align: false, ncut: false, kl: false, pretrainEpochs: 2, trainEpochs: 2 });
    const e = ctx.events.find((x) => x.event === 'train')!.values;
    expect(e.align).toBeUndefined();
    // total = f_mse·mse only
    expect(e.total).toBeCloseTo(0.3 * e.mse, 4);
  });

  it('reads out with Leiden when asked', async () => {
    const { out } = await run({ readout: 'leiden', pretrainEpochs: 2, trainEpochs: 2 });
    // The record's flag must tell the truth about whether the resolution search reached k.
    expect(typeof out.info?.leidenHitK).toBe('boolean');
    expect(new Set(out.labels).size === dataset.nClusters).toBe(out.info?.leidenHitK);
    expect(Math.max(...out.labels)).toBeLessThan(240);
  });
});

describe('alignment heads', () => {
  const zt = { rows: 64, cols: 24, data: Float32Array.from({ length: 64 * 24 }, (_, i) => Math.sin(i * 0.37)) };
  for (const trained of [true, false]) {
    it(`are ${trained ? 'updated' : 'left at their initial values'} when trained = ${trained}`, async () => {
      const a = alignment(zt, 16, { projDim: 8, tau: 0.1, varReg: 1e-2, weight: 0.3, trained, maxCells: 0, seed: 3 });
      const before = a.headWeights();
      const h = tf.variable(tf.randomNormal([64, 16], 0, 1, 'float32', 5) as tf.Tensor2D);
      const vars = [h, ...(a.hooks.variables ?? [])];
      const opt = tf.train.adam(1e-2);
      for (let epoch = 1; epoch <= 3; epoch++) {
        tf.tidy(() => {
          opt.minimize(() => {
            const view = { h: h as tf.Tensor2D, z: h as tf.Tensor2D, epoch };
            a.hooks.readout!(view);
            return a.hooks.trainParts!(view).align;
          }, false, vars);
        });
      }
      const after = a.headWeights();
      const changed = before.some((w, i) => w.some((v, j) => v !== after[i][j]));
      expect(changed).toBe(trained);
      expect(a.hooks.variables).toHaveLength(trained ? 8 : 0);
      a.dispose();
      h.dispose();
      opt.dispose();
    });
  }
});

describe('text-view standardisation', () => {
  it('lets InfoNCE learn on a view that is one shared direction plus small per-cell offsets', () => {
    const n = 64;
    const d = 24;
    // Every row ≈ the same unit vector (cosine ≈ 1 between cells), as sums of shared gene embeddings are.
    const zt = { rows: n, cols: d, data: Float32Array.from({ length: n * d }, (_, t) => 1 + 1e-3 * Math.sin(t * 1.7 + (t % 7))) };
    const finalCl = (standardiseText: boolean): number => {
      const a = alignment(zt, 16, { projDim: 8, tau: 0.1, varReg: 1e-2, weight: 0.3, trained: true, maxCells: 0, seed: 3, standardiseText });
      const h = tf.variable(tf.randomNormal([n, 16], 0, 1, 'float32', 5) as tf.Tensor2D);
      const opt = tf.train.adam(1e-2);
      let cl = 0;
      for (let epoch = 1; epoch <= 40; epoch++) {
        tf.tidy(() => {
          opt.minimize(() => {
            const view = { h: h as tf.Tensor2D, z: h as tf.Tensor2D, epoch };
            const parts = a.hooks.trainParts!(view);
            cl = parts.cl.dataSync()[0];
            return parts.align;
          }, false, [h, ...(a.hooks.variables ?? [])]);
        });
      }
      a.dispose();
      h.dispose();
      opt.dispose();
      return cl;
    };
    const raw = finalCl(false);
    const standardised = finalCl(true);
    expect(raw).toBeGreaterThan(Math.log(n) - 0.2); // stuck at log N: every text row projects to the same point
    expect(standardised).toBeLessThan(raw - 1);
  });
});

