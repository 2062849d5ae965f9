/// <reference lib="dom" />
// The report as a person sees it: rendered from the committed default-grid records (reports/default, with their
// pictures and logs), opened in the system's headless Chromium (puppeteer-core; no browser download). Fails when no
// browser is installed: CI installs Debian's chromium (.ci/run); elsewhere set CHROMIUM_PATH.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunRecord } from '@scbench/api';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { renderReport } from './render.ts';
import { sideData } from './side-files.ts';

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const grid = join(repo, 'reports', 'default');
const out = join(repo, 'tmp', 'report-browser');

function browserPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
  if (!found) throw new Error('no Chromium found: apt-get install -y chromium (Debian), or set CHROMIUM_PATH to a Chromium/Chrome binary');
  return found;
}

function records(): RunRecord[] {
  const text = readFileSync(join(grid, 'records.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as RunRecord);
}

let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  const html = renderReport(records(), { protocol: 'honest', title: 'scbench report — reports/default', side: sideData(grid) });
  writeFileSync(join(out, 'index.html'), html);
  browser = await puppeteer.launch({ executablePath: browserPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.setViewport({ width: 1366, height: 900 });
  await page.goto(`file://${join(out, 'index.html')}`, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
});

/** Text of the elements matching `sel` that are displayed. */
const visibleTexts = (sel: string) => page.$$eval(sel, (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.textContent!.trim()));

describe('the report in headless Chromium', () => {
  it('loads with no console errors and no external requests', () => {
    expect(problems).toEqual([]);
  });

  it('shows every section with content', async () => {
    const counts = await page.evaluate(() => ({
      cd: document.querySelectorAll('section.active svg.cd polyline').length,
      leaderboardRows: document.querySelectorAll('section.active table.leaderboard tbody tr').length,
      bars: document.querySelectorAll('section.active svg rect[fill]').length,
      scoreRows: document.querySelectorAll('#scores ~ section.active table.sortable tbody tr').length,
      layouts: document.querySelectorAll('svg.layout path').length,
      confusion: document.querySelectorAll('table.confusion tbody td').length,
      curves: document.querySelectorAll('svg.curve polyline').length,
      costRows: document.querySelectorAll('table.cost tbody tr').length,
      points: document.querySelectorAll('section.active svg.scatter .pt').length,
    }));
    for (const [k, v] of Object.entries(counts)) expect([k, v > 0]).toEqual([k, true]);
  });

  it('switches the metric of the charts and tables', async () => {
    expect(await visibleTexts('#leaderboard ~ section.metric h3')).toContain('ARI');
    await page.click('.metric-switch button[value="nmi"]');
    const shown = await visibleTexts('section.metric h3');
    expect(shown).toContain('NMI');
    expect(shown).not.toContain('ARI');
    expect(await page.$eval('.metric-switch button[value="nmi"]', (b) => b.getAttribute('aria-pressed'))).toBe('true');
    await page.click('.metric-switch button[value="ari"]');
  });

  it('sorts a table by a column', async () => {
    const names = () => page.$$eval('section.active table.leaderboard tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent!.trim()));
    const before = await names();
    await page.click('section.active table.leaderboard thead th:nth-child(2)');
    const sorted = await names();
    expect(sorted).toEqual([...before].sort((a, b) => a.localeCompare(b)));
    await page.click('section.active table.leaderboard thead th:nth-child(3)'); // mean rank: numbers, high first
    const ranks = await page.$$eval('section.active table.leaderboard tbody tr td:nth-child(3)', (tds) => tds.map((t) => Number(t.textContent)));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('names method, dataset and seed when a point is hovered', async () => {
    expect(await page.$eval('#tip', (t) => getComputedStyle(t).display)).toBe('none');
    await page.hover('section.active svg.scatter .pt');
    const tip = await page.$eval('#tip', (t) => ({ display: getComputedStyle(t).display, text: t.textContent }));
    expect(tip.display).toBe('block');
    expect(tip.text).toMatch(/^.+ · .+ · seed \d+: ARI -?\d\.\d{3}, [\d.]+ s$/);
  });

  it('shows failures as failures', async () => {
    const failed = await page.$$eval('td.failed, td.timeout', (tds) => tds.map((t) => t.textContent!.trim()));
    const failures = records().filter((r) => r.status !== 'ok').length;
    if (failures > 0) expect(failed.length).toBeGreaterThan(0);
    else expect(await page.$eval('#failures + p', (p) => p.textContent)).toBe('None.');
  });

  it('writes a full-page screenshot at laptop width', async () => {
    await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
    expect(existsSync(join(out, 'report.png'))).toBe(true);
  });

  it('reads without JavaScript: every metric view is shown in turn', async () => {
    const plain = await browser.newPage();
    await plain.setJavaScriptEnabled(false);
    await plain.goto(`file://${join(out, 'index.html')}`);
    const shown = await plain.$$eval('#leaderboard ~ section.metric h3', (hs) => hs.filter((h) => (h as HTMLElement).offsetParent !== null).map((h) => h.textContent));
    expect(shown).toEqual(expect.arrayContaining(['ACC', 'NMI', 'ARI', 'AMI', 'macro-F1', 'V-measure']));
    await plain.close();
  });
});
