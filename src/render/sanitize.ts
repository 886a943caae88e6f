/**
 * Strips control characters from server-supplied text before it reaches a terminal [ncu sanitizeForDisplay]:
 * ESC/CSI/OSC/DCS sequences and two-character escapes (ESC c reset, ESC 7 save cursor, ESC ( B charset), C0
 * and C1 controls, DEL, and bidi overrides. Newlines and tabs become spaces, so one value can never break a
 * table row or forge an extra line.
 */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[ -/]*[0-~])/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Makes one line of untrusted text safe to print. */
export function sanitize(text: unknown): string {
  if (text === undefined || text === null) return '';
  return String(text).replace(ANSI, '').replace(/[\t\n\r]+/g, ' ').replace(CONTROL, '');
}
