import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from './backend.ts';
import { loadLocalGraphModel } from './graph-model.ts';

// A two-node TF graph (y = x · w, w from a weight shard), written by hand in the TF.js graph-model format.
const topology = {
  node: [
    { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '-1' }, { size: '2' }] } } } },
    { name: 'w', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '2' }] } } } } },
    { name: 'y', op: 'Mul', input: ['x', 'w'], attr: { T: { type: 'DT_FLOAT' } } },
  ],
  versions: { producer: 1 },
};

describe('loadLocalGraphModel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graph-model-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'model.json'), JSON.stringify({ format: 'graph-model', modelTopology: topology, weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'w', shape: [2], dtype: 'float32' }] }] }));
  writeFileSync(join(dir, 'w.bin'), new Uint8Array(new Float32Array([2, -1]).buffer));

  it('loads model.json and shards from a folder with no network and runs on typed arrays, leaking nothing', async () => {
    await initEngine();
    const m = await loadLocalGraphModel(dir);
    expect(m.inputNames).toEqual(['x']);
    expect(m.outputNames).toEqual(['y']);
    const before = tf.memory().numTensors;
    const [y] = await m.run({ x: { data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] } });
    expect(Array.from(y.data)).toEqual([2, -2, 6, -4]);
    expect(y.shape).toEqual([2, 2]);
    expect(tf.memory().numTensors).toBe(before);
    await expect(m.run({})).rejects.toThrow(/input 'x' missing/);
    await expect(m.run({ x: { data: new Float32Array(3), shape: [2, 2] } })).rejects.toThrow(/needs 4 values/);
    m.dispose();
  });

  it('names the missing folder, model.json or shard', async () => {
    await expect(loadLocalGraphModel(join(dir, 'nope'))).rejects.toThrow(/does not exist/);
    const bad = mkdtempSync(join(tmpdir(), 'graph-model-bad-'));
    try {
      await expect(loadLocalGraphModel(bad)).rejects.toThrow(/model\.json is missing/);
      writeFileSync(join(bad, 'model.json'), JSON.stringify({ modelTopology: topology, weightsManifest: [{ paths: ['gone.bin'], weights: [] }] }));
      await expect(loadLocalGraphModel(bad)).rejects.toThrow(/gone\.bin/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
