/**
 * `stats` → HTML report (pure; spec.md v2 "Reports"): per result (normal pushes, or one all-member task) a funnel
 * chart — one row per vendor (and event type) plus the total, four bars each (total → sent → delivered → clicked)
 * scaled to the largest total, with the step rates — and the same numbers as a table; the thresholds, when given.
 */
import type { FunnelRates, StatsDoc, StatsResultJson } from '../report-shapes.js';
import { escapeHtml, num, pct, renderPage } from './page.js';
import type { ReportMeta } from './trace.js';

const STEPS = ['total', 'sent', 'delivered', 'clicked'] as const;
const STEP_COLORS = ['#8c959f', '#54aeff', '#1a7f37', '#8250df'];

interface FunnelRow {
  label: string;
  total: number;
  sent: number;
  delivered: number;
  clicked: number;
  rates: FunnelRates;
  isTotal: boolean;
}

function rowsOf(r: StatsResultJson): FunnelRow[] {
  return [
    ...r.platforms.map((p) => ({ label: `${p.platform.name}${p.eventType ? ` (${p.eventType})` : ''}`, ...p, isTotal: false })),
    { label: 'All vendors', total: r.total, sent: r.sent, delivered: r.delivered, clicked: r.clicked, rates: r.rates, isTotal: true },
  ];
}

/** The funnel of one result (an <svg>): a row per vendor, four bars per row. */
export function renderFunnelSvg(r: StatsResultJson): string {
  const rows = rowsOf(r);
  const W = 980;
  const labelW = 170;
  const rateW = 250;
  const barH = 9;
  const rowH = 4 * (barH + 2) + 14;
  const top = 24;
  const H = top + rows.length * rowH + 6;
  const max = Math.max(1, ...rows.map((x) => x.total));
  const plotW = W - labelW - rateW - 64; // room for the count after the longest bar
  const out = [`<svg class="funnel" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Push funnel by vendor" data-rows="${rows.length}">`];
  STEPS.forEach((s, i) => out.push(`<rect x="${labelW + i * 110}" y="6" width="10" height="10" fill="${STEP_COLORS[i]}"/><text x="${labelW + i * 110 + 14}" y="15">${s}</text>`));
  rows.forEach((row, ri) => {
    const y0 = top + ri * rowH;
    out.push(`<g class="funnel-row${row.isTotal ? ' total' : ''}" data-platform="${escapeHtml(row.label)}">`);
    if (ri > 0) out.push(`<line class="grid" x1="0" y1="${y0 - 5}" x2="${W}" y2="${y0 - 5}"/>`);
    out.push(`<text x="4" y="${y0 + 2 * (barH + 2) + 3}" font-weight="${row.isTotal ? 700 : 600}">${escapeHtml(row.label)}</text>`);
    STEPS.forEach((s, i) => {
      const v = row[s];
      const w = Math.max(v > 0 ? 1.5 : 0, (v / max) * plotW);
      const y = y0 + i * (barH + 2);
      out.push(
        `<rect class="funnel-bar" data-step="${s}" data-value="${v}" x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${STEP_COLORS[i]}"><title>${escapeHtml(`${row.label} · ${s}: ${num(v)}`)}</title></rect>`,
        `<text class="lbl-muted" x="${(labelW + w + 4).toFixed(1)}" y="${y + barH - 1}" font-size="9.5">${num(v)}</text>`,
      );
    });
    const rx = W - rateW + 10;
    out.push(
      `<text x="${rx}" y="${y0 + 14}">sent ${escapeHtml(pct(row.rates.sent))} · delivered ${escapeHtml(pct(row.rates.delivered))}</text><text x="${rx}" y="${y0 + 30}">clicked ${escapeHtml(pct(row.rates.clicked))}</text>`,
    );
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

function resultSection(r: StatsResultJson): string {
  const title = r.taskId === null ? 'Normal pushes' : `Task ${escapeHtml(r.taskId)}`;
  const rows = rowsOf(r).map(
    (x) =>
      `<tr${x.isTotal ? ' style="font-weight:600"' : ''}><td>${escapeHtml(x.label)}</td><td class="n">${num(x.total)}</td><td class="n">${num(x.sent)}</td><td class="n">${num(x.delivered)}</td><td class="n">${num(x.clicked)}</td><td class="n">${pct(x.rates.sent)}</td><td class="n">${pct(x.rates.delivered)}</td><td class="n">${pct(x.rates.clicked)}</td></tr>`,
  );
  return `<section class="stats-result"><h2>${title}</h2>${renderFunnelSvg(r)}
<table><thead><tr><th>Vendor</th><th class="n">Total</th><th class="n">Sent</th><th class="n">Delivered</th><th class="n">Clicked</th><th class="n">Sent rate</th><th class="n">Delivery rate</th><th class="n">Click rate</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** "2025-11-03 09:12 UTC" for a unix time in seconds. */
export function windowTime(s: number): string {
  return `${new Date(s * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Renders the whole report. */
export function renderStatsHtml(doc: StatsDoc, meta: ReportMeta): string {
  const thresholds = doc.thresholds ?? [];
  const th =
    thresholds.length === 0
      ? ''
      : `<h2>Thresholds</h2><table class="thresholds"><thead><tr><th>Expression</th><th class="n">Actual</th><th>Result</th></tr></thead><tbody>${thresholds
          .map((t) => `<tr><td class="mono">${escapeHtml(t.expression)}</td><td class="n">${t.actual === null ? '—' : Number.isInteger(t.actual) ? num(t.actual) : pct(t.actual)}</td><td>${t.pass ? '<span class="badge v-pass">pass</span>' : '<span class="badge v-fail">fail</span>'}</td></tr>`)
          .join('')}</tbody></table>`;
  const subtitle = `${escapeHtml(windowTime(doc.window.from))} → ${escapeHtml(windowTime(doc.window.to))} · ${doc.results.length} result${doc.results.length === 1 ? '' : 's'}${thresholds.length ? ` · thresholds: ${thresholds.filter((t) => t.pass).length} of ${thresholds.length} pass` : ''}`;
  const body = `${th}${doc.results.map(resultSection).join('\n')}`;
  return renderPage({ title: 'chatpush push statistics', subtitle, body, generatedAt: meta.generatedAt, version: meta.version, data: doc });
}
