import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { buildFreshTemplate, renderFresh, reshape } from '../../src/replay/fresh.js';
import { applySets, parsePath, parseSet } from '../../src/replay/overrides.js';

/** A pinned random source: a fixed sequence of uint32 values, repeated. */
function seq(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe('parsePath', () => {
  it.each([
    ['To_Account', ['To_Account']],
    ['Events[0].PushID', ['Events', 0, 'PushID']],
    ['Events.0.PushID', ['Events', 0, 'PushID']],
    ['Events.*.ErrCode', ['Events', '*', 'ErrCode']],
    ['Events[*].ErrCode', ['Events', '*', 'ErrCode']],
    ['MsgBody[0].MsgContent.Text', ['MsgBody', 0, 'MsgContent', 'Text']],
  ])('%s', (text, path) => {
    expect(parsePath(text)).toEqual(path);
  });

  it.each(['', '.a', 'a.', 'a..b', 'a[x]', 'a[0'])('rejects %j', (text) => {
    expect(() => parsePath(text)).toThrow(UsageError);
  });
});

describe('parseSet', () => {
  it.each([
    ['To_Account=bob', 'bob'],
    ['MsgSeq=42', 42],
    ['To_Account="42"', '42'],
    ['OnlineOnlyFlag=true', true],
    ['MsgBody=[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]', [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }]],
    ['CloudCustomData=', ''],
    ['Text=a=b', 'a=b'],
  ])('%s', (raw, value) => {
    expect(parseSet(raw).value).toEqual(value);
  });

  it.each(['novalue', '=x'])('rejects %j', (raw) => {
    expect(() => parseSet(raw)).toThrow(/needs the form path=value/);
  });
});

describe('applySets', () => {
  const body = '{\n  "CallbackCommand": "Push.OfflinePush",\n  "Events": [ {"To_Account": "u2", "ErrCode": 0}, {"To_Account": "u3", "ErrCode": 0} ]\n}\n';
  const value = JSON.parse(body) as unknown;

  it('rewrites only the changed values; every other byte stays', () => {
    const r = applySets(body, value, [parseSet('Events[1].To_Account=zoe')], 'p.json');
    expect(r.body).toBe(body.replace('"u3"', '"zoe"'));
    expect(r.paths).toEqual([['Events', 1, 'To_Account']]);
    expect(r.warnings).toEqual([]);
  });

  it('* sets every element', () => {
    const r = applySets(body, value, [parseSet('Events.*.ErrCode=7')], 'p.json');
    expect(r.body).toBe(body.replace(/"ErrCode": 0/g, '"ErrCode":7'.replace(':', ': ')));
    expect((r.value as { Events: { ErrCode: number }[] }).Events.map((e) => e.ErrCode)).toEqual([7, 7]);
  });

  it('warns when an override changes a string into a number', () => {
    const r = applySets(body, value, [parseSet('Events.0.To_Account=123')], 'p.json');
    expect(r.warnings).toEqual([`--set Events.0.To_Account changes Events[0].To_Account in p.json from string → number; to keep a string, quote it: --set 'Events.0.To_Account="123"'`]);
  });

  it.each([
    ['To_Account=x', /^--set To_Account: p\.json has no field "To_Account" \(the body has CallbackCommand, Events\)\. Did you mean Events\[0\]\.To_Account\?$/],
    ['Events[5].ErrCode=1', /^--set Events\[5\]\.ErrCode: p\.json has no \[5\] \(Events is an array of 2\)\.$/],
    ['Events.0.ErrCode.x=1', /^--set Events\.0\.ErrCode\.x: p\.json has no field "x" \(Events\[0\]\.ErrCode is number, not an object\)\.$/],
    ['CallbackCommand.*=1', /has no element to match \*/],
  ])('a path that does not exist is an error: %s', (raw, message) => {
    expect(() => applySets(body, value, [parseSet(raw)], 'p.json')).toThrow(message);
  });
});

describe('--fresh', () => {
  const c2c = '{"CallbackCommand":"C2C.CallbackAfterSendMsg", "MsgSeq": 48374, "MsgRandom": 2837546, "MsgTime": 1557481126, "MsgKey": "48374_2837546_1557481126", "EventTime": 1557481126312, "Text": "MsgSeq"}';
  const now = 1_700_000_000_123;

  it('renders new MsgSeq/MsgRandom/MsgTime, a MsgKey built from them, and EventTime in its own unit', () => {
    const t = buildFreshTemplate(c2c)!;
    const out = renderFresh(t, now, seq(11, 22));
    expect(out).toBe(
      '{"CallbackCommand":"C2C.CallbackAfterSendMsg", "MsgSeq": 11, "MsgRandom": 22, "MsgTime": 1700000000, "MsgKey": "11_22_1700000000", "EventTime": 1700000000123, "Text": "MsgSeq"}',
    );
  });

  it('refreshes every event of a batch separately and keeps empty group fields empty', () => {
    const push = '{"Events":[{"MsgKey":"1_2_3","MsgSeq":1,"MsgRandom":2,"PushID":"ab_12"},{"MsgKey":"","MsgSeq":5,"MsgRandom":0,"EventTime":"1670574414123"}]}';
    const out = JSON.parse(renderFresh(buildFreshTemplate(push)!, now, seq(0x10, 0x20, 0x30, 0x40))) as { Events: Record<string, unknown>[] };
    expect(out.Events[0]).toEqual({ MsgKey: '16_32_1700000000', MsgSeq: 16, MsgRandom: 32, PushID: expect.stringMatching(/^[0-9a-f]{2}_\d{2}$/) });
    expect(out.Events[1]).toEqual({ MsgKey: '', MsgSeq: expect.any(Number), MsgRandom: 0, EventTime: '1700000000123' });
  });

  it('leaves fields set with --set alone', () => {
    const t = buildFreshTemplate(c2c, [['MsgSeq']])!;
    expect(JSON.parse(renderFresh(t, now, seq(9))).MsgSeq).toBe(48374);
  });

  it('returns undefined when there is nothing to refresh', () => {
    expect(buildFreshTemplate('{"callbackCommand":"x","content":"y"}')).toBeUndefined();
  });

  it('two sends differ', () => {
    const t = buildFreshTemplate(c2c)!;
    let n = 1;
    const random = (): number => n++;
    expect(renderFresh(t, now, random)).not.toBe(renderFresh(t, now, random));
  });

  it.each([
    ['67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421', /^[0-9a-f]{8}_[0-9a-f]{8}_[0-9a-f]{8}_[0-9a-f]{15}_[0-9a-f]{15}$/],
    ['144115233406643804-1727580296-4026038328', /^\d{18}-\d{10}-\d{10}$/],
    ['c6d8e1f0a2b34c5d9e7f1a2b3c4d5e6f', /^[0-9a-f]{32}$/],
  ])('reshape keeps the shape of %s', (old, shape) => {
    let n = 0x9e3779b9;
    const random = (): number => (n = (Math.imul(n, 1664525) + 1013904223) >>> 0);
    const out = reshape(old, random);
    expect(out).toMatch(shape);
    expect(out).not.toBe(old);
  });
});
