/**
 * runCallbacks against real loopback servers, in-process: concurrency, --rate pacing, Sign per send,
 * --fresh per send, and the way transport failures become verdicts or a NetworkError.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { abortableSleep } from '../../src/context.js';
import { NetworkError } from '../../src/errors.js';
import { buildFreshTemplate } from '../../src/replay/fresh.js';
import { buildTarget, signCallback } from '../../src/replay/protocols.js';
import { runCallbacks, type PreparedCallback, type RunOptions } from '../../src/replay/run.js';
import { json, startRecordingServer, type Handler, type RecordingServer } from '../helpers/recording-server.js';

const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(handler?: Handler): Promise<RecordingServer> {
  const s = await startRecordingServer(handler);
  servers.push(s);
  return s;
}

const BODY = '{"CallbackCommand":"C2C.CallbackAfterSendMsg","MsgSeq":1,"MsgRandom":2,"MsgTime":3,"MsgKey":"1_2_3"}';

function prepared(url: string, opts: { signed?: boolean; fresh?: boolean; name?: string; budgetMs?: number } = {}): PreparedCallback {
  const target = buildTarget(
    { protocol: 'tencent', command: 'C2C.CallbackAfterSendMsg' },
    { url: new URL(url), rawUrl: url, sdkappid: 1400000000, clientIp: '127.0.0.1', optPlatform: 'RESTAPI', signed: opts.signed ?? false },
    { value: JSON.parse(BODY) },
  );
  const p: PreparedCallback = {
    name: opts.name ?? 'c2c',
    protocol: 'tencent',
    command: 'C2C.CallbackAfterSendMsg',
    target,
    body: Buffer.from(BODY),
    rule: { protocol: 'tencent', command: 'C2C.CallbackAfterSendMsg', kind: 'after' },
    budgetMs: opts.budgetMs ?? 2000,
  };
  if (opts.fresh) p.fresh = buildFreshTemplate(BODY)!;
  return p;
}

function options(callbacks: PreparedCallback[], extra: Partial<RunOptions> = {}): RunOptions {
  const controller = new AbortController();
  let r = 1;
  return {
    callbacks,
    repeat: 1,
    concurrency: 1,
    now: () => 1_700_000_000_000,
    random: () => r++,
    signal: controller.signal,
    sleep: abortableSleep(controller.signal),
    ...extra,
  };
}

describe('runCallbacks', () => {
  it('sends each callback repeat times and aggregates one row per callback', async () => {
    const s = await server();
    const report = await runCallbacks(options([prepared(s.url, { name: 'a' }), prepared(s.url, { name: 'b' })], { repeat: 5, concurrency: 3 }));
    expect(s.requests).toHaveLength(10);
    expect(report.summary).toMatchObject({ passed: 10, failed: 0 });
    expect(report.results.map((r) => [r.name, r.count, r.passed, r.statusCounts])).toEqual([
      ['a', 5, 5, { '200': 5 }],
      ['b', 5, 5, { '200': 5 }],
    ]);
    expect(s.requests.every((q) => q.body.toString() === BODY)).toBe(true);
  });

  it('keeps at most --concurrency requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const s = await server(async (_req, res) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      json(res, { ActionStatus: 'OK', ErrorCode: 0 });
    });
    await runCallbacks(options([prepared(s.url)], { repeat: 12, concurrency: 4 }));
    expect(peak).toBe(4);
  });

  it('paces --rate on an absolute schedule', async () => {
    const s = await server();
    const t0 = performance.now(); // before the run's own start: the bounds below are only looser for it
    await runCallbacks(options([prepared(s.url)], { repeat: 41, concurrency: 4, rate: 200 }));
    // Slot k is due at start + k × 5 ms, so the i-th arrival (in time order) cannot come before i × 5 ms: never
    // sooner than the schedule. (A span between two requests flaked under load: a late first one shortens it.)
    const arrivals = s.requests.map((q) => q.at - t0).sort((x, y) => x - y);
    arrivals.forEach((at, i) => expect(at, `arrival ${i}`).toBeGreaterThanOrEqual(i * 5 - 1));
    // Later only by what a busy machine adds.
    expect(arrivals[40]!).toBeLessThan(1000);
  });

  it('adds RequestTime and a fresh Sign, and --fresh gives every send new ids', async () => {
    const s = await server();
    await runCallbacks(options([prepared(s.url, { signed: true, fresh: true })], { repeat: 3, token: 'tok' }));
    for (const q of s.requests) {
      expect(q.query.RequestTime).toBe('1700000000');
      expect(q.query.Sign).toBe(signCallback('tok', 1700000000));
    }
    const bodies = s.requests.map((q) => JSON.parse(q.body.toString()) as { MsgSeq: number; MsgKey: string });
    expect(new Set(bodies.map((b) => b.MsgKey)).size).toBe(3);
    expect(bodies.every((b) => b.MsgKey.startsWith(`${b.MsgSeq}_`))).toBe(true);
  });

  it('a reply slower than the budget fails the callback; a reset fails it too', async () => {
    const slow = await server(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 300));
      json(res, { ActionStatus: 'OK', ErrorCode: 0 });
    });
    const reset = await server((_req, res) => {
      res.socket?.destroy();
    });
    const report = await runCallbacks(options([prepared(slow.url, { name: 'slow', budgetMs: 100 }), prepared(reset.url, { name: 'reset', budgetMs: 100 })]));
    expect(report.results.map((r) => [r.name, r.pass, r.status, r.decision, r.reason])).toEqual([
      ['slow', false, null, 'error', 'no reply within the 100 ms budget: Tencent counts a failed callback'],
      ['reset', false, null, 'error', 'connection closed before a complete reply (reset by the backend): Tencent counts a failed callback'],
    ]);
  });

  it('nothing listening is a NetworkError (exit 6)', async () => {
    const s = await server();
    const url = s.url;
    await s.close();
    servers.length = 0;
    await expect(runCallbacks(options([prepared(url)]))).rejects.toThrow(NetworkError);
    await expect(runCallbacks(options([prepared(url)]))).rejects.toThrow(/connection refused by 127\.0\.0\.1:\d+/);
  });

  it('stops when the signal aborts and reports what was answered until then', async () => {
    const s = await server(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 50));
      json(res, { ActionStatus: 'OK', ErrorCode: 0 });
    });
    const controller = new AbortController();
    const o = options([prepared(s.url)], { repeat: 1000, concurrency: 2, signal: controller.signal, sleep: abortableSleep(controller.signal) });
    setTimeout(() => controller.abort(), 120);
    const report = await runCallbacks(o);
    expect(s.requests.length).toBeLessThan(20);
    const answered = report.summary.passed + report.summary.failed;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(s.requests.length + 1);
    expect(report.summary.interrupted).toBe(true);
    expect(report.interrupted).toEqual({ answered, planned: 1000 });
    expect(report.results[0]).toMatchObject({ pass: true, count: answered });
  });

  it('a finished run is not marked interrupted', async () => {
    const s = await server();
    const report = await runCallbacks(options([prepared(s.url)], { repeat: 3 }));
    expect(report.interrupted).toBeUndefined();
    expect(report.summary).not.toHaveProperty('interrupted');
  });
});
