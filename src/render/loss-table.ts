/**
 * Loss causes → text (pure): per result one table ranked within each stage — stage, vendor (or all), event
 * type for tasks, code, count, share with a bar, cause and next step (spec.md v2 loss). Unknown counts and
 * shares print "-". Server text is sanitized; colour only through the chalk passed in.
 */
import type { ChalkInstance } from 'chalk';
import type { Window } from '../stats/window.js';
import { percent } from '../stats/threshold.js';
import { LOSS_STAGE_LABELS, type LossResult } from '../tencent/apis/loss.js';
import { bar, formatCount, vendorLabel, windowLine } from './funnel.js';
import { sanitize } from './sanitize.js';
import { displayWidth, truncate } from './width.js';
import { alignTable } from './columns.js';
import { wrapBlock } from './fit.js';

export interface LossRenderOptions {
  chalk: ChalkInstance;
  /** Longest cause / next text in a cell (JSON keeps them whole). */
  maxText?: number;
  /** The terminal's width on a TTY: no line is wider (render/fit.ts); undefined off a TTY. */
  columns?: number | undefined;
}

/** One result's table. */
export function renderLossResult(result: LossResult, window: Window, opts: LossRenderOptions): string {
  const { chalk } = opts;
  const max = opts.maxText ?? 80;
  const title = result.taskId === null ? 'Push loss, one-to-one and group pushes' : `Push loss, task ${sanitize(result.taskId)}`;
  const head = wrapBlock(`${chalk.bold(title)} · ${windowLine(window)}`, opts.columns, '  ');
  if (result.losses.length === 0) return `${head}\n  No loss recorded.`;
  const withEvent = result.losses.some((l) => l.eventType !== null);
  const rows = result.losses.map((l) => {
    const cells = [
      LOSS_STAGE_LABELS[l.stage],
      l.platform ? vendorLabel(l.platform, l.eventType) : 'all',
      l.eventType ?? '-',
      sanitize(String(l.errorCode)),
      formatCount(l.count),
      l.share === null ? '-' : percent(l.share),
      chalk.red(bar(l.share, 8)),
      truncate(sanitize(l.errorInfo ? `${l.cause} (${l.errorInfo})` : l.cause), max),
    ];
    return withEvent ? cells : cells.filter((_, i) => i !== 2);
  });
  const names = ['STAGE', 'VENDOR', 'EVENT', 'CODE', 'COUNT', 'SHARE', '', 'CAUSE'];
  const right = withEvent ? [3, 4, 5] : [2, 3, 4];
  const cause = withEvent ? 7 : 6;
  // On a narrow terminal the cause is cut first (the next steps below keep the whole advice), then the bar goes.
  const table = alignTable([(withEvent ? names : names.filter((_, i) => i !== 2)).map((h) => chalk.bold(h)), ...rows], {
    indent: '  ',
    right,
    width: opts.columns,
    shrink: { col: cause, min: 16 },
    drop: [cause - 1, withEvent ? 2 : cause],
  });
  // Next steps once per distinct cause, in rank order, instead of a wide column repeated on every row.
  // Codes that share a next step are listed together ("80300007, 404, 11").
  const byNext = new Map<string, string[]>();
  for (const l of result.losses) {
    if (!l.next) continue;
    const codes = byNext.get(l.next) ?? [];
    const code = sanitize(String(l.errorCode));
    if (!codes.includes(code)) codes.push(code);
    byNext.set(l.next, codes);
  }
  const aligned = alignTable([...byNext].map(([next, codes]) => [chalk.bold(codes.join(', ')), sanitize(next)]), { indent: '  ' });
  const fits = opts.columns === undefined || aligned.split('\n').every((l) => displayWidth(l) <= opts.columns!);
  const steps = fits ? aligned : [...byNext].map(([next, codes]) => wrapBlock(`  ${chalk.bold(codes.join(', '))}  ${sanitize(next)}`, opts.columns, '      ')).join('\n');
  return `${head}\n${table}\n\n  ${chalk.bold('Next steps')}\n${steps}`;
}

export function renderLoss(results: readonly LossResult[], window: Window, opts: LossRenderOptions): string {
  if (results.length === 0) return `No loss data in ${windowLine(window)}.\n`;
  return `${results.map((r) => renderLossResult(r, window, opts)).join('\n\n')}\n`;
}
