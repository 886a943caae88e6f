/**
 * The human replay report, pure: one row per callback (name, command, HTTP status, latency, verdict,
 * reason; repeated sends of one callback are one row with counts, kubectl's "(x51 over 5h)" idea), then
 * latency p50/p95/max, a line saying so when Ctrl-C stopped the run, and, as the very last line,
 * `N passed, N failed` (spec.md replay). Colour comes in as
 * a chalk instance at the level io.ts decided; with colour off the output is plain aligned columns.
 */
import type { ChalkInstance } from 'chalk';
import type { ReplayReport, ReplayRow } from '../replay/stats.js';
import { decisionWords } from '../callbacks/decision.js';
import { alignColumns } from './columns.js';
import { fitTable, wrapBlock, type FlexColumn } from './fit.js';
import { sanitize } from './sanitize.js';

/** "2.1 ms" below 10 ms, whole milliseconds above. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** Rows aligned into columns (render/columns.ts alignColumns), as lines. */
export function columns(rows: string[][]): string[] {
  return alignColumns(rows).split('\n');
}

function statusText(row: ReplayRow): string {
  if (row.statusCounts && Object.keys(row.statusCounts).length > 1) {
    return Object.entries(row.statusCounts)
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${s === 'none' ? '—' : s}×${n}`)
      .join(' ');
  }
  return row.status === null ? '—' : String(row.status);
}

function verdictText(row: ReplayRow, chalk: ChalkInstance): string {
  if (row.skipped) return chalk.yellow('SKIP');
  const word = row.pass ? chalk.green('PASS') : chalk.red('FAIL');
  return row.count !== undefined ? `${word} ${row.passed}/${row.count}` : word;
}

function reasonText(row: ReplayRow): string {
  const reason = sanitize(row.reason);
  return !row.pass && row.count !== undefined && (row.failed ?? 0) > 1 ? `${reason} (${row.failed}×)` : reason;
}

/** Requests that got an HTTP reply (of any status). */
function answered(rows: readonly ReplayRow[]): number {
  let n = 0;
  for (const row of rows) {
    if (row.skipped) continue;
    if (row.statusCounts) n += Object.entries(row.statusCounts).reduce((sum, [k, v]) => sum + (k === 'none' ? 0 : v), 0);
    else if (row.status !== null) n += 1;
  }
  return n;
}

/**
 * The table's columns, in order. On a terminal narrower than the table (render/fit.ts), NAME and COMMAND are cut
 * with "…" and REASON wraps; when that is not enough, DECISION and REASON move under their row. The others keep
 * their width. A new column is one more entry here: short words fixed, free text `flex: { mode: 'wrap', … }`.
 */
export const REPLAY_COLUMNS: ReadonlyArray<{ head: string; cell: (row: ReplayRow, chalk: ChalkInstance) => string; flex?: FlexColumn }> = [
  { head: 'NAME', cell: (row) => sanitize(row.name), flex: { mode: 'truncate', min: 12 } },
  { head: 'COMMAND', cell: (row) => sanitize(row.command), flex: { mode: 'truncate', min: 12 } },
  { head: 'STATUS', cell: (row) => statusText(row) },
  { head: 'LATENCY', cell: (row) => (row.skipped ? '—' : row.count !== undefined ? `avg ${formatMs(row.latencyMs)}` : formatMs(row.latencyMs)) },
  { head: 'VERDICT', cell: (row, chalk) => verdictText(row, chalk) },
  // What the platform does with the reply, in words (spec.md v2): "push refused by backend", "message denied".
  // Whole or under the row, never cut: as a fixed column it was cut to "push ..." at 60 columns, hiding what the
  // platform does. Its minimum is its natural width, so where it does not fit it moves under the row with REASON.
  { head: 'DECISION', cell: (row) => (row.decision === null ? '—' : decisionWords(row.decision, row.command)), flex: { mode: 'wrap', min: Infinity } },
  {
    head: 'REASON',
    cell: (row, chalk) =>
      (row.pass || row.skipped ? chalk.dim(reasonText(row)) : reasonText(row)) +
      (row.warnings.length > 0 ? chalk.yellow(` (${row.warnings.length} warning${row.warnings.length === 1 ? '' : 's'})`) : ''),
    flex: { mode: 'wrap', min: 16 },
  },
];

/**
 * Renders the whole report (ends with a newline). `width`: the terminal's, which every line then fits; undefined
 * off a terminal (whole columns for grep and awk).
 */
export function renderReplayReport(report: ReplayReport, chalk: ChalkInstance, width?: number): string {
  const header = REPLAY_COLUMNS.map((c) => chalk.bold(c.head));
  const body = report.results.map((row) => REPLAY_COLUMNS.map((c) => c.cell(row, chalk)));
  const flex: Record<number, FlexColumn> = {};
  REPLAY_COLUMNS.forEach((c, i) => {
    if (c.flex) flex[i] = c.flex;
  });
  const s = report.summary;
  const sent = s.passed + s.failed;
  const lines = width === undefined ? columns([header, ...body]) : fitTable([header, ...body], { width, flex });
  // Accepted-but-suspicious replies: one line per warning (--strict fails them).
  const warned = report.results.filter((r) => r.warnings.length > 0);
  if (warned.length > 0) {
    lines.push('');
    for (const r of warned) for (const w of r.warnings) lines.push(chalk.yellow(`! ${sanitize(r.name)}: ${sanitize(w)}`));
  }
  lines.push('');
  // With no reply at all (every request refused, reset or cut by the budget), percentiles of 0.0 ms would read as
  // a fast backend: say what happened instead (issue 11).
  let latencyLine = answered(report.results) === 0 ? 'latency: no replies' : `latency p50 ${formatMs(s.p50Ms)}, p95 ${formatMs(s.p95Ms)}, p99 ${formatMs(s.p99Ms)}, max ${formatMs(s.maxMs)}`;
  if (report.repeated) {
    const seconds = report.durationMs / 1000;
    const rate = seconds > 0 ? sent / seconds : 0;
    latencyLine = `${sent} requests in ${seconds.toFixed(2)} s (${rate.toFixed(1)}/s), ${latencyLine}`;
  }
  lines.push(latencyLine);
  if (report.interrupted) {
    const { answered, planned } = report.interrupted;
    lines.push(chalk.yellow(`interrupted: ${answered} of ${planned} request${planned === 1 ? '' : 's'} answered`));
  }
  // Never coloured: scripts match this line even under FORCE_COLOR.
  lines.push(`${s.passed} passed, ${s.failed} failed`);
  return `${lines.map((l) => (width === undefined ? l : wrapBlock(l, width, '  '))).join('\n')}\n`;
}
