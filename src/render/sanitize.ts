/**
 * Strips control characters from server-supplied text before it reaches a terminal [ncu sanitizeForDisplay]:
 * ESC/CSI/OSC/DCS sequences and two-character escapes (ESC c reset, ESC 7 save cursor, ESC ( B charset), C0
 * and C1 controls, DEL, and bidi overrides. Newlines and tabs become spaces, so one value can never break a
 * table row or forge an extra line.
 */
import { isPrintableAscii } from './width.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[ -/]*[0-~])/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Makes one line of untrusted text safe to print. */
export function sanitize(text: unknown): string {
  if (text === undefined || text === null) return '';
  const t = String(text);
  // Printable ASCII has nothing to strip (no ESC, no control, no newline): one test instead of three replaces,
  // for the hundred thousand cells of a big trace (issue 15).
  if (isPrintableAscii(t)) return t;
  return t.replace(ANSI, '').replace(/[\t\n\r]+/g, ' ').replace(CONTROL, '');
}

// The one escaping rule for output. JSON.stringify escapes C0 controls but leaves DEL, C1 controls, the
// line/paragraph separators and bidi controls raw; in a JSON document they can only sit inside strings, so
// writing them as \uXXXX keeps the data identical after parsing while no raw byte can drive a terminal.
// eslint-disable-next-line no-control-regex
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ANY_JSON_UNSAFE = new RegExp(JSON_UNSAFE.source);
// For terminal (non-JSON) text as a last line of defence at the output edge: C0 controls other than tab,
// newline, carriage return and ESC (our own colours use ESC; server text is sanitized before it gets there),
// DEL, C1 controls and bidi controls are dropped.
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Whether text is ASCII without DEL, so holds nothing JSON_UNSAFE names. Its UTF-8 length equals its length only
 * when every character is ASCII, and both tests are native scans several times faster than a pass of the
 * character class (issue 15: the escape pass over 40 MB of --json cost 36 ms; these cost 9).
 */
function isAsciiWithoutDel(text: string): boolean {
  return isAscii(text) && !text.includes('\u007f');
}

/** Whether every character of text is ASCII: only then is its UTF-8 length its length (a native count). */
function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

/** Escapes what JSON.stringify leaves raw (DEL, C1, U+2028/9, bidi) as \uXXXX; the parsed data is unchanged. */
export function escapeUnsafeJson(text: string): string {
  // Non-ASCII text (a "—" in a summary, a name in Chinese) is tested before it is copied by the replace.
  if (isAsciiWithoutDel(text) || !ANY_JSON_UNSAFE.test(text)) return text;
  return text.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// TERMINAL_UNSAFE without the g flag, to test for any at all: a test is one scan that allocates nothing, and the
// replace (which copies) is only run when there is something to drop. Measured on 1.26 MB of a 2000-instance
// timeline in 64 KB chunks (issue 15): 0.8 ms, against 1.3 ms for the former byte-length test plus an ASCII-only
// class (which irregexp scans slower than this wider one) and 2.5 ms for the replace that non-ASCII text
// (the timeline's "·" and "—") always fell through to.
const ANY_TERMINAL_UNSAFE = new RegExp(TERMINAL_UNSAFE.source);

/** Drops control, C1 and bidi characters from terminal text, keeping tab, newlines and ESC (colours). */
export function stripUnsafeControls(text: string): string {
  return ANY_TERMINAL_UNSAFE.test(text) ? text.replace(TERMINAL_UNSAFE, '') : text;
}
