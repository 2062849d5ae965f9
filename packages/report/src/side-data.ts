import type { RunRecord } from '@scbench/api';
import type { LogEntry, RunPicture } from './run-picture.ts';

/** What the runner stored beside records.jsonl for a run, looked up by the record (undefined: none stored). */
export interface SideData {
  picture(r: RunRecord): RunPicture | undefined;
  log(r: RunRecord): readonly LogEntry[] | undefined;
}

export interface DatasetPicture {
  row: string;
  seed: number;
  scores: { acc: number; nmi: number; ari: number };
  picture: RunPicture;
}

export interface CurvePhase {
  name: string;
  epochs: number[];
  parts: { name: string; values: number[] }[];
}

export interface TrainingCurve {
  row: string;
  dataset: string;
  seed: number;
  phases: CurvePhase[];
  snapshots: RunPicture['snapshots'];
  /** The method's final output (honest) and the epoch the paper protocol picked by ACC against the labels. */
  finalAri: number | null;
  picked: { epoch: number; ari: number } | null;
}

/** Per row and dataset, the run drawn: the lowest seed that succeeded and has the side data asked for. */
function firstRuns<T>(records: readonly RunRecord[], rowOf: (r: RunRecord) => string, get: (r: RunRecord) => T | undefined): { r: RunRecord; v: T }[] {
  const chosen = new Map<string, { r: RunRecord; v: T }>();
  for (const r of [...records].sort((a, b) => a.seed - b.seed)) {
    if (r.status !== 'ok') continue;
    const key = `${rowOf(r)}|${r.dataset}`;
    if (chosen.has(key)) continue;
    const v = get(r);
    if (v !== undefined) chosen.set(key, { r, v });
  }
  return [...chosen.values()];
}

/** Pictures per dataset, in the table's row order; controls are left out (their pictures say nothing). */
export function picturesByDataset(records: readonly RunRecord[], rowOf: (r: RunRecord) => string, rows: readonly string[],
  datasets: readonly string[], isControl: (row: string) => boolean, side: SideData | undefined): { dataset: string; runs: DatasetPicture[] }[] {
  if (!side) return [];
  const runs = firstRuns(records, rowOf, (r) => side.picture(r));
  return datasets.map((dataset) => ({
    dataset,
    runs: rows.filter((row) => !isControl(row)).flatMap((row) => runs.filter(({ r }) => r.dataset === dataset && rowOf(r) === row).map(({ r, v }) => ({
      row, seed: r.seed, picture: v, scores: { acc: r.scores!.acc, nmi: r.scores!.nmi, ari: r.scores!.ari },
    }))),
  })).filter((d) => d.runs.length > 0);
}

/** Logged durations (kmeansMs, sinkhornMs, …): cost, not loss; they are not drawn as curves. */
const TIMING = /(Ms|Seconds|Sec)$/;

/** ctx.log events with an epoch, grouped by event (a training phase); parts are every other numeric value. */
export function curvePhases(log: readonly LogEntry[]): CurvePhase[] {
  const phases = new Map<string, CurvePhase>();
  for (const e of log) {
    if (typeof e.epoch !== 'number') continue;
    const p = phases.get(e.event) ?? { name: e.event, epochs: [], parts: [] };
    phases.set(e.event, p);
    p.epochs.push(e.epoch);
    for (const [k, v] of Object.entries(e)) {
      if (k === 'event' || k === 'epoch' || k === 't' || typeof v !== 'number' || TIMING.test(k)) continue;
      let part = p.parts.find((x) => x.name === k);
      if (!part) {
        part = { name: k, values: new Array<number>(p.epochs.length - 1).fill(NaN) };
        p.parts.push(part);
      }
      part.values.push(v);
    }
    for (const part of p.parts) while (part.values.length < p.epochs.length) part.values.push(NaN);
  }
  return [...phases.values()].filter((p) => p.epochs.length >= 2 && p.parts.length > 0);
}

/** Training curves per row × dataset (lowest seed with a log of epochs), in row then dataset order. */
export function trainingCurves(records: readonly RunRecord[], rowOf: (r: RunRecord) => string, rows: readonly string[],
  datasets: readonly string[], side: SideData | undefined): TrainingCurve[] {
  if (!side) return [];
  const runs = firstRuns(records, rowOf, (r) => {
    const log = side.log(r);
    const phases = log ? curvePhases(log) : [];
    return phases.length ? phases : undefined;
  });
  const out: TrainingCurve[] = [];
  for (const row of rows) for (const dataset of datasets) {
    const hit = runs.find(({ r }) => r.dataset === dataset && rowOf(r) === row);
    if (!hit) continue;
    const { r, v } = hit;
    out.push({
      row, dataset, seed: r.seed, phases: v,
      snapshots: side.picture(r)?.snapshots ?? [],
      finalAri: r.scores?.ari ?? null,
      picked: r.paperProtocol ? { epoch: r.paperProtocol.epoch, ari: r.paperProtocol.scores.ari } : null,
    });
  }
  return out;
}
