import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutStyled, fitTable, joinParts, wrapBlock, wrapText } from '../../src/render/fit.js';
import { displayWidth } from '../../src/render/width.js';

const colour = new Chalk({ level: 1 });
const ROWS = [
  ['NAME', 'STATUS', 'REASON'],
  ['C2C.CallbackBeforeSendMsg.json', '200', 'ActionStatus "FAIL" (expected "OK"), ErrorCode 1: db down'],
  ['ok.json', '200', 'ActionStatus OK, ErrorCode 0'],
];
const FLEX = { 0: { mode: 'truncate', min: 8 }, 2: { mode: 'wrap', min: 12 } } as const;

describe('wrapText', () => {
  it.each([
    ['fits', 'a b c', 10, ['a b c']],
    ['at words', 'the quick brown fox', 10, ['the quick', 'brown fox']],
    ['a word longer than the line is broken', 'abcdefghij xy', 4, ['abcd', 'efgh', 'ij', 'xy']],
    ['runs of spaces are kept inside a line, dropped at a break', 'aa   bb cc', 5, ['aa', 'bb cc']],
    ['an aligned label keeps its padding', 'settings      SDKAppID 1 key', 24, ['settings      SDKAppID 1', 'key']],
  ])('%s', (_name, text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });

  it('does not carry a colour that closes inside the text onto the other lines', () => {
    const lines = wrapText(`${colour.green('✓')} settings  one two three`, 14);
    expect(lines).toEqual([`${colour.green('✓')} settings`, 'one two three']);
  });

  it('keeps a whole-cell colour on every line', () => {
    const lines = wrapText(colour.red('one two three'), 7);
    expect(lines).toEqual([colour.red('one two'), colour.red('three')]);
  });
});

describe('fitTable', () => {
  it('without a width: plain aligned columns, nothing cut (pipes, grep, awk)', () => {
    expect(fitTable(ROWS)).toEqual([
      'NAME                            STATUS  REASON',
      'C2C.CallbackBeforeSendMsg.json  200     ActionStatus "FAIL" (expected "OK"), ErrorCode 1: db down',
      'ok.json                         200     ActionStatus OK, ErrorCode 0',
    ]);
  });

  it('wide enough: the same as without a width', () => {
    expect(fitTable(ROWS, { width: 200, flex: FLEX })).toEqual(fitTable(ROWS));
  });

  it('narrower: truncating columns are cut with "…", wrapping columns fold', () => {
    expect(fitTable(ROWS, { width: 50, flex: FLEX })).toEqual([
      'NAME                STATUS  REASON',
      'C2C.CallbackBefor…  200     ActionStatus "FAIL"',
      '                            (expected "OK"),',
      '                            ErrorCode 1: db down',
      'ok.json             200     ActionStatus OK,',
      '                            ErrorCode 0',
    ]);
  });

  it('each shrinking column keeps its minimum before the others grow', () => {
    expect(fitTable(ROWS, { width: 30, flex: FLEX })).toEqual([
      'NAME      STATUS  REASON',
      'C2C.Cal…  200     ActionStatus',
      '                  "FAIL"',
      '                  (expected',
      '                  "OK"),',
      '                  ErrorCode 1:',
      '                  db down',
      'ok.json   200     ActionStatus',
      '                  OK,',
      '                  ErrorCode 0',
    ]);
  });

  it('too narrow for the wrapping column: it moves under its row', () => {
    expect(fitTable(ROWS, { width: 26, flex: FLEX })).toEqual([
      'NAME                STATUS',
      'C2C.CallbackBefor…  200',
      '    ActionStatus "FAIL"',
      '    (expected "OK"),',
      '    ErrorCode 1: db down',
      'ok.json             200',
      '    ActionStatus OK,',
      '    ErrorCode 0',
    ]);
  });

  it('no line is ever wider than the width, whatever the cells (property)', () => {
    const cell = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell, cell), { minLength: 1, maxLength: 6 }), fc.integer({ min: 20, max: 140 }), (rows, width) => {
        const lines = fitTable(rows, { width, indent: '  ', flex: { 1: { mode: 'truncate', min: 6 }, 3: { mode: 'wrap', min: 10 } } });
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
      }),
    );
  });
});

describe('prose', () => {
  it('wrapBlock wraps each line at words with a hanging indent, and leaves it alone without a width', () => {
    const text = 'chatpush: 690ab6b9: expected stage "device" was not reached: failed at offline submit.';
    expect(wrapBlock(text, undefined)).toBe(text);
    expect(wrapBlock(text, 40, '  ')).toBe('chatpush: 690ab6b9: expected stage\n  "device" was not reached: failed at\n  offline submit.');
  });

  it('joinParts breaks between parts, never inside one', () => {
    expect(joinParts(['SDK 8.4', 'push 8.4', 'notifications on', 'token yes'], ' · ', 24, '  ', '  ')).toBe('  SDK 8.4 · push 8.4\n  notifications on\n  token yes');
    expect(joinParts(['a', 'b'], ' · ', undefined, '  ')).toBe('a · b');
  });

  it('cutStyled cuts a coloured line to the width and resets the colour', () => {
    const cut = cutStyled(colour.red('abcdefghij'), 5);
    expect(displayWidth(cut)).toBe(5);
    expect(cut.endsWith('…\u001b[0m')).toBe(true);
  });
});
