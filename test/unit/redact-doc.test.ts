/**
 * redactValues (src/redact-doc.ts) against what it replaced: JSON.parse(JSON.stringify(doc), reviver) with the
 * reviver redacting every string. Table-driven cases for what JSON.stringify changes, and a fast-check property
 * over arbitrary values (undefined, NaN, -0, sparse arrays, dates, boxed values, "__proto__" and integer keys).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactValues } from '../../src/redact-doc.js';
import { Streamed } from '../../src/render/json-stream.js';

const redact = (s: string): string => s.replaceAll('secret', '[REDACTED]');
const roundTrip = (doc: unknown): unknown => JSON.parse(JSON.stringify(doc), (_k, v: unknown) => (typeof v === 'string' ? redact(v) : v));

/** Equal, with own keys in the same order and the same prototypes (toStrictEqual ignores key order). */
function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  if (typeof expected === 'object' && expected !== null) {
    expect(Object.getPrototypeOf(actual)).toBe(Object.getPrototypeOf(expected));
    expect(Reflect.ownKeys(actual as object)).toEqual(Reflect.ownKeys(expected));
    for (const k of Object.keys(expected)) expectSame((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]);
  }
}

describe('redactValues', () => {
  const cases: Array<[string, unknown]> = [
    ['strings in objects and arrays', { a: 'my secret', b: ['secret', 'plain', { c: 'xsecretx' }] }],
    ['undefined members left out, undefined items made null', { a: undefined, b: [undefined, () => 1, Symbol('s')], c: () => 1 }],
    ['NaN, Infinity and -0', { a: Number.NaN, b: [Number.POSITIVE_INFINITY, -0], c: -0 }],
    ['toJSON and dates', { d: new Date(0), s: new Streamed(['secret', 1]), t: { toJSON: (k: string) => `key ${k} secret` } }],
    ['boxed primitives', { n: Object(1), s: Object('secret'), b: Object(false) }],
    ['"__proto__" as an own key', JSON.parse('{"__proto__": {"x": "secret"}, "y": 1}')],
    ['integer keys first, as JSON.stringify orders them', { b: 1, 10: 'secret', a: 2, 2: 'x' }],
    ['a sparse array', [1, , 'secret']], // eslint-disable-line no-sparse-arrays
    ['a string alone', 'secret'],
    ['null', null],
  ];
  for (const [name, doc] of cases) {
    it(name, () => expectSame(redactValues(doc, redact), roundTrip(doc)));
  }

  it('redacts a text that repeats once, and leaves the input as it was', () => {
    const calls: string[] = [];
    const doc = { a: 'secret', b: ['secret', 'secret', 'other'] };
    const before = structuredClone(doc);
    const out = redactValues(doc, (s) => {
      calls.push(s);
      return redact(s);
    });
    expect(calls).toEqual(['secret', 'other']);
    expect(out).toEqual({ a: '[REDACTED]', b: ['[REDACTED]', '[REDACTED]', 'other'] });
    expect(doc).toEqual(before);
  });

  it('throws as JSON.stringify does on a cycle and a BigInt', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => redactValues(cyclic, redact)).toThrow(TypeError);
    expect(() => redactValues({ n: 1n }, redact)).toThrow(TypeError);
    // The same object twice, not inside itself, is not a cycle.
    const shared = { s: 'secret' };
    expectSame(redactValues({ a: shared, b: [shared] }, redact), roundTrip({ a: shared, b: [shared] }));
  });

  it('matches the JSON round trip on arbitrary values', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '7', '10', 'secret', 'toJSON'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.string(),
        fc.constantFrom('secret', 'a secret b', ''),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.constant(-0),
        fc.date({ noInvalidDate: true }),
      ),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 5 }),
      object: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    }));
    fc.assert(
      fc.property(value.node, (doc) => {
        // A document that serialises to nothing (undefined alone) throws in both.
        if (JSON.stringify(doc) === undefined) {
          expect(() => redactValues(doc, redact)).toThrow();
          return;
        }
        expectSame(redactValues(doc, redact), roundTrip(doc));
      }),
      { numRuns: 2000 },
    );
  });
});
