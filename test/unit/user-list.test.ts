/** UserID lists of `online` and `trace --task --user`: lines, comments, control characters. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertTaskId } from '../../src/commands/trace-task.js';
import { parseUserIdList } from '../../src/commands/user-list.js';
import { UsageError } from '../../src/errors.js';

describe('parseUserIdList', () => {
  it.each([
    ['alice\nbob\n', ['alice', 'bob']],
    ['# accounts\r\n alice \r\n\r\nbob', ['alice', 'bob']],
    ['', []],
    ['用户一\nuser@example.com', ['用户一', 'user@example.com']],
  ])('%j → %j', (text, ids) => expect(parseUserIdList(text, 'f')).toEqual(ids));

  it('names the line of an ID with a control character', () => {
    expect(() => parseUserIdList('ok\nbad\u0007id\n', 'users.txt')).toThrow(/users\.txt:2: "bad.?id" is not a UserID/);
  });

  it('property: every line becomes one trimmed ID, is skipped, or is a UsageError', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), (lines) => {
        try {
          const ids = parseUserIdList(lines.join('\n'), 'f');
          for (const id of ids) {
            expect(id).toBe(id.trim());
            expect(id.length).toBeGreaterThan(0);
            expect(id.startsWith('#')).toBe(false);
          }
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('assertTaskId', () => {
  it.each([
    ['1400123456_144115212910570789_4155518400_15723514', '1400123456_144115212910570789_4155518400_15723514'],
    [' batch_667015d4_537529d8 ', 'batch_667015d4_537529d8'],
  ])('%j', (id, want) => expect(assertTaskId(id)).toBe(want));
  it.each(['', '   ', 'a b', 'x\u0000'])('%j is a usage error', (id) => expect(() => assertTaskId(id)).toThrow(UsageError));
});
