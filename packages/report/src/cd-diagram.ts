import { esc } from './escape.ts';
import type { Leaderboard } from './leaderboard.ts';

/**
 * A critical-difference diagram (Demšar 2006, Fig. 1) as inline SVG: the rank axis (1 = best, left), each method
 * hung from its mean rank with its name on the nearer side, the Nemenyi critical difference as a bar on top, and a
 * thick line joining each group of methods whose mean ranks differ by less than it (not significantly different).
 */
export function cdDiagram(board: Leaderboard): string {
  const k = board.rows.length;
  if (k === 0) return '';
  // Room for the longest name on each side (about 6.6 px per character at 12 px), within a laptop-wide page.
  const labels = board.rows.map((r) => `${r.name} (${r.meanRank.toFixed(2)})`);
  const side = Math.min(330, Math.max(140, 20 + 6.6 * Math.max(...labels.map((l) => l.length))));
  const width = 2 * side + 380;
  const x0 = side;
  const x1 = width - side;
  const maxRank = Math.max(2, k);
  const x = (r: number) => x0 + ((r - 1) / (maxRank - 1)) * (x1 - x0);
  const axisY = 44;
  const half = Math.ceil(k / 2);
  const rowH = 19;
  const cliqueTop = axisY + 10;
  const cliqueH = 6;
  const firstLabelY = cliqueTop + board.cliques.length * cliqueH + 16;
  const height = firstLabelY + half * rowH + 6;
  const p: string[] = [];
  p.push(`<svg class="cd" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Critical-difference diagram of ${esc(board.label)}">`);
  p.push(`<line x1="${x0}" x2="${x1}" y1="${axisY}" y2="${axisY}" stroke="#333"/>`);
  for (let r = 1; r <= maxRank; r++) {
    p.push(`<line x1="${x(r)}" x2="${x(r)}" y1="${axisY - 5}" y2="${axisY}" stroke="#333"/><text x="${x(r)}" y="${axisY - 8}" font-size="11" text-anchor="middle">${r}</text>`);
  }
  if (board.cd !== null) {
    const w = Math.min(x1 - x0, (board.cd / (maxRank - 1)) * (x1 - x0));
    p.push(`<line x1="${x0}" x2="${x0 + w}" y1="12" y2="12" stroke="#c00" stroke-width="2"/><line x1="${x0}" x2="${x0}" y1="8" y2="16" stroke="#c00"/><line x1="${x0 + w}" x2="${x0 + w}" y1="8" y2="16" stroke="#c00"/>`);
    p.push(`<text x="${x0 + w + 6}" y="16" font-size="11" fill="#c00">CD = ${board.cd.toFixed(2)} (Nemenyi, α = 0.05)</text>`);
  }
  board.cliques.forEach(([a, b], c) => {
    const y = cliqueTop + c * cliqueH;
    p.push(`<line x1="${x(board.rows[a].meanRank) - 4}" x2="${x(board.rows[b].meanRank) + 4}" y1="${y}" y2="${y}" stroke="#222" stroke-width="3.5" stroke-linecap="round"><title>not significantly different: ${esc(board.rows.slice(a, b + 1).map((r) => r.name).join(', '))}</title></line>`);
  });
  board.rows.forEach((row, i) => {
    const left = i < half;
    const y = firstLabelY + (left ? i : k - 1 - i) * rowH;
    const rx = x(row.meanRank);
    const ex = left ? x0 - 10 : x1 + 10;
    p.push(`<polyline points="${rx},${axisY} ${rx},${y} ${ex},${y}" fill="none" stroke="#666"/>`);
    const label = labels[i];
    const fits = Math.floor((side - 20) / 6.6);
    const shown = label.length > fits ? `${label.slice(0, fits - 1)}…` : label;
    p.push(`<text x="${left ? ex - 4 : ex + 4}" y="${y + 4}" font-size="12" text-anchor="${left ? 'end' : 'start'}">${esc(shown)}<title>${esc(label)}</title></text>`);
  });
  p.push('</svg>');
  return p.join('');
}
