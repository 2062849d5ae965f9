/**
 * The four-seed, fourteen-dataset comparison of reports/issue25-knowledge/README.md, from its records (nothing
 * re-run), and the decision of split.json's rule:
 *   1. scllm-dsc under each encoder (use-lite, go-svd, lsa, go-lsa) against pca-kmeans and leiden on the 14 shared
 *      datasets: mean ARI, mean rank (of 3: the encoder's run and the two pipelines), wins / ties / losses against the
 *      better pipeline, and the means of half A and half B (7 datasets each);
 *   2. the gap to the better classical pipeline per dataset and encoder: every loss with its size;
 *   3. the knowledge lift (encoder − the same pipeline with geneVectors=random) per dataset, its mean over the 10
 *      datasets with gene names, over all 14, and per half;
 *   4. split.json's rule: the encoder with the highest mean ARI on half A's datasets with gene names at the choice
 *      seeds is chosen; it becomes the default only if it is above use-lite on both halves (at the grid's seeds).
 * The four datasets without gene names run scllm-dsc with the semantic view off, so no encoder changes them: every
 * encoder's (and control's) value there is use-lite's record (marked †), and their lift is 0.
 * A cell is the mean over the seeds that its column has on every dataset (printed); a column missing a dataset at
 * every seed is left out, with a note.
 *   npx tsx tools/bench/knowledge/comparison.ts [--dir reports/issue25-knowledge] [--seeds 0,1,2,3]
 *     [--choose-seeds 0,1] [--tie 0.005]
 */
import { parseArgs } from 'node:util';
import { f3, keyOf, mean, readKnowledgeRecords, signed } from './records.ts';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: 'reports/issue25-knowledge' },
    seeds: { type: 'string', default: '0,1,2,3' },
    'choose-seeds': { type: 'string', default: '0,1' },
    tie: { type: 'string', default: '0.005' },
  },
});
const seeds = args.seeds!.split(',').map(Number);
const chooseSeeds = args['choose-seeds']!.split(',').map(Number);
const tie = Number(args.tie);
const { split, ari } = readKnowledgeRecords(args.dir!, [...new Set([...seeds, ...chooseSeeds])]);

const ENCODERS = ['use-lite', 'go-svd', 'lsa', 'go-lsa'];
const CLASSICAL = ['pca-kmeans', 'leiden'];
const halfOf = new Map<string, 'A' | 'B'>();
for (const h of ['A', 'B'] as const) for (const d of [...split[h].withGeneNames, ...split[h].withoutGeneNames]) halfOf.set(d, h);
const named = [...split.A.withGeneNames, ...split.B.withGeneNames];
const unnamed = new Set([...split.A.withoutGeneNames, ...split.B.withoutGeneNames]);
const all = [...split.A.withGeneNames, ...split.A.withoutGeneNames, ...split.B.withGeneNames, ...split.B.withoutGeneNames];

/** ARI of one run; on a dataset without gene names every scllm-dsc configuration is use-lite's run. */
function value(method: string, config: string, d: string, s: number): number | undefined {
  if (method !== 'scllm-dsc') return ari.get(keyOf(method, '-', d, s));
  return ari.get(keyOf(method, unnamed.has(d) ? 'use-lite' : config, d, s));
}
/** Seeds of `within` at which `config` (and the classical pipelines) have a run on every dataset of `ds`. */
function seedsOf(config: string, ds: readonly string[], within = seeds): number[] {
  return within.filter((s) => ds.every((d) => value('scllm-dsc', config, d, s) !== undefined && CLASSICAL.every((m) => value(m, '-', d, s) !== undefined)));
}
const meanOver = (method: string, config: string, d: string, ss: readonly number[]): number => mean(ss.map((s) => value(method, config, d, s)!));
/** Rank of each entry (1 = highest), ties sharing their average rank. */
const ranks = (xs: readonly number[]): number[] =>
  xs.map((x) => 1 + xs.filter((y) => y > x).length + (xs.filter((y) => y === x).length - 1) / 2);
const mark = (d: string): string => (unnamed.has(d) ? `${d} †` : d);

const encoders = ENCODERS.filter((e) => seedsOf(e, all).length > 0);
const partial = ENCODERS.filter((e) => !encoders.includes(e));
const seedList = (ss: readonly number[]): string => ss.join(', ');

// 1. the board
console.log(`\n### scllm-dsc under each encoder against the classical pipelines: 14 datasets, mean ARI\n`);
console.log('† no gene names: the semantic view is off, every encoder is use-lite\'s run there. Rank of 3 (the encoder\'s run, pca-kmeans, leiden); ' +
  `a tie is |gap| ≤ ${tie}.${partial.length ? ` Not on every dataset at any seed, left out: ${partial.join(', ')}.` : ''}\n`);
console.log(`| dataset | half | pca-kmeans | leiden | ${encoders.join(' | ')} |\n|---|---|---|---|${encoders.map(() => '---|').join('')}`);
for (const d of all) {
  const cells = encoders.map((e) => f3(meanOver('scllm-dsc', e, d, seedsOf(e, all))));
  console.log(`| ${mark(d)} | ${halfOf.get(d)} | ${CLASSICAL.map((m) => f3(meanOver(m, '-', d, seeds))).join(' | ')} | ${cells.join(' | ')} |`);
}
console.log(`| **mean of 14** | | ${CLASSICAL.map((m) => `**${f3(mean(all.map((d) => meanOver(m, '-', d, seeds))))}**`).join(' | ')} | ` +
  `${encoders.map((e) => `**${f3(mean(all.map((d) => meanOver('scllm-dsc', e, d, seedsOf(e, all)))))}**`).join(' | ')} |`);

console.log(`\n| encoder | seeds | mean ARI, 14 | mean rank: encoder / pca-kmeans / leiden | wins / ties / losses vs the better | half A (7) | half B (7) |\n|---|---|---|---|---|---|---|`);
interface Gap { readonly d: string; readonly gap: number; readonly to: string }
const gaps = new Map<string, Gap[]>();
for (const e of encoders) {
  const ss = seedsOf(e, all);
  const rows = all.map((d) => ({ d, m: [meanOver('scllm-dsc', e, d, ss), ...CLASSICAL.map((c) => meanOver(c, '-', d, ss))] }));
  const r = rows.map((x) => ranks(x.m));
  const g = rows.map(({ d, m }) => ({ d, gap: m[0] - Math.max(m[1], m[2]), to: m[1] >= m[2] ? CLASSICAL[0] : CLASSICAL[1] }));
  gaps.set(e, g);
  const wtl = [g.filter((x) => x.gap > tie).length, g.filter((x) => Math.abs(x.gap) <= tie).length, g.filter((x) => x.gap < -tie).length];
  const half = (h: 'A' | 'B'): string => f3(mean(rows.filter((x) => halfOf.get(x.d) === h).map((x) => x.m[0])));
  console.log(`| ${e} | ${seedList(ss)} | ${f3(mean(rows.map((x) => x.m[0])))} | ${[0, 1, 2].map((j) => mean(r.map((x) => x[j])).toFixed(2)).join(' / ')} | ` +
    `${wtl.join(' / ')} | ${half('A')} | ${half('B')} |`);
}

// 2. every loss, with its size
console.log(`\n### Gap to the better classical pipeline per dataset (negative: a loss; its pipeline named)\n`);
console.log(`| dataset | ${encoders.join(' | ')} |\n|---|${encoders.map(() => '---|').join('')}`);
const order = [...all].sort((a, b) => gaps.get(encoders[0])!.find((x) => x.d === a)!.gap - gaps.get(encoders[0])!.find((x) => x.d === b)!.gap);
for (const d of order) {
  const cells = encoders.map((e) => {
    const x = gaps.get(e)!.find((y) => y.d === d)!;
    return x.gap < -tie ? `**${signed(x.gap)}** (${x.to})` : Math.abs(x.gap) <= tie ? `${signed(x.gap)} (tie)` : signed(x.gap);
  });
  console.log(`| ${mark(d)} | ${cells.join(' | ')} |`);
}

// 3. knowledge lift
const lifted = ENCODERS.filter((e) => e !== 'use-lite' && seedsOf(e, named).length > 0 && seedsOf(`${e}+random`, named).length > 0);
const liftSeeds = new Map(lifted.map((e) => [e, seedsOf(e, named).filter((s) => seedsOf(`${e}+random`, named).includes(s))]));
console.log(`\n### Knowledge lift: encoder − the same pipeline with geneVectors=random, mean ARI\n`);
if (lifted.length === 0) console.log('(no encoder has its control on every dataset with gene names)');
else {
  console.log(`| dataset | ${lifted.map((e) => `${e} (seeds ${seedList(liftSeeds.get(e)!)})`).join(' | ')} |\n|---|${lifted.map(() => '---|').join('')}`);
  const lift = (e: string, d: string): number => {
    const ss = liftSeeds.get(e)!;
    return meanOver('scllm-dsc', e, d, ss) - meanOver('scllm-dsc', `${e}+random`, d, ss);
  };
  for (const d of named) console.log(`| ${d} | ${lifted.map((e) => signed(lift(e, d))).join(' | ')} |`);
  const row = (label: string, ds: readonly string[]): void =>
    console.log(`| ${label} | ${lifted.map((e) => `**${signed(mean(ds.map((d) => (unnamed.has(d) ? 0 : lift(e, d)))))}**`).join(' | ')} |`);
  row('mean, 10 with gene names', named);
  row('mean, half A (5 with gene names)', split.A.withGeneNames);
  row('mean, half B (5 with gene names)', split.B.withGeneNames);
  row('mean, 14 († lift 0)', all);
}

// 4. split.json's rule
console.log(`\n### split.json's rule\n`);
const candidates = ENCODERS.filter((e) => e !== 'use-lite' && chooseSeeds.every((s) => seedsOf(e, split.A.withGeneNames, chooseSeeds).includes(s)));
const halfMean = (e: string, ds: readonly string[], ss: readonly number[]): number => mean(ds.map((d) => meanOver('scllm-dsc', e, d, ss)));
if (candidates.length === 0) console.log(`no learned encoder has half A at seeds ${seedList(chooseSeeds)}`);
else {
  const onA = candidates.map((e) => ({ e, m: halfMean(e, split.A.withGeneNames, chooseSeeds) })).sort((a, b) => b.m - a.m);
  const missing = ENCODERS.filter((e) => e !== 'use-lite' && !candidates.includes(e));
  console.log(`- choice on half A (5 with gene names), seeds ${seedList(chooseSeeds)}: ${onA.map(({ e, m }) => `${e} ${m.toFixed(4)}`).join(', ')} → **${onA[0].e}**` +
    ` (use-lite ${halfMean('use-lite', split.A.withGeneNames, chooseSeeds).toFixed(4)})${missing.length ? `; not run there: ${missing.join(', ')}` : ''}`);
  const chosen = onA[0].e;
  // Every candidate's halves, not only the chosen one's: a near-tie in the choice should not hide how the other fares.
  const behind: string[] = []; // halves where the chosen encoder has runs and is not above use-lite
  const unrun: string[] = []; // halves where it has none
  for (const { e } of onA) {
    const parts: string[] = [];
    for (const h of ['A', 'B'] as const) {
      const ds = split[h].withGeneNames;
      const ss = seedsOf(e, ds).filter((s) => seedsOf('use-lite', ds).includes(s));
      const [c, u] = [halfMean(e, ds, ss), halfMean('use-lite', ds, ss)];
      parts.push(`half ${h}, seeds ${seedList(ss) || '—'}: ${f3(c)} vs use-lite ${f3(u)} (${signed(c - u)})`);
      if (e === chosen && ss.length === 0) unrun.push(h);
      else if (e === chosen && !(c > u)) behind.push(`${h} (seeds ${seedList(ss)})`);
    }
    console.log(`- ${e}${e === chosen ? ' (chosen)' : ''}, 5 datasets with gene names per half: ${parts.join('; ')}`);
  }
  // Behind on one half decides it even when the other half was not run; ahead on the run halves does not.
  const verdict = behind.length ? `${chosen} is not above use-lite on half ${behind.join(' and ')}: the default stays use-lite`
    : unrun.length ? `undecided: ${chosen} has no runs on half ${unrun.join(' and ')}`
      : `${chosen} is ahead on both halves: it becomes the default`;
  console.log(`- verdict: ${verdict}`);
}
