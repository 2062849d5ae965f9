import { describe, expect, it } from '@jest/globals';
import type { GoAnnotation } from './gene2go.ts';
import { evidenceTier, topGoTerms } from './go-rank.ts';

const ann = (goId: string, evidence: string, term: string, category: GoAnnotation['category'] = 'Process', qualifier: string | null = null): GoAnnotation => ({
  goId,
  evidence,
  term,
  category,
  qualifier,
});

describe('topGoTerms', () => {
  const anns = [
    ann('GO:0000001', 'IEA', 'aaa electronic'),
    ann('GO:0000002', 'IBA', 'bbb phylogenetic'),
    ann('GO:0000003', 'IDA', 'zzz experimental'),
    ann('GO:0000004', 'IMP', 'yyy experimental twice'),
    ann('GO:0000004', 'IGI', 'yyy experimental twice'),
    ann('GO:0000005', 'IEA', 'ccc upgraded'),
    ann('GO:0000005', 'IPI', 'ccc upgraded'),
    ann('GO:0008150', 'ND', 'biological_process'),
    ann('GO:0000006', 'IDA', 'negated', 'Process', 'NOT involved_in'),
    ann('GO:0000007', 'IDA', 'a function', 'Function'),
  ];

  it('ranks experimental before curated before electronic, then by evidence count, then by name', () => {
    expect(topGoTerms(anns, 'Process', 10).map((t) => t.term)).toEqual([
      'ccc upgraded', // IPI + IEA: 2 codes, best tier 0
      'yyy experimental twice', // IMP + IGI: 2 codes
      'zzz experimental',
      'bbb phylogenetic',
      'aaa electronic',
    ]);
    expect(topGoTerms(anns, 'Process', 10)[0]).toMatchObject({ evidence: 'IPI', tier: 0, support: 2 });
  });

  it('caps, filters by aspect, drops ND roots, NOT rows and excluded ids', () => {
    expect(topGoTerms(anns, 'Process', 2)).toHaveLength(2);
    expect(topGoTerms(anns, 'Function', 5).map((t) => t.term)).toEqual(['a function']);
    expect(topGoTerms(anns, 'Function', 5, new Set(['GO:0000007']))).toEqual([]);
    expect(topGoTerms(anns, 'Process', 10).some((t) => t.term === 'negated' || t.term === 'biological_process')).toBe(false);
  });

  it('evidence tiers', () => {
    expect(['EXP', 'IDA', 'HTP'].map(evidenceTier)).toEqual([0, 0, 0]);
    expect(['IBA', 'ISS', 'TAS'].map(evidenceTier)).toEqual([1, 1, 1]);
    expect(evidenceTier('NAS')).toBe(2);
    expect(evidenceTier('XYZ')).toBe(2);
    expect(evidenceTier('IEA')).toBe(3);
  });
});
