import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { RunRecord } from '@scbench/api';
import { groupedBarChart } from './chart.ts';
import { buildReportModel, type Cell, type MetricTable, type ReportModel, type ReportOptions } from './model.ts';

function template(name: string): string {
  return readFileSync(new URL(`../templates/${name}.hbs`, import.meta.url), 'utf8');
}

/** An isolated Handlebars instance: no global helpers or partials leak between callers. */
function createEngine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerPartial('table', template('table'));
  hb.registerHelper('num', (v: unknown, digits: unknown) =>
    typeof v === 'number' && Number.isFinite(v) ? v.toFixed(typeof digits === 'number' ? digits : 3) : '—');
  hb.registerHelper('cell', (c: Cell) => {
    if (c.state === 'missing') return '—';
    if (c.state === 'failed' || c.state === 'timeout') return c.state;
    // One run has no spread to show; "± 0.000" would suggest a stability that was never measured.
    const spread = c.ok > 1 ? ` <span class="sd">± ${c.sd.toFixed(3)}</span>` : '';
    const partial = c.state === 'partial' ? ` <small>(${c.ok}/${c.runs} ok)</small>` : '';
    return new hb.SafeString(`${c.mean.toFixed(3)}${spread}${partial}`);
  });
  return hb;
}

const PAPER_NOTE = 'Best epoch by ACC against the true labels, chosen per run — the protocol of the original code. Not achievable without labels.';
const HONEST_NOTE = 'Final-epoch scores: what the method outputs without ever seeing a label.';

/** Render a report model to one self-contained HTML string (inline CSS and SVG, no external resources). */
export function renderModel(model: ReportModel): string {
  const hb = createEngine();
  const leadsWithPaper = model.protocol === 'paper' && model.paper !== null;
  const lead: MetricTable[] = leadsWithPaper ? model.paper! : model.honest.slice(0, 3);
  const names = model.methods.map((m) => m.id);
  const ids = model.datasets.map((d) => d.id);
  const headline = lead.map((table) => ({
    table,
    protocolName: leadsWithPaper ? 'Paper protocol (best epoch by ACC)' : 'Honest (final output)',
    chart: groupedBarChart(table, ids, names),
  }));
  const secondary = leadsWithPaper ? model.honest.slice(0, 3) : model.paper;
  return hb.compile(template('report'), { strict: false })({
    ...model,
    leadsWithPaper,
    headline,
    more: model.honest.slice(3),
    secondary,
    secondaryName: leadsWithPaper ? 'Honest (final output)' : 'Paper protocol (best epoch by ACC against labels)',
    secondaryIsPaper: !leadsWithPaper,
    secondaryNote: leadsWithPaper ? HONEST_NOTE : PAPER_NOTE,
  });
}

export function renderReport(records: readonly RunRecord[], opts: ReportOptions): string {
  return renderModel(buildReportModel(records, opts));
}
