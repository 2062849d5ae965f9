import { describe, expect, it } from '@jest/globals';
import { choice, defineMethod, defineParams, flag, positiveInt } from '@scbench/api';
import { UserError } from './exit-codes.ts';
import { benchOverrides, hashParams, parseOverride, resolveParams } from './params.ts';

const m = defineMethod({
  id: 'm', label: 'M', summary: '', reference: { paper: '' }, kind: 'deep',
  defaults: { epochs: 200, lr: 0.001, mode: 'corrected', paper: false }, smoke: { epochs: 2 },
  run: async () => ({ labels: new Int32Array() }),
});

describe('parameters', () => {
  it('applies smoke settings, then --set overrides coerced to the default type', () => {
    const p = resolveParams(m, ['m.lr=0.01', 'm.paper=true', 'm.mode=paper', 'other.epochs=5'].map(parseOverride), true);
    expect(p).toEqual({ epochs: 2, lr: 0.01, mode: 'paper', paper: true });
  });
  it('rejects unknown keys naming the known ones, and values of the wrong type', () => {
    expect(() => resolveParams(m, [parseOverride('m.epoch=3')], false)).toThrow(/no parameter "epoch".*epochs, lr, mode, paper/);
    expect(() => resolveParams(m, [parseOverride('m.epochs=many')], false)).toThrow(/takes a number/);
    expect(() => resolveParams(m, [parseOverride('m.paper=yes')], false)).toThrow(/true or false/);
    expect(() => parseOverride('epochs=3')).toThrow(/METHOD.KEY=VALUE/);
  });
  it('runs the method\'s own parameter check on the resolved values, as a command-line error', () => {
    const checked = defineMethod({ ...m, checkParams: (p) => { if (p.paper !== false && p.mode === 'corrected') throw new Error('m: paper=true needs mode=paper'); } });
    expect(() => resolveParams(checked, [parseOverride('m.paper=true')], false)).toThrow(UserError);
    expect(() => resolveParams(checked, [parseOverride('m.paper=true')], false)).toThrow(/m: paper=true needs mode=paper/);
    expect(() => benchOverrides(checked, ['paper=true'])).toThrow(/needs mode=paper/);
    expect(resolveParams(checked, ['m.paper=true', 'm.mode=paper'].map(parseOverride), false)).toMatchObject({ paper: true, mode: 'paper' });
  });
  it('reads and checks --set values with the method\'s declared rules, smoke values included', () => {
    const schema = defineParams({ nInit: positiveInt(20), mode: choice(['corrected', 'paper']), kl: flag(true) });
    const typed = defineMethod({
      id: 'm', label: 'M', summary: '', reference: { paper: '' }, kind: 'deep', defaults: schema.defaults, paramRules: schema.rules, smoke: { nInit: 2 },
      run: async () => ({ labels: new Int32Array() }),
    });
    expect(resolveParams(typed, ['m.nInit=5', 'm.mode=paper'].map(parseOverride), true)).toEqual({ nInit: 5, mode: 'paper', kl: true });
    expect(() => resolveParams(typed, [parseOverride('m.nInit=-1')], false)).toThrow(UserError);
    expect(() => resolveParams(typed, [parseOverride('m.nInit=-1')], false)).toThrow('--set m.nInit=-1: nInit takes an integer ≥ 1');
    expect(() => resolveParams(typed, [parseOverride('m.mode=papr')], false)).toThrow("--set m.mode=papr: mode takes one of 'corrected', 'paper'");
    const badSmoke = { ...typed, smoke: { nInit: 0 } };
    expect(() => resolveParams(badSmoke, [], true)).toThrow('m: nInit=0: nInit takes an integer ≥ 1');
  });
  it('hashes parameters independently of key order, and differently for different values', () => {
    expect(hashParams({ a: 1, b: 'x' })).toBe(hashParams({ b: 'x', a: 1 }));
    expect(hashParams({ a: 1 })).not.toBe(hashParams({ a: 2 }));
  });
  it('reads the bench scripts\' repeatable, comma-separated --set flags with the same checks', () => {
    // Every flag counts (a repeated --set used to keep only the last one), and only overridden keys come back.
    expect(benchOverrides(m, ['lr=0.01,mode=paper', 'paper=false', 'lr=0.1'])).toEqual({ lr: 0.1, mode: 'paper', paper: false });
    expect(benchOverrides(m, [])).toEqual({});
    expect(() => benchOverrides(m, ['paper=flase'])).toThrow(/--set m.paper=flase: paper takes true or false/);
    expect(() => benchOverrides(m, ['epochs=ten'])).toThrow(/takes a number/);
    expect(() => benchOverrides(m, ['epoch=3'])).toThrow(/no parameter "epoch"/);
    expect(() => benchOverrides(m, ['lr'])).toThrow(/--set lr: expected KEY=VALUE/);
  });
});
