/**
 * Fixture files → callbacks, pure (the command reads the files and passes their text in). Three formats
 * (spec.md replay): (a) one callback body as the platform sends it, `//` and `/* *\/` comments allowed
 * because the documentation samples carry them (seeds 000, 001, 004); (b) JSON Lines of captured bodies;
 * (c) an envelope `{"callbacks":[{name, query?, headers?, body, expect?}]}`. Parsing uses jsonc-parser, so
 * every broken file is reported as `file:line:col: what was expected` (a UsageError, exit 2).
 */
import { parseTree, stripComments, type Node, type ParseError } from 'jsonc-parser';
import { UsageError } from '../errors.js';
import { findTooDeep, LineIndex, setOwn, tooDeepText } from '../json-safe.js';

/** What an envelope entry may ask of the reply instead of the protocol's default pass rule. */
export interface Expect {
  /** The HTTP status that passes (default 200). */
  httpStatus?: number;
  /** A reply deadline for this callback, replacing --budget-ms. */
  budgetMs?: number;
  /** Reply fields that must match (partial, deep); they replace the protocol's defaults key by key. */
  reply: Record<string, unknown>;
}

/** One callback read from a fixture file, before protocol detection. */
export interface FixtureCallback {
  /** Row name: the envelope's `name`, the file's base name, or `file.jsonl:<line>`. */
  name: string;
  /** `file:line:col` of the body, for later error messages. */
  where: string;
  /** The body text to send: the file's bytes, with comments removed when it had any. */
  body: string;
  /** The parsed body. */
  value: unknown;
  /** Query parameters to add or replace (null removes one). */
  query?: Record<string, string | null>;
  /** Request headers to add or replace. */
  headers?: Record<string, string>;
  expect?: Expect;
  /** True when comments were stripped from the body (so it is not byte-for-byte the file). */
  commentsStripped: boolean;
}

/**
 * Headers the HTTP client sets itself or refuses (undici: Expect is unsupported; Connection, Keep-Alive,
 * Upgrade and Transfer-Encoding are invalid; Content-Length and Host follow the body and URL).
 */
const CLIENT_MANAGED_HEADERS = new Set(['expect', 'connection', 'keep-alive', 'upgrade', 'transfer-encoding', 'content-length', 'host', 'te', 'trailer', 'proxy-connection']);

/** The fields an envelope entry may have; anything else is a typo worth an error. */
const ENTRY_KEYS = ['name', 'query', 'headers', 'body', 'expect'] as const;

const FORMATS_HINT = 'A fixture is a callback body (JSON object), JSON Lines of bodies, or {"callbacks":[{"name","body",…}]}.';

/** Converts an offset in text to 1-based line and column. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

// The line index of the text being parsed, built once per text: an envelope of N entries asks for N
// positions, and scanning from the start for each made parsing quadratic (4000 entries: 40 s).
let indexed: { text: string; index: LineIndex } | undefined;

function where(file: string, text: string, offset: number): string {
  if (indexed?.text !== text) indexed = { text, index: new LineIndex(text) };
  const { line, col } = indexed.index.at(offset);
  return `${file}:${line}:${col}`;
}

/** A UsageError at a place in a file. */
function errorAt(file: string, text: string, offset: number, message: string): UsageError {
  const sentence = /[.?!)]$/.test(message) ? message : `${message}.`;
  return new UsageError(`${where(file, text, offset)}: ${sentence}`, { hint: FORMATS_HINT });
}

/** Turns jsonc-parser's first error into what a person can act on. */
function describeParseError(text: string, err: ParseError): string {
  const at = text.slice(err.offset, err.offset + Math.max(err.length, 1));
  const before = text.slice(0, err.offset).replace(/\s+$/, '');
  switch (err.error as number) {
    case 1: // InvalidSymbol
      return `unexpected ${JSON.stringify(at.slice(0, 20))}: expected a JSON value`;
    case 2: // InvalidNumberFormat
      return 'invalid number';
    case 3: // PropertyNameExpected
      if (before.endsWith(',') && (at.startsWith('}') || at === '')) return "trailing comma: JSON allows no ',' before '}'";
      return 'expected a property name in double quotes';
    case 4: // ValueExpected
      if (before.endsWith(',') && at.startsWith(']')) return "trailing comma: JSON allows no ',' before ']'";
      if (err.offset >= text.length) return 'unexpected end of file: expected a value';
      return `expected a value, found ${JSON.stringify(at.slice(0, 20))}`;
    case 5: // ColonExpected
      return "expected ':' after the property name";
    case 6: // CommaExpected
      return "expected ',' between values (or a closing '}' / ']')";
    case 7: // CloseBraceExpected
      return "expected '}' to close the object";
    case 8: // CloseBracketExpected
      return "expected ']' to close the array";
    case 9: // EndOfFileExpected
      return 'expected end of file after the JSON value (several bodies? use JSON Lines, one per line, or an envelope)';
    case 10: // InvalidCommentToken
      return 'invalid comment';
    case 11: // UnexpectedEndOfComment
      return "unterminated '/*' comment";
    case 12: // UnexpectedEndOfString
      return 'unterminated string (a line break inside a string must be written \\n)';
    case 13: // UnexpectedEndOfNumber
      return 'unexpected end of number';
    case 14: // InvalidUnicode
      return 'invalid \\u escape';
    case 15: // InvalidEscapeCharacter
      return 'invalid escape character';
    case 16: // InvalidCharacter
      return 'invalid character in a string (control characters must be escaped)';
    default:
      return 'invalid JSON';
  }
}

interface Parsed {
  root: Node | undefined;
  errors: ParseError[];
}

function parse(text: string): Parsed {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false, allowEmptyContent: false });
  return { root, errors };
}

/** Strips a UTF-8 byte-order mark, which is not part of the JSON. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text of a node, with comments removed when it has any. */
function bodyText(text: string, start: number, length: number): { body: string; stripped: boolean } {
  const raw = text.slice(start, start + length);
  const body = stripComments(raw);
  return { body, stripped: body !== raw };
}

function property(node: Node, key: string): Node | undefined {
  if (node.type !== 'object') return undefined;
  for (const p of node.children ?? []) {
    const k = p.children?.[0];
    if (k?.value === key) return p.children?.[1];
  }
  return undefined;
}

/** Rebuilds a plain value from a node (getNodeValue, without importing more of jsonc-parser's surface). */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // setOwn: a "__proto__" key stays a plain field, as JSON.parse has it, never the object's prototype.
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) setOwn(out, String(k.value), nodeValue(v));
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** True for .jsonl / .ndjson files, which are always read as JSON Lines. */
function isJsonLinesName(file: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(file);
}

/** The last path segment (fixture rows are named by file, not by path). */
function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '');
}

/**
 * Parses one fixture file into callbacks. `file` is the name used in messages (as the user typed it);
 * `text` its content. Throws UsageError(`file:line:col: ...`) for anything that is not a valid fixture.
 */
export function parseFixture(file: string, input: string): FixtureCallback[] {
  const text = stripBom(input);
  if (text.trim() === '') throw errorAt(file, text, 0, 'the file is empty: expected a callback body, JSON Lines or an envelope');
  if (stripComments(text).trim() === '') throw errorAt(file, text, 0, 'expected a JSON object, found only comments');
  // Depth first, in one linear pass: jsonc-parser and the tree walks below recurse per level.
  const deep = findTooDeep(text, undefined, true);
  if (deep !== undefined) throw errorAt(file, text, deep, tooDeepText());
  try {
    return parseFixtureText(file, text);
  } finally {
    indexed = undefined;
  }
}

function parseFixtureText(file: string, text: string): FixtureCallback[] {
  if (isJsonLinesName(file)) return parseJsonLines(file, text);

  const whole = parse(text);
  const first = whole.errors[0];
  if (first) {
    if (looksLikeJsonLines(text)) return parseJsonLines(file, text);
    throw errorAt(file, text, first.offset, describeParseError(text, first));
  }
  const root = whole.root;
  if (!root) throw errorAt(file, text, 0, 'expected a JSON object, found only comments');
  if (root.type !== 'object') {
    throw errorAt(file, text, root.offset, `expected a JSON object (a callback body or {"callbacks":[…]}), found ${article(root.type)}`);
  }
  const callbacks = property(root, 'callbacks');
  if (callbacks) return parseEnvelope(file, text, callbacks);
  const { body, stripped } = bodyText(text, 0, text.length);
  return [{ name: baseName(file), where: where(file, text, root.offset), body, value: nodeValue(root), commentsStripped: stripped }];
}

/** A file whose first non-blank line is a complete JSON object by itself is JSON Lines. */
function looksLikeJsonLines(text: string): boolean {
  const firstLine = text.split('\n').find((l) => l.trim() !== '');
  if (firstLine === undefined) return false;
  const p = parse(firstLine);
  return p.errors.length === 0 && p.root?.type === 'object';
}

function parseJsonLines(file: string, text: string): FixtureCallback[] {
  const out: FixtureCallback[] = [];
  let offset = 0;
  let lineNo = 0;
  for (const rawLine of text.split('\n')) {
    lineNo++;
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    const p = parse(line);
    const err = p.errors[0];
    if (err) throw errorAt(file, text, lineStart + err.offset, `line is not one JSON object: ${describeParseError(line, err)}`);
    if (!p.root) continue; // a line holding only a comment
    if (p.root.type !== 'object') {
      throw errorAt(file, text, lineStart + p.root.offset, `expected one callback body (a JSON object) per line, found ${article(p.root.type)}`);
    }
    const { body, stripped } = bodyText(line, 0, line.length);
    out.push({
      name: `${baseName(file)}:${lineNo}`,
      where: `${file}:${lineNo}:${p.root.offset + 1}`,
      body,
      value: nodeValue(p.root),
      commentsStripped: stripped,
    });
  }
  if (out.length === 0) throw errorAt(file, text, 0, 'no callback bodies found');
  return out;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function parseEnvelope(file: string, text: string, list: Node): FixtureCallback[] {
  if (list.type !== 'array') throw errorAt(file, text, list.offset, `"callbacks" must be an array of {"name","body",…}, found ${article(list.type)}`);
  const entries = list.children ?? [];
  if (entries.length === 0) throw errorAt(file, text, list.offset, '"callbacks" is empty: expected at least one {"name","body"}');
  const out: FixtureCallback[] = [];
  entries.forEach((entry, i) => {
    const at = (n: Node, msg: string): UsageError => errorAt(file, text, n.offset, `callbacks[${i}]: ${msg}`);
    if (entry.type !== 'object') throw at(entry, `expected an object {"name","body",…}, found ${article(entry.type)}`);
    for (const p of entry.children ?? []) {
      const key = String(p.children?.[0]?.value);
      if (!(ENTRY_KEYS as readonly string[]).includes(key)) {
        throw at(p, `unknown field "${key}" (expected ${ENTRY_KEYS.join(', ')})`);
      }
    }
    const nameNode = property(entry, 'name');
    if (nameNode && (nameNode.type !== 'string' || String(nameNode.value).trim() === '')) throw at(nameNode, '"name" must be a non-empty string');
    const name = nameNode ? String(nameNode.value) : `${baseName(file)}#${i + 1}`;

    const bodyNode = property(entry, 'body');
    if (!bodyNode) throw at(entry, 'missing "body" (the callback body to send)');
    let body: string;
    let value: unknown;
    let stripped = false;
    if (bodyNode.type === 'object') {
      ({ body, stripped } = bodyText(text, bodyNode.offset, bodyNode.length));
      value = nodeValue(bodyNode);
    } else if (bodyNode.type === 'string') {
      // A string body is sent exactly as written; it must still hold a JSON object.
      body = String(bodyNode.value);
      if (findTooDeep(body, undefined, true) !== undefined) throw at(bodyNode, `"body" is a string holding JSON ${tooDeepText()}`);
      const p = parse(body);
      const err = p.errors[0];
      if (err || p.root?.type !== 'object') {
        throw at(bodyNode, `"body" is a string but not a JSON object${err ? `: ${describeParseError(body, err)}` : ''}`);
      }
      value = nodeValue(p.root);
    } else {
      throw at(bodyNode, `"body" must be a JSON object (or a string holding one), found ${article(bodyNode.type)}`);
    }

    const cb: FixtureCallback = {
      name,
      where: where(file, text, bodyNode.offset),
      body,
      value,
      commentsStripped: stripped,
    };
    const queryNode = property(entry, 'query');
    if (queryNode) cb.query = parseQuery(queryNode, at);
    const headersNode = property(entry, 'headers');
    if (headersNode) cb.headers = parseHeaders(headersNode, at);
    const expectNode = property(entry, 'expect');
    if (expectNode) cb.expect = parseExpect(expectNode, at);
    out.push(cb);
  });
  return out;
}

type At = (n: Node, msg: string) => UsageError;

function parseQuery(node: Node, at: At): Record<string, string | null> {
  if (node.type !== 'object') throw at(node, `"query" must be an object of parameter names to values, found ${article(node.type)}`);
  const out: Record<string, string | null> = {};
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    if (v.type === 'null') setOwn(out, String(k.value), null);
    else if (v.type === 'string' || v.type === 'number' || v.type === 'boolean') setOwn(out, String(k.value), String(v.value));
    else throw at(v, `query "${String(k.value)}" must be a string, number, boolean or null (null removes the parameter)`);
  }
  return out;
}

function parseHeaders(node: Node, at: At): Record<string, string> {
  if (node.type !== 'object') throw at(node, `"headers" must be an object of header names to strings, found ${article(node.type)}`);
  const out: Record<string, string> = {};
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    const name = String(k.value);
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw at(k, `"${name}" is not a valid header name`);
    // Checked here, before anything is sent: the HTTP client refuses these while sending, which used to
    // fail the run after earlier callbacks had already gone out.
    if (CLIENT_MANAGED_HEADERS.has(name.toLowerCase())) {
      throw at(k, `header "${name}" cannot be set from a fixture (the HTTP client manages it)`);
    }
    if (v.type !== 'string' && v.type !== 'number') throw at(v, `header "${name}" must be a string`);
    const value = String(v.value);
    if (/[\r\n\0]/.test(value)) throw at(v, `header "${name}" must not contain line breaks`);
    // RFC 9110 field-value: visible ASCII, space, tab and obs-text (0x80-0xFF); undici refuses the rest.
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) throw at(v, `header "${name}" holds a control or non-Latin-1 character; HTTP header values cannot carry it`);
    setOwn(out, name, value);
  }
  return out;
}

function parseExpect(node: Node, at: At): Expect {
  if (node.type !== 'object') throw at(node, `"expect" must be an object such as {"ErrorCode":1}, found ${article(node.type)}`);
  const expect: Expect = { reply: {} };
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    const key = String(k.value);
    if (key === 'httpStatus') {
      if (v.type !== 'number' || !Number.isInteger(v.value) || v.value < 100 || v.value > 599) throw at(v, '"httpStatus" must be an HTTP status such as 200');
      expect.httpStatus = v.value as number;
    } else if (key === 'budgetMs') {
      if (v.type !== 'number' || !Number.isInteger(v.value) || v.value <= 0) throw at(v, '"budgetMs" must be a whole number of milliseconds > 0');
      expect.budgetMs = v.value as number;
    } else {
      setOwn(expect.reply, key, nodeValue(v));
    }
  }
  return expect;
}
