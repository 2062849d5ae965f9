import type { Cell, MetricTable, ReportModel, ScoreKey } from './model.ts';

export type TableFormat = 'markdown' | 'latex' | 'csv';
export const TABLE_FORMATS: readonly TableFormat[] = ['markdown', 'latex', 'csv'];

export interface PaperTableOptions {
  metric: ScoreKey;
  format: TableFormat;
  /** Paper protocol (best epoch by ACC against labels) instead of the final output; only where runs took snapshots. */
  paper?: boolean;
  digits?: number;
}

function cellText(c: Cell, digits: number): string {
  if (c.state === 'missing') return '—';
  if (c.state === 'failed' || c.state === 'timeout') return c.state;
  const spread = c.ok > 1 ? ` ± ${c.sd.toFixed(digits)}` : '';
  return `${c.mean.toFixed(digits)}${spread}${c.state === 'partial' ? ` (${c.ok}/${c.runs} ok)` : ''}`;
}

const LATEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}', '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_', '{': '\\{', '}': '\\}', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
};
const latex = (s: string) => s.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIAL[c]);
const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const mdEscape = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The mean ± sd table of one metric (methods × datasets) for a manuscript: the best non-control method per dataset
 * marked (bold), the mean rank over datasets in the last column (controls not ranked). CSV gives the numbers
 * unformatted, one mean, sd and rank column per dataset.
 */
export function paperTable(model: ReportModel, o: PaperTableOptions): string {
  const digits = o.digits ?? 3;
  const tables = o.paper ? model.paper : model.honest;
  if (!tables) throw new Error('no run in these records took snapshots, so there is no paper-protocol table; drop --protocol paper');
  const table: MetricTable | undefined = tables.find((t) => t.key === o.metric);
  if (!table) throw new Error(`no ${o.paper ? 'paper-protocol ' : ''}table for metric ${o.metric}; available: ${tables.map((t) => t.key).join(', ')}`);
  const datasets = model.datasets.map((d) => d.id);
  const rank = (i: number) => table.meanRank[i];
  const rankText = (i: number) => (rank(i) === null ? '—' : rank(i)!.toFixed(2));
  const protocol = o.paper ? 'paper protocol (best epoch by ACC against the true labels)' : 'final output (honest protocol)';
  const note = `${table.label}, ${protocol}; mean ± sd over seeds ${model.seeds.join(', ')}; bold: best non-control method per dataset; mean rank over datasets, controls and semi-supervised methods (scored on their unlabelled cells) not ranked.`;
  if (o.format === 'csv') {
    const head = ['method', ...datasets.flatMap((d) => [`${d} mean`, `${d} sd`, `${d} rank`]), 'mean rank'];
    const lines = model.methods.map((m, i) => [m.id, ...table.rows[i].flatMap((c) => [
      Number.isNaN(c.mean) ? c.state : String(c.mean), c.ok > 1 ? String(c.sd) : '', c.rank === null ? '' : String(c.rank),
    ]), rank(i) === null ? '' : String(rank(i))]);
    return [head, ...lines].map((l) => l.map(csvField).join(',')).join('\n') + '\n';
  }
  if (o.format === 'markdown') {
    const lines = [`| method | ${datasets.map(mdEscape).join(' | ')} | mean rank |`, `|---|${datasets.map(() => '---:').join('|')}|---:|`];
    model.methods.forEach((m, i) => {
      const cells = table.rows[i].map((c) => (c.best ? `**${cellText(c, digits)}**` : cellText(c, digits)));
      lines.push(`| ${mdEscape(m.isControl ? `${m.id} (control)` : m.labelFraction != null ? `${m.id} (semi-supervised)` : m.id)} | ${cells.join(' | ')} | ${rankText(i)} |`);
    });
    return `${lines.join('\n')}\n\n${note}\n`;
  }
  const lines = [
    `% ${note}`,
    '% needs \\usepackage{booktabs}',
    `\\begin{tabular}{l${'r'.repeat(datasets.length)}r}`,
    '\\toprule',
    `Method & ${datasets.map(latex).join(' & ')} & Mean rank \\\\`,
    '\\midrule',
  ];
  model.methods.forEach((m, i) => {
    if (m.isControl && (i === 0 || !model.methods[i - 1].isControl)) lines.push('\\midrule');
    const cells = table.rows[i].map((c) => {
      const t = latex(cellText(c, digits)).replace(' ± ', ' $\\pm$ ');
      return c.best ? `\\textbf{${t}}` : t;
    });
    lines.push(`${latex(m.id)}${m.isControl ? ' (control)' : m.labelFraction != null ? ' (semi-supervised)' : ''} & ${cells.join(' & ')} & ${rankText(i)} \\\\`);
  });
  lines.push('\\bottomrule', '\\end{tabular}');
  return lines.join('\n') + '\n';
}
