import { describe, expect, it } from 'vitest';
import type { Expect } from '../../src/replay/fixture.js';
import { checkReply, matches } from '../../src/replay/reply-check.js';

const OK = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}';
const IM_OK = '{"actionCode":0,"errCode":0,"errMsg":"","errDlt":"","nextCode":0}';
const reply = (body: string, status = 200, latencyMs = 5) => ({ status, body, latencyMs });
const exp = (r: Record<string, unknown>, extra: Partial<Expect> = {}): Expect => ({ reply: r, ...extra });

describe('checkReply: Tencent (protocols.md §3.3)', () => {
  it.each([
    ['OK', reply(OK), undefined, true, 'ActionStatus OK, ErrorCode 0'],
    ['FAIL', reply('{"ActionStatus":"FAIL","ErrorInfo":"db down","ErrorCode":1}'), undefined, false, 'ActionStatus "FAIL" (expected "OK"), ErrorCode 1: db down'],
    ['ErrorCode 1 on an after-callback', reply('{"ActionStatus":"OK","ErrorCode":1}'), undefined, false, 'ErrorCode 1 (expected 0)'],
    ['ErrorCode as a string', reply('{"ActionStatus":"OK","ErrorCode":"0"}'), undefined, false, 'ErrorCode "0" (expected 0)'],
    ['no ErrorCode', reply('{"ActionStatus":"OK"}'), undefined, false, 'no ErrorCode in the reply (expected 0)'],
    ['HTTP 500', reply('{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"boom"}', 500), undefined, false, 'HTTP 500 (expected 200): ErrorCode 1 "boom"'],
    ['HTTP 502 text', reply('Bad Gateway', 502), undefined, false, 'HTTP 502 (expected 200): Bad Gateway'],
    ['HTTP 204 empty', reply('', 204), undefined, false, 'HTTP 204 (expected 200)'],
    ['non-JSON', reply('ok'), undefined, false, 'reply is not JSON: ok (expected {"ActionStatus":"OK","ErrorCode":0})'],
    ['empty', reply(''), undefined, false, 'empty reply (expected {"ActionStatus":"OK","ErrorCode":0})'],
    ['array', reply('[1]'), undefined, false, 'reply is JSON but not an object: [1]'],
    ['over budget', reply(OK, 200, 2400), undefined, false, 'answered in 2400 ms, over the 2000 ms budget'],
    ['expect forbid', reply('{"ActionStatus":"OK","ErrorCode":1}'), exp({ ErrorCode: 1 }), true, 'as expected (ErrorCode 1)'],
    ['expect forbid, got allow', reply(OK), exp({ ErrorCode: 1 }), false, 'ErrorCode 0 (expected 1)'],
    ['expect a partial body', reply('{"ActionStatus":"OK","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}]}'), exp({ MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '***' } }] }), true, 'as expected (MsgBody [{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}])'],
    ['expect a status', reply(OK, 202), exp({}, { httpStatus: 202 }), true, 'ActionStatus OK, ErrorCode 0'],
    ['expect a budget', reply(OK, 200, 600), exp({}, { budgetMs: 500 }), false, 'answered in 600 ms, over the 500 ms budget'],
  ])('%s', (_name, input, expect_, pass, reason) => {
    const v = checkReply('tencent', 'C2C.CallbackAfterSendMsg', input, expect_, 2000);
    expect({ pass: v.pass, reason: v.reason }).toEqual({ pass, reason });
  });

  it('explains what a before-send ErrorCode does to the message', () => {
    const v = checkReply('tencent', 'C2C.CallbackBeforeSendMsg', reply('{"ActionStatus":"OK","ErrorCode":2}'), undefined, 2000);
    expect(v.reason).toBe('ErrorCode 2 (expected 0) — the message is silently discarded');
  });

  it('keeps the parsed reply, and a short control-free excerpt of a text reply', () => {
    expect(checkReply('tencent', 'X.Y', reply(OK), undefined, 2000).reply).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
    const v = checkReply('tencent', 'X.Y', reply(`\u001b[31m${'x'.repeat(300)}`), undefined, 2000);
    expect(v.reply).toBe(`${'x'.repeat(120)}…`);
  });
});

describe('checkReply: OpenIM (protocols.md §5.5, §5.7)', () => {
  it.each([
    ['OK', reply(IM_OK), undefined, true, 'actionCode 0, errCode 0'],
    ['OK without nextCode', reply('{"actionCode":0,"errCode":0}'), undefined, true, 'actionCode 0, errCode 0'],
    ['refused', reply('{"actionCode":0,"errCode":5001,"errMsg":"muted","nextCode":1}'), undefined, false, 'push refused by backend (nextCode 1, errCode 5001 "muted")'],
    ['refusal expected', reply('{"actionCode":0,"errCode":5001,"errMsg":"muted","nextCode":1}'), exp({ nextCode: 1 }), true, 'push refused by backend, as expected'],
    ['refusal expected, got OK', reply(IM_OK), exp({ nextCode: 1 }), false, 'nextCode 0 (expected 1)'],
    ['actionCode 1', reply('{"actionCode":1,"errCode":0}'), undefined, false, 'actionCode 1 (expected 0): OpenIM treats the callback as not handled and goes on'],
    ['errCode', reply('{"actionCode":0,"errCode":5002,"errMsg":"bad"}'), undefined, false, 'errCode 5002 (expected 0): bad'],
    ['nextCode "" (seed 003 sample) cannot be decoded by Go', reply('{"actionCode":0,"errCode":0,"nextCode":""}'), undefined, false, 'nextCode is "", not an integer: OpenIM\'s decoder rejects the reply (response format error) and blocks the push'],
    ['non-JSON', reply('OK'), undefined, false, 'reply is not JSON: OK (OpenIM ≥3.7 blocks the push on it)'],
    ['HTTP 500', reply(IM_OK, 500), undefined, false, 'HTTP 500 (expected 200): errCode 0'],
    ['userIDList of numbers', reply('{"actionCode":0,"errCode":0,"userIDList":[1]}'), undefined, false, "userIDList is not an array of strings: OpenIM's decoder rejects the reply"],
  ])('%s', (_name, input, expect_, pass, reason) => {
    const v = checkReply('openim', 'callbackBeforeOfflinePushCommand', input, expect_, 2000);
    expect({ pass: v.pass, reason: v.reason }).toEqual({ pass, reason });
  });
});

describe('matches', () => {
  it.each([
    [{ a: 1 }, { a: 1, b: 2 }, true],
    [{ a: { b: 1 } }, { a: { b: 1, c: 2 } }, true],
    [{ a: [1] }, { a: [1, 2] }, false],
    [{ a: 1 }, { a: '1' }, false],
    [{ a: null }, {}, false],
    [1, 1, true],
  ])('%j ⊆ %j is %s', (want, actual, result) => {
    expect(matches(want, actual)).toBe(result);
  });
});
