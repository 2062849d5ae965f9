import { describe, expect, it } from '@jest/globals';
import { record, scores } from './fixtures.ts';
import { buildReportModel } from './model.ts';
import { publishedNotes } from './published.ts';
import { renderReport } from './render.ts';

describe('published-numbers note', () => {
  const cbmc = record({ dataset: 'cbmc_top2000', method: 'sccdcg', seed: 0, scores: scores(0.43) });
  const other = record({ dataset: 'pbmc3k', method: 'sccdcg', seed: 0, scores: scores(0.5) });
  const pcaCbmc = record({ dataset: 'cbmc_top2000', method: 'pca-kmeans', seed: 0, scores: scores(0.6) });

  it('says the published scCDCG CITE-CBMC numbers did not reproduce, when the records hold sccdcg on cbmc_top2000', () => {
    const notes = publishedNotes([cbmc, other]);
    expect(notes).toHaveLength(1);
    expect(notes[0].text).toMatch(/71\.45 \/ NMI 74\.77 \/ ARI 61\.46/);
    expect(notes[0].text).toMatch(/best epoch by ACC/);
    expect(notes[0].text).toMatch(/did not reproduce here/);
    const html = renderReport([cbmc, pcaCbmc], { protocol: 'honest', title: 't' });
    expect(html).toContain('<h2 id="published">Published numbers</h2>');
    expect(html).toContain('ACC 0.597 / NMI 0.658 / ARI 0.468');
    expect(html).toContain('0.690 / 0.734 / 0.604');
  });

  it('is absent when they do not', () => {
    expect(publishedNotes([other, pcaCbmc])).toEqual([]);
    expect(buildReportModel([other, pcaCbmc], { protocol: 'honest', title: 't' }).published).toEqual([]);
    expect(renderReport([other, pcaCbmc], { protocol: 'honest', title: 't' })).not.toContain('Published numbers');
  });
});

describe('published scores beside ours', () => {
  it('puts the published numbers of a method and dataset beside our means, labelled with protocol and source', () => {
    const recs = [
      record({ dataset: 'baron_mouse_pancreas', method: 'sccdcg', seed: 0, scores: scores(0.6), paperProtocol: { epoch: 3, epochs: 9, scores: scores(0.8) } }),
      record({ dataset: 'baron_mouse_pancreas', method: 'sccdcg', seed: 1, scores: scores(0.7), paperProtocol: { epoch: 4, epochs: 9, scores: scores(0.9) } }),
      record({ dataset: 'baron_mouse_pancreas', method: 'dec', seed: 0, status: 'failed', scores: null }),
    ];
    const model = buildReportModel(recs, { protocol: 'honest', title: 't' });
    const sccdcg = model.publishedScores.find((p) => p.method === 'sccdcg')!;
    expect(sccdcg).toMatchObject({ acc: 82.64, nmi: 77.66, ari: 80.6, protocol: expect.stringMatching(/against the labels/) });
    expect(sccdcg.ours!.ari).toBeCloseTo(0.65, 12);
    expect(sccdcg.oursPaper!.ari).toBeCloseTo(0.85, 12);
    expect(model.publishedScores.find((p) => p.method === 'dec')!.ours).toBeNull();
    const html = renderReport(recs, { protocol: 'honest', title: 't' });
    expect(html).toContain('82.64 / 77.66 / 80.60');
    expect(html).toContain('65.00 / 65.00 / 65.00');
    expect(html).toContain('no successful run');
  });
});
