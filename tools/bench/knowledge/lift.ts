/**
 * The tables of reports/issue25-knowledge/README.md, computed from its records (nothing re-run):
 *   1. the semantic view alone: genept-w and genept-s ARI per dataset under each encoder;
 *   2. the split protocol (split.json): scllm-dsc's ARI per dataset of each half under each encoder and under the
 *      no-knowledge control (`geneVectors=random` with that encoder), the knowledge lift (encoder − control) and the
 *      gap to use-lite, with each half's mean.
 * (The fourteen-dataset comparison against the classical pipelines and split.json's decision: comparison.ts.)
 * A scllm-dsc cell is the mean over the seeds that every cell of its table has (printed in the heading); a genept cell
 * the mean over the seeds it has; '—' where none.
 *   npx tsx tools/bench/knowledge/lift.ts [--dir reports/issue25-knowledge] [--seeds 0,1,2,3] [--configs lsa,lsa+random,use-lite]
 */
import { parseArgs } from 'node:util';
import { f3, mean, readKnowledgeRecords, signed } from './records.ts';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: 'reports/issue25-knowledge' },
    seeds: { type: 'string', default: '0,1,2,3' },
    /** scllm-dsc columns to show (e.g. lsa,lsa+random,use-lite for the seeds those share); default all. */
    configs: { type: 'string' },
  },
});
const seeds = args.seeds!.split(',').map(Number);
const { split, ari, scllmConfigs } = readKnowledgeRecords(args.dir!, seeds);

/** Seeds at which every (method, config) of `cols` has a record on every dataset. */
function commonSeeds(method: string, cols: readonly string[], datasets: readonly string[]): number[] {
  return seeds.filter((s) => cols.every((c) => datasets.every((d) => ari.has(`${method}|${c}|${d}|${s}`))));
}
const cell = (method: string, c: string, d: string, ss: readonly number[]): number | undefined =>
  ss.length ? mean(ss.map((s) => ari.get(`${method}|${c}|${d}|${s}`)!)) : undefined;

// 1. semantic view alone
const named = [...split.A.withGeneNames, ...split.B.withGeneNames];
const encoders = ['use-lite', 'go-svd', 'lsa', 'go-lsa'];
for (const method of ['genept-w', 'genept-s']) {
  const present = encoders.filter((e) => named.some((d) => seeds.some((s) => ari.has(`${method}|${e}|${d}|${s}`))));
  console.log(`\n### ${method}: ARI, mean over the seeds each cell has (seeds of the grid: ${seeds.join(', ')})\n`);
  console.log(`| dataset | ${present.join(' | ')} |\n|---|${present.map(() => '---|').join('')}`);
  const cols = present.map(() => [] as number[]);
  const common = present.map(() => [] as number[]); // datasets where every column has a value
  for (const d of named) {
    const vals = present.map((e) => cell(method, e, d, seeds.filter((s) => ari.has(`${method}|${e}|${d}|${s}`))));
    vals.forEach((v, i) => v !== undefined && cols[i].push(v));
    if (vals.every((v) => v !== undefined)) vals.forEach((v, i) => common[i].push(v!));
    console.log(`| ${d} | ${vals.map(f3).join(' | ')} |`);
  }
  console.log(`| mean (datasets with a value) | ${cols.map((c) => `${f3(mean(c))} (${c.length})`).join(' | ')} |`);
  console.log(`| mean (the ${common[0].length} datasets every column has) | ${common.map((c) => f3(mean(c))).join(' | ')} |`);
}

// 2. split protocol, full method
const configs = scllmConfigs.filter((c) => !args.configs || args.configs.split(',').includes(c));
for (const half of ['A', 'B'] as const) {
  const ds = split[half].withGeneNames;
  const cols = configs.filter((c) => ds.every((d) => seeds.some((s) => ari.has(`scllm-dsc|${c}|${d}|${s}`))));
  const ss = commonSeeds('scllm-dsc', cols, ds);
  const lifted = cols.filter((c) => !c.endsWith('+random') && cols.includes(`${c}+random`));
  console.log(`\n### scllm-dsc, half ${half}: ARI, mean over seeds ${ss.join(', ') || '—'}\n`);
  const head = [...cols, ...lifted.map((c) => `lift ${c}`), ...cols.filter((c) => c !== 'use-lite' && !c.endsWith('+random')).map((c) => `${c} − use-lite`)];
  console.log(`| dataset | ${head.join(' | ')} |\n|---|${head.map(() => '---|').join('')}`);
  const sums = head.map(() => [] as number[]);
  for (const d of ds) {
    const v = (c: string): number => cell('scllm-dsc', c, d, ss)!;
    const vals = [
      ...cols.map(v),
      ...lifted.map((c) => v(c) - v(`${c}+random`)),
      ...cols.filter((c) => c !== 'use-lite' && !c.endsWith('+random')).map((c) => (cols.includes('use-lite') ? v(c) - v('use-lite') : NaN)),
    ];
    vals.forEach((x, i) => sums[i].push(x));
    console.log(`| ${d} | ${vals.map((x, i) => (i < cols.length ? f3(x) : signed(x))).join(' | ')} |`);
  }
  console.log(`| **mean** | ${sums.map((c, i) => `**${i < cols.length ? f3(mean(c)) : signed(mean(c))}**`).join(' | ')} |`);
}
