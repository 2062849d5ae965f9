/// <reference lib="dom" />
// Size and load time of the report of every committed grid under reports/ (rendered fresh, with the grid's pictures
// and logs where it has them), opened in the system's headless Chromium at laptop width. Prints one line per grid,
// largest last; the report must stay under 5 MB and open in under 2 s.
//   npx tsx tools/bench/report/bench.ts            (CHROMIUM_PATH to use another browser binary)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunRecord } from '@scbench/api';
import { renderReport, sideData } from '@scbench/report';
import puppeteer from 'puppeteer-core';

const repo = resolve(new URL('../../../', import.meta.url).pathname);
const out = join(repo, 'tmp', 'bench-report');
mkdirSync(out, { recursive: true });
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!chromium) throw new Error('no Chromium: apt-get install -y chromium, or set CHROMIUM_PATH');

const grids = readdirSync(join(repo, 'reports')).filter((d) => existsSync(join(repo, 'reports', d, 'records.jsonl')));
const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const rows: { grid: string; runs: number; mb: number; renderMs: number; loadMs: number }[] = [];
for (const grid of grids) {
  const dir = join(repo, 'reports', grid);
  const records = readFileSync(join(dir, 'records.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as RunRecord);
  const t0 = performance.now();
  const html = renderReport(records, { protocol: 'honest', title: grid, side: sideData(dir) });
  const renderMs = performance.now() - t0;
  const file = join(out, `${grid}.html`);
  writeFileSync(file, html);
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1366, height: 900 });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    // Navigation start to the end of the load event: parsing, layout and the report's script.
    loads.push(await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming; return n.loadEventEnd - n.startTime; }));
    await page.close();
  }
  rows.push({ grid, runs: records.length, mb: Buffer.byteLength(html) / 1e6, renderMs, loadMs: loads.sort((a, b) => a - b)[1] });
}
await browser.close();
rows.sort((a, b) => a.mb - b.mb);
for (const r of rows) console.log(`${r.grid.padEnd(20)} ${String(r.runs).padStart(4)} runs  ${r.mb.toFixed(2)} MB  render ${r.renderMs.toFixed(0)} ms  load ${r.loadMs.toFixed(0)} ms (median of 3)`);
const big = rows[rows.length - 1];
console.log(`largest: ${big.grid} ${big.mb.toFixed(2)} MB (limit 5), load ${big.loadMs.toFixed(0)} ms (limit 2000)`);
