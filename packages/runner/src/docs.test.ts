// Repository-wide documentation rules (the owner's standards): figures are dated or tied to a commit, never to an
// ordinal of the working period ("measured in the fifth session"), and the READMEs that once grew into logs of
// experiments stay method documents — the experiments belong in reports/findings/README.md.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Tracked files, plus new ones git would commit (not ignored): what a commit of the tree can hold. */
function repoFiles(...patterns: string[]): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...patterns], { cwd: root, encoding: 'utf8' });
  return [...new Set(out.split('\0').filter((f) => f !== ''))];
}

const ORDINALS = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|' +
  'sixteenth|seventeenth|eighteenth|nineteenth|twentieth|last|previous|earlier|next|same|this|that|\\d+(?:st|nd|rd|th)';
/** "the fifth session", "this sitting", "tenth-session default", "eighth round (…session)", "sixth period". */
const WORKING_PERIOD = new RegExp(`\\b(?:${ORDINALS})[ -](?:session|sitting|period|round)s?(?![\\w-])`, 'i');
/** Pointers into experiment diaries that no longer exist: `README "Quality" item 18`, `README, fifth round`. */
const DIARY_POINTER = /README[^\n]{0,12}(?:"Quality"|\bitems? \d+|\bround \d+)/;

describe('documentation', () => {
  it('dates figures by date or commit, not by an ordinal of the working period (*.md, *.ts)', () => {
    const hits: string[] = [];
    for (const file of repoFiles('*.md', '*.ts')) {
      if (file.endsWith('docs.test.ts')) continue; // this file spells the patterns out
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // listed by git but deleted in the working tree
      }
      text.split('\n').forEach((line, i) => {
        if (WORKING_PERIOD.test(line) || DIARY_POINTER.test(line)) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    // Fix: replace the phrase with a date (2026-11-22) or a commit id (git log / git blame of the line), and move
    // experiment history to reports/findings/README.md.
    expect(hits).toEqual([]);
  });

  it('the patterns catch what they are meant to and spare ordinary words', () => {
    for (const bad of ['measured in the fifth session', 'since the tenth session', 'sixth-session default', 'this session', 'Seventh round (tenth session)', 'the 13th session', 'README "Quality", item 15', 'README, fifth round']) {
      expect(WORKING_PERIOD.test(bad) || DIARY_POINTER.test(bad)).toBe(true);
    }
    for (const fine of ['one ORT session per graph', 'points sitting on their centre', 'round to 4 significant digits', 'Math.round(x)', 'InferenceSession.create', 'first round-trip']) {
      expect(WORKING_PERIOD.test(fine) || DIARY_POINTER.test(fine)).toBe(false);
    }
  });

  const LINE_BUDGET = 250;
  for (const readme of ['packages/core/src/scllm-dsc/README.md', 'baselines/sccdcg/README.md', 'packages/engine/README.md']) {
    it(`${readme} stays a method document (≤ ${LINE_BUDGET} lines; experiments go to reports/findings/README.md)`, () => {
      const lines = readFileSync(join(root, readme), 'utf8').split('\n').length;
      expect(lines).toBeLessThanOrEqual(LINE_BUDGET);
    });
  }

  it("the scllm-dsc README's quality board equals the committed records (mean ARI, seeds 0–3)", () => {
    const ari = new Map<string, number[]>(); // method|dataset → ARI per seed
    for (const dir of ['issue5', 'issue5-seeds23', 'issue5-heldout']) {
      for (const line of readFileSync(join(root, 'reports', dir, 'records.jsonl'), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const r = JSON.parse(line) as { method: string; dataset: string; seed: number; status: string; scores: { ari: number } };
        if (r.status !== 'ok' || r.seed > 3 || !['scllm-dsc', 'pca-kmeans', 'leiden'].includes(r.method)) continue;
        const key = `${r.method}|${r.dataset}`;
        ari.set(key, [...(ari.get(key) ?? []), r.scores.ari]);
      }
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const readme = readFileSync(join(root, 'packages/core/src/scllm-dsc/README.md'), 'utf8');
    const board = readme.slice(readme.indexOf('**Quality board**'), readme.indexOf('**The paper'));
    const rows = [...board.matchAll(/^\| ([a-z0-9_]+)(?: \([^)]*\))? \| ([\d.]+) ± [\d.]+ \| ([\d.]+) \| ([\d.]+) \|/gm)];
    expect(rows.length).toBe(14);
    const perMethod: number[][] = [[], [], []];
    for (const [, dataset, ...figures] of rows) {
      ['scllm-dsc', 'pca-kmeans', 'leiden'].forEach((method, j) => {
        const seeds = ari.get(`${method}|${dataset}`) ?? [];
        expect([dataset, method, seeds.length]).toEqual([dataset, method, 4]);
        expect(Math.abs(mean(seeds) - Number(figures[j]))).toBeLessThanOrEqual(0.0005);
        perMethod[j].push(mean(seeds));
      });
    }
    const meanRow = board.match(/^\| \*\*mean of 14\*\*[^|]*\| \*\*([\d.]+)\*\*[^|]*\| ([\d.]+)[^|]*\| ([\d.]+)/m);
    expect(meanRow).not.toBeNull();
    perMethod.forEach((xs, j) => expect(Math.abs(mean(xs) - Number(meanRow![j + 1]))).toBeLessThanOrEqual(0.0005));
  });

  it('reports/findings/README.md is tracked and each table row is dated by a commit', () => {
    expect(repoFiles('reports/findings/README.md')).toEqual(['reports/findings/README.md']);
    const rows = readFileSync(join(root, 'reports/findings/README.md'), 'utf8').split('\n').filter((l) => /^\| (?!-)/.test(l) && !/^\| date/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^\| \d{4}-\d{2}-\d{2} · [0-9a-f]{7,40}\b/);
  });
});
