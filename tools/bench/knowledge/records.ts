/**
 * The records of reports/issue25-knowledge read for its tables (lift.ts, comparison.ts): final-epoch ARI by method,
 * configuration, dataset and seed, and the split of split.json. A configuration is the encoder, plus '+random' for
 * the no-knowledge control (`geneVectors=random`); the classical pipelines have the configuration '-'.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '@scbench/api';

export interface Half {
  readonly withGeneNames: readonly string[];
  readonly withoutGeneNames: readonly string[];
}
export type Split = Record<'A' | 'B', Half>;

export interface KnowledgeRecords {
  readonly split: Split;
  /** `${method}|${config}|${dataset}|${seed}` → ARI, ok records at the requested seeds only. */
  readonly ari: ReadonlyMap<string, number>;
  /** scllm-dsc's configurations present, sorted. */
  readonly scllmConfigs: readonly string[];
}

/** Configuration name of a record: encoder, plus '+random' for the control; '-' for methods without an encoder. */
export function configOf(r: RunRecord): string {
  if (r.params.encoder === undefined) return '-';
  return `${String(r.params.encoder)}${r.params.geneVectors === 'random' ? '+random' : ''}`;
}

export const keyOf = (method: string, config: string, dataset: string, seed: number): string => `${method}|${config}|${dataset}|${seed}`;

export function readKnowledgeRecords(dir: string, seeds: readonly number[]): KnowledgeRecords {
  const split = JSON.parse(readFileSync(join(dir, 'split.json'), 'utf8')) as Split;
  const lines = readFileSync(join(dir, 'records.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const ari = new Map<string, number>();
  const configs = new Set<string>();
  for (const r of lines.map((l) => JSON.parse(l) as RunRecord)) {
    if (r.status !== 'ok' || !seeds.includes(r.seed)) continue;
    const key = keyOf(r.method, configOf(r), r.dataset, r.seed);
    // Two parameter sets under one configuration would be silently averaged: refuse instead.
    if (ari.has(key)) throw new Error(`${dir}/records.jsonl: two ok records for ${key}; keep one parameter set per encoder`);
    ari.set(key, r.scores!.ari);
    if (r.method === 'scllm-dsc') configs.add(configOf(r));
  }
  return { split, ari, scllmConfigs: [...configs].sort() };
}

export const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
export const f3 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(3));
export const signed = (x: number | undefined): string =>
  x === undefined || Number.isNaN(x) ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
