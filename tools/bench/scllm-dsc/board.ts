/**
 * The quality board of the scLLM-DSC method doc, computed from committed records (nothing re-run): per dataset the
 * mean final-epoch ARI (± sample sd) of each method over the given seeds, the gap of the first method to the better
 * of the others, wins / ties / losses (|gap| ≤ --tie counts as a tie), the mean over datasets and the mean rank
 * (1 = best; tied means share their average rank).
 *
 *   npx tsx tools/bench/scllm-dsc/board.ts [--dirs reports/issue5,reports/issue5-seeds23,reports/issue5-heldout]
 *     [--methods scllm-dsc,pca-kmeans,leiden] [--seeds 0,1,2,3] [--tie 0.005]
 *
 * Each (method, dataset, seed) must have exactly one ok record across the folders, or the script stops and says
 * which: a board never silently mixes two parameter sets of one method.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '@scbench/api';

const { values: args } = parseArgs({
  options: {
    dirs: { type: 'string', default: 'reports/issue5,reports/issue5-seeds23,reports/issue5-heldout' },
    methods: { type: 'string', default: 'scllm-dsc,pca-kmeans,leiden' },
    seeds: { type: 'string', default: '0,1,2,3' },
    tie: { type: 'string', default: '0.005' },
  },
});
const methods = args.methods!.split(',');
const seeds = args.seeds!.split(',').map(Number);
const tie = Number(args.tie);

const ari = new Map<string, number>(); // method|dataset|seed → ARI
const datasets = new Set<string>();
for (const dir of args.dirs!.split(',')) {
  const lines = readFileSync(join(dir, 'records.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  for (const r of lines.map((l) => JSON.parse(l) as RunRecord)) {
    if (r.status !== 'ok' || !methods.includes(r.method) || !seeds.includes(r.seed)) continue;
    const key = `${r.method}|${r.dataset}|${r.seed}`;
    if (ari.has(key)) throw new Error(`board: two ok records for ${key} (in ${dir}); pass folders with one parameter set per method`);
    ari.set(key, r.scores!.ari);
    datasets.add(r.dataset);
  }
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]): number => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
const f3 = (x: number): string => x.toFixed(3);

const rows: { dataset: string; means: number[]; gap: number; spread: number }[] = [];
for (const dataset of [...datasets].sort()) {
  const perMethod = methods.map((m) =>
    seeds.map((s) => {
      const v = ari.get(`${m}|${dataset}|${s}`);
      if (v === undefined) throw new Error(`board: no ok record for ${m} on ${dataset}, seed ${s}`);
      return v;
    }),
  );
  const means = perMethod.map(mean);
  rows.push({ dataset, means, gap: means[0] - Math.max(...means.slice(1)), spread: sd(perMethod[0]) });
}
rows.sort((a, b) => b.gap - a.gap);

/** Rank of each method on one dataset (1 = highest mean ARI), ties sharing their average rank. */
function ranks(means: number[]): number[] {
  return means.map((x) => 1 + means.filter((y) => y > x).length + (means.filter((y) => y === x).length - 1) / 2);
}

console.log(`| dataset | ${methods[0]} (± sd) | ${methods.slice(1).join(' | ')} | gap to the better |`);
console.log(`|---|${methods.map(() => '---|').join('')}---|`);
for (const r of rows) {
  const gap = Math.abs(r.gap) <= tie ? `${r.gap >= 0 ? '+' : '−'}${f3(Math.abs(r.gap))} (tie)` : `${r.gap >= 0 ? '+' : '−'}${f3(Math.abs(r.gap))}`;
  console.log(`| ${r.dataset} | ${f3(r.means[0])} ± ${f3(r.spread)} | ${r.means.slice(1).map(f3).join(' | ')} | ${gap} |`);
}
const meanRanks = methods.map((_, j) => mean(rows.map((r) => ranks(r.means)[j])));
console.log(`| **mean of ${rows.length}** | ${methods.map((_, j) => f3(mean(rows.map((r) => r.means[j])))).join(' | ')} | |`);
console.log(`| mean rank | ${meanRanks.map((x) => x.toFixed(2)).join(' | ')} | |`);

const tally = (other: number[]): string => {
  let w = 0, t = 0, l = 0;
  for (const r of rows) {
    const g = r.means[0] - Math.max(...other.map((j) => r.means[j]));
    if (Math.abs(g) <= tie) t++;
    else if (g > 0) w++;
    else l++;
  }
  return `${w} wins, ${t} ties, ${l} losses`;
};
console.log(`\n${methods[0]} against the better of the others: ${tally(methods.slice(1).map((_, j) => j + 1))}`);
for (let j = 1; j < methods.length; j++) console.log(`${methods[0]} against ${methods[j]}: ${tally([j])}`);
console.log(`seeds ${seeds.join(',')}; tie = |gap| ≤ ${tie}; folders ${args.dirs}`);
