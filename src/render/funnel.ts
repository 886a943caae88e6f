/**
 * Statistics → text (pure): per result, a funnel chart a person takes in at a glance (total → sent →
 * delivered → clicked, bars scaled to the total, each rate against the stage before it, spec.md v2 stats),
 * then one row per vendor (and event type, for tasks) with counts, rates and a delivery bar, and a total row.
 * Unknown counts and rates print "-", never NaN. Colour only through the chalk passed in.
 */
import type { ChalkInstance } from 'chalk';
import type { Window } from '../stats/window.js';
import { percent, type ThresholdResult } from '../stats/threshold.js';
import type { Counts, Rates, StatsResult } from '../tencent/apis/statistics.js';
import { sanitize } from './sanitize.js';
import { alignTable } from './columns.js';
import { wrapBlock } from './fit.js';

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `width` cells for a fraction 0–1 (eighth-cell resolution; empty for null). */
export function bar(fraction: number | null, width: number): string {
  if (fraction === null || !Number.isFinite(fraction) || fraction <= 0) return '';
  const eighths = Math.round(Math.min(1, fraction) * width * 8);
  const full = Math.floor(eighths / 8);
  return '█'.repeat(full) + EIGHTHS[eighths % 8];
}

/**
 * A vendor as shown in text: online pushes report PushPlatform 0 (push-apis.md §13), which is the long
 * connection rather than an unknown vendor.
 */
export function vendorLabel(platform: { code: number | null; name: string }, eventType: 'offline' | 'online' | null): string {
  return platform.code === 0 && eventType === 'online' ? 'online channel' : sanitize(platform.name);
}

/** 933478 → "933,478"; null → "-". */
export function formatCount(n: number | null): string {
  if (n === null) return '-';
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function pct(v: number | null): string {
  return v === null ? '-' : percent(v);
}

/** "2026-03-01 08:00:00Z" for a unix-seconds time. */
export function formatWindowTime(s: number): string {
  return new Date(s * 1000).toISOString().replace('T', ' ').replace('.000Z', 'Z');
}

export function windowLine(w: Window): string {
  const hours = (w.to - w.from) / 3600;
  const span = hours >= 48 && hours % 24 === 0 ? `${hours / 24} d` : hours >= 1 ? `${Math.round(hours * 10) / 10} h` : `${Math.round((w.to - w.from) / 60)} min`;
  return `${formatWindowTime(w.from)} → ${formatWindowTime(w.to)} (${span})`;
}

export interface FunnelOptions {
  chalk: ChalkInstance;
  /** Width of the funnel bars (default 32, less when the terminal is narrow). */
  width?: number;
  /** The terminal's width on a TTY: no line is wider (render/fit.ts); undefined off a TTY. */
  columns?: number | undefined;
}

/** The four-stage funnel chart of one set of counters. */
export function renderFunnelChart(c: Counts, r: Rates, opts: FunnelOptions): string {
  const { chalk } = opts;
  // label 9 + count 7 + rate text 22 + indent and gaps 8: the bars take what is left of a narrow terminal.
  const width = opts.columns === undefined ? (opts.width ?? 32) : Math.min(opts.width ?? 32, Math.max(8, opts.columns - 46));
  const of = (n: number | null): number | null => (n === null || c.total === null || c.total <= 0 ? null : n / c.total);
  const rows: [string, number | null, number | null, string, (s: string) => string][] = [
    ['total', c.total, c.total === null ? null : c.total > 0 ? 1 : null, '', chalk.gray],
    ['sent', c.sent, of(c.sent), `${pct(r.sent)} of total`, chalk.cyan],
    ['delivered', c.delivered, of(c.delivered), `${pct(r.delivered)} of sent`, chalk.green],
    ['clicked', c.clicked, of(c.clicked), `${pct(r.clicked)} of delivered`, chalk.magenta],
  ];
  return alignTable(
    rows.map(([label, n, f, rate, color]) => {
      const b = bar(f, width);
      return [label, formatCount(n), color(b) + ' '.repeat(width - [...b].length), rate];
    }),
    { indent: '  ', right: [1] },
  );
}

const HEAD = ['VENDOR', 'EVENT', 'TOTAL', 'SENT', 'SENT %', 'DELIVERED', 'DELIVERED %', 'CLICKED', 'CLICKED %', ''];

/** The per-vendor table of one result, with a total row. */
export function renderVendorTable(result: StatsResult, opts: FunnelOptions): string {
  const { chalk } = opts;
  const withEvent = result.platforms.some((p) => p.eventType !== null);
  const row = (name: string, event: string, c: Counts, r: Rates): string[] => {
    const cells = [name, event, formatCount(c.total), formatCount(c.sent), pct(r.sent), formatCount(c.delivered), pct(r.delivered), formatCount(c.clicked), pct(r.clicked), chalk.green(bar(r.delivered, 10))];
    return withEvent ? cells : cells.filter((_, i) => i !== 1);
  };
  const head = withEvent ? HEAD : HEAD.filter((_, i) => i !== 1);
  const rows = result.platforms.map((p) => row(vendorLabel(p.platform, p.eventType), p.eventType ?? '-', p, p.rates));
  rows.push(row(chalk.bold('total'), withEvent ? '' : '', result, result.rates));
  const right = withEvent ? [2, 3, 4, 5, 6, 7, 8] : [1, 2, 3, 4, 5, 6, 7];
  // On a narrow terminal the bar goes first, then the counts the rates already summarise.
  const drop = withEvent ? [9, 7, 3, 5] : [8, 6, 2, 4];
  return alignTable([head.map((h) => chalk.bold(h)), ...rows], { indent: '  ', right, width: opts.columns, drop, shrink: { col: 0, min: 8 } });
}

/** One result: title, funnel chart, vendor table. */
export function renderStatsResult(result: StatsResult, window: Window, opts: FunnelOptions): string {
  const title = result.taskId === null ? 'One-to-one and group pushes' : `Task ${sanitize(result.taskId)}`;
  const parts = [wrapBlock(`${opts.chalk.bold(title)} · ${windowLine(window)}`, opts.columns, '  '), renderFunnelChart(result, result.rates, opts)];
  if (result.platforms.length) parts.push('', renderVendorTable(result, opts));
  else parts.push('', '  (no per-vendor rows in the reply)');
  return parts.join('\n');
}

/** The threshold lines: "✔ delivered>=90%  actual 92.1 %". */
export function renderThresholds(results: readonly ThresholdResult[], chalk: ChalkInstance, columns?: number): string {
  const rows = results.map((t) => [t.pass ? chalk.green('pass') : chalk.red('FAIL'), sanitize(t.expression), t.reason.slice(t.expression.length + 2)]);
  return alignTable(rows, { indent: '  ', width: columns, shrink: { col: 1, min: 12 } });
}

/** Every result, then the thresholds when there are any. */
export function renderStats(results: readonly StatsResult[], window: Window, thresholds: readonly ThresholdResult[], opts: FunnelOptions): string {
  const blocks = results.map((r) => renderStatsResult(r, window, opts));
  if (results.length === 0) blocks.push(wrapBlock(`No statistics in ${windowLine(window)}.`, opts.columns));
  if (thresholds.length) blocks.push(`${opts.chalk.bold('Thresholds')}\n${renderThresholds(thresholds, opts.chalk, opts.columns)}`);
  return `${blocks.join('\n\n')}\n`;
}
