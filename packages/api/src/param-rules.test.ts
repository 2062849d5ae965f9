import { describe, expect, it } from '@jest/globals';
import {
  autoOr, checkParamValues, choice, defineMethod, defineParams, flag, inRange, integer, nonNegativeInt, positiveInt, readParam, real,
  rulesOf, text, type ParamsOf,
} from './index.ts';

const schema = defineParams({
  mode: choice(['corrected', 'paper']),
  heads: choice(['auto', 'trained', 'frozen']),
  nInit: positiveInt(20),
  topK: nonNegativeInt(0),
  gamma: real(0, { min: 0, below: 1 }),
  omega: inRange(0.5, 0, 1),
  lr: real(1e-3, { above: 0 }),
  kl: flag(true),
  projDim: autoOr(positiveInt(1)),
  encoder: text('use-lite', "'use-lite' or 'onnx:<folder>'", (v) => v === 'use-lite' || v.startsWith('onnx:')),
});

describe('parameter rules', () => {
  it('give each parameter its literal type and its default', () => {
    const p: ParamsOf<typeof schema.rules> = schema.defaults;
    // Compile-time: a choice is its union, not string (this line would not compile with mode: 'other').
    const mode: 'corrected' | 'paper' = p.mode;
    const projDim: 'auto' | number = p.projDim;
    expect({ mode, projDim }).toEqual({ mode: 'corrected', projDim: 'auto' });
    expect(schema.defaults).toEqual({ mode: 'corrected', heads: 'auto', nInit: 20, topK: 0, gamma: 0, omega: 0.5, lr: 1e-3, kl: true, projDim: 'auto', encoder: 'use-lite' });
    expect(choice(['a', 'b'], 'b').default).toBe('b');
  });

  it('refuse a default outside its own rule', () => {
    expect(() => defineParams({ n: positiveInt(0) })).toThrow(/default of n \(0\) is not an integer ≥ 1/);
  });

  it('read command-line strings into typed values, or say what the parameter takes', () => {
    const r = schema.rules;
    expect(readParam('mode', r.mode, 'paper')).toBe('paper');
    expect(readParam('nInit', r.nInit, '5')).toBe(5);
    expect(readParam('lr', r.lr, '1e-4')).toBe(1e-4);
    expect(readParam('kl', r.kl, 'false')).toBe(false);
    expect(readParam('kl', r.kl, '1')).toBe(true);
    expect(readParam('projDim', r.projDim, 'auto')).toBe('auto');
    expect(readParam('projDim', r.projDim, '32')).toBe(32);
    expect(() => readParam('mode', r.mode, 'papper')).toThrow("mode takes one of 'corrected', 'paper'");
    expect(() => readParam('nInit', r.nInit, '-1')).toThrow('nInit takes an integer ≥ 1');
    expect(() => readParam('nInit', r.nInit, '2.5')).toThrow('nInit takes an integer ≥ 1');
    expect(() => readParam('topK', r.topK, '')).toThrow('topK takes an integer ≥ 0');
    expect(() => readParam('gamma', r.gamma, '1')).toThrow('gamma takes a number in [0, 1)');
    expect(() => readParam('omega', r.omega, '1.5')).toThrow('omega takes a number in [0, 1]');
    expect(() => readParam('lr', r.lr, '0')).toThrow('lr takes a number > 0');
    expect(() => readParam('lr', r.lr, 'NaN')).toThrow('lr takes a number > 0');
    expect(() => readParam('kl', r.kl, 'yes')).toThrow('kl takes true or false');
    expect(() => readParam('projDim', r.projDim, '0')).toThrow("projDim takes 'auto' or an integer ≥ 1");
    expect(() => readParam('encoder', r.encoder, 'bert')).toThrow("encoder takes 'use-lite' or 'onnx:<folder>'");
    expect(readParam('encoder', r.encoder, 'onnx:/m')).toBe('onnx:/m');
    expect(() => readParam('n', integer(0, { max: 3 }), '4')).toThrow('n takes an integer ≤ 3');
    expect(() => readParam('x', real(0, { below: 0.5 }), '0.5')).toThrow('x takes a number < 0.5');
  });

  it('check a whole parameter record, naming every bad value at once', () => {
    expect(checkParamValues('m', schema.rules, { ...schema.defaults, nInit: 3 })).toMatchObject({ nInit: 3 });
    expect(() => checkParamValues('m', schema.rules, { ...schema.defaults, heads: 'on', nInit: -2 }))
      .toThrow("m: heads=on: heads takes one of 'auto', 'trained', 'frozen'; nInit=-2: nInit takes an integer ≥ 1");
    expect(() => checkParamValues('m', schema.rules, { ...schema.defaults, kl: 'true' })).toThrow(/kl takes true or false/);
  });

  it('fall back to the rules a method\'s defaults imply when it declares none', () => {
    const bare = defineMethod({
      id: 'b', label: 'B', summary: '', reference: { paper: '' }, kind: 'classical', defaults: { k: 2, on: true, name: 'x' },
      run: async () => ({ labels: new Int32Array() }),
    });
    const r = rulesOf(bare);
    expect(readParam('k', r.k, '3')).toBe(3);
    expect(() => readParam('k', r.k, 'three')).toThrow('k takes a number');
    expect(() => readParam('on', r.on, 'yes')).toThrow('on takes true or false');
    expect(readParam('name', r.name, 'anything')).toBe('anything');
    const typed = defineMethod({
      id: 't', label: 'T', summary: '', reference: { paper: '' }, kind: 'classical', defaults: schema.defaults, paramRules: schema.rules,
      run: async () => ({ labels: new Int32Array() }),
    });
    expect(rulesOf(typed)).toBe(schema.rules);
  });
});
