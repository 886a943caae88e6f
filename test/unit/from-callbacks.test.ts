import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatpushError, UsageError } from '../../src/errors.js';
import { extractCallbackTargets } from '../../src/trace/from-callbacks.js';

const ID1 = '69080165_7c2fc07f_a518f930_20000819f001777_2000c6c6c31008c';
const ID2 = '69084b67_5e43f576_d10bf7fb_2000dd83a1ad8f0_2000ffdc06c91d2';
const ID3 = '6909f9a5_6710a4f7_982118a2_20003d6a1496c1b_20001efe44625eb';

const off = (PushID: unknown, ErrCode: unknown = 0) => ({ CallbackCommand: 'Push.OfflinePush', EventType: 1, PushID, ErrCode, ErrInfo: '' });
const all = (TaskId: unknown, To_Account: unknown, ErrCode: unknown = 0) => ({ CallbackCommand: 'Push.AllMemberPush', EventType: 1, TaskId, To_Account, ErrCode });
const body = (...events: unknown[]) => JSON.stringify({ Events: events });
const run = (files: [string, string][], failedOnly = false) => extractCallbackTargets(files.map(([file, text]) => ({ file, text })), { failedOnly });

describe('extractCallbackTargets', () => {
  it.each([
    ['JSON Lines as listen --save writes it', [['cap.jsonl', `${body(off(ID1), off(ID2, 20301))}\n${body(off(ID3))}\n`]], false, [ID1, ID2, ID3]],
    ['--failed keeps ErrCode ≠ 0 only', [['cap.jsonl', `${body(off(ID1), off(ID2, 20301))}\n${body(off(ID3, '800009'))}\n`]], true, [ID2, ID3]],
    ['ErrCode as the string "0" is success', [['cap.jsonl', `${body(off(ID1, '0'), off(ID2, 1))}\n`]], true, [ID2]],
    ['a missing ErrCode is kept by --failed (nothing proves success)', [['cap.jsonl', `${JSON.stringify({ Events: [{ CallbackCommand: 'Push.OfflinePush', PushID: ID1 }] })}\n`]], true, [ID1]],
    ['de-duplicated in first-seen order across files', [['a.jsonl', `${body(off(ID2), off(ID1))}\n`], ['b.json', body(off(ID1), off(ID3), off(ID2))]], false, [ID2, ID1, ID3]],
    ['a single body with // comments (the seed sample)', [['one.json', `{"Events":[ // batch\n${JSON.stringify(off(ID1))}]}`]], false, [ID1]],
    ['a body that is one event, without Events', [['one.json', JSON.stringify(off(ID3))]], false, [ID3]],
    ['an envelope', [['env.json', JSON.stringify({ callbacks: [{ name: 'x', body: { Events: [off(ID2)] } }] })]], false, [ID2]],
    ['other callbacks in the capture are ignored', [['cap.jsonl', `{"CallbackCommand":"C2C.CallbackAfterSendMsg"}\n${body(off(ID1))}\n`]], false, [ID1]],
  ] as const)('%s', (_name, files, failed, ids) => {
    expect(run(files as unknown as [string, string][], failed).pushIds).toEqual(ids);
  });

  it('takes (TaskId, To_Account) pairs from Push.AllMemberPush, de-duplicated, TaskID accepted', () => {
    const r = run([['cap.jsonl', `${body(all('t1', 'u1'), all('t1', 'u2', 5), all('t1', 'u1'))}\n${JSON.stringify({ Events: [{ CallbackCommand: 'Push.AllMemberPush', TaskID: 't2', To_Account: 'u1' }] })}\n`]]);
    expect(r.tasks).toEqual([
      { taskId: 't1', userId: 'u1' },
      { taskId: 't1', userId: 'u2' },
      { taskId: 't2', userId: 'u1' },
    ]);
    expect(r.events).toEqual({ offlinePush: 0, allMemberPush: 4 });
    expect(run([['cap.jsonl', body(all('t1', 'u1'), all('t1', 'u2', 5))]], true).tasks).toEqual([{ taskId: 't1', userId: 'u2' }]);
  });

  it('counts what --failed left out and warns about events it cannot use, with their place', () => {
    const r = run([['cap.jsonl', `${body(off(ID1), off('not a push id!', 3), off(42, 3), all('', 'u', 1))}\n`]], true);
    expect(r.pushIds).toEqual([]);
    expect(r.succeeded).toBe(1);
    expect(r.skipped).toEqual([
      'cap.jsonl:1:1 (event 2): Push.OfflinePush event without a valid PushID',
      'cap.jsonl:1:1 (event 3): Push.OfflinePush event without a valid PushID',
      'cap.jsonl:1:1 (event 4): Push.AllMemberPush event without a valid TaskId and To_Account',
    ]);
  });

  it('is exit 2 for a file without any push event, naming the file', () => {
    expect(() => run([['a.jsonl', body(off(ID1))], ['msgs.jsonl', '{"CallbackCommand":"C2C.CallbackAfterSendMsg"}\n']])).toThrow(/^msgs\.jsonl: no Push\.OfflinePush or Push\.AllMemberPush event/);
    expect(() => run([['empty.json', '{"Events":[]}']])).toThrow(UsageError);
  });

  it('is exit 2 with file:line:col for a file that is not JSON', () => {
    expect(() => run([['cap.jsonl', `${body(off(ID1))}\n{"Events":[\n`]])).toThrow(/^cap\.jsonl:2:/);
  });

  it('never throws anything but a UsageError on hostile input, and every ID it returns is a PushID', () => {
    const event = fc.record({
      CallbackCommand: fc.constantFrom('Push.OfflinePush', 'Push.AllMemberPush', 'x'),
      PushID: fc.oneof(fc.string(), fc.constant(ID1), fc.integer()),
      TaskId: fc.oneof(fc.string(), fc.integer()),
      To_Account: fc.oneof(fc.string(), fc.constant(null)),
      ErrCode: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.array(event, { maxLength: 5 }).map((e) => body(...e)), fc.string(), fc.json())), (lines) => {
        try {
          const r = run([['cap.jsonl', lines.join('\n')]]);
          for (const id of r.pushIds) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/);
          for (const t of r.tasks) expect(t.taskId + t.userId).not.toMatch(/[\u0000-\u001f]/);
          expect(new Set(r.pushIds).size).toBe(r.pushIds.length);
        } catch (err) {
          expect(err).toBeInstanceOf(ChatpushError);
          expect((err as ChatpushError).exitCode).toBe(2);
        }
      }),
      { numRuns: 300 },
    );
  });
});
