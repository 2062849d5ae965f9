import { defineControl } from '@scbench/api';
import { createRng } from '@scbench/numerics';

/**
 * Lower-bound control: the true labels shuffled across cells, so class sizes match but any structure is gone.
 * ARI and AMI should sit near 0; ACC near the largest class share.
 */
export const randomLabels = defineControl({
  id: 'random-labels',
  label: 'Control: shuffled labels',
  summary: 'True labels permuted at random (chance level with the true class sizes).',
  reference: { paper: 'Control method, as in openproblems v2' },
  kind: 'control',
  defaults: {},
  run: async (_data, _params, ctx, truth) => {
    const labels = Int32Array.from(truth.labels);
    const rng = createRng(ctx.seed);
    for (let i = labels.length - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      const t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    return { labels };
  },
});
