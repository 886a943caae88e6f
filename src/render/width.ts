/**
 * Display width of terminal text, and cutting text to a width. Its own module (not timeline.ts) because every
 * command's output layer needs it (io.ts, fit.ts), and timeline.ts pulls in the trace model, the diagnosis and
 * the code tables: ~80 KB of modules that `usersig gen` or `webhook sign` would otherwise initialise at start-up.
 */
// Our own SGR colour codes (server text is sanitized before it is coloured).
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

// Printable ASCII only: one column per character (nearly every cell; checked first, it is the hot path).
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Whether text is printable ASCII only: one column per character, and nothing sanitize() would strip (no escape,
 * no control, no line break). Nearly every cell of a timeline is, so callers test this first.
 */
export function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}

/** Display width of a string: colour codes count 0, East Asian wide characters 2, combining marks 0. */
export function displayWidth(text: string): number {
  if (isPrintableAscii(text)) return text.length;
  let w = 0;
  for (const ch of text.replace(SGR, '')) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1f64f) ||
      (cp >= 0x1f900 && cp <= 0x1f9ff) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Cuts text to `max` display columns, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = displayWidth(ch);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}
