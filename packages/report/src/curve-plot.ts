import { esc } from './escape.ts';
import { colour } from './palette.ts';
import type { CurvePhase, TrainingCurve } from './side-data.ts';

const W = 330;
const H = 190;
const L = 40;
const R = 10;
const T = 14;
const B = 30;

function axes(xMin: number, xMax: number, yLabels: [number, string][], title: string): { x: (v: number) => number; parts: string[] } {
  const x = (v: number) => L + ((v - xMin) / (xMax - xMin || 1)) * (W - L - R);
  const parts = [`<text x="${L}" y="10" font-size="11" font-weight="600">${esc(title)}</text>`];
  for (const [y, text] of yLabels) parts.push(`<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="#eee"/><text x="${L - 4}" y="${y + 4}" font-size="10" text-anchor="end">${text}</text>`);
  parts.push(`<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#999"/>`);
  for (const v of [xMin, Math.round((xMin + xMax) / 2), xMax]) parts.push(`<text x="${x(v)}" y="${H - B + 13}" font-size="10" text-anchor="middle">${v}</text>`);
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 3}" font-size="10" text-anchor="middle">epoch</text>`);
  return { x, parts };
}

function svg(parts: string[], label: string): string {
  return `<svg class="curve" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}">${parts.join('')}</svg>`;
}

/** Loss parts of one phase per epoch, each divided by its largest magnitude so parts of any scale share the axis. */
export function lossPlot(phase: CurvePhase, what: string): string {
  const xMin = Math.min(...phase.epochs);
  const xMax = Math.max(...phase.epochs);
  const y = (v: number) => T + (1 - v) * (H - T - B);
  const { x, parts } = axes(xMin, xMax, [[y(1), '1'], [y(0.5), '0.5'], [y(0), '0']], `${phase.name}: loss parts ÷ their max`);
  phase.parts.forEach((part, i) => {
    const finite = part.values.filter(Number.isFinite);
    const scale = Math.max(...finite.map(Math.abs)) || 1;
    const pts = phase.epochs.map((e, k) => (Number.isFinite(part.values[k]) ? `${x(e).toFixed(1)},${y(part.values[k] / scale).toFixed(1)}` : '')).filter(Boolean).join(' ');
    const last = finite[finite.length - 1];
    parts.push(`<polyline points="${pts}" fill="none" stroke="${colour(i)}" stroke-width="1.6" data-tip="${esc(part.name)}: ${finite[0]?.toPrecision(4)} → ${last?.toPrecision(4)} (max |${part.name}| ${scale.toPrecision(4)})"><title>${esc(part.name)}: first ${finite[0]?.toPrecision(4)}, last ${last?.toPrecision(4)}</title></polyline>`);
  });
  return svg(parts, `${what}, ${phase.name}`);
}

/** ARI per snapshot, with the final output (honest) and the epoch picked by ACC against the labels (paper) marked. */
export function ariPlot(c: TrainingCurve, what: string): string {
  const epochs = c.snapshots.map((s) => s.epoch);
  const xMin = Math.min(...epochs);
  const xMax = Math.max(...epochs);
  const values = [...c.snapshots.map((s) => s.ari), c.finalAri ?? 0, c.picked?.ari ?? 0];
  const lo = Math.min(0, ...values);
  const y = (v: number) => T + (1 - (v - lo) / (1 - lo)) * (H - T - B);
  const { x, parts } = axes(xMin, xMax, [[y(1), '1'], [y(0.5), '0.5'], [y(0), '0']], 'ARI per snapshot');
  parts.push(`<polyline points="${c.snapshots.map((s) => `${x(s.epoch).toFixed(1)},${y(s.ari).toFixed(1)}`).join(' ')}" fill="none" stroke="#4e79a7" stroke-width="1.6"/>`);
  for (const s of c.snapshots) parts.push(`<circle cx="${x(s.epoch).toFixed(1)}" cy="${y(s.ari).toFixed(1)}" r="2" fill="#4e79a7" data-tip="epoch ${s.epoch}: ARI ${s.ari.toFixed(3)}, ACC ${s.acc.toFixed(3)}"><title>epoch ${s.epoch}: ARI ${s.ari.toFixed(3)}</title></circle>`);
  if (c.finalAri !== null) {
    parts.push(`<rect x="${x(xMax) - 4}" y="${y(c.finalAri) - 4}" width="8" height="8" fill="#2a7" stroke="#fff" data-tip="final output (honest): ARI ${c.finalAri.toFixed(3)}"><title>final output (honest): ARI ${c.finalAri.toFixed(3)}</title></rect>`);
  }
  if (c.picked) {
    const px = x(c.picked.epoch);
    parts.push(`<line x1="${px}" x2="${px}" y1="${T}" y2="${H - B}" stroke="#c80" stroke-dasharray="3 2"/><circle cx="${px}" cy="${y(c.picked.ari)}" r="4.5" fill="none" stroke="#c80" stroke-width="2" data-tip="picked by ACC against the labels (paper protocol): epoch ${c.picked.epoch}, ARI ${c.picked.ari.toFixed(3)}"><title>paper protocol pick: epoch ${c.picked.epoch}, ARI ${c.picked.ari.toFixed(3)}</title></circle>`);
  }
  return svg(parts, `${what}: ARI per snapshot`);
}

export function partsLegend(phase: CurvePhase): string {
  return phase.parts.map((p, i) => `<span class="key"><span class="swatch" style="background:${colour(i)}"></span>${esc(p.name)}</span>`).join(' ');
}
