/**
 * The one JSON path for untrusted text (fixtures, --response-file, config.json, backend and REST replies,
 * listen and sandbox request bodies): a depth check (of the tree V8's iterative JSON.parse made, or a linear
 * scan of the text before jsonc-parser reads it), so neither jsonc-parser (recursive) nor our own tree walks
 * can overflow the stack on `[[[[...` - 600 KB of `[` or
 * 200 000 levels of valid JSON give a clear error at line:col instead of "Maximum call stack size
 * exceeded". Objects are built prototype-free in the sense that matters: a `__proto__` key is an own
 * property (JSON.parse semantics, and `setOwn` for trees we build ourselves), never the object's prototype.
 */

/** Deepest nesting accepted (objects + arrays). Real callbacks and API answers nest under 10 levels. */
export const MAX_JSON_DEPTH = 512;

/**
 * The offset of the first `{` / `[` that opens level `maxDepth + 1`, or undefined when the text stays
 * within it. Strings (with escapes) and, when `comments`, `//` and `/* *\/` comments are skipped; syntax is
 * not checked here (the parser does that once the text is known to be shallow enough).
 */
export function findTooDeep(text: string, maxDepth = MAX_JSON_DEPTH, comments = false): number | undefined {
  let depth = 0;
  const n = text.length;
  // Strings are skipped with indexOf (native, and most of a JSON text is inside strings: issue 15 measured the
  // character-by-character loop at 60 ms for a 16 MB answer). A string ends at its first unescaped quote, or
  // at an unescaped newline (so an unterminated string does not swallow the rest), as the loop it replaces did.
  let nl = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let q = i;
      do q = text.indexOf('"', q + 1);
      while (q !== -1 && isEscaped(text, q));
      if (q === -1) q = n;
      if (nl !== n && nl <= i) nl = nextUnescapedNewline(text, i + 1);
      i = nl < q ? nl : q;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth > 0) depth--;
    } else if (comments && c === 0x2f /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x2f) {
        const end = text.indexOf('\n', i + 2);
        i = end === -1 ? n : end;
      } else if (next === 0x2a) {
        const end = text.indexOf('*/', i + 2);
        i = end === -1 ? n : end + 1;
      }
    }
  }
  return undefined;
}

/** Whether the character at `at` follows an odd run of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && text.charCodeAt(k) === 0x5c) k--;
  return (at - 1 - k) % 2 === 1;
}

/** The first newline at or after `from` that is not escaped, or the text's length. */
function nextUnescapedNewline(text: string, from: number): number {
  let at = from - 1;
  do at = text.indexOf('\n', at + 1);
  while (at !== -1 && isEscaped(text, at));
  return at === -1 ? text.length : at;
}

/** 1-based line and column of an offset (one pass; callers needing many positions use LineIndex). */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** Line starts of a text, built once, so N lookups cost O(N log lines) instead of O(N x size). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  at(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
}

/** Why a JSON text was refused: where, and what. */
export interface JsonProblem {
  offset: number;
  line: number;
  col: number;
  /** "nested deeper than 512 levels", "invalid JSON (ValueExpected)", ... never quoting the text (it may hold a secret). */
  what: string;
  tooDeep: boolean;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: JsonProblem };

/** The depth message, shared so every input says it the same way. */
export function tooDeepText(maxDepth = MAX_JSON_DEPTH): string {
  return `nested deeper than ${maxDepth} levels`;
}

/**
 * Parses strict JSON from an untrusted source: JSON.parse (V8's parser is iterative, and defines `__proto__`
 * as an own property), then the depth of the tree (see parseUntrustedJsonSync). On failure, the place and a description that
 * does not quote the text. jsonc-parser (for the error position) is loaded only for broken input.
 */
export async function parseUntrustedJson(text: string, maxDepth = MAX_JSON_DEPTH): Promise<JsonResult> {
  const r = parseUntrustedJsonSync(text, maxDepth);
  if (r.ok || r.problem.tooDeep || r.problem.what !== '') return r;
  const { findJsonError } = await import('./json-error.js');
  const e = findJsonError(text);
  const offset = r.problem.offset;
  return { ok: false, problem: e ? { offset, line: e.line, col: e.col, what: `invalid JSON (${e.what})`, tooDeep: false } : { ...r.problem, what: 'invalid JSON' } };
}

/** parseUntrustedJson without the error position for syntax errors (what is '' for them): for hot paths. */
export function parseUntrustedJsonSync(text: string, maxDepth = MAX_JSON_DEPTH): JsonResult {
  // JSON.parse first: V8's parser is iterative, so any depth parses safely, and the tree is then measured in
  // far fewer steps than the text has characters (issue 15: the text scan was 37 ms of a 16 MB answer, the
  // walk is ~8). Only broken or too-deep input pays for the scan, which finds where the depth was exceeded.
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    const deep = findTooDeep(text, maxDepth);
    if (deep !== undefined) return tooDeepAt(text, deep, maxDepth);
    return { ok: false, problem: { offset: 0, line: 1, col: 1, what: '', tooDeep: false } };
  }
  if (typeof value === 'object' && value !== null && deeperThan(value, 1, maxDepth)) return tooDeepAt(text, findTooDeep(text, maxDepth) ?? 0, maxDepth);
  return { ok: true, value };
}

function tooDeepAt(text: string, offset: number, maxDepth: number): JsonResult {
  return { ok: false, problem: { offset, ...lineColAt(text, offset), what: tooDeepText(maxDepth), tooDeep: true } };
}

/**
 * Whether a parsed container (at `depth`) holds containers deeper than maxDepth. Recursive, and safe: it never
 * goes more than maxDepth + 1 calls deep. A key given twice keeps only its last value, as JSON.parse does, so
 * only what is in the tree is measured.
 */
function deeperThan(container: object, depth: number, maxDepth: number): boolean {
  if (depth > maxDepth) return true;
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const v: unknown = container[i];
      if (typeof v === 'object' && v !== null && deeperThan(v, depth + 1, maxDepth)) return true;
    }
    return false;
  }
  const obj = container as Record<string, unknown>;
  for (const key in obj) {
    const v = obj[key];
    if (typeof v === 'object' && v !== null && deeperThan(v, depth + 1, maxDepth)) return true;
  }
  return false;
}

/** Sets an own, enumerable property, even for the key `__proto__` (which `obj[key] = v` would turn into the prototype). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
