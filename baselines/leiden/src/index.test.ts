import { describe, expect, it } from '@jest/globals';
import { testContext } from '@scbench/api';
import { synthetic } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { leiden } from './index.ts';

describe('leiden', () => {
  const { dataset, truth } = synthetic({ cells: 500, genes: 600, groups: 6, seed: 3 });

  it('hits k by resolution search and recovers planted groups', async () => {
    const out = await leiden.run(dataset, leiden.defaults, testContext(0));
    expect(new Set(out.labels).size).toBe(6);
    expect(out.info?.hitK).toBe(true);
    expect(scoreAll(truth.labels, out.labels).ari).toBeGreaterThan(0.85);
  });
  it('is deterministic for a seed', async () => {
    const a = await leiden.run(dataset, leiden.defaults, testContext(1));
    const b = await leiden.run(dataset, leiden.defaults, testContext(1));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });
});
