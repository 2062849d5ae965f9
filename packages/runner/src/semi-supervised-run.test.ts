// A semi-supervised method through the real CLI and worker: what it was handed, and which cells its scores cover.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '@scbench/api';
import { scoreAll } from '@scbench/metrics';
import type { RunPicture } from '@scbench/report';
import { captureCli } from './cli-capture.ts';
import { EXIT } from './exit-codes.ts';
import { chooseLabelledCells } from './label-hand-off.ts';

describe('scbench run with a semi-supervised method (scdcc-semi)', () => {
  it('records the seeded 10 % it was handed and scores only the other cells; the report does not rank it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scbench-semi-'));
    const r = await captureCli(['run', '--methods', 'scdcc-semi,pca-kmeans', '--datasets', 'synthetic:cells=120,genes=80,groups=3',
      '--seeds', '4', '--out', dir, '--smoke']);
    expect(r.code).toBe(EXIT.ok);
    const recs = readFileSync(join(dir, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RunRecord);
    const semi = recs.find((x) => x.method === 'scdcc-semi')!;
    const labelled = chooseLabelledCells(120, 0.1, 4);
    expect(semi.supervision).toEqual({ kind: 'semi', labelFraction: 0.1, labelledCells: Array.from(labelled), scoredCells: 108 });
    expect(semi.info.labelledCells).toBe(12); // what the method says it received
    expect(recs.find((x) => x.method === 'pca-kmeans')!.supervision).toBeUndefined();
    // The picture holds every cell's truth and prediction (120 ≤ 800 drawn): the record's scores are those of the
    // 108 cells it was not handed.
    const file = readdirSync(join(dir, 'pictures')).find((f) => f.includes('scdcc-semi'))!;
    const pic = JSON.parse(readFileSync(join(dir, 'pictures', file), 'utf8')) as RunPicture;
    const handed = new Set(labelled);
    const rows = Array.from({ length: 120 }, (_, i) => i).filter((i) => !handed.has(i));
    const onScored = scoreAll(Int32Array.from(rows, (i) => pic.truth[i]), Int32Array.from(rows, (i) => pic.pred[i]));
    expect(semi.scores!.ari).toBeCloseTo(onScored.ari, 12);
    expect(semi.scores!.acc).toBeCloseTo(onScored.acc, 12);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('Semi-supervised — not ranked');
    expect(html).toMatch(/<td class="name">scdcc-semi<\/td><td>10\.00 %<\/td>/);
  }, 120_000);
});
