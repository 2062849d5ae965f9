import { describe, expect, it } from '@jest/globals';
import { CORRECTED, PAPER, SCLLM_DEFAULTS, chooseGraphForm, resolveSwitches } from './params.ts';

describe('resolveSwitches', () => {
  it('paper preset reproduces the released code, faults included', () => {
    const r = resolveSwitches({ ...SCLLM_DEFAULTS, mode: 'paper' });
    expect(r).toMatchObject({
      mode: 'paper', headsTrained: false, targetSchedule: 'paper', klForm: 'paper', qSpace: 'fused', clusterSpace: 'zf',
      trainNormalise: 'row', projDim: 16, textFusion: 'raw', textWeighting: 'paper', sentence: 'paper', template: 'paper',
      clusterRefresh: 'restart', matchClusters: false, input: 'raw', deflate: false, activation: 'linear',
      anchor: 'none', headInput: 'row', textShare: 0.5, aeInit: 'random', geneVectors: 'encoder',
    });
  });

  it('corrected (the default) fixes each fault; Q follows the clustering space', () => {
    const r = resolveSwitches(SCLLM_DEFAULTS);
    expect(r).toMatchObject({
      mode: 'corrected', headsTrained: true, targetSchedule: 'every10', klForm: 'kl', qSpace: 'fused', clusterSpace: 'fused',
      trainNormalise: 'row+column', projDim: 128, textFusion: 'normalised', clusterRefresh: 'warm', matchClusters: true, deflate: true,
      anchor: 'structure', textShare: 0.2, input: 'hvg-scaled', activation: 'linear', aeInit: 'pca', geneVectors: 'encoder',
    });
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, clusterSpace: 'zf' }).qSpace).toBe('zf');
  });

  it('explicit switches override the preset one at a time', () => {
    const r = resolveSwitches({ ...SCLLM_DEFAULTS, mode: 'paper', klForm: 'kl', projDim: '128', heads: 'trained' });
    expect(r.klForm).toBe('kl');
    expect(r.projDim).toBe(128);
    expect(r.headsTrained).toBe(true);
    expect(r.targetSchedule).toBe(PAPER.targetSchedule); // untouched switches keep the preset
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, targetSchedule: 'paper', clusterRefresh: 'restart' }).matchClusters).toBe(false);
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, input: 'raw' }).input).toBe('raw');
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, input: 'hvg-log' }).input).toBe('hvg-log');
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, input: 'hvg-scaled' }).input).toBe('hvg-scaled');
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, aeInit: 'random' }).aeInit).toBe('random');
    // A non-linear AE has no closed-form optimum: 'auto' then means PyTorch's random init, an explicit 'pca' is kept
    // (and refused by the model with the reason).
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, activation: 'relu' }).aeInit).toBe('random');
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, activation: 'relu', aeInit: 'pca' }).aeInit).toBe('pca');
    expect(() => resolveSwitches({ ...SCLLM_DEFAULTS, aeInit: 'xavier' })).toThrow(/aeInit must be 'auto' or one of random, pca/);
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, deflate: 'off' }).deflate).toBe(false);
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, mode: 'paper', deflate: 'on' }).deflate).toBe(true);
    expect(CORRECTED.input).toBe(resolveSwitches(SCLLM_DEFAULTS).input);
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, anchor: 'none', textShare: 0.5 })).toMatchObject({ anchor: 'none', textShare: 0.5 });
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, mode: 'paper', anchor: 'encoder', headInput: 'z' })).toMatchObject({ anchor: 'encoder', headInput: 'z' });
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, geneVectors: 'random' }).geneVectors).toBe('random');
  });

  it('rejects unknown values with the allowed ones', () => {
    expect(() => resolveSwitches({ ...SCLLM_DEFAULTS, mode: 'fast' })).toThrow(/mode must be 'auto' or one of corrected, paper/);
    expect(() => resolveSwitches({ ...SCLLM_DEFAULTS, klForm: 'js' })).toThrow(/klForm/);
    expect(() => resolveSwitches({ ...SCLLM_DEFAULTS, projDim: '-3' })).toThrow(/projDim/);
    expect(() => resolveSwitches({ ...SCLLM_DEFAULTS, textShare: 2 })).toThrow(/textShare must be 'auto' or a number in \[0, 1\]/);
    expect(() => resolveSwitches({ ...SCLLM_DEFAULTS, anchor: 'text' })).toThrow(/anchor must be 'auto' or one of none, encoder, structure/);
    expect(() => resolveSwitches({ ...SCLLM_DEFAULTS, geneVectors: 'zca' })).toThrow(/geneVectors must be 'auto' or one of encoder, whitened, random/);
  });

  it('chooses the graph form by mode and size unless told', () => {
    expect(chooseGraphForm('auto', 1000, 50000, 'paper')).toBe('factored');
    expect(chooseGraphForm('auto', 100000, 50000, 'paper')).toBe('sparse');
    expect(chooseGraphForm('auto', 1000, 50000, 'corrected')).toBe('sparse');
    expect(chooseGraphForm('factored', 1000, 50000, 'corrected')).toBe('factored');
    expect(chooseGraphForm('dense', 100000, 50000, 'corrected')).toBe('dense');
    expect(() => chooseGraphForm('knn', 10, 5, 'paper')).toThrow(/graph/);
  });
});
