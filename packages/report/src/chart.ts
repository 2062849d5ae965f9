import type { MetricTable } from './model.ts';
import { esc } from './escape.ts';
import { PALETTE } from './palette.ts';

/**
 * A grouped bar chart (datasets × methods) of one metric with ±sd whiskers, as an inline SVG string.
 * Failed cells are drawn as a red ✕ at the baseline rather than as a zero bar: a crash is not a score.
 */
export function groupedBarChart(table: MetricTable, datasets: readonly string[], methods: readonly string[]): string {
  const groupW = Math.max(120, methods.length * 22 + 30);
  const left = 44;
  const top = 16;
  const plotH = 200;
  // Legend columns as wide as the longest name (about 6.3 px per character at 11 px), as many as fit the plot and a
  // laptop-wide page (a wide plot scrolls; its legend should not).
  const legendW = Math.max(120, 24 + 6.3 * Math.max(...methods.map((m) => m.length), 0));
  const plotW = left + datasets.length * groupW + 10;
  const legendCols = Math.max(1, Math.min(methods.length, Math.floor((Math.min(Math.max(plotW, 700), 1150) - left) / legendW)));
  const width = Math.max(plotW, left + legendCols * legendW);
  const height = top + plotH + 50 + Math.ceil(methods.length / legendCols) * 18;
  const maxLabel = Math.floor((groupW - 10) / 6.5);
  const y = (v: number) => top + plotH * (1 - Math.max(0, Math.min(1, v)));
  const barW = (groupW - 20) / Math.max(1, methods.length);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(table.label)} by dataset and method">`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t.toFixed(2)}</text>`);
  }
  datasets.forEach((d, j) => {
    const gx = left + j * groupW + 10;
    methods.forEach((m, i) => {
      const c = table.rows[i][j];
      const x = gx + i * barW;
      const color = PALETTE[i % PALETTE.length];
      if (c.state === 'failed' || c.state === 'timeout') {
        parts.push(`<text x="${x + barW / 2}" y="${y(0) - 2}" font-size="12" fill="#c00" text-anchor="middle"><title>${esc(m)} on ${esc(d)}: ${c.state}</title>✕</text>`);
        return;
      }
      if (c.state === 'missing') return;
      const h = y(0) - y(c.mean);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(c.mean).toFixed(1)}" width="${Math.max(1, barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${esc(m)} on ${esc(d)}: ${c.mean.toFixed(3)} ± ${c.sd.toFixed(3)} (${c.ok}/${c.runs} runs)</title></rect>`);
      if (c.sd > 0) {
        const cx = (x + (barW - 2) / 2).toFixed(1);
        parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(c.mean + c.sd).toFixed(1)}" y2="${y(c.mean - c.sd).toFixed(1)}" stroke="#333"/>`);
      }
    });
    const name = d.length > maxLabel ? d.slice(0, maxLabel - 1) + '…' : d;
    parts.push(`<text x="${gx + (groupW - 20) / 2}" y="${top + plotH + 14}" font-size="11" text-anchor="middle">${esc(name)}<title>${esc(d)}</title></text>`);
  });
  methods.forEach((m, i) => {
    const lx = left + (i % legendCols) * legendW;
    const ly = top + plotH + 36 + Math.floor(i / legendCols) * 18;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 14}" y="${ly}" font-size="11">${esc(m)}</text>`);
  });
  parts.push(`<text x="4" y="${top + plotH / 2}" font-size="11" transform="rotate(-90 10 ${top + plotH / 2})">${esc(table.label)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
