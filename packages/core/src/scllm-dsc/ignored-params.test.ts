import { describe, expect, it } from '@jest/globals';
import { refuseIgnoredValues } from './ignored-params.ts';
import { SCLLM_DEFAULTS, type ScllmParams } from './params.ts';

const check = (set: Partial<ScllmParams>) => () => refuseIgnoredValues({ ...SCLLM_DEFAULTS, ...set });

describe('refuseIgnoredValues', () => {
  it('accepts the defaults of both modes and the paper\'s ablations as they are', () => {
    for (const set of [{}, { mode: 'paper' }, { semantic: 'off' }, { align: false }, { kl: false }, { ncut: false }, { paths: 'weighted' }]) {
      expect(check(set as Partial<ScllmParams>)).not.toThrow();
    }
  });

  it('refuses a value an ablation switches off, naming the value and the fix', () => {
    expect(check({ semantic: 'off', tau: 0.05 })).toThrow(/tau=0\.05 would be ignored with semantic=off .*drop them or drop semantic=off/);
    expect(check({ semantic: 'off', textGraph: 0.3 })).toThrow(/textGraph=0\.3/);
    expect(check({ align: false, fCl: 1 })).toThrow(/fCl=1 would be ignored with align=false/);
    expect(check({ kl: false, fKl: 0 })).toThrow(/fKl=0 would be ignored with kl=false/);
    expect(check({ ncut: false, textGraph: 0.3 })).toThrow(/textGraph=0\.3 would be ignored with ncut=false/);
    // The text-view parameters still act with align=false: the read-out fuses the (untrained) text head.
    expect(check({ align: false, textShare: 0.5, topK: 100 })).not.toThrow();
  });

  it('refuses hvg without a gene selection, and kNN settings on a complete graph unless the text graph reads them', () => {
    expect(check({ input: 'log1p', hvg: 1000 })).toThrow(/hvg=1000 would be ignored with input=log1p .*use input=hvg-log or hvg-scaled/);
    expect(check({ mode: 'paper', hvg: 1000 })).toThrow(/input=raw/);
    expect(check({ input: 'hvg-log', hvg: 1000 })).not.toThrow();
    expect(check({ graph: 'factored', knnK: 30 })).toThrow(/knnK=30 would be ignored with graph=factored .*use graph=sparse/);
    expect(check({ graph: 'factored', knnK: 30, textGraph: 0.3 })).not.toThrow();
    expect(check({ graph: 'sparse', knnK: 30 })).not.toThrow();
  });

  it('refuses sparseAbove except where it picks the graph form (mode=paper, graph=auto)', () => {
    expect(check({ sparseAbove: 1000 })).toThrow(/sparseAbove=1000 would be ignored/);
    expect(check({ mode: 'paper', graph: 'dense', sparseAbove: 1000 })).toThrow(/sparseAbove/);
    expect(check({ mode: 'paper', sparseAbove: 1000 })).not.toThrow();
  });

  it('lists every ignored value in one message', () => {
    expect(check({ semantic: 'off', tau: 0.05, kl: false, lambda: 3 })).toThrow(/tau=0\.05 .*; lambda=3 would be ignored with kl=false/);
  });
});
