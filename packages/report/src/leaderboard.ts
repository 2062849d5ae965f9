import type { MetricTable } from './model.ts';
import { averageRanks } from './stats.ts';
import { friedmanTest } from './stats/friedman.ts';
import { cliques, nemenyiCriticalDifference } from './stats/nemenyi.ts';

export interface LeaderboardRow {
  name: string;
  /** Mean rank over the datasets every ranked method ran on (1 = best; a failure ranks last). */
  meanRank: number;
  /** Mean score over those datasets where it succeeded, and on how many it failed. */
  meanScore: number;
  failed: number;
}

export interface Leaderboard {
  key: string;
  label: string;
  /** Ranked methods, best mean rank first. Controls and semi-supervised methods are never ranked. */
  rows: LeaderboardRow[];
  /** Datasets that entered the ranking (those where every ranked method has runs). */
  datasets: string[];
  friedman: { statistic: number; pValue: number } | null;
  /** Nemenyi critical difference at α = 0.05, and the groups of methods closer than it (indices into rows). */
  cd: number | null;
  cliques: [number, number][];
  /** Why no test is shown, when none is. */
  note: string | null;
  /**
   * Semi-supervised rows, shown apart and never ranked: the share of cells whose labels they were handed, and their
   * mean score over the datasets where they succeeded (on the other cells only, as the runner scores them).
   */
  semiSupervised: { name: string; labelFraction: number; meanScore: number; datasets: number }[];
}

type RowKind = { id: string; isControl: boolean; labelFraction?: number | null };

function semiSupervisedRows(table: MetricTable, methods: readonly RowKind[]): Leaderboard['semiSupervised'] {
  return methods.flatMap((m, i) => {
    if (m.isControl || m.labelFraction == null) return [];
    const ok = table.rows[i].filter((c) => !Number.isNaN(c.mean));
    return [{ name: m.id, labelFraction: m.labelFraction, meanScore: ok.length ? ok.reduce((a, c) => a + c.mean, 0) / ok.length : NaN, datasets: ok.length }];
  });
}

/**
 * The leaderboard of one metric: mean rank per method over datasets, the Friedman test of whether the ranks differ
 * at all, and the Nemenyi critical difference for which pairs do (Demšar 2006) — the data of a CD diagram.
 */
export function leaderboard(table: MetricTable, methods: readonly RowKind[], datasets: readonly string[]): Leaderboard {
  const { ranked, cols, leftOut } = rankedBlock(table, methods, datasets);
  const base = { key: table.key, label: table.label, datasets: cols.map((c) => c.d), semiSupervised: semiSupervisedRows(table, methods) };
  if (ranked.length === 0 || cols.length === 0) {
    return { ...base, rows: [], friedman: null, cd: null, cliques: [], note: 'No dataset on which every ranked method ran.' };
  }
  const scores = cols.map(({ j }) => ranked.map(({ i }) => table.rows[i][j].mean));
  let meanRanks: number[];
  let friedman: Leaderboard['friedman'] = null;
  let note: string | null = null;
  if (ranked.length >= 2 && cols.length >= 2) {
    const f = friedmanTest(scores);
    meanRanks = f.meanRanks;
    friedman = { statistic: f.statistic, pValue: f.pValue };
  } else {
    meanRanks = averageRanks(scores[0], true);
    note = ranked.length < 2 ? 'One ranked method: nothing to compare.' : 'One dataset: a significance test needs at least two.';
  }
  if (leftOut.length) note = `${note ? `${note} ` : ''}Left out of the ranking for want of runs on every dataset (e.g. no gene names on synthetic data): ${leftOut.join(', ')}.`;
  const rows = ranked.map(({ name, i }, t) => {
    const ok = cols.map(({ j }) => table.rows[i][j]).filter((c) => !Number.isNaN(c.mean));
    return { name, meanRank: meanRanks[t], meanScore: ok.length ? ok.reduce((a, c) => a + c.mean, 0) / ok.length : NaN, failed: cols.length - ok.length };
  }).sort((a, b) => a.meanRank - b.meanRank || a.name.localeCompare(b.name));
  let cd: number | null = null;
  if (friedman && rows.length <= 60) cd = nemenyiCriticalDifference(rows.length, cols.length);
  else if (friedman) note = 'More than 60 ranked methods: the Nemenyi constants are tabled up to 60.';
  return { ...base, rows, friedman, cd, cliques: cd === null ? [] : cliques(rows.map((r) => r.meanRank), cd), note };
}

/**
 * The methods and datasets a leaderboard ranks: Friedman's test needs complete blocks, so only datasets on which every
 * ranked method has runs enter. When that leaves fewer than two datasets although the methods that ran everywhere
 * would have more (a method that cannot run on some data, as genept-w on synthetic sets without gene names), the
 * ranking drops those methods instead of the datasets, and names them.
 */
function rankedBlock(table: MetricTable, methods: readonly RowKind[], datasets: readonly string[]) {
  const all = methods.map((m, i) => ({ name: m.id, i })).filter((m) => !methods[m.i].isControl && methods[m.i].labelFraction == null);
  const complete = (ranked: typeof all) => datasets.map((d, j) => ({ d, j })).filter(({ j }) => ranked.every(({ i }) => table.rows[i][j].state !== 'missing'));
  const cols = complete(all);
  if (cols.length >= 2) return { ranked: all, cols, leftOut: [] as string[] };
  const everywhere = all.filter(({ i }) => datasets.every((_, j) => table.rows[i][j].state !== 'missing'));
  const fewer = complete(everywhere);
  if (everywhere.length >= 2 && everywhere.length < all.length && fewer.length > cols.length) {
    return { ranked: everywhere, cols: fewer, leftOut: all.filter((m) => !everywhere.includes(m)).map((m) => m.name) };
  }
  return { ranked: all, cols, leftOut: [] as string[] };
}
