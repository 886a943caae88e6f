/**
 * The `--summary` table for the terminal (pure): a headline with the counts per verdict, then one line per group,
 * largest first — "12 × failed  Xiaomi  vendor channel  token invalid  e.g. <PushID>" (spec.md v2 `--summary`).
 * Shared wording with the HTML and Markdown reports (summaryLabels).
 */
import type { ChalkInstance } from 'chalk';
import { CAUSES, type CauseId } from '../trace/diagnose.js';
import { STAGE_LABELS } from '../trace/model.js';
import type { SummaryGroup, SummaryVerdict, TraceSummary } from '../trace/summary.js';
import { sanitize } from './sanitize.js';
import { fitTable, wrapBlock } from './fit.js';
import { displayWidth } from './width.js';

/** Verdicts in the order a reader wants them: the problems first. */
export const VERDICT_ORDER: readonly SummaryVerdict[] = ['failed', 'error', 'pending', 'not_found', 'delivered', 'clicked'];

/** "not found" for not_found, "lookup failed" for error, the word itself otherwise. */
export function verdictLabel(v: SummaryVerdict): string {
  return v === 'not_found' ? 'not found' : v === 'error' ? 'lookup failed' : v;
}

/** The few words of a cause id (diagnose.ts CAUSES), or the id itself when it is not one of ours. */
export function causeLabel(cause: string): string {
  if (cause === 'lookup_failed') return 'the trace request failed';
  return Object.hasOwn(CAUSES, cause) ? CAUSES[cause as CauseId].short : cause;
}

/** The human cells of a group: vendor, stage and cause ('—' for what does not apply). */
export function summaryLabels(g: SummaryGroup): { vendor: string; stage: string; cause: string } {
  return {
    vendor: g.platform ? sanitize(g.platform.name) : '—',
    stage: g.failedStage ? STAGE_LABELS[g.failedStage] : '—',
    cause: sanitize(causeLabel(g.cause)),
  };
}

/** "3 failed · 2 delivered · 1 clicked", problems first. */
export function verdictCounts(s: TraceSummary): string {
  return VERDICT_ORDER.filter((v) => (s.byVerdict[v] ?? 0) > 0)
    .map((v) => `${s.byVerdict[v]} ${verdictLabel(v)}`)
    .join(' · ');
}

const COLOR: Readonly<Record<SummaryVerdict, 'green' | 'red' | 'yellow' | 'gray'>> = {
  clicked: 'green',
  delivered: 'green',
  failed: 'red',
  error: 'red',
  pending: 'yellow',
  not_found: 'gray',
};

/**
 * Renders the summary (ends with a newline). On a terminal (`width` given) no line is wider than it: the example
 * PushID is cut first, then the cause wraps (render/fit.ts); off a terminal the columns stay whole for grep.
 */
export function renderSummary(s: TraceSummary, chalk: ChalkInstance, width?: number): string {
  const head = `${chalk.bold('Summary')} of ${s.total} trace${s.total === 1 ? '' : 's'}${s.total > 0 ? `: ${verdictCounts(s)}` : ''}`;
  if (s.groups.length === 0) return `${wrapBlock(head, width)}\n`;
  const countWidth = String(s.groups[0]!.count).length;
  const rows = s.groups.map((g) => {
    const l = summaryLabels(g);
    return [
      `${String(g.count).padStart(countWidth)} ×`,
      chalk[COLOR[g.verdict]](verdictLabel(g.verdict)),
      l.vendor,
      l.stage,
      l.cause,
      chalk.dim(`e.g. ${sanitize(g.ids[0] ?? '')}`),
    ];
  });
  // A terminal too narrow for the whole table drops the example PushID (it is in --json and the reports) before
  // the cause has to wrap.
  const whole = fitTable(rows, { indent: '  ' });
  const fits = width === undefined || whole.every((l) => displayWidth(l) <= width);
  const table = fits ? whole : fitTable(rows.map((r) => r.slice(0, 5)), { indent: '  ', width, header: -1, flex: { 4: { mode: 'wrap', min: 16 } } });
  return `${wrapBlock(head, width)}\n${table.join('\n')}\n`;
}
