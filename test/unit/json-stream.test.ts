/**
 * render/json-stream.ts writes the --json document piece by piece; it must give exactly the bytes renderJson
 * gives for the same data (before the output edge's escaping). Checked on random documents with Streamed
 * arrays (generators, so items really are produced one at a time) placed at random depths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPieces, Streamed } from '../../src/render/json-stream.js';

const reference = (doc: Record<string, unknown>, pretty = true): string => `${JSON.stringify({ schemaVersion: 1, ...doc }, null, pretty ? 2 : undefined)}\n`;

/** Replaces some arrays by Streamed generators; returns the streamed form (the plain form is the input). */
function streamify(v: unknown, pick: () => boolean): unknown {
  if (Array.isArray(v)) {
    const inner = v.map((x) => streamify(x, pick));
    if (!pick()) return inner;
    return new Streamed(
      (function* gen() {
        yield* inner;
      })(),
    );
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, streamify(x, pick)]));
  return v;
}

describe('jsonPieces', () => {
  it.each([
    ['no Streamed at all', { a: [1, 2], b: { c: null } }],
    ['an empty Streamed', { traces: new Streamed([]) }],
    ['undefined, functions and symbols follow JSON.stringify', { a: undefined, b: () => 1, c: new Streamed([undefined, () => 1, 3]), d: 'x' }],
    ['a Date (toJSON) inside a streamed item', { t: new Streamed([{ at: new Date(0) }]) }],
    ['nested Streamed', { traces: new Streamed([{ pushId: 'p', instances: new Streamed([{ a: 1, s: [{ x: 'y' }] }, { a: 2 }]), cause: null }]) }],
  ])('%s', (_n, doc) => {
    const plain = JSON.parse(JSON.stringify(doc, (_k, v: unknown) => (v instanceof Streamed ? [...(v.items as unknown[])] : v))) as Record<string, unknown>;
    expect([...jsonPieces(doc as Record<string, unknown>, true)].join('')).toBe(reference(plain));
    expect([...jsonPieces(doc as Record<string, unknown>, false)].join('')).toBe(reference(plain, false));
  });

  it('property: byte-equal to JSON.stringify(doc, null, 2) for random documents', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 5 })), fc.infiniteStream(fc.boolean()), (doc, coins) => {
        const it = coins[Symbol.iterator]();
        const streamed = streamify(doc, () => it.next().value as boolean) as Record<string, unknown>;
        expect([...jsonPieces(streamed, true)].join('')).toBe(reference(doc));
      }),
      { numRuns: 500 },
    );
  });

  it('property: compact (stdout not a terminal), byte-equal to JSON.stringify(doc)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 5 })), fc.infiniteStream(fc.boolean()), (doc, coins) => {
        const it = coins[Symbol.iterator]();
        const streamed = streamify(doc, () => it.next().value as boolean) as Record<string, unknown>;
        expect([...jsonPieces(streamed, false)].join('')).toBe(reference(doc, false));
      }),
      { numRuns: 500 },
    );
  });

  it('hands out pieces of about 64 KiB, each ending between items (items are serialised 32 at a time)', () => {
    const doc = { traces: new Streamed(Array.from({ length: 3000 }, (_, i) => ({ i, pad: 'x'.repeat(100) }))) };
    const pieces = [...jsonPieces(doc, true)];
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces.slice(0, -1)) {
      expect(p.length).toBeGreaterThanOrEqual(64 * 1024);
      expect(p.length).toBeLessThan(96 * 1024); // a piece ends after the batch of items that filled it
    }
  });
});

describe('a plain Streamed (issue 15: items not looked into)', () => {
  it('writes the same text as one whose items are looked into, nested Streamed included', () => {
    const items = () => [{ a: 1, s: [{ x: 'y' }] }, { b: new Streamed([1, 2]) }, 'z', null];
    for (const pretty of [true, false]) {
      const looked = [...jsonPieces({ traces: new Streamed(items()) }, pretty)].join('');
      const plain = [...jsonPieces({ traces: new Streamed(items(), true) }, pretty)].join('');
      expect(plain).toBe(looked);
      expect(JSON.parse(plain)).toEqual({ schemaVersion: 1, traces: [{ a: 1, s: [{ x: 'y' }] }, { b: [1, 2] }, 'z', null] });
    }
  });
});
