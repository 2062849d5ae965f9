import { describe, expect, it } from '@jest/globals';
import { buildReportModel } from './model.ts';
import { record, scores } from './fixtures.ts';
import { rowNamer } from './variants.ts';

const defaults = { epochs: 10, kl: true, mode: 'corrected' };
const run = (seed: number, params: Record<string, number | string | boolean>, hash: string, v: number) =>
  record({ dataset: 'd', method: 'm', seed, params, paramsHash: hash, scores: scores(v) });

describe('rowNamer', () => {
  const records = [
    run(0, defaults, 'h0', 0.8),
    run(1, defaults, 'h0', 0.6),
    run(0, { ...defaults, kl: false }, 'h1', 0.2),
    run(0, { ...defaults, kl: false, mode: 'paper' }, 'h2', 0.1),
  ];

  it('names a row by what differs from the base parameters; the default run is the bare id', () => {
    const name = rowNamer(records, () => defaults);
    expect(records.map(name)).toEqual(['m', 'm', 'm [kl=false]', 'm [kl=false, mode=paper]']);
  });
  it('without base parameters, tells variants apart by the keys that vary among them', () => {
    const name = rowNamer(records);
    expect(records.map(name)).toEqual(['m [kl=true, mode=corrected]', 'm [kl=true, mode=corrected]', 'm [kl=false, mode=corrected]', 'm [kl=false, mode=paper]']);
    expect(rowNamer(records.slice(0, 2))(records[0])).toBe('m');
  });
  it('marks a parameter the base does not know (or lost) instead of hiding it', () => {
    const name = rowNamer([run(0, { epochs: 10, kl: true }, 'h3', 0.5)], () => defaults);
    expect(name(run(0, { epochs: 10, kl: true }, 'h3', 0.5))).toBe('m [mode=—]');
  });
});

describe('buildReportModel with variants', () => {
  it('never averages an ablation into the default row', () => {
    const records = [run(0, defaults, 'h0', 0.8), run(1, defaults, 'h0', 0.6), run(0, { ...defaults, kl: false }, 'h1', 0.2)];
    const model = buildReportModel(records, { protocol: 'honest', title: 't', baseParams: () => defaults });
    const ari = model.honest.find((t) => t.key === 'ari')!;
    expect(model.methods.map((m) => m.id)).toEqual(['m', 'm [kl=false]']);
    expect(ari.rows[0][0].mean).toBeCloseTo(0.7, 12);
    expect(ari.rows[1][0]).toMatchObject({ mean: 0.2, runs: 1 });
  });
});
