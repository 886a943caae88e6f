import { describe, expect, it } from 'vitest';
import { AuthError, InterruptedError, NetworkError } from '../../src/errors.js';
import { exitCodeFor, judge, runTraceSession, watchDelay, withoutWatchAdvice, type SessionOptions } from '../../src/trace/session.js';
import { forTask } from '../../src/trace/online-verdict.js';
import { instance, response } from '../helpers/trace-samples.js';

const PENDING = response(instance({ offline: 1, channel: 1, device: 0 }));
const DELIVERED = response(instance({ offline: 1, channel: 1, device: 1 }));
const FAILED = response(instance({ offline: 1, channel: 2 }));
const EMPTY = response();
const NOTIFICATIONS_OFF = response(instance({ offline: 1, channel: 1, device: 0, fields: { NotificationStatus: 0 } }));
const CLICKED = response(instance({ offline: 1, channel: 1, device: 1, click: 1 }));

/** A session over scripted answers per PushID, with a fake clock. */
function session(answers: Record<string, unknown[]>, opts: Partial<SessionOptions> = {}) {
  let t = 0;
  const calls: string[] = [];
  const slept: number[] = [];
  const run = (ids: string[]) =>
    runTraceSession(ids, {
      expect: 'device',
      watch: false,
      watchTimeoutMs: 10_000,
      now: () => t,
      sleep: async (ms) => {
        slept.push(ms);
        t += ms;
      },
      fetch: async (id) => {
        calls.push(id);
        t += 100;
        const list = answers[id]!;
        const a = list.length > 1 ? list.shift() : list[0];
        if (a instanceof Error) throw a;
        return a;
      },
      ...opts,
    });
  return { run, calls, slept };
}

describe('exitCodeFor / watchDelay', () => {
  it.each([
    ['reached', 0],
    ['failed', 1],
    ['pending', 1],
    ['not_found', 7],
  ] as const)('%s → %d', (outcome, code) => {
    expect(exitCodeFor(outcome)).toBe(code);
  });

  it.each([
    [0, 1000],
    [4, 2000],
    [100, 5000],
  ])('round %d waits %d ms', (round, ms) => {
    expect(watchDelay(round)).toBe(ms);
  });
});

describe('runTraceSession', () => {
  it('traces each PushID once, in order, with per-PushID exit codes', async () => {
    const s = session({ a: [DELIVERED], b: [FAILED], c: [EMPTY], d: [PENDING] });
    const { results, skipped } = await s.run(['a', 'b', 'c', 'd']);
    expect(results.map((r) => [r.pushId, r.exitCode])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 7],
      ['d', 1],
    ]);
    expect(skipped).toEqual([]);
    expect(s.calls).toEqual(['a', 'b', 'c', 'd']);
  });

  it('records a failed lookup and goes on, but stops after an auth error', async () => {
    const s = session({ a: [new NetworkError('down')], b: [new AuthError('no', 70009)], c: [DELIVERED] });
    const { results, skipped } = await s.run(['a', 'b', 'c']);
    expect(results.map((r) => [r.pushId, r.exitCode])).toEqual([
      ['a', 6],
      ['b', 4],
    ]);
    expect(skipped).toEqual(['c']);
  });

  it('with --watch polls until the expected stage succeeds', async () => {
    const s = session({ a: [EMPTY, PENDING, PENDING, DELIVERED] }, { watch: true });
    const { results } = await s.run(['a']);
    expect(results[0]!.exitCode).toBe(0);
    expect(s.calls).toHaveLength(4);
    expect(s.slept).toEqual([1000, 1250, 1500]);
  });

  it('with --watch stops at a definite failure', async () => {
    const s = session({ a: [PENDING, FAILED, DELIVERED] }, { watch: true });
    const { results } = await s.run(['a']);
    expect(results[0]!.exitCode).toBe(1);
    expect(s.calls).toHaveLength(2);
  });

  it('with --watch ends pending at the deadline with exit 8 and the last state', async () => {
    const s = session({ a: [PENDING], b: [DELIVERED], c: [EMPTY] }, { watch: true, watchTimeoutMs: 4000 });
    const { results } = await s.run(['a', 'b', 'c']);
    expect(results.map((r) => [r.pushId, r.exitCode])).toEqual([
      ['a', 8],
      ['b', 0],
      ['c', 8],
    ]);
    expect(results[0]!.diag?.verdict).toBe('pending');
    expect(results[0]!.error?.message).toMatch(/"device" not reached yet after watching for 4 s/);
    expect(results[2]!.error?.message).toMatch(/still no trace data/);
    expect(s.calls.filter((c) => c === 'b')).toHaveLength(1);
  });

  it('with --watch stops at once on a stall waiting cannot change (notifications off)', async () => {
    const s = session({ a: [NOTIFICATIONS_OFF, DELIVERED] }, { watch: true });
    const { results } = await s.run(['a']);
    expect(results[0]!.exitCode).toBe(1);
    expect(results[0]!.diag?.cause).toBe('notification_off');
    expect(s.calls).toHaveLength(1);
    expect(s.slept).toEqual([]);
  });

  it('Ctrl-C during --watch settles what was watched with its last state and exit 130', async () => {
    let sleeps = 0;
    const s = session({ a: [DELIVERED], b: [PENDING] }, {
      watch: true,
      sleep: async () => {
        if (++sleeps === 2) throw new InterruptedError();
      },
    });
    const { results, interrupted, skipped } = await s.run(['a', 'b']);
    expect(interrupted).toBe(true);
    expect(skipped).toEqual([]);
    expect(results.map((r) => [r.pushId, r.exitCode, r.interrupted ?? false])).toEqual([
      ['a', 0, false],
      ['b', 130, true],
    ]);
    expect(results[1]!.diag?.verdict).toBe('pending');
  });

  it.each([
    ['device', 'Nothing to fix; use --expect click if a click is required.'],
    ['click', 'With --expect click this counts as not reached: wait for the user to open it, or trace again later.'],
  ] as const)('a delivered push with --expect %s: next step "%s"', async (expect_, next) => {
    const s = session({ a: [DELIVERED] }, { expect: expect_ });
    const { results } = await s.run(['a']);
    expect(results[0]!.diag?.next).toBe(next);
    expect(results[0]!.diag?.hint).toContain(next);
  });

  it('a clicked push keeps its own next step with --expect click', async () => {
    const s = session({ a: [CLICKED] }, { expect: 'click' });
    const { results } = await s.run(['a']);
    expect(results[0]!.exitCode).toBe(0);
    expect(results[0]!.diag?.next).toBe('');
  });

  it('with --watch, a poll cut short at the deadline ends pending (exit 8, last state), not as a network error', async () => {
    let t = 0;
    let calls = 0;
    const { results } = await runTraceSession(['a'], {
      expect: 'device',
      watch: true,
      watchTimeoutMs: 1500,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
      fetch: async () => {
        if (++calls === 1) return PENDING;
        t = 1500; // the client gave this request only the time left, and it ran out
        throw new NetworkError('no answer from h.example in time.');
      },
    });
    expect(results.map((r) => r.exitCode)).toEqual([8]);
    expect(results[0]!.diag?.verdict).toBe('pending');
    expect(results[0]!.error?.message).toMatch(/"device" not reached yet after watching for 1\.5 s/);
  });

  it('without --watch a network error stays a network error', async () => {
    const s = session({ a: [new NetworkError('refused')] });
    const { results } = await s.run(['a']);
    expect(results[0]!.exitCode).toBe(6);
  });
});

describe('verdicts reached under --watch do not advise --watch', () => {
  it.each([
    [false, true],
    [true, false],
  ])('watching=%s: the not-found advice mentions --watch: %s', (watching, mentions) => {
    const r = judge('p1', 0, { ActionStatus: 'OK', ErrorCode: 0, InstanceTrace: [] }, 'device', watching);
    expect(r.diag!.cause).toBe('not_found');
    expect(r.diag!.next.includes('--watch')).toBe(mentions);
    expect(r.diag!.hint.includes('--watch')).toBe(mentions);
    expect(r.diag!.next).toMatch(/new pushes can take a few seconds to appear\.?/);
  });

  it('a task recipient with no data, watched, is not told to try --watch', () => {
    const diag = judge('T/u', 0, { ActionStatus: 'OK', ErrorCode: 0, InstanceTrace: [] }, 'device').diag!;
    expect(forTask(diag, 'T', 'u').next).toContain('(try --watch)');
    expect(withoutWatchAdvice(forTask(diag, 'T', 'u')).hint).not.toContain('--watch');
  });
});
