import { describe, expect, it } from 'vitest';
import { signCallback } from '../../src/replay/protocols.js';
import { validateCallback, type IncomingCallback } from '../../src/replay/validate.js';

const NOW = 1_700_000_000_000;
const T = NOW / 1000;

const C2C = JSON.stringify({
  CallbackCommand: 'C2C.CallbackAfterSendMsg',
  From_Account: 'jared',
  To_Account: 'Jonh',
  MsgSeq: 1,
  MsgRandom: 2,
  MsgTime: 3,
  MsgKey: '1_2_3',
  SendMsgResult: 0,
  UnreadMsgNum: 7,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
});

const PUSH_EVENT = {
  CallbackCommand: 'Push.OfflinePush',
  EventType: 1,
  EventTime: 1,
  From_Account: 'a',
  To_Account: 'b',
  PushPlatform: 1,
  PushStage: 1,
  MsgKey: 'k',
  MsgSeq: 1,
  MsgRandom: 2,
  MsgTime: 3,
  PushID: 'p1',
  ErrCode: 0,
};

const OPENIM = JSON.stringify({
  callbackCommand: 'callbackBeforeOfflinePushCommand',
  userIDList: ['u1'],
  sendID: 's',
  clientMsgID: 'c',
  contentType: 101,
  sessionType: 1,
  content: 'hi',
});

function tencent(query: string, body: string, method = 'POST'): IncomingCallback {
  return { method, path: '/cb', query: new URLSearchParams(query), headers: { 'content-type': 'application/json' }, body };
}

function openim(path: string, body: string, headers: Record<string, string> = { operationid: '1', 'content-type': 'application/json; charset=utf-8' }): IncomingCallback {
  return { method: 'POST', path, query: new URLSearchParams(), headers, body };
}

const MSG_Q = 'SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI';

describe('validateCallback: Tencent', () => {
  it('a correct message callback has no problems', () => {
    const v = validateCallback(tencent(MSG_Q, C2C), { sdkappid: 1400000000, nowMs: NOW });
    expect(v).toEqual({ protocol: 'tencent', command: 'C2C.CallbackAfterSendMsg', problems: [], notes: [], summary: 'jared → Jonh "red packet"', value: JSON.parse(C2C) });
  });

  it.each([
    [{ CallbackCommand: 'State.StateChange', EventTime: 1, Info: { Action: 'Login' } }, ''],
    [{ CallbackCommand: 'Group.CallbackAfterGroupFull', GroupId: '@TGS#1', EventTime: 1 }, 'to @TGS#1'],
    [{ CallbackCommand: 'C2C.CallbackAfterSendMsg', From_Account: 'a', MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] }, 'from a "hi"'],
  ])('the listen summary of %j has no arrow with a missing side: %j', (body, summary) => {
    const command = body.CallbackCommand;
    const v = validateCallback(tencent(`SdkAppid=1400000000&CallbackCommand=${command}&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI`, JSON.stringify(body)), { nowMs: NOW });
    expect(v.summary).toBe(summary);
  });

  it('a correct push callback: two events, no ClientIP needed', () => {
    const body = JSON.stringify({ Events: [PUSH_EVENT, { ...PUSH_EVENT, EventType: 2, GroupID: '@TGS#1', MsgKey: '' }] });
    const v = validateCallback(tencent('SdkAppid=1&CallbackCommand=Push.OfflinePush&contenttype=json', body), { nowMs: NOW });
    expect(v.problems).toEqual([]);
    expect(v.summary).toBe('2 events, PushID p1');
  });

  it('checks Sign and the 60 s RequestTime window when a token is set (protocols.md §3.2)', () => {
    const signed = (t: number, sign = signCallback('tok', t)): IncomingCallback => tencent(`${MSG_Q}&RequestTime=${t}&Sign=${sign}`, C2C);
    expect(validateCallback(signed(T), { token: 'tok', nowMs: NOW }).problems).toEqual([]);
    expect(validateCallback(signed(T - 60), { token: 'tok', nowMs: NOW }).problems).toEqual([]);
    expect(validateCallback(signed(T - 61), { token: 'tok', nowMs: NOW }).problems).toEqual([
      'expired: RequestTime is 61 s old (the window is 60 s) (rejected as a replay)',
    ]);
    expect(validateCallback(signed(T, signCallback('other', T)), { token: 'tok', nowMs: NOW }).problems).toEqual([
      'Sign does not match sha256(token + RequestTime): wrong token?',
    ]);
    expect(validateCallback(tencent(MSG_Q, C2C), { token: 'tok', nowMs: NOW }).problems).toEqual([
      'no RequestTime parameter (a signed callback carries the time and its signature), but callback authentication is on (token set)',
    ]);
  });

  it.each([
    ['SdkAppid mismatch', 'SdkAppid=1&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&ClientIP=1&OptPlatform=iOS', C2C, "SdkAppid 1 is not this app's 1400000000 (a backend must reject it)"],
    ['no SdkAppid', 'CallbackCommand=C2C.CallbackAfterSendMsg&ClientIP=1&OptPlatform=iOS', C2C, 'no SdkAppid query parameter'],
    ['no ClientIP', 'SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&OptPlatform=iOS', C2C, 'no ClientIP query parameter (message callbacks carry it)'],
    ['contenttype', `${MSG_Q.replace('contenttype=json', 'contenttype=xml')}`, C2C, 'contenttype is "xml" (expected json)'],
    ['body not JSON', MSG_Q, '{"a":', 'the body is not JSON (ValueExpected at 1:6)'],
    ['a control character in a string', MSG_Q, '{"CallbackCommand":"\u001b]0;x\u0007C2C"}', 'the body is not JSON (InvalidCharacter at 1:20)'],
    ['command mismatch', MSG_Q.replace('C2C.CallbackAfterSendMsg', 'C2C.CallbackBeforeSendMsg'), C2C, `the body's CallbackCommand is "C2C.CallbackAfterSendMsg" but the URL says C2C.CallbackBeforeSendMsg`],
    ['no Events', 'SdkAppid=1&CallbackCommand=Push.OfflinePush', '{}', 'Events is missing (push callbacks carry {"Events":[…]})'],
    ['too many events', 'SdkAppid=1&CallbackCommand=Push.OfflinePush', JSON.stringify({ Events: Array(101).fill(PUSH_EVENT) }), 'Events has 101 entries (1 to 100 allowed)'],
  ])('%s', (_name, query, body, problem) => {
    const v = validateCallback(tencent(query, body), { sdkappid: 1400000000, nowMs: NOW });
    expect(v.problems.some((p) => p.startsWith(problem))).toBe(true);
  });

  it('a GET is a problem', () => {
    expect(validateCallback(tencent(MSG_Q, C2C, 'GET'), { nowMs: NOW }).problems).toContain('method GET (callbacks are POST)');
  });
});

describe('validateCallback: OpenIM', () => {
  it('a correct before-offline-push callback', () => {
    const v = validateCallback(openim('/callbackExample/callbackBeforeOfflinePushCommand', OPENIM), { nowMs: NOW });
    expect(v).toEqual({ protocol: 'openim', command: 'callbackBeforeOfflinePushCommand', problems: [], notes: [], summary: 's → 1 user "hi"', value: JSON.parse(OPENIM) });
  });

  it('notes the docs-only name and the bare-URL (v2) style', () => {
    const body = OPENIM.replace('callbackBeforeOfflinePushCommand', 'callbackBeforePushCommand');
    expect(validateCallback(openim('/x/callbackBeforePushCommand', body), { nowMs: NOW }).notes[0]).toMatch(/appears only in OpenIM's docs/);
    const v2 = validateCallback(openim('/hook', OPENIM), { nowMs: NOW });
    expect(v2.protocol).toBe('openim');
    expect(v2.notes[0]).toMatch(/bare URL/);
  });

  it.each([
    ['no operationID', openim('/callbackBeforeOfflinePushCommand', OPENIM, { 'content-type': 'application/json' }), 'no operationID header (OpenIM sends one for tracing)'],
    ['content type', openim('/callbackBeforeOfflinePushCommand', OPENIM, { operationid: '1', 'content-type': 'text/plain' }), 'Content-Type is "text/plain" (expected application/json; charset=utf-8)'],
    ['path/body mismatch', openim('/callbackBeforeOnlinePushCommand', OPENIM), `the body's callbackCommand is "callbackBeforeOfflinePushCommand" but the path says callbackBeforeOnlinePushCommand`],
  ])('%s', (_name, req, problem) => {
    expect(validateCallback(req, { nowMs: NOW }).problems).toContain(problem);
  });

  it('neither protocol: one clear problem', () => {
    const v = validateCallback({ method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: '{}' }, { nowMs: NOW });
    expect(v.protocol).toBe('unknown');
    expect(v.problems).toEqual(['not a callback: no CallbackCommand query parameter (Tencent) and no /callback…Command path (OpenIM)']);
  });
});
