/**
 * How `chatpush listen` prints each received callback, pure: one line per callback for people, or one JSON
 * object per line with `--json` (a streaming command cannot print one document; see docs/notes/replay.md).
 */
import type { ChalkInstance } from 'chalk';
import { wrapBlock, wrapText } from '../render/fit.js';
import { sanitize } from '../render/sanitize.js';
import { displayWidth } from '../render/width.js';
import type { ListenEvent } from '../servers/listen.js';

/**
 * `HH:MM:SS  protocol  command  answer  summary-or-problems`; `time` is preformatted by the caller. `width`: the
 * terminal's; when the line does not fit, the summary goes under it, wrapped (issue 11: no line wider than the
 * terminal; a PushID summary made lines of 141 columns).
 */
export function formatListenLine(e: ListenEvent, time: string, chalk: ChalkInstance, width?: number): string {
  const answer =
    e.answer === 'rejected' ? chalk.red('REJECT') : e.answer === 'fail' ? chalk.yellow('fail') : e.answer === 'slow' ? chalk.yellow('slow') : chalk.green('ok');
  const detail = e.problems.length > 0 ? chalk.red(sanitize(e.problems.join('; '))) : sanitize(e.summary);
  const schema = e.violations.length > 0 ? `\n${e.violations.map((v) => chalk.yellow(`    ✗ ${sanitize(v.path)}: ${sanitize(v.reason)}`)).join('\n')}` : '';
  const notes = e.notes.length > 0 ? ` ${chalk.dim(`(note: ${sanitize(e.notes.join('; '))})`)}` : '';
  const padVisible = (s: string, width: number, shown: number): string => s + ' '.repeat(Math.max(0, width - shown));
  const answerWidth = e.answer === 'rejected' ? 6 : e.answer.length;
  const command = sanitize(e.command ?? `${e.method} ${e.path}`);
  const line = [time, e.protocol.padEnd(7), command.padEnd(37), padVisible(answer, 6, answerWidth), `${detail}${notes}`].join('  ').trimEnd();
  if (width === undefined || displayWidth(line) <= width) return line + schema;
  const out = [wrapBlock([time, e.protocol, command, answer].join('  '), width, '    ')];
  // Indented by 2 only, so a 57-character PushID still fits whole at 60 columns (it is pasted into `trace`).
  if (`${detail}${notes}` !== '') out.push(...wrapText(`${detail}${notes}`, width - 2).map((l) => `  ${l}`));
  for (const v of e.violations) out.push(wrapBlock(`    ${chalk.yellow(`✗ ${sanitize(v.path)}: ${sanitize(v.reason)}`)}`, width, '  '));
  return out.join('\n');
}

/** The --json form of one event: one object per line, schemaVersion first. */
export function formatListenJson(e: ListenEvent): string {
  return JSON.stringify({
    schemaVersion: 1,
    at: new Date(e.at).toISOString(),
    method: e.method,
    path: e.path,
    protocol: e.protocol,
    command: e.command ?? null,
    valid: e.problems.length === 0,
    problems: e.problems,
    schemaViolations: e.violations,
    knownCommand: e.known,
    notes: e.notes,
    summary: e.summary,
    answer: e.answer,
    status: e.status,
    bytes: e.bytes,
  });
}
