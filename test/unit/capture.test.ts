import { describe, expect, it } from 'vitest';
import { captureLine } from '../../src/replay/capture.js';

describe('captureLine (listen --save)', () => {
  const cases: Array<[string, { protocol: 'tencent' | 'openim' | 'unknown'; body: string }, string | undefined]> = [
    ['a one-line body, byte for byte', { protocol: 'tencent', body: '{"CallbackCommand":"C2C.CallbackAfterSendMsg", "From_Account":"a"}' }, '{"CallbackCommand":"C2C.CallbackAfterSendMsg", "From_Account":"a"}'],
    ['a body over several lines, compacted', { protocol: 'openim', body: '{\n  "callbackCommand": "callbackBeforeOfflinePushCommand",\n  "userIDList": ["1", "2"]\n}\n' }, '{"callbackCommand":"callbackBeforeOfflinePushCommand","userIDList":["1","2"]}'],
    ['surrounding whitespace trimmed', { protocol: 'tencent', body: '  {"a":1}\r\n' }, '{"a":1}'],
    ['text with an escaped newline stays one line', { protocol: 'tencent', body: '{"Text":"line 1\\nline 2"}' }, '{"Text":"line 1\\nline 2"}'],
    ['not a callback', { protocol: 'unknown', body: '{"a":1}' }, undefined],
    ['not JSON', { protocol: 'tencent', body: 'CallbackCommand=x' }, undefined],
    ['a JSON array', { protocol: 'tencent', body: '[{"a":1}]' }, undefined],
    ['JSON null', { protocol: 'openim', body: 'null' }, undefined],
    ['too large to keep (empty)', { protocol: 'tencent', body: '' }, undefined],
  ];
  for (const [name, event, line] of cases) {
    it(name, () => {
      expect(captureLine(event)).toBe(line);
    });
  }
});
