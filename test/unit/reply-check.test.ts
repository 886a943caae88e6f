/**
 * checkReply dispatches to the platform rules and judges every reply shape (table-driven): Tencent's per-command
 * decisions (reference/callbacks.md §A2, §A3) and OpenIM's (§B3, emulating Go's decoder). The exhaustive OpenIM
 * decode table is test/unit/decide-openim.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Expect } from '../../src/replay/fixture.js';
import { checkReply, matches, timeoutVerdict, type ReplyRule } from '../../src/replay/reply-check.js';

const OK = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}';
const IM_OK = '{"actionCode":0,"errCode":0,"errMsg":"","errDlt":"","nextCode":0}';
const reply = (body: string, status = 200, latencyMs = 5) => ({ status, body: Buffer.from(body), latencyMs });
const exp = (r: Record<string, unknown>, extra: Partial<Expect> = {}): Expect => ({ reply: r, ...extra });
const tencent = (command: string, kind: 'before' | 'after'): ReplyRule => ({ protocol: 'tencent', command, kind });
const AFTER = tencent('C2C.CallbackAfterSendMsg', 'after');
const C2C_BEFORE = tencent('C2C.CallbackBeforeSendMsg', 'before');
const GROUP_BEFORE = tencent('Group.CallbackBeforeSendMsg', 'before');
const MSG = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
const REQUEST = { CallbackCommand: 'C2C.CallbackBeforeSendMsg', MsgBody: MSG, CloudCustomData: '' };

describe('checkReply: Tencent after-callbacks (§A2: codes ignored, but the reply must be the envelope)', () => {
  it.each([
    ['OK', reply(OK), undefined, true, 'continue', 'ActionStatus OK, ErrorCode 0'],
    ['FAIL', reply('{"ActionStatus":"FAIL","ErrorInfo":"db down","ErrorCode":1}'), undefined, false, 'continue', 'ActionStatus "FAIL" (expected "OK"), ErrorCode 1: db down'],
    ['ErrorCode 1', reply('{"ActionStatus":"OK","ErrorCode":1}'), undefined, false, 'continue', 'ErrorCode 1 (expected 0)'],
    ['ErrorCode as a string', reply('{"ActionStatus":"OK","ErrorCode":"0"}'), undefined, false, 'continue', 'ErrorCode "0" (expected 0)'],
    ['no ErrorCode', reply('{"ActionStatus":"OK"}'), undefined, false, 'continue', 'no ErrorCode in the reply (expected 0)'],
    ['HTTP 500', reply('{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"boom"}', 500), undefined, false, 'error', 'HTTP 500 (expected 200): ErrorCode 1'],
    ['HTTP 502 text', reply('Bad Gateway', 502), undefined, false, 'error', 'HTTP 502 (expected 200): Bad Gateway'],
    ['HTTP 302 (not followed for Tencent)', reply('', 302), undefined, false, 'error', 'HTTP 302 (expected 200)'],
    ['non-JSON', reply('ok'), undefined, false, 'error', 'reply is not JSON: ok'],
    ['empty', reply(''), undefined, false, 'error', 'empty reply (expected {"ActionStatus":"OK","ErrorCode":0})'],
    ['array', reply('[1]'), undefined, false, 'error', 'reply is JSON but not an object: [1]'],
    ['over budget', reply(OK, 200, 2400), undefined, false, 'error', 'answered in 2400 ms, over the 2000 ms budget'],
    ['expect a status', reply(OK, 202), exp({}, { httpStatus: 202 }), true, 'continue', 'ActionStatus OK, ErrorCode 0'],
    ['expect a budget', reply(OK, 200, 600), exp({}, { budgetMs: 500 }), false, 'error', 'answered in 600 ms, over the 500 ms budget'],
  ])('%s', (_name, input, expect_, pass, decision, reason) => {
    const v = checkReply(AFTER, input, { expect: expect_, budgetMs: 2000 });
    expect({ pass: v.pass, decision: v.decision }).toEqual({ pass, decision });
    expect(v.reason).toContain(reason);
  });

  it('keeps the parsed reply, and a short control-free excerpt of a text reply', () => {
    expect(checkReply(AFTER, reply(OK), { budgetMs: 2000 }).reply).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
    expect(checkReply(AFTER, reply(`\u001b[31m${'x'.repeat(300)}`), { budgetMs: 2000 }).reply).toBe(`[31m${'x'.repeat(116)}…`);
  });
});

describe('checkReply: Tencent before-callbacks, per command (§A2)', () => {
  it.each([
    // [rule, reply, expect, pass, decision, reason contains]
    [C2C_BEFORE, '{"ActionStatus":"OK","ErrorCode":0}', undefined, true, 'allowed', 'ActionStatus OK, ErrorCode 0'],
    [C2C_BEFORE, '{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"spam"}', undefined, false, 'denied', 'the client sees 20006'],
    [GROUP_BEFORE, '{"ActionStatus":"OK","ErrorCode":1}', undefined, false, 'denied', 'the client sees 10016'],
    [C2C_BEFORE, '{"ActionStatus":"OK","ErrorCode":2}', undefined, false, 'dropped', 'silently dropped'],
    [C2C_BEFORE, '{"ActionStatus":"OK","ErrorCode":120005}', undefined, false, 'denied', 'custom code 120005'],
    [GROUP_BEFORE, '{"ActionStatus":"OK","ErrorCode":10150}', undefined, false, 'denied', 'custom code 10150'],
    [GROUP_BEFORE, '{"ActionStatus":"OK","ErrorCode":120005}', undefined, false, 'denied', 'undocumented'],
    [C2C_BEFORE, '{"ActionStatus":"OK","ErrorCode":1}', exp({ ErrorCode: 1 }), true, 'denied', 'as expected (ErrorCode 1)'],
    [C2C_BEFORE, OK, exp({ ErrorCode: 1 }), false, 'allowed', 'ErrorCode 0 (expected 1)'],
    [C2C_BEFORE, '{"ActionStatus":"OK","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}]}', undefined, true, 'modified', 'MsgBody[0].MsgContent.Text: "hi" → "***"'],
    [C2C_BEFORE, '{"ActionStatus":"OK","ErrorCode":0,"CloudCustomData":"x"}', undefined, true, 'modified', 'CloudCustomData: "" → "x"'],
    [C2C_BEFORE, '{"ActionStatus":"OK","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}', undefined, true, 'allowed', 'ActionStatus OK, ErrorCode 0'],
    [C2C_BEFORE, '{"ActionStatus":"OK"}', undefined, false, 'error', 'no ErrorCode'],
    [tencent('Group.CallbackBeforeInviteJoinGroup', 'before'), '{"ActionStatus":"OK","ErrorCode":0,"RefusedMembers_Account":["bob"]}', undefined, true, 'modified', 'only some refused: bob'],
    [tencent('Group.CallbackBeforeCreateGroup', 'before'), '{"ActionStatus":"OK","ErrorCode":10101}', undefined, false, 'denied', 'custom code 10101'],
    [tencent('Sns.CallbackPrevFriendAdd', 'before'), '{"ActionStatus":"OK","ErrorCode":0,"ResultItem":[{"To_Account":"a","ResultCode":0}]}', undefined, true, 'allowed', 'ActionStatus OK, ErrorCode 0'],
    [tencent('Sns.CallbackPrevFriendAdd', 'before'), '{"ActionStatus":"OK","ErrorCode":0,"ResultItem":[{"To_Account":"a","ResultCode":38001}]}', undefined, false, 'denied', 'refused for a'],
    [tencent('Sns.CallbackPrevFriendAdd', 'before'), '{"ActionStatus":"OK","ErrorCode":0}', undefined, false, 'error', 'no ResultItem'],
  ])('%#: %j', (rule, body, expect_, pass, decision, reason) => {
    const v = checkReply(rule as ReplyRule, reply(body as string), { expect: expect_ as Expect | undefined, budgetMs: 2000, request: REQUEST });
    expect({ pass: v.pass, decision: v.decision }).toEqual({ pass, decision });
    expect(v.reason).toContain(reason);
  });

  it('a modified body carries the diff of the changed fields', () => {
    const v = checkReply(C2C_BEFORE, reply('{"ActionStatus":"OK","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}},{"MsgType":"TIMCustomElem","MsgContent":{"Data":"LV1"}}]}'), { budgetMs: 2000, request: REQUEST });
    expect(v.changes).toEqual([
      { path: 'MsgBody[0].MsgContent.Text', from: 'hi', to: 'red packet' },
      { path: 'MsgBody[1]', from: null, to: { MsgType: 'TIMCustomElem', MsgContent: { Data: 'LV1' } } },
    ]);
  });

  it('a modified body with a non-zero ErrorCode is not applied (warning)', () => {
    const v = checkReply(C2C_BEFORE, reply('{"ActionStatus":"OK","ErrorCode":1,"MsgBody":[]}'), { budgetMs: 2000, request: REQUEST });
    expect(v.warnings).toEqual(['MsgBody/CloudCustomData are applied only with ErrorCode 0 (this reply has 1)']);
  });

  it('a before-callback with no reply in time: Tencent lets it through by default, chatpush fails it', () => {
    expect(timeoutVerdict(C2C_BEFORE, 'no reply within the 2000 ms budget', true)).toMatchObject({ pass: false, decision: 'allowed' });
    expect(checkReply(C2C_BEFORE, reply(OK, 200, 2100), { budgetMs: 2000 })).toMatchObject({ pass: false, decision: 'allowed' });
  });
});

describe('checkReply: OpenIM (§B3)', () => {
  const PUSH: ReplyRule = { protocol: 'openim', command: 'callbackBeforeOfflinePushCommand', kind: 'before', response: { userIDList: '[]string' }, goTypes: {} };
  it.each([
    ['OK', reply(IM_OK), undefined, true, 'continue', 'OpenIM goes on'],
    ['refused', reply('{"actionCode":0,"errCode":5001,"errMsg":"muted","nextCode":1}'), undefined, false, 'refused', 'refused by backend (actionCode 0, nextCode 1, errCode 5001 "muted")'],
    ['refusal expected', reply('{"actionCode":0,"errCode":5001,"nextCode":1}'), exp({ nextCode: 1 }), true, 'refused', 'as expected'],
    ['refusal expected, got OK', reply(IM_OK), exp({ nextCode: 1 }), false, 'continue', 'expects a refusal'],
    ['errCode expected', reply('{"actionCode":0,"errCode":5001,"nextCode":1}'), exp({ nextCode: 1, errCode: 5002 }), false, 'refused', 'errCode 5001 (expected 5002)'],
    ['HTTP 500 with a valid body', reply(IM_OK, 500), undefined, true, 'continue', 'OpenIM goes on'],
    ['HTTP 500, but the fixture expects 200', reply(IM_OK, 500), exp({}, { httpStatus: 200 }), false, 'continue', 'HTTP 500 (the fixture expects 200)'],
    ['nextCode "" (seed 003 sample)', reply('{"actionCode":0,"errCode":0,"nextCode":""}'), undefined, false, 'blocked', 'cannot unmarshal string into Go struct field nextCode of type int32'],
  ])('%s', (_name, input, expect_, pass, decision, reason) => {
    const v = checkReply(PUSH, input, { expect: expect_, budgetMs: 5000 });
    expect({ pass: v.pass, decision: v.decision }).toEqual({ pass, decision });
    expect(v.reason).toContain(reason);
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
