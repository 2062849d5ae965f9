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
