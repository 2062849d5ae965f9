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
  /** Ranked methods, best mean rank first. Controls are never ranked. */
  rows: LeaderboardRow[];
  /** Datasets that entered the ranking (those where every ranked method has runs). */
  datasets: string[];
  friedman: { statistic: number; pValue: number } | null;
  /** Nemenyi critical difference at α = 0.05, and the groups of methods closer than it (indices into rows). */
  cd: number | null;
  cliques: [number, number][];
  /** Why no test is shown, when none is. */
  note: string | null;
}

/**
 * The leaderboard of one metric: mean rank per method over datasets, the Friedman test of whether the ranks differ
 * at all, and the Nemenyi critical difference for which pairs do (Demšar 2006) — the data of a CD diagram.
 */
export function leaderboard(table: MetricTable, methods: readonly { id: string; isControl: boolean }[], datasets: readonly string[]): Leaderboard {
  const ranked = methods.map((m, i) => ({ name: m.id, i })).filter((m) => !methods[m.i].isControl);
  const cols = datasets.map((d, j) => ({ d, j })).filter(({ j }) => ranked.every(({ i }) => table.rows[i][j].state !== 'missing'));
  const base = { key: table.key, label: table.label, datasets: cols.map((c) => c.d) };
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
  const rows = ranked.map(({ name, i }, t) => {
    const ok = cols.map(({ j }) => table.rows[i][j]).filter((c) => !Number.isNaN(c.mean));
    return { name, meanRank: meanRanks[t], meanScore: ok.length ? ok.reduce((a, c) => a + c.mean, 0) / ok.length : NaN, failed: cols.length - ok.length };
  }).sort((a, b) => a.meanRank - b.meanRank || a.name.localeCompare(b.name));
  let cd: number | null = null;
  if (friedman && rows.length <= 60) cd = nemenyiCriticalDifference(rows.length, cols.length);
  else if (friedman) note = 'More than 60 ranked methods: the Nemenyi constants are tabled up to 60.';
  return { ...base, rows, friedman, cd, cliques: cd === null ? [] : cliques(rows.map((r) => r.meanRank), cd), note };
}
