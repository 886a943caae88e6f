/**
 * OpenIM's verdict on webhook replies (src/callbacks/decide-openim.ts), table-driven: each row is a reply body
 * and the decision open-im-server 3.8 reaches (reference/callbacks.md §B3: json.Unmarshal into the response
 * struct, then actionCode 0 + nextCode 1 refuses). Go's decoding rules are emulated in go-json.ts.
 */
import { describe, expect, it } from 'vitest';
import { decideOpenIm, decideOpenImFailure, OPENIM_BUDGET_MS, type OpenImRule } from '../../src/callbacks/decide-openim.js';

const GO_TYPES = {
  OfflinePushInfo: { title: 'string', desc: 'string', ex: 'string', iOSPushSound: 'string', iOSBadgeCount: 'bool', signalInfo: 'string' },
};
const PUSH: OpenImRule = { command: 'callbackBeforeOfflinePushCommand', kind: 'before', response: { userIDList: '[]string', offlinePushInfo: '*OfflinePushInfo' } };
const AFTER: OpenImRule = { command: 'callbackAfterSendSingleMsgCommand', kind: 'after', response: {} };

function decide(body: string | Uint8Array, opts: { status?: number; rule?: OpenImRule; latencyMs?: number; expect?: Record<string, unknown> } = {}) {
  return decideOpenIm(
    opts.rule ?? PUSH,
    { status: opts.status ?? 200, body: typeof body === 'string' ? Buffer.from(body) : body, latencyMs: opts.latencyMs ?? 5 },
    { budgetMs: OPENIM_BUDGET_MS, goTypes: GO_TYPES, expect: opts.expect, request: { userIDList: ['u1'], title: 'Anna' } },
  );
}

describe('decideOpenIm: the decision OpenIM 3.8 takes', () => {
  it.each([
    // [reply body, decision, has warnings]
    ['{"actionCode":0,"errCode":0,"errMsg":"","errDlt":"","nextCode":0}', 'continue', false],
    ['{"errCode":0,"errMsg":""}', 'continue', true], // a real receiver's reply: no actionCode → 0, goes on
    ['{}', 'continue', true],
    ['null', 'continue', true],
    ['  null \n', 'continue', true],
    ['{"ActionCode":0,"NextCode":0}', 'continue', true],
    ['{"actionCode":null,"nextCode":0}', 'continue', true],
    ['{"actionCode":0,"errCode":5001,"nextCode":0}', 'continue', true],
    ['{"ActionStatus":"OK","ErrorCode":0}', 'continue', true], // Tencent-style: unknown keys ignored
    ['{"actioncode":1,"nextcode":1}', 'continue', true], // actionCode ≠ 0: not a refusal
    ['{"actionCode":0,"nextCode":1,"nextCode":0}', 'continue', true], // last duplicate wins
    ['{"actionCode":0,"nextCode":2}', 'continue', true],
    ['{"actionCode":-0,"nextCode":0}', 'continue', false],
    ['{"actionCode":0,"nextCode":1,"errCode":5001,"errMsg":"muted"}', 'refused', false],
    ['{"ActionCode":0,"NEXTCODE":1}', 'refused', true],
    ['{"actionCode":0,"NextCode":1}', 'refused', true],
    ['{"nextCode":1}', 'refused', true],
    ['{"actionCode":0,"nextCode":0,"nextCode":1}', 'refused', true],
    ['{"actionCode":0,"nextCode":1,"nextCode":null}', 'refused', true], // null leaves an int32 as it was
    ['{"actionCode":0,"ne\\u0078tCode":1,"errCode":7}', 'refused', false], // escaped key
    ['{"actionCode":0.0,"nextCode":0}', 'blocked', false],
    ['{"actionCode":1e0}', 'blocked', false],
    ['{"actionCode":1E0}', 'blocked', false],
    ['{"nextCode":1.5}', 'blocked', false],
    ['{"nextCode":"1"}', 'blocked', false],
    ['{"nextCode":""}', 'blocked', false], // the OpenIM docs' own sample reply
    ['{"nextCode":2147483648}', 'blocked', false],
    ['{"nextCode":-2147483649}', 'blocked', false],
    ['{"nextCode":4294967297}', 'blocked', false],
    ['{"nextCode":1e400}', 'blocked', false],
    ['{"errCode":2147483647,"nextCode":-2147483648}', 'continue', true],
    ['{"actionCode":true}', 'blocked', false],
    ['{"errMsg":5}', 'blocked', false],
    ['{"userIDList":"u1"}', 'blocked', false],
    ['{"userIDList":[1]}', 'blocked', false],
    ['{"offlinePushInfo":{"title":5}}', 'blocked', false],
    ['{"offlinePushInfo":{"iOSBadgeCount":"1"}}', 'blocked', false],
    ['{"offlinePushInfo":"x"}', 'blocked', false],
    ['{"offlinePushInfo":null,"userIDList":null}', 'continue', true],
    ['', 'blocked', false],
    ['   ', 'blocked', false],
    ['[]', 'blocked', false],
    ['"ok"', 'blocked', false],
    ['0', 'blocked', false],
    ['true', 'blocked', false],
    ['{"actionCode":0} trailing', 'blocked', false],
    ['{"actionCode":0}{}', 'blocked', false],
    ['<html>502 Bad Gateway</html>', 'blocked', false],
    ['{"actionCode":0,}', 'blocked', false],
    ['{"a":"\u0001"}', 'blocked', false], // raw control character in a string
    ['{"a":"\\x"}', 'blocked', false],
  ])('%s → %s', (body, decision, warned) => {
    const v = decide(body);
    expect(v.decision).toBe(decision);
    expect(v.warnings.length > 0).toBe(warned);
    expect(v.pass).toBe(decision === 'continue');
  });

  it('ignores the HTTP status, with a warning (HTTP 500 with a valid body goes on)', () => {
    const v = decide('{"actionCode":0,"errCode":0,"nextCode":0}', { status: 500 });
    expect(v).toMatchObject({ decision: 'continue', pass: true });
    expect(v.warnings).toEqual(['HTTP 500: OpenIM ignores the status and reads only the body']);
  });

  it('a reply after 3 s is within OpenIM’s 5 s budget; after 5 s it blocks', () => {
    expect(decide('{}', { latencyMs: 3000 }).decision).toBe('continue');
    expect(decide('{}', { latencyMs: 5001 })).toMatchObject({ decision: 'blocked', pass: false });
  });

  it('names the Go error for a mistyped field', () => {
    expect(decide('{"offlinePushInfo":{"title":5}}').reason).toContain('cannot unmarshal number 5 into Go struct field offlinePushInfo.title of type string');
    expect(decide('{"nextCode":1.0}').reason).toContain('number 1.0');
    expect(decide('').reason).toContain('unexpected end of JSON input');
  });

  it('deep JSON: 10000 levels decode, 10001 exceed Go’s limit and block', () => {
    const deep = (n: number): string => `{"x":${'['.repeat(n - 1)}${']'.repeat(n - 1)},"actionCode":0}`;
    expect(decide(deep(10000)).decision).toBe('continue');
    expect(decide(deep(10001))).toMatchObject({ decision: 'blocked' });
    expect(decide(deep(10001)).reason).toContain('exceeded max depth');
    expect(decide('['.repeat(200000)).decision).toBe('blocked');
  });

  it('invalid UTF-8 inside a string is accepted (Go substitutes U+FFFD), outside it is a syntax error', () => {
    const inString = Buffer.concat([Buffer.from('{"errMsg":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","nextCode":0}')]);
    const v = decide(inString);
    expect(v.decision).toBe('continue');
    expect(v.warnings.join()).toMatch(/not UTF-8/);
    expect(decide(Buffer.concat([Buffer.from('{"a":1'), Buffer.from([0xff]), Buffer.from('}')])).decision).toBe('blocked');
  });

  it('a refusal passes only when the fixture expects it', () => {
    expect(decide('{"actionCode":0,"nextCode":1}', { expect: { nextCode: 1 } })).toMatchObject({ decision: 'refused', pass: true });
    expect(decide('{"actionCode":0,"nextCode":0}', { expect: { nextCode: 1 } })).toMatchObject({ decision: 'continue', pass: false });
  });

  it('after-webhooks: nothing is stopped; a broken reply is an error (logged by OpenIM)', () => {
    expect(decide('{"actionCode":0,"nextCode":1}', { rule: AFTER })).toMatchObject({ decision: 'continue', pass: true });
    expect(decide('oops', { rule: AFTER })).toMatchObject({ decision: 'error', pass: false });
    expect(decideOpenImFailure(AFTER, 'no reply')).toMatchObject({ decision: 'error', pass: false });
    expect(decideOpenImFailure(PUSH, 'no reply')).toMatchObject({ decision: 'blocked', pass: false });
  });

  it('lists the fields a before-push reply replaces', () => {
    const v = decide('{"actionCode":0,"userIDList":["u2"],"offlinePushInfo":{"title":"Hi"}}');
    expect(v.decision).toBe('continue');
    expect(v.changes).toEqual([
      { path: 'userIDList[0]', from: 'u1', to: 'u2' },
      { path: 'offlinePushInfo.title', from: 'Anna', to: 'Hi' },
    ]);
  });

  it('a reply cut for size is reported, not judged', () => {
    const v = decideOpenIm(PUSH, { status: 200, body: Buffer.from('{"x":"'), latencyMs: 1, cutFrom: 64 << 20 }, { budgetMs: 5000, goTypes: GO_TYPES });
    expect(v).toMatchObject({ decision: 'error', pass: false });
    expect(v.reason).toContain('67108864 bytes');
  });

  it('beforeSetGroupInfo: a reply without groupID blocks the update (OpenIM copies "" and finds no group); missing names blank them', () => {
    const rule: OpenImRule = {
      command: 'callbackBeforeSetGroupInfoCommand',
      kind: 'before',
      response: { groupID: 'string', groupName: 'string', notification: 'string', introduction: 'string', faceURL: 'string', ex: '*string', needVerification: '*int32', lookMemberInfo: '*int32', applyMemberFriend: '*int32' },
    };
    const request = { groupID: 'g1', groupName: 'Dinner club', introduction: 'Fridays', faceURL: '' };
    const run = (body: string) => decideOpenIm(rule, { status: 200, body: Buffer.from(body), latencyMs: 1 }, { budgetMs: 5000, goTypes: {}, request });
    expect(run('{"actionCode":0,"errCode":0,"nextCode":0}')).toMatchObject({ decision: 'blocked', pass: false });
    expect(run('{"actionCode":0}').reason).toContain('echo groupID');
    const v = run('{"actionCode":0,"groupID":"g1"}');
    expect(v).toMatchObject({ decision: 'continue', pass: true });
    expect(v.warnings).toEqual([
      "groupName missing from the reply: OpenIM copies it anyway and blanks the group's groupName (echo it)",
      "introduction missing from the reply: OpenIM copies it anyway and blanks the group's introduction (echo it)",
    ]);
    expect(run('{"actionCode":0,"groupID":"g1","groupName":"Dinner club","introduction":"Fridays"}').warnings).toEqual([]);
    // null decodes to zero values: the empty groupID is copied all the same.
    expect(run('null').decision).toBe('blocked');
  });

  it.each([
    // [command, response struct, request, reply, decision]
    ['callbackBeforeUpdateUserInfoExCommand', { nickName: 'StringValue', faceURL: 'StringValue', ex: 'StringValue' }, { userID: 'u', nickName: 'A', faceURL: null, ex: null }, '{"nickName":"B"}', 'continue'],
    ['callbackBeforeUpdateUserInfoExCommand', { nickName: 'StringValue', faceURL: 'StringValue', ex: 'StringValue' }, { userID: 'u', nickName: 'A', faceURL: null, ex: null }, '{"ex":"x"}', 'blocked'],
    ['callbackBeforeUpdateUserInfoExCommand', { nickName: 'StringValue', faceURL: 'StringValue', ex: 'StringValue' }, { userID: 'u', nickName: 'A', faceURL: null, ex: null }, '{"faceURL":"f","ex":null}', 'blocked'],
    ['callbackBeforeMembersJoinGroupCommand', { memberCallbackList: '[]*MemberJoinGroupCallBack' }, {}, '{"memberCallbackList":[{"userID":"u","roleLevel":60}]}', 'continue'],
    ['callbackBeforeMembersJoinGroupCommand', { memberCallbackList: '[]*MemberJoinGroupCallBack' }, {}, '{"memberCallbackList":[null]}', 'blocked'],
    ['callbackBeforeMembersJoinGroupCommand', { memberCallbackList: '[]*MemberJoinGroupCallBack' }, {}, '{"memberCallbackList":[{"roleLevel":60}]}', 'blocked'],
    ['callbackBeforeMembersJoinGroupCommand', { memberCallbackList: '[]*MemberJoinGroupCallBack' }, {}, '{"memberCallbackList":[{"roleLevel":"60","userID":"u"}]}', 'blocked'],
  ])('%s: nil dereferences in the server (O11): %s → %s', (command, response, request, body, decision) => {
    const goTypes = { MemberJoinGroupCallBack: { userID: '*string', nickname: '*string', faceURL: '*string', roleLevel: '*int32', muteEndTime: '*int64', ex: '*string' } };
    const v = decideOpenIm({ command, kind: 'before', response }, { status: 200, body: Buffer.from(body), latencyMs: 1 }, { budgetMs: 5000, goTypes, request });
    expect(v.decision).toBe(decision);
  });
});
