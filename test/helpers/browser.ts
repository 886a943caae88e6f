/**
 * Opens HTML reports in a real browser for the report tests: Debian's Chromium (/usr/bin/chromium, or
 * CHROMIUM_PATH) driven by puppeteer-core, headless, with a fresh profile per launch, no network services of its
 * own, and every request the page makes intercepted and recorded (a self-contained report makes none).
 * Without Chromium the tests fail in CI (CI=true: .ci/run installs it) and are skipped elsewhere, saying why.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import type { Browser, Page } from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. Throws in CI: there it must be present. */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `Chromium not found at ${CHROMIUM} (install Debian's 'chromium' package, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${reason}: the HTML report browser tests cannot run in CI without it.`);
  console.warn(`skipping the HTML report browser tests: ${reason}.`);
  return reason;
}

export interface OpenedReport {
  page: Page;
  /** Every request after the report itself (there should be none). */
  requests: string[];
  /** console.error messages and uncaught page errors. */
  errors: string[];
  /** alert()/confirm()/prompt() calls (a script that ran). */
  dialogs: string[];
}

export interface ReportBrowser {
  open(file: string, viewport?: { width: number; height: number }): Promise<OpenedReport>;
  close(): Promise<void>;
}

/** Launches Chromium with the flags of the task: headless, no sandbox (containers), no background traffic. */
export async function launchBrowser(): Promise<ReportBrowser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = mkdtempSync(join(tmpdir(), 'chatpush-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
      ],
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    async open(file, viewport = { width: 1100, height: 900 }) {
      const page = await browser.newPage();
      await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
      const url = pathToFileURL(file).href;
      const opened: OpenedReport = { page, requests: [], errors: [], dialogs: [] };
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (req.url() === url && opened.requests.length === 0 && req.isNavigationRequest()) return void req.continue();
        opened.requests.push(req.url());
        void req.abort();
      });
      page.on('console', (m) => {
        if (m.type() === 'error') opened.errors.push(m.text());
      });
      page.on('pageerror', (e) => opened.errors.push(String(e)));
      page.on('dialog', (d) => {
        opened.dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(url, { waitUntil: 'load' });
      return opened;
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Decodes an 8-bit RGB/RGBA PNG (what Chromium's screenshots are) and returns how varied its pixels are: the
 * number of distinct colours and the variance of the luminance. A blank page has one colour and variance 0.
 */
export function pngStats(png: Uint8Array): { width: number; height: number; colours: number; variance: number } {
  const buf = Buffer.from(png);
  let pos = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8) throw new Error('pngStats reads 8-bit PNGs only');
      colourType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  if (bpp === 0) throw new Error(`pngStats reads RGB/RGBA PNGs only (colour type ${colourType})`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      out[y * stride + x] = (line[x]! + pred) & 0xff;
    }
  }
  const colours = new Set<number>();
  let sum = 0;
  let sumSq = 0;
  const n = width * height;
  for (let i = 0; i < n; i++) {
    const r = out[i * bpp]!;
    const g = out[i * bpp + 1]!;
    const b = out[i * bpp + 2]!;
    colours.add((r << 16) | (g << 8) | b);
    const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += l;
    sumSq += l * l;
  }
  const mean = sum / n;
  return { width, height, colours: colours.size, variance: sumSq / n - mean * mean };
}
