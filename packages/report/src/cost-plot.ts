import { esc } from './escape.ts';
import type { ScoreKey } from './model.ts';
import { colour } from './palette.ts';

export interface RunPoint {
  row: string;
  dataset: string;
  seed: number;
  seconds: number;
  scores: Record<ScoreKey, number>;
}

/**
 * Accuracy versus time: one point per successful run (x: seconds, log scale; y: the metric), coloured by method,
 * shaped by dataset; hovering a point names its method, dataset and seed.
 */
export function costScatter(points: readonly RunPoint[], key: ScoreKey, label: string, rows: readonly string[], datasets: readonly string[]): string {
  if (points.length === 0) return '';
  const W = 720;
  const H = 300;
  const L = 46;
  const R = 12;
  const T = 12;
  const B = 36;
  const secs = points.map((p) => Math.max(0.01, p.seconds));
  const lx0 = Math.floor(Math.log10(Math.min(...secs)));
  const lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(Math.max(...secs))));
  const lo = Math.min(0, ...points.map((p) => p.scores[key]));
  const x = (s: number) => L + ((Math.log10(Math.max(0.01, s)) - lx0) / (lx1 - lx0)) * (W - L - R);
  const y = (v: number) => T + (1 - (v - lo) / (1 - lo)) * (H - T - B);
  const parts: string[] = [];
  parts.push(`<svg class="scatter" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)} versus seconds per run">`);
  for (const v of [0, 0.25, 0.5, 0.75, 1]) parts.push(`<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/><text x="${L - 5}" y="${y(v) + 4}" font-size="11" text-anchor="end">${v.toFixed(2)}</text>`);
  for (let e = lx0; e <= lx1; e++) {
    const s = 10 ** e;
    const anchor = e === lx1 ? 'end' : 'middle'; // the last label ends at the plot's edge instead of past it
    parts.push(`<line x1="${x(s)}" x2="${x(s)}" y1="${T}" y2="${H - B}" stroke="#eee"/><text x="${x(s)}" y="${H - B + 14}" font-size="11" text-anchor="${anchor}">${s >= 1 ? s : s.toFixed(-e)} s</text>`);
  }
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 4}" font-size="11" text-anchor="middle">seconds per run (log scale)</text>`);
  parts.push(`<text x="12" y="${(T + H - B) / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${(T + H - B) / 2})">${esc(label)}</text>`);
  const shapes = ['circle', 'square', 'diamond', 'triangle'];
  for (const p of points) {
    const c = colour(rows.indexOf(p.row));
    const px = x(p.seconds).toFixed(1);
    const py = y(p.scores[key]).toFixed(1);
    const tip = `${p.row} · ${p.dataset} · seed ${p.seed}: ${label} ${p.scores[key].toFixed(3)}, ${p.seconds.toFixed(1)} s`;
    const shape = shapes[datasets.indexOf(p.dataset) % shapes.length];
    const attrs = `fill="${c}" fill-opacity="0.8" stroke="#fff" class="pt" data-tip="${esc(tip)}"`;
    const title = `<title>${esc(tip)}</title>`;
    if (shape === 'circle') parts.push(`<circle cx="${px}" cy="${py}" r="5" ${attrs}>${title}</circle>`);
    else if (shape === 'square') parts.push(`<rect x="${(+px - 4.5).toFixed(1)}" y="${(+py - 4.5).toFixed(1)}" width="9" height="9" ${attrs}>${title}</rect>`);
    else if (shape === 'diamond') parts.push(`<path d="M${px} ${(+py - 6).toFixed(1)}l6 6l-6 6l-6 -6z" ${attrs}>${title}</path>`);
    else parts.push(`<path d="M${px} ${(+py - 6).toFixed(1)}l6 10h-12z" ${attrs}>${title}</path>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The keys of the scatter: colours by method, shapes by dataset (HTML, beside the picture). */
export function scatterKeys(rows: readonly string[], datasets: readonly string[]): string {
  const shapes = ['●', '■', '◆', '▲'];
  const methods = rows.map((r, i) => `<span class="key"><span class="swatch" style="background:${colour(i)}"></span>${esc(r)}</span>`).join(' ');
  const sets = datasets.map((d, j) => `<span class="key">${shapes[j % shapes.length]} ${esc(d)}</span>`).join(' ');
  return `<div class="keys">${methods}</div><div class="keys">${sets}${datasets.length > shapes.length ? ' <small>(shapes repeat after four datasets)</small>' : ''}</div>`;
}
