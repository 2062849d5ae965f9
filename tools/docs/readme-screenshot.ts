// The root README's picture of a report: its leaderboard (ARI) and, below it, the first dataset's first pictures, at
// 1366 px, in the system Chromium. `npx tsx tools/docs/readme-screenshot.ts reports/default/index.html
// reports/default/screenshot.png`
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const [page, out] = process.argv.slice(2);
if (!page || !out) throw new Error('usage: npx tsx tools/docs/readme-screenshot.ts <report index.html> <out.png>');
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1366, height: 900 });
  await tab.goto('file://' + resolve(page));
  const clip = await tab.evaluate(() => {
    const board = document.querySelector('#leaderboard')?.getBoundingClientRect();
    const first = document.querySelector('#leaderboard ~ section.active')?.getBoundingClientRect();
    if (!board || !first) return null;
    return { x: board.left - 8, y: board.top + window.scrollY - 8, width: Math.max(board.width, first.width) + 16, height: first.bottom - board.top + 16 };
  });
  if (!clip) throw new Error(`${page}: no #leaderboard followed by an active dataset section — is it a scbench report?`);
  await tab.screenshot({ path: out, clip });
} finally {
  await browser.close();
}
