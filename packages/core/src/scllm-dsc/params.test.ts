import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { checkParamValues } from '@scbench/api';
import { CORRECTED, PAPER, SCLLM_DEFAULTS, SCLLM_PARAMS, chooseGraphForm, resolveSwitches, type ScllmParams } from './params.ts';

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
    const r = resolveSwitches({ ...SCLLM_DEFAULTS, mode: 'paper', klForm: 'kl', projDim: 128, heads: 'trained' });
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
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, deflate: 'off' }).deflate).toBe(false);
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, mode: 'paper', deflate: 'on' }).deflate).toBe(true);
    expect(CORRECTED.input).toBe(resolveSwitches(SCLLM_DEFAULTS).input);
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, anchor: 'none', textShare: 0.5 })).toMatchObject({ anchor: 'none', textShare: 0.5 });
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, mode: 'paper', anchor: 'encoder', headInput: 'z' })).toMatchObject({ anchor: 'encoder', headInput: 'z' });
    expect(resolveSwitches({ ...SCLLM_DEFAULTS, geneVectors: 'random' }).geneVectors).toBe('random');
  });

  it('rejects unknown values with the allowed ones, in one place (the parameter rules), and at compile time', () => {
    const check = (set: Record<string, unknown>) => () => checkParamValues('scllm-dsc', SCLLM_PARAMS.rules, { ...SCLLM_DEFAULTS, ...set } as ScllmParams);
    expect(check({ mode: 'fast' })).toThrow("scllm-dsc: mode=fast: mode takes one of 'corrected', 'paper'");
    expect(check({ klForm: 'js' })).toThrow(/klForm takes one of 'auto', 'paper', 'kl'/);
    expect(check({ projDim: -3 })).toThrow("projDim takes 'auto' or an integer ≥ 1");
    expect(check({ textShare: 2 })).toThrow("textShare takes 'auto' or a number in [0, 1]");
    expect(check({ anchor: 'text' })).toThrow("anchor takes one of 'auto', 'none', 'encoder', 'structure'");
    expect(check({ geneVectors: 'zca' })).toThrow("geneVectors takes one of 'auto', 'encoder', 'whitened', 'random'");
    expect(check({ aeInit: 'xavier' })).toThrow("aeInit takes one of 'auto', 'random', 'pca'");
    expect(check({ activation: 'swish' })).toThrow(/activation takes one of 'auto', 'linear', 'relu'/);
    expect(check({ nInit: 0, textGraph: 1 })).toThrow('nInit=0: nInit takes an integer ≥ 1; textGraph=1: textGraph takes a number in [0, 1)');
    expect(check({})).not.toThrow();
    // @ts-expect-error a switch is a string-literal union: a typo does not compile
    resolveSwitches({ ...SCLLM_DEFAULTS, klForm: 'js' });
    // @ts-expect-error projDim is 'auto' or a number, not a numeric string
    resolveSwitches({ ...SCLLM_DEFAULTS, projDim: '128' });
  });

  it('every committed scllm-dsc record\'s parameters pass the rules', () => {
    const lines = ['issue5', 'issue5-ablations', 'issue5-heldout', 'issue5-seeds23', 'references']
      .flatMap((dir) => readdirSync(new URL(`../../../../reports/${dir}/`, import.meta.url)).filter((f) => f.endsWith('.jsonl')).map((f) => `${dir}/${f}`))
      .flatMap((f) => readFileSync(new URL(`../../../../reports/${f}`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== ''))
      .map((l) => JSON.parse(l) as { method: string; params: Record<string, unknown> })
      .filter((r) => r.method === 'scllm-dsc');
    expect(lines.length).toBeGreaterThan(100);
    for (const r of lines) {
      const { smoke: _smoke, ...params } = r.params;
      expect(() => checkParamValues('scllm-dsc', SCLLM_PARAMS.rules, params as ScllmParams)).not.toThrow();
    }
  });

  it('chooses the graph form by mode and size unless told', () => {
    expect(chooseGraphForm('auto', 1000, 50000, 'paper')).toBe('factored');
    expect(chooseGraphForm('auto', 100000, 50000, 'paper')).toBe('sparse');
    expect(chooseGraphForm('auto', 1000, 50000, 'corrected')).toBe('sparse');
    expect(chooseGraphForm('factored', 1000, 50000, 'corrected')).toBe('factored');
    expect(chooseGraphForm('dense', 100000, 50000, 'corrected')).toBe('dense');
  });
});
