import { defineControl } from '@scbench/api';

/** Upper-bound control: returns the truth. Every score must be 1; a report that shows otherwise has a bug. */
export const trueLabels = defineControl({
  id: 'true-labels',
  label: 'Control: true labels',
  summary: 'Returns the ground truth (upper bound; checks the scoring path).',
  reference: { paper: 'Control method, as in openproblems v2' },
  kind: 'control',
  defaults: {},
  run: async (_data, _params, _ctx, truth) => ({ labels: Int32Array.from(truth.labels) }),
});
