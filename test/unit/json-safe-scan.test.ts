/**
 * findTooDeep skips strings with indexOf since issue 15; this checks it against the character-by-character
 * scan it replaced (kept here as the oracle) on hostile text: quotes, backslash runs, newlines, brackets,
 * comments, in any mix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTooDeep } from '../../src/json-safe.js';

function oracle(text: string, maxDepth: number, comments: boolean): number | undefined {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
    } else if (comments && c === 0x2f) {
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

describe('findTooDeep (indexOf string skipping)', () => {
  it.each([
    ['deep outside strings', '[[[[', 3, 3],
    ['brackets inside a string do not count', '["[[[[[["]', 3, undefined],
    ['an escaped quote does not end the string', '["\\"[[[[["]', 3, undefined],
    ['an escaped backslash before the quote ends it', '["\\\\"[[[', 3, 7],
    ['an unterminated string ends at a newline', '["abc\n[[[', 3, 8],
    ['an escaped newline does not end it', '["abc\\\n[[[', 3, undefined],
  ])('%s', (_n, text, max, want) => {
    expect(findTooDeep(text, max)).toBe(want);
    expect(oracle(text, max, false)).toBe(want);
  });

  it('property: the same answer as the character-by-character scan', () => {
    const piece = fc.constantFrom('"', '\\', '\\\\', '\n', '[', ']', '{', '}', '/', '*', '//', '/*', '*/', 'a', ' ', '\\"', '"x"', '\r');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 0, max: 6 }), fc.boolean(), (parts, max, comments) => {
        const text = parts.join('');
        expect(findTooDeep(text, max, comments)).toBe(oracle(text, max, comments));
      }),
      { numRuns: 3000 },
    );
  });
});
