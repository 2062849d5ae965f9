import { readFileSync } from 'node:fs';
import type { Scores } from '@scbench/api';

/** Typed view of fixtures/reference.json (written by fixtures/make_reference.py); used by the tests only. */
export interface Reference {
  versions: Record<string, string>;
  cases: { name: string; truth: number[]; pred: number[]; scores: Scores; note?: string }[];
  silhouette: { name: string; rows: number; cols: number; data: number[]; labels: number[]; score: number }[];
  /** Degenerate silhouette inputs: sklearn's score (`value`) or the message of the ValueError it raised (`error`). */
  silhouetteDegenerate: { name: string; rows: number; cols: number; data: number[]; labels: number[]; value?: number; error?: string }[];
  /** What sklearn does with empty labelings, per function: its value(s), or its error message. */
  empty: Record<string, { value?: number | number[]; error?: string }>;
  sums: { x: number[]; sum: number }[];
}

export function loadReference(): Reference {
  return JSON.parse(readFileSync(new URL('../fixtures/reference.json', import.meta.url), 'utf8')) as Reference;
}
