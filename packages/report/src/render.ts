import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { RunRecord } from '@scbench/api';
import { cdDiagram } from './cd-diagram.ts';
import { groupedBarChart } from './chart.ts';
import { costScatter, scatterKeys } from './cost-plot.ts';
import { ariPlot, lossPlot, partsLegend } from './curve-plot.ts';
import { confusionTable, layoutPair, typeLegend } from './layout-plot.ts';
import { buildReportModel, type Cell, type MetricTable, type ReportModel, type ReportOptions } from './model.ts';

function asset(name: string): string {
  return readFileSync(new URL(`../templates/${name}`, import.meta.url), 'utf8');
}

/** An isolated Handlebars instance: no global helpers or partials leak between callers. */
function createEngine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerPartial('table', asset('table.hbs'));
  hb.registerHelper('num', (v: unknown, digits: unknown) =>
    typeof v === 'number' && Number.isFinite(v) ? v.toFixed(typeof digits === 'number' ? digits : 3) : '—');
  hb.registerHelper('sortKey', (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : ''));
  hb.registerHelper('cell', (c: Cell) => {
    if (c.state === 'missing') return '—';
    if (c.state === 'failed' || c.state === 'timeout') return c.state;
    // One run has no spread to show; "± 0.000" would suggest a stability that was never measured.
    const spread = c.ok > 1 ? ` <span class="sd">± ${c.sd.toFixed(3)}</span>` : '';
    const partial = c.state === 'partial' ? ` <small>(${c.ok}/${c.runs} ok)</small>` : '';
    return new hb.SafeString(`${c.mean.toFixed(3)}${spread}${partial}`);
  });
  hb.registerHelper('ordinal', (i: number) => i + 1);
  // Our scores are fractions; published tables print percentages: shown in the published table's unit.
  hb.registerHelper('pct', (v: number) => (Number.isFinite(v) ? (v * 100).toFixed(2) : '—'));
  hb.registerHelper('pvalue', (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3)));
  return hb;
}

const PAPER_NOTE = 'Best epoch by ACC against the true labels, chosen per run — the protocol of the original code. Not achievable without labels.';
const HONEST_NOTE = 'Final-epoch scores: what the method outputs without ever seeing a label.';
/** The metric the report opens on; the others are one click away. */
export const HEADLINE_METRIC = 'ari';

function secondsText(s: number): string {
  if (!Number.isFinite(s)) return '—';
  return s < 10 ? s.toFixed(1) : s.toFixed(0);
}

/** Render a report model to one self-contained HTML string (inline CSS, SVG and script; nothing external). */
export function renderModel(model: ReportModel): string {
  const hb = createEngine();
  const leadsWithPaper = model.protocol === 'paper' && model.paper !== null;
  const names = model.methods.map((m) => m.id);
  const ids = model.datasets.map((d) => d.id);
  const isControl = new Set(model.methods.filter((m) => m.isControl).map((m) => m.id));
  const metrics = model.honest.map((table, i) => {
    const board = model.leaderboards[i];
    return {
      key: table.key,
      label: table.label,
      active: table.key === HEADLINE_METRIC,
      table,
      board,
      cd: cdDiagram(board),
      chart: groupedBarChart(table, ids, names),
      scatter: costScatter(model.points, table.key, table.label, names, ids),
    };
  });
  const pictures = model.pictures.map((d) => {
    const first = d.runs[0].picture;
    return {
      dataset: d.dataset,
      cells: first.cells,
      shown: first.shown,
      subsampled: first.shown < first.cells,
      legend: typeLegend(first),
      runs: d.runs.map((r) => ({
        row: r.row,
        seed: r.seed,
        scores: r.scores,
        fromEmbedding: r.picture.layoutOf === 'embedding',
        ...layoutPair(r.picture, `${r.row} on ${d.dataset}`),
        confusion: confusionTable(r.picture),
      })),
    };
  });
  const curves = ids.map((dataset) => ({
    dataset,
    runs: model.curves.filter((c) => c.dataset === dataset).map((c) => ({
      ...c,
      plots: c.phases.map((p) => ({ svg: lossPlot(p, `${c.row} on ${dataset}`), legend: partsLegend(p) })),
      ari: c.snapshots.length >= 2 ? ariPlot(c, `${c.row} on ${dataset}`) : null,
    })),
  })).filter((d) => d.runs.length > 0);
  const cost = model.methods.map((m, i) => ({
    id: m.id,
    isControl: isControl.has(m.id),
    backend: m.backend,
    cells: model.cost[i].map((c) => ({ seconds: secondsText(c.seconds), secondsValue: c.seconds, peak: Number.isFinite(c.peakRssMb) ? c.peakRssMb.toFixed(0) : '—' })),
  }));
  const lead: MetricTable[] | null = leadsWithPaper ? model.paper : null;
  return hb.compile(asset('report.hbs'), { strict: false })({
    ...model,
    leadsWithPaper,
    paperLead: lead,
    paperTrail: !leadsWithPaper ? model.paper : null,
    paperNote: PAPER_NOTE,
    honestNote: HONEST_NOTE,
    metrics,
    pictureSets: pictures,
    curveSets: curves,
    costRows: cost,
    scatterKeys: scatterKeys(names.filter((n) => !isControl.has(n)), ids),
    hasSideData: pictures.length > 0 || curves.length > 0,
    hasPublished: model.published.length > 0 || model.publishedScores.length > 0,
    script: asset('interaction.js'),
  });
}

export function renderReport(records: readonly RunRecord[], opts: ReportOptions): string {
  return renderModel(buildReportModel(records, opts));
}
