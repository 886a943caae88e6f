/**
 * Replay run → HTML report (pure; spec.md v2 "Reports"): headline counts, a latency histogram with p50 / p95 /
 * p99 marked, and the result table — one row per callback with HTTP status, latency, verdict, the platform's
 * decision and any warnings (v2 fields, shown when the document has them).
 */
import type { ReplayDoc, ReplayResultJson } from '../report-shapes.js';
import { escapeHtml, num, renderPage } from './page.js';
import type { ReportMeta } from './trace.js';

/** Bars of the histogram. */
export const HISTOGRAM_BINS = 24;

function ms(v: number): string {
  return v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v).toLocaleString('en-US')} ms`;
}

/** A latency and how many replies took it. */
export interface LatencyPoint {
  ms: number;
  count: number;
}

/**
 * The latencies of a document as weighted points: the run's own distribution when it has one, else one point per
 * row (a repeated row counts `count` times at its mean — an approximation the chart's label admits).
 */
export function latencyPoints(doc: Pick<ReplayDoc, 'results' | 'latency'>): LatencyPoint[] {
  if (doc.latency) return doc.latency;
  return doc.results.filter((r) => !r.skipped).map((r) => ({ ms: r.latencyMs, count: r.count ?? 1 }));
}

/** Nearest-rank percentile of weighted points (0 when empty). */
export function weightedPercentile(points: readonly LatencyPoint[], p: number): number {
  const sorted = [...points].sort((a, b) => a.ms - b.ms);
  const total = sorted.reduce((n, x) => n + x.count, 0);
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const x of sorted) {
    seen += x.count;
    if (seen >= rank) return x.ms;
  }
  return sorted[sorted.length - 1]!.ms;
}

/** A "nice" bin width (1, 2 or 5 × 10^k ms) so that `bins` bins cover `max`. */
function binWidth(max: number, bins: number): number {
  const raw = Math.max(max, 0.1) / bins;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * pow).find((w) => w >= raw)!;
}

/** The histogram (an <svg>) with the percentile lines. */
export function renderHistogramSvg(points: readonly LatencyPoint[], marks: { label: string; cls: string; ms: number }[]): string {
  const W = 980;
  const H = 260;
  const left = 56;
  const bottom = 40;
  const top = 24;
  const max = Math.max(0, ...points.map((p) => p.ms), ...marks.map((m) => m.ms));
  const replies = points.reduce((n, p) => n + p.count, 0);
  // A few slow outliers would squeeze every other reply into one bar: the axis ends a little past the highest
  // percentile mark, and the last bar holds everything slower ("≥").
  const highest = Math.max(0, ...marks.map((m) => m.ms));
  const span = Math.min(max, Math.max(highest * 1.25, 1));
  const width = binWidth(span * 1.0001, HISTOGRAM_BINS);
  const overflow = max >= width * HISTOGRAM_BINS;
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const p of points) counts[Math.min(HISTOGRAM_BINS - 1, Math.floor(p.ms / width))]! += p.count;
  const peak = Math.max(1, ...counts);
  const plotW = W - left - 16;
  const plotH = H - top - bottom;
  const bw = plotW / HISTOGRAM_BINS;
  const x = (v: number): number => left + (v / (width * HISTOGRAM_BINS)) * plotW;
  const out = [`<svg class="histogram" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Latency histogram of ${replies} replies" data-bins="${HISTOGRAM_BINS}">`];
  out.push('<g class="axis">');
  for (let i = 0; i <= 4; i++) {
    const c = Math.round((peak * i) / 4);
    const y = top + plotH - (c / peak) * plotH;
    out.push(`<line class="grid" x1="${left}" y1="${y.toFixed(1)}" x2="${W - 16}" y2="${y.toFixed(1)}"/><text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${num(c)}</text>`);
  }
  for (let i = 0; i < HISTOGRAM_BINS - 3; i += 4) out.push(`<text x="${x(i * width).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${escapeHtml(ms(i * width))}</text>`);
  out.push(`<text x="${x(HISTOGRAM_BINS * width).toFixed(1)}" y="${H - bottom + 16}" text-anchor="end">${overflow ? '≥ ' : ''}${escapeHtml(ms((HISTOGRAM_BINS - 1) * width))}${overflow ? ` (max ${escapeHtml(ms(max))})` : ''}</text>`);
  out.push(`<text x="${W - 16}" y="${H - 6}" text-anchor="end">latency →</text><text x="4" y="${top - 12}">replies</text>`);
  out.push('</g>');
  counts.forEach((c, i) => {
    const h = (c / peak) * plotH;
    out.push(
      `<rect class="bar" data-count="${c}" x="${(left + i * bw + 1).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(`${ms(i * width)} – ${ms((i + 1) * width)}: ${c}`)}</title></rect>`,
    );
  });
  // Labels stagger in height so that close percentiles (p50 next to p95) stay readable.
  marks.forEach((m, i) => {
    const px = x(Math.min(m.ms, width * HISTOGRAM_BINS)).toFixed(1);
    const ly = top + 12 + i * 14;
    out.push(`<line class="pct-line ${m.cls}" x1="${px}" y1="${top}" x2="${px}" y2="${top + plotH}"/><text class="pct-label ${m.cls}" x="${(Number(px) + 4).toFixed(1)}" y="${ly}">${escapeHtml(`${m.label} ${ms(m.ms)}`)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

function verdictBadge(r: ReplayResultJson): string {
  if (r.skipped) return '<span class="badge">skipped</span>';
  return r.pass ? '<span class="badge v-pass">PASS</span>' : '<span class="badge v-fail">FAIL</span>';
}

/** Renders the whole report. */
export function renderReplayHtml(doc: ReplayDoc, meta: ReportMeta): string {
  const s = doc.summary;
  const points = latencyPoints(doc);
  const replies = points.reduce((n, p) => n + p.count, 0);
  const p99 = s.p99Ms ?? weightedPercentile(points, 99);
  const marks = [
    { label: 'p50', cls: 'p50', ms: s.p50Ms },
    { label: 'p95', cls: 'p95', ms: s.p95Ms },
    { label: s.p99Ms === undefined && !doc.latency ? 'p99 (row means)' : 'p99', cls: 'p99', ms: p99 },
  ];
  const hasDecision = doc.results.some((r) => r.decision !== undefined && r.decision !== null);
  const cards = [
    ['passed', num(s.passed)],
    ['failed', num(s.failed)],
    ['p50', ms(s.p50Ms)],
    ['p95', ms(s.p95Ms)],
    ['p99', ms(p99)],
    ['max', ms(s.maxMs)],
  ]
    .map(([k, v]) => `<div class="card"><b>${escapeHtml(v)}</b><span>${escapeHtml(k)}</span></div>`)
    .join('');
  const rows = doc.results.map((r) => {
    const warnings = (r.warnings ?? []).map((w) => `<br><span class="s-warn">⚠ ${escapeHtml(w)}</span>`).join('');
    // A modified body is shown as the diff of the fields the reply changed (spec.md v2 replay).
    const changes = (r.changes ?? [])
      .map((c) => `<br><span class="mono">${escapeHtml(c.path)}: ${escapeHtml(JSON.stringify(c.from) ?? 'undefined')} → ${escapeHtml(JSON.stringify(c.to) ?? 'undefined')}</span>`)
      .join('');
    const count = r.count !== undefined ? ` <span class="muted">${num(r.passed ?? 0)}/${num(r.count)}</span>` : '';
    return `<tr class="result${r.pass ? '' : ' fail'}"><td class="wrap">${escapeHtml(r.name)}</td><td class="mono wrap">${escapeHtml(r.command)}<br><span class="muted">${escapeHtml(r.protocol)}</span></td><td class="n">${r.status === null ? '—' : escapeHtml(r.status)}</td><td class="n">${r.skipped ? '—' : `${r.count !== undefined ? 'avg ' : ''}${escapeHtml(ms(r.latencyMs))}`}</td><td>${verdictBadge(r)}${count}</td>${hasDecision ? `<td>${r.decision ? `<span class="badge v-${escapeHtml(r.decision)}">${escapeHtml(r.decision)}</span>` : ''}</td>` : ''}<td class="wrap">${escapeHtml(r.reason)}${changes}${warnings}</td></tr>`;
  });
  const body = `<h2>Summary</h2><div class="cards">${cards}</div>
<h2>Latency</h2>
<div class="legend"><span><i style="background:var(--ok)"></i>p50</span><span><i style="background:var(--warn)"></i>p95</span><span><i style="background:var(--bad)"></i>p99</span><span>${num(replies)} replies</span></div>
${renderHistogramSvg(points, marks)}
<h2>Callbacks</h2>
<table class="results"><thead><tr><th>Name</th><th>Command</th><th class="n">HTTP</th><th class="n">Latency</th><th>Verdict</th>${hasDecision ? '<th>Decision</th>' : ''}<th>Reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const subtitle = `${num(s.passed)} passed, ${num(s.failed)} failed · p50 ${escapeHtml(ms(s.p50Ms))} · p95 ${escapeHtml(ms(s.p95Ms))} · p99 ${escapeHtml(ms(p99))}`;
  return renderPage({ title: 'chatpush replay report', subtitle, body, generatedAt: meta.generatedAt, version: meta.version, data: doc });
}
