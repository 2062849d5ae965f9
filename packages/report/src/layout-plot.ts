import { esc } from './escape.ts';
import { colour, UNMATCHED } from './palette.ts';
import type { RunPicture } from './run-picture.ts';

const SIZE = 250;
const PAD = 6;

/** Points grouped by colour as one path each ("M x y h0" with round caps draws a dot): a light picture. */
function scatter(xy: readonly number[], groupOf: (i: number) => number, colourOf: (g: number) => string, nameOf: (g: number) => string, label: string): string {
  const groups = new Map<number, string[]>();
  for (let i = 0; i < xy.length / 2; i++) {
    const g = groupOf(i);
    const px = Math.round(PAD + xy[2 * i] * (SIZE - 2 * PAD));
    const py = Math.round(PAD + (1 - xy[2 * i + 1]) * (SIZE - 2 * PAD));
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(`M${px} ${py}h0`);
  }
  const paths = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([g, d]) =>
    `<path d="${d.join('')}" stroke="${colourOf(g)}" stroke-width="4.5" stroke-linecap="round" opacity="0.85" data-tip="${esc(nameOf(g))} (${d.length} cells)"><title>${esc(nameOf(g))} (${d.length} cells)</title></path>`);
  return `<svg class="layout" xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="${esc(label)}"><rect width="${SIZE}" height="${SIZE}" fill="#fff" stroke="#ddd"/>${paths.join('')}</svg>`;
}

/** Cluster id → the type code the Hungarian matching paired it with (unmatched clusters are absent). */
export function matchedType(p: RunPicture): Map<number, number> {
  const m = new Map<number, number>();
  p.clusterIds.forEach((id, j) => {
    const t = p.clusterType?.[j] ?? -1; // absent in picture files written before the matching was stored
    if (t >= 0) m.set(id, t);
  });
  return m;
}

/**
 * The two pictures of one run: cells coloured by true type, and by predicted cluster — each cluster in the colour of
 * the type the Hungarian matching paired it with (grey: matched to none), so the two agree where the method is right.
 */
export function layoutPair(p: RunPicture, what: string): { byType: string; byCluster: string } {
  const match = matchedType(p);
  return {
    byType: scatter(p.layout, (i) => p.truth[i], colour, (g) => p.typeNames[g] ?? `type ${g}`, `${what}: cells by true type`),
    byCluster: scatter(p.layout, (i) => p.pred[i], (g) => (match.has(g) ? colour(match.get(g)!) : UNMATCHED),
      (g) => `cluster ${g}${match.has(g) ? ` (matched to ${p.typeNames[match.get(g)!]})` : ' (unmatched)'}`, `${what}: cells by predicted cluster`),
  };
}

/** Confusion matrix as an HTML table: types × clusters (matching order), shaded by the share of the type's cells. */
export function confusionTable(p: RunPicture): string {
  const match = matchedType(p);
  const head = p.clusterIds.map((id) => {
    const t = match.get(id);
    const bar = `border-top:4px solid ${t === undefined ? UNMATCHED : colour(t)}`;
    return `<th style="${bar}" title="cluster ${id}: ${t === undefined ? 'matched to no type' : `matched to ${esc(p.typeNames[t])}`}">c${id}</th>`;
  }).join('');
  const rows = p.typeNames.map((name, t) => {
    const row = p.confusion[t] ?? [];
    const total = row.reduce((a, b) => a + b, 0);
    const cells = row.map((v) => {
      const share = total ? v / total : 0;
      const bg = v ? `background:rgba(78,121,167,${(0.12 + 0.88 * share).toFixed(2)});${share > 0.55 ? 'color:#fff;' : ''}` : 'color:#bbb;';
      return `<td style="${bg}">${v}</td>`;
    }).join('');
    return `<tr><th><span class="swatch" style="background:${colour(t)}"></span>${esc(name)}</th>${cells}<td class="total">${total}</td></tr>`;
  }).join('');
  return `<table class="confusion"><thead><tr><th>type \\ cluster</th>${head}<th>cells</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The colour key of the types. */
export function typeLegend(p: RunPicture): string {
  const more = p.typeNames.length > 20 ? ' <small>(more than 20 types: colours repeat)</small>' : '';
  return p.typeNames.map((n, t) => `<span class="key"><span class="swatch" style="background:${colour(t)}"></span>${esc(n)}</span>`).join(' ') + more;
}
