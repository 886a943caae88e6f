/**
 * How `chatpush listen` prints each received callback, pure: one line per callback for people, or one JSON
 * object per line with `--json` (a streaming command cannot print one document; see docs/notes/replay.md).
 */
import type { ChalkInstance } from 'chalk';
import { sanitize } from '../render/sanitize.js';
import type { ListenEvent } from '../servers/listen.js';

/** `HH:MM:SS  protocol  command  answer  summary-or-problems`; `time` is preformatted by the caller. */
export function formatListenLine(e: ListenEvent, time: string, chalk: ChalkInstance): string {
  const answer =
    e.answer === 'rejected' ? chalk.red('REJECT') : e.answer === 'fail' ? chalk.yellow('fail') : e.answer === 'slow' ? chalk.yellow('slow') : chalk.green('ok');
  const detail = e.problems.length > 0 ? chalk.red(sanitize(e.problems.join('; '))) : sanitize(e.summary);
  const schema = e.violations.length > 0 ? `\n${e.violations.map((v) => chalk.yellow(`    ✗ ${sanitize(v.path)}: ${sanitize(v.reason)}`)).join('\n')}` : '';
  const notes = e.notes.length > 0 ? ` ${chalk.dim(`(note: ${sanitize(e.notes.join('; '))})`)}` : '';
  const padVisible = (s: string, width: number, shown: number): string => s + ' '.repeat(Math.max(0, width - shown));
  const answerWidth = e.answer === 'rejected' ? 6 : e.answer.length;
  return [
    time,
    e.protocol.padEnd(7),
    sanitize(e.command ?? `${e.method} ${e.path}`).padEnd(37),
    padVisible(answer, 6, answerWidth),
    `${detail}${notes}`,
  ]
    .join('  ')
    .trimEnd() + schema;
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
