/** startListener in-process on 127.0.0.1:0: answers, reply modes, Sign checks and events. */
import { afterEach, describe, expect, it } from 'vitest';
import { signCallback } from '../../src/replay/protocols.js';
import { startListener, type Listener, type ListenerOptions, type ListenEvent } from '../../src/servers/listen.js';

const listeners: Listener[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

async function listen(opts: ListenerOptions = {}): Promise<{ l: Listener; events: ListenEvent[] }> {
  const events: ListenEvent[] = [];
  const l = await startListener({ port: 0, now: () => 1_700_000_000_000, ...opts, onCallback: (e) => events.push(e) });
  listeners.push(l);
  return { l, events };
}

const C2C = JSON.stringify({
  CallbackCommand: 'C2C.CallbackBeforeSendMsg',
  From_Account: 'a',
  To_Account: 'b',
  MsgSeq: 1,
  MsgRandom: 2,
  MsgTime: 3,
  MsgKey: '1_2_3',
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
});
const Q = 'SdkAppid=1400000000&CallbackCommand=C2C.CallbackBeforeSendMsg&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI';
const IM = JSON.stringify({ callbackCommand: 'callbackBeforeOnlinePushCommand', userIDList: ['u'], sendID: 's', clientMsgID: 'c', contentType: 101, sessionType: 1 });
const IM_HEADERS = { operationID: '1', 'content-type': 'application/json; charset=utf-8' };

async function post(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; json: unknown; ms: number }> {
  const t = performance.now();
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, json: await res.json(), ms: performance.now() - t };
}

describe('startListener', () => {
  it('answers a body over 1 MiB with 413 and reports it as a rejected callback', async () => {
    const { l, events } = await listen();
    const r = await post(`${l.url}/?${Q}`, `{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}`);
    expect(r.status).toBe(413);
    expect(r.json).toEqual({ error: 'chatpush listen: body larger than 1 MiB' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ answer: 'rejected', status: 413, problems: ['body larger than 1 MiB'], path: '/' });
  });

  it('answers a valid Tencent callback like a correct backend and reports it', async () => {
    const { l, events } = await listen({ sdkappid: 1400000000 });
    expect(l.url).toBe(`http://127.0.0.1:${l.port}`);
    const r = await post(`${l.url}/?${Q}`, C2C);
    expect(r).toMatchObject({ status: 200, json: { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 } });
    expect(events).toEqual([
      {
        at: 1_700_000_000_000,
        method: 'POST',
        path: '/',
        protocol: 'tencent',
        command: 'C2C.CallbackBeforeSendMsg',
        problems: [],
        notes: [],
        summary: 'a → b "hi"',
        // The body lacks OnlineOnlyFlag (reference/callbacks.md §A6.3): shown, yet answered as --reply says.
        violations: [{ path: '/', reason: 'missing required field "OnlineOnlyFlag"' }],
        known: true,
        answer: 'ok',
        status: 200,
        bytes: Buffer.byteLength(C2C),
        body: C2C,
      },
    ]);
  });

  it('checks bodies against the schemas: each violation with its path; unknown commands noted, still answered', async () => {
    const { l, events } = await listen();
    const bad = JSON.stringify({ ...JSON.parse(C2C), OnlineOnlyFlag: 0, MsgSeq: '1', MsgBody: [] });
    expect((await post(`${l.url}/?${Q}`, bad)).json).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
    expect(events[0]!.violations).toEqual([
      { path: '/MsgSeq', reason: 'should be integer' },
      { path: '/MsgBody', reason: 'must NOT have fewer than 1 items' },
    ]);
    const q = Q.replace('C2C.CallbackBeforeSendMsg', 'C2C.CallbackSomethingNew');
    const unknown = JSON.stringify({ ...JSON.parse(C2C), CallbackCommand: 'C2C.CallbackSomethingNew' });
    expect((await post(`${l.url}/?${q}`, unknown)).status).toBe(200);
    expect(events[1]).toMatchObject({ known: false, violations: [], answer: 'ok' });
    expect(events[1]!.notes).toContain("unknown command C2C.CallbackSomethingNew: not in chatpush's catalogue, so its body was not checked");
    const im = JSON.stringify({ ...JSON.parse(IM), userIDList: 'u' });
    await post(`${l.url}/callbackExample/callbackBeforeOnlinePushCommand`, im, IM_HEADERS);
    expect(events[2]!.violations.map((v) => v.path)).toContain('/userIDList');
  });

  it('answers a valid OpenIM callback with actionCode 0 / nextCode 0', async () => {
    const { l } = await listen();
    expect((await post(`${l.url}/callbackExample/callbackBeforeOnlinePushCommand`, IM, IM_HEADERS)).json).toEqual({
      actionCode: 0,
      errCode: 0,
      errMsg: '',
      errDlt: '',
      nextCode: 0,
    });
  });

  it('--reply fail: Tencent FAIL, OpenIM refusal', async () => {
    const { l, events } = await listen({ reply: 'fail' });
    expect((await post(`${l.url}/?${Q}`, C2C)).json).toEqual({ ActionStatus: 'FAIL', ErrorInfo: 'chatpush listen --reply fail', ErrorCode: 1 });
    expect((await post(`${l.url}/callbackBeforeOnlinePushCommand`, IM, IM_HEADERS)).json).toMatchObject({ actionCode: 0, nextCode: 1, errCode: 5001 });
    expect(events.map((e) => e.answer)).toEqual(['fail', 'fail']);
  });

  it('--reply slow answers after slowMs', async () => {
    const { l } = await listen({ reply: 'slow', slowMs: 150 });
    const r = await post(`${l.url}/?${Q}`, C2C);
    expect(r.json).toMatchObject({ ActionStatus: 'OK' });
    expect(r.ms).toBeGreaterThanOrEqual(140);
  });

  it('rejects a wrong SdkAppid or Sign with a FAIL reply naming the problem', async () => {
    const { l, events } = await listen({ sdkappid: 1400000001, token: 'tok' });
    const t = 1_700_000_000;
    const r = await post(`${l.url}/?${Q}&RequestTime=${t}&Sign=${signCallback('nope', t)}`, C2C);
    expect(r.json).toEqual({
      ActionStatus: 'FAIL',
      ErrorCode: 1,
      ErrorInfo: "chatpush listen: SdkAppid 1400000000 is not this app's 1400000001 (a backend must reject it); Sign does not match sha256(token + RequestTime): wrong token?",
    });
    expect(events[0]!.answer).toBe('rejected');
    const ok = await post(`${l.url}/?${Q.replace('1400000000', '1400000001')}&RequestTime=${t}&Sign=${signCallback('tok', t)}`, C2C);
    expect(ok.json).toMatchObject({ ActionStatus: 'OK' });
  });

  it('answers 400 to something that is no callback, and 405 to a GET', async () => {
    const { l } = await listen();
    expect((await post(`${l.url}/hello`, '{}')).status).toBe(400);
    const res = await fetch(`${l.url}/`);
    expect(res.status).toBe(405);
  });

  it('close() ends pending slow replies promptly', async () => {
    const { l } = await listen({ reply: 'slow', slowMs: 10_000 });
    const pending = fetch(`${l.url}/?${Q}`, { method: 'POST', body: C2C }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t = performance.now();
    await l.close();
    listeners.length = 0;
    expect(await pending).toBeInstanceOf(Error);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
