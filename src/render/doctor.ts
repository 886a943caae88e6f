/**
 * Doctor checks → text (pure): one line per check (✓ pass, ✗ fail, ! warn, – skipped) with its detail, the
 * next step indented below failures and warnings, then a one-line summary (spec.md v2 doctor).
 */
import type { ChalkInstance } from 'chalk';
import { CHECK_LABELS, type Check } from '../doctor/checks.js';
import { wrapBlock, wrapText } from './fit.js';
import { sanitize } from './sanitize.js';

const MARKS = { pass: '✓', fail: '✗', warn: '!', skip: '–' } as const;

export function renderDoctor(checks: readonly Check[], chalk: ChalkInstance, columns?: number): string {
  const colour = { pass: chalk.green, fail: chalk.red, warn: chalk.yellow, skip: chalk.dim } as const;
  const width = Math.max(...checks.map((c) => CHECK_LABELS[c.name].length));
  const lines: string[] = [];
  const hang = ' '.repeat(width + 4);
  // Only the free text wraps, under its own column: wrapping the whole coloured line collapsed the label's padding
  // and carried the mark's colour onto every continuation line.
  const hanging = (text: string, lead: number): string =>
    columns === undefined ? text : wrapText(text, columns - hang.length - lead).join(`\n${hang}${' '.repeat(lead)}`);
  for (const c of checks) {
    lines.push(`${colour[c.status](MARKS[c.status])} ${CHECK_LABELS[c.name].padEnd(width)}  ${hanging(sanitize(c.detail), 0)}`);
    if (c.next && (c.status === 'fail' || c.status === 'warn')) lines.push(`${hang}${chalk.dim('→')} ${hanging(sanitize(c.next), 2)}`);
  }
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  const summary = failed
    ? chalk.red(`${plural(failed, 'check')} failed${warned ? `, ${plural(warned, 'warning')}` : ''}.`)
    : warned
      ? chalk.yellow(`No check failed; ${plural(warned, 'warning')}.`)
      : chalk.green('All checks passed.');
  return `${lines.join('\n')}\n\n${wrapBlock(summary, columns)}\n`;
}
