import { readFileSync } from 'node:fs';
import type { Scores } from '@scbench/api';

/** Typed view of fixtures/reference.json (written by fixtures/make_reference.py); used by the tests only. */
export interface Reference {
  versions: Record<string, string>;
  cases: { name: string; truth: number[]; pred: number[]; scores: Scores; note?: string }[];
  silhouette: { name: string; rows: number; cols: number; data: number[]; labels: number[]; score: number }[];
  sums: { x: number[]; sum: number }[];
  lgamma: { x: number; value: number }[];
}

export function loadReference(): Reference {
  return JSON.parse(readFileSync(new URL('../fixtures/reference.json', import.meta.url), 'utf8')) as Reference;
}
