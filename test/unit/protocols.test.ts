import { describe, expect, it } from 'vitest';
import { buildTarget, detectCommand, isMessageCallback, protocolOf, signCallback, type TargetSettings } from '../../src/replay/protocols.js';

describe('signCallback', () => {
  it('matches the official vector (protocols.md §3.2)', () => {
    expect(signCallback('xxxxyyyy', 1669872112)).toBe('17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061');
  });
});

describe('detectCommand', () => {
  it.each([
    [{ CallbackCommand: 'C2C.CallbackAfterSendMsg' }, { protocol: 'tencent', command: 'C2C.CallbackAfterSendMsg' }],
    [{ Events: [{ CallbackCommand: 'Push.OfflinePush' }] }, { protocol: 'tencent', command: 'Push.OfflinePush' }],
    [{ callbackCommand: 'callbackBeforeOfflinePushCommand' }, { protocol: 'openim', command: 'callbackBeforeOfflinePushCommand' }],
    [{ CallbackCommand: '' }, undefined],
    [{ Events: [] }, undefined],
    [{ Events: [1] }, undefined],
    [{ other: 1 }, undefined],
    [[{ CallbackCommand: 'A.B' }], undefined],
    [null, undefined],
  ])('%j → %j', (body, want) => {
    expect(detectCommand(body)).toEqual(want);
  });
});

describe('protocolOf / isMessageCallback', () => {
  it.each([
    ['Push.OfflinePush', 'tencent', false],
    ['C2C.CallbackBeforeSendMsg', 'tencent', true],
    ['State.StateChange', 'tencent', true],
    ['callbackBeforeOnlinePushCommand', 'openim', true],
    ['nonsense', undefined, true],
  ])('%s', (command, protocol, message) => {
    expect(protocolOf(command)).toBe(protocol);
    expect(isMessageCallback(command)).toBe(message);
  });
});

const settings = (url: string, signed = false): TargetSettings => ({
  url: new URL(url),
  rawUrl: url,
  sdkappid: 1400000000,
  clientIp: '10.0.0.7',
  optPlatform: 'iOS',
  signed,
});

describe('buildTarget: Tencent', () => {
  it('push callbacks carry SdkAppid, CallbackCommand and contenttype only (protocols.md §3.1, §4.1)', () => {
    const t = buildTarget({ protocol: 'tencent', command: 'Push.OfflinePush' }, settings('http://127.0.0.1:8080/im/cb'), { value: {} });
    expect(t).toEqual({
      origin: 'http://127.0.0.1:8080',
      path: '/im/cb?SdkAppid=1400000000&CallbackCommand=Push.OfflinePush&contenttype=json',
      sign: false,
      displayUrl: 'http://127.0.0.1:8080/im/cb?SdkAppid=1400000000&CallbackCommand=Push.OfflinePush&contenttype=json',
      headers: { 'content-type': 'application/json' },
      operationId: false,
    });
  });

  it('message callbacks add ClientIP and OptPlatform; the base query is kept; fixture query overrides or removes', () => {
    const t = buildTarget(
      { protocol: 'tencent', command: 'C2C.CallbackAfterSendMsg' },
      settings('http://localhost:9/cb?tenant=a', true),
      { value: {}, query: { OptPlatform: 'Android', ClientIP: null, extra: 'x y' }, headers: { 'Content-Type': 'text/plain', 'X-A': '1' } },
    );
    expect(t.path).toBe('/cb?tenant=a&SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&OptPlatform=Android&extra=x+y');
    expect(t.sign).toBe(true);
    expect(t.headers).toEqual({ 'Content-Type': 'text/plain', 'X-A': '1' });
  });

  it('a fixture that sets Sign itself is sent as written, and the shown URL drops the Sign', () => {
    const t = buildTarget({ protocol: 'tencent', command: 'Push.OfflinePush' }, settings('http://127.0.0.1/', true), {
      value: {},
      query: { RequestTime: '1', Sign: 'deadbeef' },
    });
    expect(t.sign).toBe(false);
    expect(t.path).toContain('&Sign=deadbeef');
    expect(t.displayUrl).not.toContain('Sign');
    expect(t.displayUrl).toContain('RequestTime=1');
  });
});

describe('buildTarget: OpenIM', () => {
  it('posts to url + "/" + command by string concatenation (http_client.go:71 at v3.8.3)', () => {
    const t = buildTarget({ protocol: 'openim', command: 'callbackBeforeOfflinePushCommand' }, settings('http://127.0.0.1:10006/callbackExample'), { value: {} });
    expect(t.path).toBe('/callbackExample/callbackBeforeOfflinePushCommand');
    expect(t.headers).toEqual({ 'content-type': 'application/json; charset=utf-8' });
    expect(t.operationId).toBe(true);
    expect(t.sign).toBe(false);
  });

  it.each([
    ['http://127.0.0.1:10006', '/callbackBeforeOfflinePushCommand'],
    ['http://127.0.0.1:10006/', '//callbackBeforeOfflinePushCommand'],
    ['http://127.0.0.1:10006/hook/', '/hook//callbackBeforeOfflinePushCommand'],
    ['http://127.0.0.1:10006/hook?secret=S', '/hook?secret=S/callbackBeforeOfflinePushCommand'],
  ])('%s → %s (what OpenIM posts to)', (base, path) => {
    expect(buildTarget({ protocol: 'openim', command: 'callbackBeforeOfflinePushCommand' }, settings(base), { value: {} }).path).toBe(path);
  });

  it('the operationID header is the body\'s operationID', () => {
    const t = buildTarget({ protocol: 'openim', command: 'callbackBeforeOfflinePushCommand' }, settings('http://127.0.0.1:1'), { value: { operationID: 'op-1' } });
    expect(t).toMatchObject({ operationId: true, bodyOperationId: 'op-1' });
  });

  it('afterMsgSaveDB adds key to the query Go-style: url.Parse, Query().Set, Encode() sorts the keys', () => {
    const t = buildTarget({ protocol: 'openim', command: 'callbackAfterMsgSaveDBCommand' }, settings('http://127.0.0.1:1/hook?z=1&a=x y'), {
      value: { sendID: 'a', recvID: 'b' },
    });
    const key = Buffer.from('{"sendID":"a","recvID":"b","groupID":""}').toString('base64').replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D');
    expect(t.path).toBe(`/hook?a=x+y%2FcallbackAfterMsgSaveDBCommand&key=${key}&z=1`);
  });

  it('a fixture operationID header is kept as written', () => {
    const t = buildTarget({ protocol: 'openim', command: 'callbackBeforeOnlinePushCommand' }, settings('http://127.0.0.1:1'), {
      value: {},
      headers: { OperationID: 'op-7' },
    });
    expect(t.operationId).toBe(false);
    expect(t.headers).toEqual({ 'content-type': 'application/json; charset=utf-8', OperationID: 'op-7' });
  });

  it('after-send message callbacks get ?key=base64(JSON{sendID,recvID,groupID})', () => {
    const t = buildTarget({ protocol: 'openim', command: 'callbackAfterSendSingleMsgCommand' }, settings('http://127.0.0.1:1/cb'), {
      value: { sendID: 'a', recvID: 'b' },
    });
    const key = new URLSearchParams(t.path.split('?')[1]).get('key')!;
    expect(Buffer.from(key, 'base64').toString()).toBe('{"sendID":"a","recvID":"b","groupID":""}');
  });
});
