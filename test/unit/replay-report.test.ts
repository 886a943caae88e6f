import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderJunit, xmlEscape } from '../../src/render/junit.js';
import { decisionWords } from '../../src/callbacks/decision.js';
import { columns, formatMs, renderReplayReport } from '../../src/render/replay-report.js';
import { displayWidth } from '../../src/render/width.js';
import { buildReport, LatencyRecorder, RowStats, type ReplayReport } from '../../src/replay/stats.js';

const plain = new Chalk({ level: 0 });

function report(): ReplayReport {
  const a = new RowStats('Push.OfflinePush.json', 'tencent', 'Push.OfflinePush', 'http://127.0.0.1:5411/?SdkAppid=1400000000&CallbackCommand=Push.OfflinePush&contenttype=json');
  const b = new RowStats('forbid', 'tencent', 'C2C.CallbackBeforeSendMsg', 'http://127.0.0.1:5411/?x');
  const c = new RowStats('refuse <&>', 'openim', 'callbackBeforeOfflinePushCommand', 'http://127.0.0.1:5411/callbackBeforeOfflinePushCommand');
  const lat = new LatencyRecorder();
  const add = (row: RowStats, o: Parameters<RowStats['add']>[0]): void => {
    row.add(o);
    lat.record(o.latencyMs);
  };
  add(a, { pass: true, status: 200, latencyMs: 2.34, reason: 'ActionStatus OK, ErrorCode 0', reply: { ActionStatus: 'OK' }, decision: 'continue', warnings: [] });
  add(b, { pass: false, status: 500, latencyMs: 12.6, reason: 'HTTP 500 (expected 200)', reply: 'oops', decision: 'error', warnings: [] });
  add(c, { pass: false, status: null, latencyMs: 2000.4, reason: 'no reply within the 2000 ms budget', reply: null, decision: 'blocked', warnings: [] });
  return buildReport([a, b, c], lat, 2100);
}

/** A run Ctrl-C stopped after 40 of 300 requests: one callback answered 40 times, two never answered. */
function interruptedReport(): ReplayReport {
  const a = new RowStats('c2c.json', 'tencent', 'C2C.CallbackAfterSendMsg', 'u');
  const b = new RowStats('group.json', 'tencent', 'Group.CallbackAfterSendMsg', 'u');
  const c = new RowStats('push.json', 'openim', 'callbackBeforeOfflinePushCommand', 'u');
  const lat = new LatencyRecorder();
  for (let i = 0; i < 40; i++) {
    a.add({ pass: true, status: 200, latencyMs: 2, reason: 'ActionStatus OK, ErrorCode 0', reply: null, decision: 'continue', warnings: [] });
    lat.record(2);
  }
  return buildReport([a, b, c], lat, 1000, 300);
}

describe('formatMs', () => {
  it.each([
    [0.04, '0.0 ms'],
    [2.34, '2.3 ms'],
    [9.96, '10.0 ms'],
    [10, '10 ms'],
    [2000.4, '2000 ms'],
  ])('%d → %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});

describe('renderReplayReport', () => {
  it('one row per callback, latency line, and the last line "N passed, N failed"', () => {
    expect(renderReplayReport(report(), plain)).toBe(
      [
        'NAME                   COMMAND                           STATUS  LATENCY  VERDICT  DECISION         REASON',
        'Push.OfflinePush.json  Push.OfflinePush                  200     2.3 ms   PASS     reply ignored    ActionStatus OK, ErrorCode 0',
        'forbid                 C2C.CallbackBeforeSendMsg         500     13 ms    FAIL     callback failed  HTTP 500 (expected 200)',
        'refuse <&>             callbackBeforeOfflinePushCommand  —       2000 ms  FAIL     push blocked     no reply within the 2000 ms budget',
        '',
        'latency p50 13 ms, p95 2000 ms, p99 2000 ms, max 2000 ms',
        '1 passed, 2 failed',
        '',
      ].join('\n'),
    );
  });

  it('marks callbacks never answered as SKIP and says the run was interrupted, keeping the last line', () => {
    expect(renderReplayReport(interruptedReport(), plain)).toBe(
      [
        'NAME        COMMAND                           STATUS  LATENCY     VERDICT     DECISION       REASON',
        'c2c.json    C2C.CallbackAfterSendMsg          200     avg 2.0 ms  PASS 40/40  reply ignored  ActionStatus OK, ErrorCode 0',
        'group.json  Group.CallbackAfterSendMsg        —       —           SKIP        —              interrupted before it was answered',
        'push.json   callbackBeforeOfflinePushCommand  —       —           SKIP        —              interrupted before it was answered',
        '',
        '40 requests in 1.00 s (40.0/s), latency p50 2.0 ms, p95 2.0 ms, p99 2.0 ms, max 2.0 ms',
        'interrupted: 40 of 300 requests answered',
        '40 passed, 0 failed',
        '',
      ].join('\n'),
    );
  });

  it('flags an interrupted run in the summary and on each unanswered row (--json)', () => {
    const r = interruptedReport();
    expect(r.summary).toEqual({ passed: 40, failed: 0, p50Ms: 2, p95Ms: 2, p99Ms: 2, maxMs: 2, interrupted: true });
    expect(r.results.map((row) => [row.name, row.pass, row.skipped])).toEqual([
      ['c2c.json', true, undefined],
      ['group.json', false, true],
      ['push.json', false, true],
    ]);
    expect(report().summary.interrupted).toBeUndefined();
    expect(report().results.some((row) => row.skipped)).toBe(false);
  });

  it('summarises repeated sends as one row with counts', () => {
    const row = new RowStats('c2c.json', 'tencent', 'C2C.CallbackAfterSendMsg', 'u');
    const lat = new LatencyRecorder();
    for (let i = 0; i < 100; i++) {
      const fail = i % 20 === 0;
      const o = { pass: !fail, status: fail ? 500 : 200, latencyMs: 1 + (i % 10), reason: fail ? 'HTTP 500 (expected 200)' : 'ActionStatus OK, ErrorCode 0', reply: null, decision: fail ? ('error' as const) : ('continue' as const), warnings: [] };
      row.add(o);
      lat.record(o.latencyMs);
    }
    const text = renderReplayReport(buildReport([row], lat, 2000), plain);
    expect(text).toBe(
      [
        'NAME      COMMAND                   STATUS        LATENCY     VERDICT      DECISION         REASON',
        'c2c.json  C2C.CallbackAfterSendMsg  200×95 500×5  avg 5.5 ms  FAIL 95/100  callback failed  HTTP 500 (expected 200) (5×)',
        '',
        '100 requests in 2.00 s (50.0/s), latency p50 5.0 ms, p95 10 ms, p99 10 ms, max 10 ms',
        '95 passed, 5 failed',
        '',
      ].join('\n'),
    );
  });

  it('colours verdicts only when colour is on, and never the last line', () => {
    const text = renderReplayReport(report(), new Chalk({ level: 1 }));
    expect(text).toContain('\u001b[32mPASS\u001b[39m');
    expect(text).toContain('\u001b[31mFAIL\u001b[39m');
    expect(text.trimEnd().split('\n').pop()).toBe('1 passed, 2 failed');
    expect(renderReplayReport(report(), plain)).not.toMatch(/\u001b/);
  });

  it('strips control characters from names and reasons', () => {
    const row = new RowStats('evil\u001b[2J\nname', 'tencent', 'A.B', 'u');
    row.add({ pass: false, status: 200, latencyMs: 1, reason: 'ErrorInfo \u001b]8;;x\u0007y', reply: null, decision: 'error', warnings: ['warn \u001b[31mred'] });
    const text = renderReplayReport(buildReport([row], new LatencyRecorder(), 1), plain);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).toContain('evil name');
  });
});

describe('JSON rows', () => {
  it('have exactly the spec fields for single sends', () => {
    expect(report().results[1]).toEqual({
      name: 'forbid',
      protocol: 'tencent',
      command: 'C2C.CallbackBeforeSendMsg',
      url: 'http://127.0.0.1:5411/?x',
      status: 500,
      latencyMs: 12.6,
      pass: false,
      reason: 'HTTP 500 (expected 200)',
      reply: 'oops',
      decision: 'error',
      warnings: [],
    });
    expect(report().summary).toEqual({ passed: 1, failed: 2, p50Ms: 12.6, p95Ms: 2000.4, p99Ms: 2000.4, maxMs: 2000.4 });
  });
});

describe('LatencyRecorder', () => {
  it('is exact for few samples (nearest rank)', () => {
    const r = new LatencyRecorder();
    for (const v of [5, 1, 4, 2, 3]) r.record(v);
    expect([r.percentile(50), r.percentile(95), r.percentile(100), r.max]).toEqual([3, 5, 5, 5]);
  });

  it('stays within 1 % with a histogram for many samples, in fixed memory', () => {
    const r = new LatencyRecorder();
    for (let i = 1; i <= 100_000; i++) r.record(i / 100);
    expect(r.count).toBe(100_000);
    expect(Math.abs(r.percentile(50) - 500) / 500).toBeLessThan(0.01);
    expect(Math.abs(r.percentile(95) - 950) / 950).toBeLessThan(0.01);
    expect(r.max).toBe(1000);
  });
});

describe('renderJunit', () => {
  it('writes one testcase per row with failures and escaped text', () => {
    expect(renderJunit(report(), '2026-11-22T05:00:00.000Z')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="chatpush replay" tests="3" failures="2" errors="0" skipped="0" time="2.100">',
        '  <testsuite name="chatpush replay" tests="3" failures="2" errors="0" skipped="0" time="2.100" timestamp="2026-11-22T05:00:00.000Z">',
        '    <testcase classname="tencent.Push.OfflinePush" name="Push.OfflinePush.json" time="0.002"/>',
        '    <testcase classname="tencent.C2C.CallbackBeforeSendMsg" name="forbid" time="0.013">',
        '      <failure message="HTTP 500 (expected 200)" type="ReplyCheckFailed">url: http://127.0.0.1:5411/?x',
        'status: 500',
        'decision: error',
        'latency: 12.6 ms',
        'reason: HTTP 500 (expected 200)',
        'reply: oops</failure>',
        '    </testcase>',
        '    <testcase classname="openim.callbackBeforeOfflinePushCommand" name="refuse &lt;&amp;&gt;" time="2.000">',
        '      <failure message="no reply within the 2000 ms budget" type="ReplyCheckFailed">url: http://127.0.0.1:5411/callbackBeforeOfflinePushCommand',
        'status: no reply',
        'decision: blocked',
        'latency: 2000.4 ms',
        'reason: no reply within the 2000 ms budget',
        'reply: null</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('writes callbacks an interrupted run left unanswered as skipped, not failed', () => {
    const xml = renderJunit(interruptedReport(), '2026-11-22T05:00:00.000Z');
    expect(xml).toContain('<testsuites name="chatpush replay" tests="3" failures="0" errors="0" skipped="2" time="1.000">');
    expect(xml).toContain(
      ['    <testcase classname="tencent.Group.CallbackAfterSendMsg" name="group.json" time="0.000">', '      <skipped message="interrupted before it was answered"/>', '    </testcase>'].join('\n'),
    );
    expect(xml).not.toContain('<failure');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape('a<b>&"c\'\u0001\u001b')).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});

describe('renderReplayReport on a terminal of a given width (issue 11)', () => {
  it.each([60, 80, 120])('fits %i columns', (width) => {
    const out = renderReplayReport(report(), new Chalk({ level: 1 }), width);
    for (const line of out.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, \d+ failed$/);
  });

  it.each([60, 80, 100])('shows every decision whole at %i columns (it wraps or moves under its row, never cut)', (width) => {
    const rep = report();
    const tokens = new Set(renderReplayReport(rep, plain, width).split(/[\s·]+/));
    const words = rep.results.filter((r) => r.decision !== null).flatMap((r) => decisionWords(r.decision!, r.command).split(' '));
    expect(words.length).toBeGreaterThan(2);
    expect(words.filter((w) => !tokens.has(w))).toEqual([]);
  });

  it('without a width (a pipe): the same columns, nothing cut', () => {
    expect(renderReplayReport(report(), plain)).toBe(renderReplayReport(report(), plain, 1000));
  });

  it('says "no replies" instead of 0.0 ms percentiles when nothing answered', () => {
    const out = renderReplayReport(interruptedReport(), plain);
    expect(out).toMatch(/latency p50 2\.0 ms/);
    const none = interruptedReport();
    none.results = none.results.map((r) => ({ ...r, status: null, skipped: true as const }));
    expect(renderReplayReport(none, plain)).toMatch(/latency: no replies$/m);
  });
});

describe('columns (fixtures list, the replay report off a terminal)', () => {
  it('aligns by terminal columns: wide characters take two, colour codes none', () => {
    expect(columns([['证书', 'x'], ['ab', 'y']])).toEqual(['证书  x', 'ab    y']);
    expect(columns([['\u001b[1mNAME\u001b[22m', 'x'], ['ab', 'y']])).toEqual(['\u001b[1mNAME\u001b[22m  x', 'ab    y']);
  });
});
