#!/usr/bin/env node
// Regenerates the README's screenshots of the HTML reports, one per kind (trace, replay, stats, loss), as
// docs/report-<kind>.png: renders the sample documents of test/helpers/report-samples.ts with the real renderers,
// opens each file in headless Chromium (puppeteer-core, /usr/bin/chromium or CHROMIUM_PATH) and captures the top of
// the page. Usage: node scripts/report-screenshots.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTs, root } from './lib/load-ts.mjs';

const m = await loadTs(
  'src/render/html/trace.ts',
  'src/render/html/replay.ts',
  'src/render/html/stats.ts',
  'src/render/html/loss.ts',
  'test/helpers/report-samples.ts',
);
const { default: puppeteer } = await import('puppeteer-core');
const dir = mkdtempSync(join(tmpdir(), 'chatpush-shots-'));
const kinds = [
  ['trace', m.renderTraceHtml(m.sampleTraceDoc(), m.META), 1250],
  ['replay', m.renderReplayHtml(m.sampleReplayDoc(), m.META), 1000],
  ['stats', m.renderStatsHtml(m.sampleStatsDoc(), m.META), 1050],
  ['loss', m.renderLossHtml(m.sampleLossDoc(), m.META), 900],
];
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`],
});
try {
  for (const [kind, html, height] of kinds) {
    const file = join(dir, `${kind}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const out = join(root, 'docs', `report-${kind}.png`);
    await page.screenshot({ path: out });
    await page.close();
    console.log(`wrote docs/report-${kind}.png (${Buffer.byteLength(html)} bytes of HTML)`);
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
