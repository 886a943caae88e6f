import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/render/sanitize.js';

describe('sanitize', () => {
  it.each([
    ['plain text', 'success', 'success'],
    ['CSI colour', '\u001b[31mred\u001b[0m', 'red'],
    ['CSI cursor movement and erase', 'a\u001b[2Kb\u001b[1A\u001b[10;20Hc', 'abc'],
    ['OSC title (BEL)', '\u001b]0;pwned\u0007ok', 'ok'],
    ['OSC 8 hyperlink (ST)', '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['DCS string', '\u001bPq#0;2;0;0;0\u001b\\x', 'x'],
    ['two-character escape: ESC c (full reset)', '\u001bcreset', 'reset'],
    ['two-character escape: ESC 7 / ESC 8 (save / restore cursor)', '\u001b7a\u001b8b', 'ab'],
    ['charset designation ESC ( B (tput sgr0)', '\u001b[m\u001b(Bplain', 'plain'],
    ['a lone ESC at the end', 'end\u001b', 'end'],
    ['C0 controls', 'a\u0000b\u0007c\u0008d', 'abcd'],
    ['DEL', 'a\u007fb', 'ab'],
    ['C1 controls (8-bit CSI)', 'a\u009b31mb\u0085c', 'a31mbc'],
    ['bidi overrides (Trojan Source)', 'abc\u202edcba\u202c\u2066x\u2069\u200f', 'abcdcbax'],
    ['newlines and tabs become one space', 'line1\r\nline2\tcol', 'line1 line2 col'],
    ['unicode text stays', '推送成功 ✓ café', '推送成功 ✓ café'],
    ['undefined', undefined, ''],
    ['null', null, ''],
    ['a number', 90045, '90045'],
  ])('%s', (_n, input, output) => {
    expect(sanitize(input)).toBe(output);
  });

  it('leaves no escape or control character in random noise', () => {
    let s = '';
    for (let i = 0; i < 2000; i++) s += String.fromCharCode((i * 7919) % 0xa0);
    // eslint-disable-next-line no-control-regex
    expect(sanitize(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('sanitize fast path (issue 15)', () => {
  it('property: the same text as the three replaces it skips for printable ASCII', () => {
    // eslint-disable-next-line no-control-regex
    const slow = (t: string): string => t.replace(/\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[ -/]*[0-~])/g, '').replace(/[\t\n\r]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
    const ch = fc.constantFrom('a', ' ', '~', '\u001b', '[', 'm', '\n', '\t', '\u007f', '\u009b', '\u202e', 'é', '0');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 30 }).map((a) => a.join('')), (t) => {
        expect(sanitize(t)).toBe(slow(t));
      }),
      { numRuns: 2000 },
    );
  });
});
