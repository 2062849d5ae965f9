import type { RunRecord, Scores } from '@scbench/api';

/** A run record with plausible defaults, for tests. */
export function record(over: Partial<RunRecord> & Pick<RunRecord, 'dataset' | 'method' | 'seed'>): RunRecord {
  const s = (v: number): Scores => ({ acc: v, nmi: v, ari: v, ami: v, f1: v, fmi: v, homogeneity: v, completeness: v, vMeasure: v });
  return {
    protocol: 'honest', status: 'ok', error: null, scores: s(0.5), silhouette: null, paperProtocol: null,
    nClusters: 3, nPredicted: 3, cells: 100, genes: 50, seconds: 1, peakRssMb: 100, params: {}, paramsHash: 'h',
    info: {}, backend: null, commit: 'abc', versions: {}, startedAt: '', finishedAt: '',
    ...over,
  };
}

export function scores(v: number): Scores {
  return { acc: v, nmi: v, ari: v, ami: v, f1: v, fmi: v, homogeneity: v, completeness: v, vMeasure: v };
}
