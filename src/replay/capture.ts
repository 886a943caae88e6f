/**
 * `chatpush listen --save <file>`: each received callback as one line of a JSON Lines file, the fixture format
 * `replay` reads back (fixture.ts, "captured traffic"). A body that is already one line is kept byte for byte;
 * one spread over several lines is written compactly, since a JSON Lines record is one line. Requests that are
 * not callbacks (unknown protocol, not a JSON object, too large to keep) are not saved.
 */
import type { ListenEvent } from '../servers/listen.js';

/** The line to append for a received callback (without its newline), or undefined when it is not saved. */
export function captureLine(e: Pick<ListenEvent, 'protocol' | 'body'>): string | undefined {
  if (e.protocol === 'unknown') return undefined;
  const text = e.body.trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return /[\r\n]/.test(text) ? JSON.stringify(value) : text;
}
