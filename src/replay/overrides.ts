/**
 * `--set <path>=<value>`: pure. The value is JSON when it parses as JSON, else a string (spec.md replay).
 * A path that does not exist in a body is an error, never silently ignored - the lesson of stripe-cli#1275
 * and #1119 (reference/peers.md §6). The body is edited as text: the value node's bytes are replaced by the
 * value exactly as typed (18446744073709551617, 1e400 and long decimals reach the backend unrounded), so
 * only the changed value's bytes differ from the file. When a key appears twice in one object, the LAST one
 * is edited - the one JSON parsers (and so the backend) read - and a warning says so.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { UsageError } from '../errors.js';
import { findTooDeep, MAX_JSON_DEPTH, parseUntrustedJsonSync, tooDeepText } from '../json-safe.js';

/** A path segment: a key, an array index, or `*` for every element / property. */
export type Segment = string | number | '*';

export interface SetSpec {
  /** As typed, for messages. */
  raw: string;
  /** The path as typed (left of '='). */
  pathText: string;
  path: Segment[];
  /** The value as parsed (for type checks and the model). */
  value: unknown;
  /** The JSON text written into the body: the value as typed when it is JSON, else the quoted string. */
  json: string;
}

const HINT = "Use --set path=value, e.g. --set To_Account=bob, --set 'Events[0].PushID=\"abc\"' or --set 'Events.*.ErrCode=0'.";

/** Parses `a.b[0].c` / `Events.*.PushID`; bare numbers index arrays (and are keys on objects). */
export function parsePath(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d+|\*)\]|(\.)/gy;
  let expectSegment = true;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text)) !== null) {
    last = re.lastIndex;
    if (m[3] !== undefined) {
      if (expectSegment) throw new UsageError(`--set path "${text}" has an empty segment.`, { hint: HINT });
      expectSegment = true;
      continue;
    }
    if (m[1] !== undefined) {
      if (!expectSegment) throw new UsageError(`--set path "${text}" is not valid near "${m[1]}".`, { hint: HINT });
      out.push(m[1] === '*' ? '*' : /^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    } else {
      out.push(m[2] === '*' ? '*' : Number(m[2]));
    }
    expectSegment = false;
  }
  if (last !== text.length || out.length === 0 || expectSegment) {
    throw new UsageError(`--set path "${text}" is not valid.`, { hint: HINT });
  }
  return out;
}

/** Parses one `--set path=value`. */
export function parseSet(raw: string): SetSpec {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set "${raw}" needs the form path=value.`, { hint: HINT });
  const pathText = raw.slice(0, eq).trim();
  const valueText = raw.slice(eq + 1);
  const parsed = parseUntrustedJsonSync(valueText);
  if (!parsed.ok && parsed.problem.tooDeep) {
    throw new UsageError(`--set ${pathText}: the value is JSON ${tooDeepText()}.`, { hint: HINT });
  }
  // JSON as typed is written as typed (never re-serialised: JSON.stringify would round big integers and
  // turn 1e400 into null); anything else is a string.
  if (parsed.ok) return { raw, pathText, path: parsePath(pathText), value: parsed.value, json: valueText.trim() };
  return { raw, pathText, path: parsePath(pathText), value: valueText, json: JSON.stringify(valueText) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function showPath(path: (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Finds where a key lives elsewhere in the body, for a "did you mean" hint. */
function findKey(value: unknown, key: string, at: (string | number)[] = [], depth = 0): (string | number)[] | undefined {
  if (depth > 6) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findKey(value[i], key, [...at, i], depth + 1);
      if (r) return r;
    }
  } else if (isObject(value)) {
    if (Object.hasOwn(value, key)) return [...at, key];
    for (const [k, v] of Object.entries(value)) {
      const r = findKey(v, key, [...at, k], depth + 1);
      if (r) return r;
    }
  }
  return undefined;
}

/** Expands a path against a value into concrete paths; throws when any step does not exist. */
export function resolvePaths(value: unknown, spec: SetSpec, name: string): (string | number)[][] {
  let current: { path: (string | number)[]; node: unknown }[] = [{ path: [], node: value }];
  for (const seg of spec.path) {
    const next: typeof current = [];
    for (const { path, node } of current) {
      if (seg === '*') {
        if (Array.isArray(node)) node.forEach((v, i) => next.push({ path: [...path, i], node: v }));
        else if (isObject(node)) for (const [k, v] of Object.entries(node)) next.push({ path: [...path, k], node: v });
        else throw missing(spec, name, value, path, node, seg);
        if ((Array.isArray(node) && node.length === 0) || (isObject(node) && Object.keys(node).length === 0)) {
          throw missing(spec, name, value, path, node, seg);
        }
        continue;
      }
      if (Array.isArray(node) && typeof seg === 'number' && seg < node.length) {
        next.push({ path: [...path, seg], node: node[seg] });
      } else if (isObject(node) && Object.hasOwn(node, String(seg))) {
        next.push({ path: [...path, String(seg)], node: node[String(seg)] });
      } else {
        throw missing(spec, name, value, path, node, seg);
      }
    }
    current = next;
  }
  return current.map((c) => c.path);
}

function missing(spec: SetSpec, name: string, root: unknown, at: (string | number)[], node: unknown, seg: Segment): UsageError {
  const where = at.length === 0 ? 'the body' : showPath(at);
  let detail: string;
  if (Array.isArray(node)) detail = `${where} is an array of ${node.length}`;
  else if (isObject(node)) {
    const keys = Object.keys(node);
    detail = `${where} has ${keys.length === 0 ? 'no fields' : keys.slice(0, 10).join(', ') + (keys.length > 10 ? ', …' : '')}`;
  } else detail = `${where} is ${node === null ? 'null' : typeof node}, not an object`;
  // Suggest where a misplaced key really lives (To_Account → Events[0].To_Account), not other indexes.
  const last = spec.path[spec.path.length - 1];
  const found = typeof seg === 'string' && seg !== '*' && typeof last === 'string' && last !== '*' ? findKey(root, last) : undefined;
  const suggestion = found ? ` Did you mean ${showPath(found)}?` : '';
  const what = typeof seg === 'number' ? `[${seg}]` : seg === '*' ? 'element to match *' : JSON.stringify(seg);
  return new UsageError(`--set ${spec.pathText}: ${name} has no ${typeof seg === 'string' && seg !== '*' ? `field ${what}` : what} (${detail}).${suggestion}`, {
    hint: 'A --set path must exist in every replayed body; an override is never silently ignored.',
  });
}

/** A warning when an override changes a field's JSON type (e.g. --set To_Account=123 makes a number). */
function typeChange(old: unknown, value: unknown): string | undefined {
  const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  return kind(old) === kind(value) ? undefined : `${kind(old)} → ${kind(value)}`;
}

function getAt(value: unknown, path: (string | number)[]): unknown {
  let v: unknown = value;
  for (const s of path) v = (v as Record<string | number, unknown>)[s];
  return v;
}

export interface SetResult {
  body: string;
  value: unknown;
  /** Concrete paths that were set (so --fresh leaves them alone). */
  paths: (string | number)[][];
  warnings: string[];
}

/**
 * The value node at `path` in a parse tree, taking the last property when a key repeats (what JSON.parse
 * and Go's decoder keep); `dup` is told about each repeated key on the way.
 */
function nodeAt(root: Node, path: readonly (string | number)[], dup: (at: (string | number)[], key: string, count: number) => void): Node | undefined {
  let node: Node | undefined = root;
  const at: (string | number)[] = [];
  for (const seg of path) {
    if (!node) return undefined;
    if (node.type === 'array' && typeof seg === 'number') {
      node = node.children?.[seg];
    } else if (node.type === 'object') {
      const matches: Node[] = (node.children ?? []).filter((p: Node) => p.children?.[0]?.value === String(seg));
      if (matches.length > 1) dup([...at], String(seg), matches.length);
      node = matches[matches.length - 1]?.children?.[1];
    } else {
      return undefined;
    }
    at.push(seg);
  }
  return node;
}

/**
 * Applies every --set to one body. `name` names the callback in errors. The body's other bytes are left
 * as they are; only each changed value's text is replaced by the value as typed.
 */
export function applySets(body: string, value: unknown, sets: readonly SetSpec[], name: string): SetResult {
  let text = body;
  let current = value;
  const paths: (string | number)[][] = [];
  const warnings: string[] = [];
  for (const spec of sets) {
    for (const path of resolvePaths(current, spec, name)) {
      const old = getAt(current, path);
      const change = typeChange(old, spec.value);
      if (change) {
        const valueText = spec.raw.slice(spec.raw.indexOf('=') + 1);
        const quote = typeof old === 'string' ? `; to keep a string, quote it: --set '${spec.pathText}="${valueText}"'` : '';
        warnings.push(`--set ${spec.pathText} changes ${showPath(path)} in ${name} from ${change}${quote}`);
      }
      const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: false });
      const node = root ? nodeAt(root, path, (at, key, count) => {
        warnings.push(`${name}: "${key}" appears ${count} times in ${at.length === 0 ? 'the body' : showPath(at)}; --set edits the last one, the one JSON parsers (and your backend) read`);
      }) : undefined;
      if (!node) throw new UsageError(`--set ${spec.pathText}: cannot locate ${showPath(path)} in the text of ${name}.`, { hint: HINT });
      text = text.slice(0, node.offset) + spec.json + text.slice(node.offset + node.length);
      paths.push(path);
    }
    if (findTooDeep(text) !== undefined) {
      throw new UsageError(`--set ${spec.pathText} makes ${name} nest deeper than ${MAX_JSON_DEPTH} levels.`, { hint: HINT });
    }
    current = JSON.parse(text) as unknown;
  }
  return { body: text, value: current, paths, warnings };
}
