import { describe, expect, it } from '@jest/globals';
import { renderReport } from './render.ts';
import { record, scores } from './fixtures.ts';

describe('renderReport', () => {
  const records = [
    record({ dataset: 'pbmc3k', method: 'pca-kmeans', seed: 0, scores: scores(0.72) }),
    record({ dataset: 'pbmc3k', method: '<script>x</script>', seed: 0, status: 'failed', scores: null, error: 'out of <memory>' }),
    record({ dataset: 'pbmc3k', method: 'sccdcg', seed: 0, scores: scores(0.5), paperProtocol: { epoch: 7, epochs: 200, scores: scores(0.61) } }),
  ];
  const html = renderReport(records, { protocol: 'honest', title: 'Test report' });

  it('is one self-contained page with an inline SVG chart', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<(script|link|img)\b[^>]*(src|href)=/i);
  });
  it('shows the scores and the failure as a failure', () => {
    expect(html).toContain('0.720');
    expect(html).toMatch(/class="failed">failed</);
    expect(html).toContain('out of &lt;memory&gt;');
  });
  it('escapes user-controlled text', () => {
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('&lt;script&gt;');
  });
  it('labels paper-protocol numbers as such', () => {
    expect(html).toContain('Paper protocol (best epoch by ACC against labels)');
    expect(html).toContain('0.610');
    const paperFirst = renderReport(records, { protocol: 'paper', title: 'p' });
    expect(paperFirst.indexOf('Paper protocol (best epoch by ACC)')).toBeLessThan(paperFirst.indexOf('Honest (final output)'));
  });
  it('shows a semi-supervised method apart from the leaderboard, labelled as such, and only without one', () => {
    expect(html).not.toContain('Semi-supervised — not ranked');
    const supervision = { kind: 'semi' as const, labelFraction: 0.1, labelledCells: [1, 2], scoredCells: 98 };
    const semi = renderReport([...records, record({ dataset: 'pbmc3k', method: 'scdcc-semi', seed: 0, scores: scores(0.93), supervision })], { protocol: 'honest', title: 's' });
    expect(semi).toContain('Semi-supervised — not ranked');
    expect(semi).toMatch(/<td class="name">scdcc-semi<\/td><td>10\.00 %<\/td><td>0\.930<\/td>/);
    expect(semi).toMatch(/<tr class="semi"><td>scdcc-semi <small>\(semi-supervised: scored on the unlabelled cells; not ranked\)<\/small>/);
  });
});
