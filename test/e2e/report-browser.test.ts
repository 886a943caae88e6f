/**
 * Every kind of HTML report opened in headless Chromium, as a user opens it: it renders with no console error and
 * no network request, the charts have the right number of elements, hostile server text shows as text (no script
 * runs, no element is injected), the screenshot is not blank, and the page prints. The trace report of a real
 * CLI run is checked the same way in from-callbacks.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLossHtml } from '../../src/render/html/loss.js';
import { HISTOGRAM_BINS, renderReplayHtml } from '../../src/render/html/replay.js';
import { renderStatsHtml } from '../../src/render/html/stats.js';
import { renderTraceHtml } from '../../src/render/html/trace.js';
import { browserMissing, launchBrowser, pngStats, type OpenedReport, type ReportBrowser } from '../helpers/browser.js';
import { META, sampleLossDoc, sampleReplayDoc, sampleStatsDoc, sampleTraceDoc } from '../helpers/report-samples.js';

const missing = browserMissing();
const HOSTILE = ['<script>alert("xss")</script>', '<img src=x onerror="alert(1)">'];

describe.skipIf(missing !== undefined)('HTML reports in Chromium', () => {
  let browser: ReportBrowser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatpush-report-browser-'));
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, html: string): Promise<OpenedReport> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    return browser.open(file);
  }

  /** The checks every report must pass. */
  async function commonChecks(r: OpenedReport): Promise<void> {
    const { page } = r;
    expect(r.errors).toEqual([]);
    expect(r.requests).toEqual([]);
    expect(r.dialogs).toEqual([]);
    // No executable script and no injected element anywhere in the rendered page.
    expect(await page.$$eval('script', (s) => s.map((e) => e.getAttribute('type')))).toEqual(['application/json']);
    expect(await page.$$('img, iframe, object, embed, link[rel="stylesheet"]')).toHaveLength(0);
    const shot = pngStats(await page.screenshot({ type: 'png' }));
    expect(shot.colours).toBeGreaterThan(20);
    expect(shot.variance).toBeGreaterThan(100);
    // Printable: the print layout produces a PDF.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  }

  it('trace: a section per trace, a lane per instance, failed stages marked, hostile ErrorInfo as text', async () => {
    const doc = sampleTraceDoc({ hostile: true });
    const r = await open('trace', renderTraceHtml(doc, META));
    const { page } = r;
    expect(await page.$$eval('section.trace', (e) => e.length)).toBe(doc.traces.length);
    expect(await page.$$eval('svg.timeline', (e) => e.length)).toBe(doc.traces.filter((t) => t.instances.length > 0).length);
    expect(await page.$$eval('svg.timeline g.lane', (e) => e.length)).toBe(doc.traces.reduce((n, t) => n + t.instances.length, 0));
    const failed = doc.traces.reduce((n, t) => n + t.instances.reduce((m, i) => m + i.stages.filter((s) => s.status === 'failed').length, 0), 0);
    expect(await page.$$eval('svg.timeline g.failed-marker', (e) => e.length)).toBe(failed);
    expect(await page.$$eval('table.summary tr.group', (e) => e.length)).toBe(doc.summary.groups.length);
    // The failure is explained next to its marker, and the timeline has laid out (non-zero size).
    expect(await page.$$eval('svg.timeline text.failed-label', (e) => e.map((t) => t.textContent))).toContain('✗ vendor channel: token invalid (20301)');
    const box = await page.$eval('svg.timeline', (e) => e.getBoundingClientRect().toJSON() as { width: number; height: number });
    expect(box.width).toBeGreaterThan(500);
    // The hostile ErrorInfo is on the page as text.
    const text = (await page.evaluate('document.body.innerText')) as string;
    for (const h of HOSTILE) expect(text).toContain(h);
    await commonChecks(r);
  });

  it(`replay: the histogram has ${HISTOGRAM_BINS} bars holding every reply and p50/p95/p99 lines; decisions shown`, async () => {
    const doc = sampleReplayDoc({ hostile: true });
    const r = await open('replay', renderReplayHtml(doc, META));
    const { page } = r;
    const bars = await page.$$eval('svg.histogram rect.bar', (e) => e.map((b) => Number(b.getAttribute('data-count'))));
    expect(bars).toHaveLength(HISTOGRAM_BINS);
    expect(bars.reduce((a, b) => a + b, 0)).toBe(doc.latency!.reduce((n, p) => n + p.count, 0));
    expect(await page.$$eval('svg.histogram line.pct-line', (e) => e.map((l) => l.getAttribute('class')))).toEqual(['pct-line p50', 'pct-line p95', 'pct-line p99']);
    expect(await page.$$eval('table.results tr.result', (e) => e.length)).toBe(doc.results.length);
    const text = (await page.evaluate('document.body.innerText')) as string;
    expect(text).toContain('<img src=x onerror="alert(1)">.json');
    expect(text).toContain('<script>alert("reason")</script>');
    expect(text).toContain('denied');
    await commonChecks(r);
  });

  it('stats: a funnel row per vendor plus the total, four bars each, widths ordered total ≥ sent ≥ delivered ≥ clicked', async () => {
    const doc = sampleStatsDoc();
    const r = await open('stats', renderStatsHtml(doc, META));
    const { page } = r;
    const rows = await page.$$eval('svg.funnel g.funnel-row', (gs) =>
      gs.map((g) => [...g.querySelectorAll('rect.funnel-bar')].map((b) => (b as unknown as { getBBox(): { width: number } }).getBBox().width)),
    );
    expect(rows).toHaveLength(doc.results[0]!.platforms.length + 1);
    for (const w of rows) {
      expect(w).toHaveLength(4);
      expect(w[0]!).toBeGreaterThanOrEqual(w[1]!);
      expect(w[1]!).toBeGreaterThanOrEqual(w[2]!);
      expect(w[2]!).toBeGreaterThanOrEqual(w[3]!);
    }
    await commonChecks(r);
  });

  it('loss: a ranked row per loss cause, hostile codes as text', async () => {
    const doc = sampleLossDoc({ hostile: true });
    const r = await open('loss', renderLossHtml(doc, META));
    const { page } = r;
    expect(await page.$$eval('table.loss tr.loss-row', (e) => e.length)).toBe(doc.results[0]!.losses.length);
    const text = (await page.evaluate('document.body.innerText')) as string;
    expect(text).toContain('<script>alert(1)</script>');
    await commonChecks(r);
  });
});
