import type { Protocol, RunRecord, Scores } from '@scbench/api';
import { leaderboard, type Leaderboard } from './leaderboard.ts';
import { publishedNotes, type PublishedNote } from './published.ts';
import { publishedComparisons, type PublishedComparison } from './published-scores.ts';
import { picturesByDataset, trainingCurves, type DatasetPicture, type SideData, type TrainingCurve } from './side-data.ts';
import { averageRanks, meanSd } from './stats.ts';
import { rowNamer, type BaseParams } from './variants.ts';

export type ScoreKey = keyof Scores;

/** The metrics shown as tables, in order; the first three are the benchmark's headline metrics. */
export const TABLE_METRICS: readonly { key: ScoreKey; label: string }[] = [
  { key: 'acc', label: 'ACC' },
  { key: 'nmi', label: 'NMI' },
  { key: 'ari', label: 'ARI' },
  { key: 'ami', label: 'AMI' },
  { key: 'f1', label: 'macro-F1' },
  { key: 'vMeasure', label: 'V-measure' },
];

export interface Cell {
  mean: number;
  sd: number;
  /** Successful runs that contributed / all runs. */
  ok: number;
  runs: number;
  /** 'ok' when every run succeeded, 'partial' when some failed, else the failure kind. */
  state: 'ok' | 'partial' | 'failed' | 'timeout' | 'missing';
  rank: number | null;
  best: boolean;
}

export interface MetricTable {
  key: ScoreKey;
  label: string;
  /** rows[methodIndex][datasetIndex] */
  rows: Cell[][];
  /** Mean rank over datasets per method (controls and semi-supervised methods excluded), null for those. */
  meanRank: (number | null)[];
}

export interface DatasetColumn {
  id: string;
  cells: number;
  genes: number;
  nClusters: number;
}

export interface MethodRow {
  id: string;
  isControl: boolean;
  /** Share of cells whose labels the runner handed this semi-supervised row (scored on the others); null: unsupervised. */
  labelFraction: number | null;
  seconds: number;
  peakRssMb: number;
  backend: string;
}

export interface Failure {
  dataset: string;
  method: string;
  seed: number;
  status: string;
  error: string;
}

export interface ReportModel {
  title: string;
  protocol: Protocol;
  generatedAt: string;
  commits: string[];
  runs: number;
  seeds: number[];
  datasets: DatasetColumn[];
  methods: MethodRow[];
  /** Final-epoch scores: what a user of the method would get. */
  honest: MetricTable[];
  /** Best epoch by ACC against the labels, for methods that made snapshots; null when none did. */
  paper: MetricTable[] | null;
  failures: Failure[];
  /** Published numbers these records bear on (published.ts). */
  published: PublishedNote[];
  /** Published ACC / NMI / ARI beside our means, with source and protocol (published-scores.ts). */
  publishedScores: PublishedComparison[];
  /** Per metric (TABLE_METRICS order): mean ranks, Friedman test, Nemenyi critical difference. */
  leaderboards: Leaderboard[];
  /** Per dataset, what each method's clustering did (from the runner's side files; empty without them). */
  pictures: { dataset: string; runs: DatasetPicture[] }[];
  /** Loss parts per epoch and ARI per snapshot, per deep method × dataset (from the runs' logs). */
  curves: TrainingCurve[];
  /** Seconds (mean) and peak RSS (max) of the successful runs, per row (methods order) × dataset. */
  cost: { seconds: number; peakRssMb: number; ok: number }[][];
  /** Every successful run of a ranked method, for the accuracy-versus-time scatter. */
  points: { row: string; dataset: string; seed: number; seconds: number; scores: Scores }[];
}

const CONTROLS = new Set(['true-labels', 'random-labels']);

function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function buildTable(records: readonly RunRecord[], rowOf: (r: RunRecord) => string, methods: string[], datasets: string[],
  key: ScoreKey, label: string, pick: (r: RunRecord) => Scores | null, unranked: (row: string) => boolean): MetricTable {
  const rows: Cell[][] = methods.map((m) => datasets.map((d) => {
    const runs = records.filter((r) => rowOf(r) === m && r.dataset === d);
    const values = runs.map(pick).filter((s): s is Scores => s !== null).map((s) => s[key]);
    const { mean, sd } = meanSd(values);
    let state: Cell['state'] = 'ok';
    if (runs.length === 0) state = 'missing';
    else if (values.length === 0) state = runs.some((r) => r.status === 'timeout') ? 'timeout' : 'failed';
    else if (values.length < runs.length) state = 'partial';
    return { mean, sd, ok: values.length, runs: runs.length, state, rank: null, best: false };
  }));
  const ranked = methods.map((m) => !unranked(m));
  datasets.forEach((_, j) => {
    const idx = methods.map((_, i) => i).filter((i) => ranked[i] && rows[i][j].state !== 'missing');
    const ranks = averageRanks(idx.map((i) => rows[i][j].mean), true);
    idx.forEach((i, t) => {
      rows[i][j].rank = ranks[t];
      rows[i][j].best = ranks[t] === Math.min(...ranks) && !Number.isNaN(rows[i][j].mean);
    });
  });
  const meanRank = methods.map((_, i) => {
    if (!ranked[i]) return null;
    const rs = rows[i].map((c) => c.rank).filter((r): r is number => r !== null);
    return rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : null;
  });
  return { key, label, rows, meanRank };
}

export interface ReportOptions {
  protocol: Protocol;
  title: string;
  now?: Date;
  /** Each record's parameters without `--set`, so a row is named by what was changed (variants.ts). */
  baseParams?: BaseParams;
  /** The runs' pictures and logs, where the runner stored them. */
  side?: SideData;
}

/**
 * Records → everything the report shows. Pure: the same records give the same model (but for generatedAt). A row
 * is one method with one parameter set (variants.ts), so an ablation run beside the default is never averaged in.
 */
export function buildReportModel(records: readonly RunRecord[], opts: ReportOptions): ReportModel {
  const datasets = uniq(records.map((r) => r.dataset));
  const rowOf = rowNamer(records, opts.baseParams);
  // A semi-supervised row (the runner handed it some labels and scored it on the other cells) is never ranked
  // against unsupervised methods: it is shown apart, like the controls.
  const labelFraction = new Map<string, number>();
  for (const r of records) if (r.supervision) labelFraction.set(rowOf(r), r.supervision.labelFraction);
  const unranked = (m: string) => CONTROLS.has(m) || labelFraction.has(m);
  // Unsupervised methods first, then semi-supervised ones, controls last, each group in first-seen order.
  const seen = uniq(records.map(rowOf));
  const methods = [...seen.filter((m) => !unranked(m)), ...seen.filter((m) => labelFraction.has(m) && !CONTROLS.has(m)), ...seen.filter((m) => CONTROLS.has(m))];
  const honest = TABLE_METRICS.map((t) => buildTable(records, rowOf, methods, datasets, t.key, t.label, (r) => (r.status === 'ok' ? r.scores : null), unranked));
  const anyPaper = records.some((r) => r.paperProtocol !== null);
  const paper = anyPaper
    ? TABLE_METRICS.slice(0, 3).map((t) => buildTable(records.filter((r) => r.paperProtocol !== null), rowOf, methods, datasets, t.key, t.label, (r) => r.paperProtocol?.scores ?? null, unranked))
    : null;
  const isControl = (m: string) => CONTROLS.has(m);
  const methodRows = methods.map((id) => ({ id, isControl: isControl(id), labelFraction: labelFraction.get(id) ?? null }));
  const okRuns = records.filter((r) => r.status === 'ok' && r.scores !== null);
  return {
    leaderboards: honest.map((t) => leaderboard(t, methodRows, datasets)),
    pictures: picturesByDataset(records, rowOf, methods, datasets, isControl, opts.side),
    curves: trainingCurves(records, rowOf, methods, datasets, opts.side),
    cost: methods.map((m) => datasets.map((d) => {
      const ok = okRuns.filter((r) => rowOf(r) === m && r.dataset === d);
      return { seconds: meanSd(ok.map((r) => r.seconds)).mean, peakRssMb: ok.length ? Math.max(...ok.map((r) => r.peakRssMb)) : NaN, ok: ok.length };
    })),
    points: okRuns.filter((r) => !unranked(rowOf(r))).map((r) => ({ row: rowOf(r), dataset: r.dataset, seed: r.seed, seconds: r.seconds, scores: r.scores! })),
    title: opts.title,
    protocol: opts.protocol,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    commits: uniq(records.map((r) => r.commit)),
    runs: records.length,
    seeds: uniq(records.map((r) => r.seed)).sort((a, b) => a - b),
    datasets: datasets.map((id) => {
      const r = records.find((x) => x.dataset === id && x.cells > 0) ?? records.find((x) => x.dataset === id)!;
      return { id, cells: r.cells, genes: r.genes, nClusters: r.nClusters };
    }),
    methods: methods.map((id) => {
      const ok = records.filter((r) => rowOf(r) === id && r.status === 'ok');
      const b = ok.find((r) => r.backend)?.backend;
      return {
        id,
        isControl: CONTROLS.has(id),
        labelFraction: labelFraction.get(id) ?? null,
        seconds: meanSd(ok.map((r) => r.seconds)).mean,
        peakRssMb: ok.length ? Math.max(...ok.map((r) => r.peakRssMb)) : NaN,
        backend: b ? `${b.name} ${b.version} ×${b.threads}` : '—',
      };
    }),
    honest,
    paper,
    published: publishedNotes(records),
    // Only the method's own defaults compare with a paper: not an ablation, nor a smoke or quick (default-grid) run.
    publishedScores: publishedComparisons(records, (r) => rowOf(r) === r.method && r.params.smoke !== true && r.params.quick !== true),
    failures: records.filter((r) => r.status !== 'ok').map((r) => ({
      dataset: r.dataset, method: rowOf(r), seed: r.seed, status: r.status, error: (r.error ?? '').split('\n').slice(0, 3).join(' '),
    })),
  };
}
