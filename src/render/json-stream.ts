/**
 * The --json document written piece by piece (issue 15): `trace --response-file` of 20 000 instances built the
 * whole document as objects, then as one 40 MB string, then copies of it, and peaked at 3.6x the memory of
 * parsing the file. Here an array can be given as a `Streamed` iterable whose items are produced, serialised
 * and written one at a time, and the text is handed out in pieces of about 64 KiB.
 *
 * The output is byte for byte what renderJson gives for the same data (JSON.stringify, with a two-space indent
 * when pretty, schemaVersion first, a final newline): containers that hold a Streamed are written here, key by key, with
 * JSON.stringify's rules (undefined, functions and symbols leave an object and are null in an array); anything
 * else is JSON.stringify'd whole and re-indented to its depth. A test compares the two on random documents.
 */
import { SCHEMA_VERSION } from './json.js';

/**
 * An array whose items are produced while the document is written. It is streamed where every container above
 * it holds a Streamed itself (the root, a trace); deeper down, JSON.stringify meets it and its toJSON lists the
 * items, so the output is the same either way.
 */
export class Streamed<T = unknown> {
  constructor(
    readonly items: Iterable<T>,
    /**
     * The caller's word that no item holds a Streamed, so none needs to be looked into before it is batched
     * (issue 15: looking through every key of 20 000 instances for one). Items of a plain Streamed are always
     * serialised by JSON.stringify, whose toJSON would list a nested Streamed anyway: the text is the same.
     */
    readonly plain = false,
  ) {}
  toJSON(): T[] {
    return [...this.items];
  }
}

const GAP = '  ';
const CHUNK = 64 * 1024;

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** Whether a container holds a Streamed directly (only then is it written here rather than by JSON.stringify). */
function holdsStream(v: Record<string, unknown> | unknown[]): boolean {
  if (Array.isArray(v)) return v.some((x) => x instanceof Streamed);
  for (const k in v) if (Object.hasOwn(v, k) && v[k] instanceof Streamed) return true;
  return false;
}

/** One value at a depth; undefined where JSON.stringify leaves it out. */
function leaf(value: unknown, indent: string, pretty: boolean): string | undefined {
  if (!pretty) return JSON.stringify(value) as string | undefined;
  const text = JSON.stringify(value, null, 2) as string | undefined;
  if (text === undefined || indent === '' || !text.includes('\n')) return text;
  return text.replaceAll('\n', `\n${indent}`);
}

/** Whether a value is written here, piece by piece. */
function streams(v: unknown): boolean {
  return v instanceof Streamed || (isContainer(v) && holdsStream(v));
}

/**
 * Consecutive plain items of a list, serialised by one JSON.stringify call at their depth: wrapped in as many
 * arrays as they are deep, so that JSON.stringify indents them itself, and cut out of the result. Re-indenting
 * each item's text instead (a replace over every line) cost more than serialising it (issue 15). Compact, the
 * batch is the list's own text without its brackets.
 */
function batchText(batch: unknown[], depth: number, pretty: boolean): string {
  if (!pretty) {
    const text = JSON.stringify(batch);
    return text.slice(1, text.length - 1);
  }
  let wrapped: unknown = batch;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Opening: depth + 1 lines "[" each indented one level more; the first item starts at depth + 1 levels.
  const head = (depth + 1) * (depth + 2) + (depth + 1) * 2;
  // Closing: the same lines in reverse, each "\n" + indentation + "]".
  const tail = (depth + 1) * (depth + 2);
  return text.slice(head, text.length - tail);
}

/**
 * Items serialised together: enough to amortise a JSON.stringify call, few enough that its text (~70 KB for 32
 * trace instances) stays under V8's large-object size (128 KB). Larger texts are allocated in the large-object
 * space, outlive the young generation's cheap collections and, with their flattened copies, drove the old
 * generation's growth (issue 15: 128 at a time cost 20 000 instances ~110 ms more CPU and 23 MiB more RSS).
 */
const BATCH = 32;

/**
 * Writes a value that streams() (a Streamed, or a container holding one). `indent` is the indentation of the
 * value's own line when pretty; compact, there are no line breaks and no indentation at all.
 */
function* pieces(value: unknown, indent: string, pretty: boolean): Generator<string> {
  const inner = pretty ? indent + GAP : '';
  // What comes before an item or member: the opening bracket or a comma, then (pretty) a new line at `inner`.
  const lead = (first: boolean, open: string): string => (pretty ? `${first ? open : ','}\n${inner}` : first ? open : ',');
  if (value instanceof Streamed || Array.isArray(value)) {
    const list: Iterable<unknown> = value instanceof Streamed ? value.items : value;
    const plain = value instanceof Streamed && value.plain;
    const depth = inner.length / GAP.length;
    let first = true;
    let batch: unknown[] = [];
    const flush = function* (): Generator<string> {
      if (batch.length === 0) return;
      yield `${lead(first, '[')}${batchText(batch, depth - 1, pretty)}`;
      first = false;
      batch = [];
    };
    for (const item of list) {
      if (!plain && streams(item)) {
        yield* flush();
        yield lead(first, '[');
        first = false;
        yield* pieces(item, inner, pretty);
      } else {
        batch.push(item);
        if (batch.length >= BATCH) yield* flush();
      }
    }
    yield* flush();
    yield first ? '[]' : pretty ? `\n${indent}]` : ']';
    return;
  }
  const obj = value as Record<string, unknown>;
  const colon = pretty ? ': ' : ':';
  let first = true;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (streams(v)) {
      yield `${lead(first, '{')}${JSON.stringify(key)}${colon}`;
      yield* pieces(v, inner, pretty);
    } else {
      const text = leaf(v, inner, pretty);
      if (text === undefined) continue;
      yield `${lead(first, '{')}${JSON.stringify(key)}${colon}${text}`;
    }
    first = false;
  }
  yield first ? '{}' : pretty ? `\n${indent}}` : '}';
}

/**
 * The pieces of `{"schemaVersion": 1, ...doc}` as renderJson writes it with the same `pretty` (before its
 * escaping, which the output edge applies to each piece), each about 64 KiB; pieces end between values, never
 * inside a string.
 */
export function* jsonPieces(doc: Record<string, unknown>, pretty: boolean): Generator<string> {
  const root = { schemaVersion: SCHEMA_VERSION, ...doc };
  if (!streams(root)) {
    yield `${leaf(root, '', pretty)!}\n`;
    return;
  }
  let buf = '';
  for (const part of pieces(root, '', pretty)) {
    buf += part;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}\n`;
}
