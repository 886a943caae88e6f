/**
 * A report's document with every string value redacted, before it is rendered (report-files.ts redactDoc).
 * The copy is the one JSON.parse(JSON.stringify(doc), reviver) made, value for value, without the round trip
 * through text: for a 20 000-instance trace that round trip and the ~1 million redactions behind it took
 * 0.67 s of a 1.3 s run that wrote a 264-byte Markdown summary (issue 15). A text that repeats (status words,
 * times, models) is redacted once per document.
 */
import { setOwn } from './json-safe.js';

/**
 * A copy of `doc` as JSON.stringify sees it (toJSON called, undefined members left out and undefined items made
 * null, NaN and ±Infinity made null, -0 made 0, boxed primitives unwrapped), with `redact` applied to every
 * string value. Keys are not redacted here, as the reviver did not redact them; the report text is redacted
 * again as a whole when written. Like JSON.stringify, it throws on a BigInt or a cycle.
 */
export function redactValues<T>(doc: T, redact: (text: string) => string): T {
  const memo = new Map<string, string>();
  const seen = new Set<object>();
  const text = (s: string): string => {
    let clean = memo.get(s);
    if (clean === undefined) {
      clean = redact(s);
      memo.set(s, clean);
    }
    return clean;
  };

  // undefined: what JSON.stringify leaves out (undefined, a function, a symbol).
  const copy = (input: unknown, key: string): unknown => {
    let value = input;
    if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') value = (toJSON as (key: string) => unknown).call(value, key);
    }
    if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
    switch (typeof value) {
      case 'string':
        return text(value);
      case 'number':
        return Number.isFinite(value) ? value + 0 : null;
      case 'boolean':
        return value;
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      case 'object':
        break;
      default:
        return undefined;
    }
    if (value === null) return null;
    if (seen.has(value)) throw new TypeError('Converting circular structure to JSON');
    seen.add(value);
    let out: unknown;
    if (Array.isArray(value)) {
      const list: unknown[] = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) list[i] = copy(value[i], String(i)) ?? null;
      out = list;
    } else {
      const obj: Record<string, unknown> = {};
      const from = value as Record<string, unknown>;
      for (const k of Object.keys(from)) {
        const v = copy(from[k], k);
        if (v !== undefined) setOwn(obj, k, v);
      }
      out = obj;
    }
    seen.delete(value);
    return out;
  };

  const result = copy(doc, '');
  // JSON.parse(undefined) throws, as a document that serialises to nothing did before.
  if (result === undefined) throw new SyntaxError('the document has no JSON value');
  return result as T;
}
