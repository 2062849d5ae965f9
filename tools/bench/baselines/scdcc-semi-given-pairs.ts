/**
 * scdcc-semi trained with the labelled cells and pairs the original drew for a seed (scdcc_original_pairs.py), so
 * ours and the original differ only in initialisation and numerics: prints ARI on all cells and on the unlabelled
 * 90 %, and the clustering epochs. `--our-pairs` keeps the original's labelled cells but draws the pairs as
 * scdcc-semi does (randomPairs), to tell the pair draw from the choice of cells.
 *
 *   npx tsx tools/bench/baselines/scdcc-semi-given-pairs.ts --pairs tmp/scdcc-pairs-0.json [--set logInput=as-given] [--our-pairs]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { testContext } from '@scbench/api';
import { runScDeepCluster } from '@scbench/baseline-scdeepcluster';
import { constraintSteps, randomPairs, scdccSemi } from '@scbench/baseline-scdcc';
import { loadDataset } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { benchOverrides } from '@scbench/runner';

const { values } = parseArgs({ options: { pairs: { type: 'string' }, set: { type: 'string', multiple: true, default: [] }, 'our-pairs': { type: 'boolean', default: false } } });
if (!values.pairs) throw new Error('--pairs FILE (written by tools/bench/baselines/scdcc_original_pairs.py) is required');
const o = JSON.parse(readFileSync(values.pairs, 'utf8')) as { dataset: string; seed: number; y: number[]; labelled: number[]; ml1: number[]; ml2: number[]; cl1: number[]; cl2: number[] };
const { dataset, truth } = await loadDataset(o.dataset);
const n = truth!.labels.length;
// The original's h5 and our loader must hold the same cells in the same order.
if (o.y.length !== n || scoreAll(Int32Array.from(o.y), truth!.labels).ari !== 1) throw new Error(`${values.pairs}: its labels do not match ${o.dataset} cell for cell`);
const params = { ...scdccSemi.defaults, ...benchOverrides(scdccSemi, values.set) };
const cells = Int32Array.from(o.labelled);
const pairs = values['our-pairs']
  ? randomPairs({ cells, labels: Int32Array.from(cells, (c) => truth!.labels[c]) }, params.nPairwise, (o.seed ^ 0x5cdcc) >>> 0)
  : { ml1: Int32Array.from(o.ml1), ml2: Int32Array.from(o.ml2), cl1: Int32Array.from(o.cl1), cl2: Int32Array.from(o.cl2) };
const t0 = performance.now();
const out = await runScDeepCluster(dataset, params, testContext(o.seed, false), params.gamma, (m) => () => constraintSteps(m, pairs, params));
const labelled = new Set(o.labelled);
const rows = Int32Array.from({ length: n }, (_, i) => i).filter((i) => !labelled.has(i));
const pick = (x: Int32Array) => Int32Array.from(rows, (i) => x[i]);
console.log(`seed ${o.seed} ${values['our-pairs'] ? 'our pair draw' : "the original's pairs"} (${pairs.ml1.length} must-links, ${pairs.cl1.length} cannot-links)  ` +
  `ARI all ${scoreAll(truth!.labels, out.labels).ari.toFixed(3)}  unlabelled 90 % ${scoreAll(pick(truth!.labels), pick(out.labels)).ari.toFixed(3)}  ` +
  `${out.info?.clusterEpochs} clustering epochs  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
