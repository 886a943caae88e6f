/**
 * Documents the reports are rendered from, for the report tests, the browser tests and
 * scripts/report-screenshots.mjs: traces from the sandbox's synthetic scenarios (one per scenario, plus a hostile
 * ErrorInfo on request), a replay run with v2 decisions and warnings, and stats / loss documents in the spec's
 * shapes. Pure and deterministic (no clock, no randomness beyond fixed seeds).
 */
import type { LossDoc, ReplayDoc, StatsDoc } from '../../src/render/report-shapes.js';
import { HOSTILE_SCENARIO, prng, SCENARIOS, syntheticPushId, syntheticTrace } from '../../src/servers/synthetic-traces.js';
import { traceToJson, type TraceJson } from '../../src/trace/report.js';
import { judge } from '../../src/trace/session.js';
import { summariseTraces, type TraceSummary } from '../../src/trace/summary.js';

export const GENERATED_AT = '2025-11-03T09:30:00.000Z';
export const META = { generatedAt: GENERATED_AT, version: '0.1.0', expect: 'device' };

/** The trace JSON of one PushID answered from `response`. */
export function traceJsonOf(pushId: string, response: unknown, expect: 'device' = 'device'): TraceJson {
  const r = judge(pushId, 0, response, expect);
  return traceToJson(r.trace!, r.diag!, { stage: expect, outcome: r.outcome! });
}

/** One trace per scenario (optionally the hostile one too), `perScenario` times each. */
export function sampleTraceDoc(opts: { hostile?: boolean; perScenario?: number } = {}): { traces: TraceJson[]; summary: TraceSummary } {
  const rand = prng(7);
  const traces: TraceJson[] = [];
  for (let n = 0; n < (opts.perScenario ?? 1); n++) {
    SCENARIOS.forEach((s, i) => {
      if (s.weight === 0 && !(opts.hostile && i === HOSTILE_SCENARIO)) return;
      const id = syntheticPushId(i, 1_762_160_000 + n * 100 + i, rand);
      traces.push(traceJsonOf(id, syntheticTrace(id)));
    });
  }
  traces.push({
    pushId: '690c0fd5_fd1a0fd2_adc2505d_200042af69ec831_20009ebe2307bad',
    verdict: null,
    failedStage: null,
    hint: 'Try again later.',
    instances: [],
    cause: null,
    nextStep: null,
    expect: null,
    error: { exitCode: 5, errorCode: 91000, message: 'normal_push_trace failed (91000: internal server error).', hint: 'Try again later.' },
  });
  return { traces, summary: summariseTraces(traces) };
}

/** A trace with `n` instances (the 2000-instance render measurement). */
export function bigTraceDoc(n: number): { traces: TraceJson[] } {
  const rand = prng(3);
  const list: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const index = [0, 1, 3, 4, 6, 8][i % 6]!;
    const id = syntheticPushId(index, 1_762_160_000, rand);
    list.push(...((syntheticTrace(id)!.InstanceTrace as unknown[]).slice(0, 1)));
  }
  return { traces: [traceJsonOf('690a0001_00000000_00000000_2000000000000000_20000000000000', { ActionStatus: 'OK', ErrorCode: 0, InstanceTrace: list })] };
}

/** A replay run: Tencent and OpenIM callbacks, v2 decisions and warnings, a latency distribution. */
export function sampleReplayDoc(opts: { hostile?: boolean } = {}): ReplayDoc {
  const rand = prng(11);
  const latency: { ms: number; count: number }[] = [];
  for (let i = 0; i < 400; i++) latency.push({ ms: Math.round((4 + 30 * rand() ** 3 + (i % 50 === 0 ? 400 * rand() : 0)) * 10) / 10, count: 1 });
  const sorted = latency.map((l) => l.ms).sort((a, b) => a - b);
  const pct = (p: number): number => sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
  const row = (name: string, command: string, protocol: string, pass: boolean, reason: string, extra: Record<string, unknown> = {}) => ({
    name,
    protocol,
    command,
    url: protocol === 'tencent' ? `http://127.0.0.1:8080/im?SdkAppid=1400000000&CallbackCommand=${command}&contenttype=json` : `http://127.0.0.1:10006/callbackExample/${command}`,
    status: 200,
    latencyMs: 12.4,
    pass,
    reason,
    reply: {},
    ...extra,
  });
  return {
    results: [
      row('C2C.CallbackBeforeSendMsg.json', 'C2C.CallbackBeforeSendMsg', 'tencent', true, 'ActionStatus OK, ErrorCode 0', { decision: 'allowed', warnings: [] , count: 100, passed: 100, failed: 0 }),
      row('Group.CallbackBeforeSendMsg.json', 'Group.CallbackBeforeSendMsg', 'tencent', false, 'ErrorCode 1: the message is denied', { decision: 'denied', warnings: [], count: 100, passed: 0, failed: 100 }),
      row('C2C.CallbackBeforeSendMsg.modify.json', 'C2C.CallbackBeforeSendMsg', 'tencent', true, 'ActionStatus OK, ErrorCode 0: the message is sent as the reply modified it', {
        decision: 'modified',
        warnings: [],
        changes: [{ path: 'MsgBody[0].MsgContent.Text', from: 'buy followers', to: '***' }],
        count: 100,
        passed: 100,
        failed: 0,
      }),
      row('callbackBeforeOfflinePushCommand.json', 'callbackBeforeOfflinePushCommand', 'openim', true, 'actionCode 0, errCode 0', {
        decision: 'continue',
        warnings: ['HTTP status 201: OpenIM does not read it'],
        count: 100,
        passed: 100,
        failed: 0,
      }),
      ...(opts.hostile
        ? [row('<img src=x onerror="alert(1)">.json', 'C2C.CallbackAfterSendMsg', 'tencent', false, '<script>alert("reason")</script>', { decision: 'error', warnings: ['<b>bold</b>'] })]
        : []),
    ],
    summary: { passed: 300, failed: 100 + (opts.hostile ? 1 : 0), p50Ms: pct(50), p95Ms: pct(95), p99Ms: pct(99), maxMs: sorted[sorted.length - 1]! },
    latency,
  };
}

const P = (code: number, name: string) => ({ code, name });
const rates = (total: number, sent: number, delivered: number, clicked: number) => ({
  sent: total ? sent / total : null,
  delivered: sent ? delivered / sent : null,
  clicked: delivered ? clicked / delivered : null,
});

/** A stats document (spec.md v2 `stats --json`): normal pushes, six vendors. */
export function sampleStatsDoc(): StatsDoc {
  const vendors: [number, string, number, number, number, number][] = [
    [1, 'Apple APNs', 41200, 40950, 39870, 6120],
    [2, 'Xiaomi', 18300, 17410, 15010, 1980],
    [3, 'Huawei', 15900, 15720, 11230, 1405],
    [4, 'Google FCM', 9100, 9010, 8660, 1320],
    [6, 'OPPO', 6400, 6150, 5810, 640],
    [7, 'vivo', 5100, 4420, 3010, 300],
  ];
  const platforms = vendors.map(([code, name, t, s, d, c]) => ({ platform: P(code, name), eventType: null, total: t, sent: s, delivered: d, clicked: c, rates: rates(t, s, d, c) }));
  const sum = (k: 'total' | 'sent' | 'delivered' | 'clicked') => platforms.reduce((n, p) => n + p[k], 0);
  return {
    window: { from: 1_762_073_600, to: 1_762_160_000 },
    results: [{ taskId: null, total: sum('total'), sent: sum('sent'), delivered: sum('delivered'), clicked: sum('clicked'), rates: rates(sum('total'), sum('sent'), sum('delivered'), sum('clicked')), platforms }],
    thresholds: [
      { expression: 'delivered>=90%', actual: sum('delivered') / sum('sent'), pass: sum('delivered') / sum('sent') >= 0.9 },
      { expression: 'delivered[huawei]>=80%', actual: 11230 / 15720, pass: false },
    ],
  };
}

/** A loss document (spec.md v2 `loss --json`). */
export function sampleLossDoc(opts: { hostile?: boolean } = {}): LossDoc {
  const row = (stage: 'before_send' | 'after_send', platform: { code: number; name: string } | null, errorCode: number | string, errorInfo: string, count: number, share: number, cause: string, next: string) => ({
    stage, platform, eventType: null, errorCode, errorInfo, count, share, cause, next,
  });
  return {
    window: { from: 1_762_073_600, to: 1_762_160_000 },
    results: [
      {
        taskId: null,
        losses: [
          row('before_send', null, 800009, 'token not uploaded', 1840, 0.52, 'no push token', 'Register for push after login.'),
          row('before_send', null, 800016, 'notification switch is off', 1130, 0.32, 'notifications off', 'Ask the user to allow notifications.'),
          row('before_send', null, 800012, 'certificate id not set', 570, 0.16, 'certificate not configured', 'Add the vendor certificate in the console.'),
          row('after_send', null, '410', 'regid_invalid', 2210, 0.71, 'token invalid', 'The user must open the app to upload a fresh token.'),
          row('after_send', null, '-1', 'unknown', 900, 0.29, 'unknown vendor error', 'Look the code up with chatpush explain.'),
          row('after_send', P(3, 'Huawei'), '80300007', 'all tokens are invalid', 1490, 0.88, 'token invalid', 'The user must open the app to upload a fresh token.'),
          row('after_send', P(2, 'Xiaomi'), '410', 'regid_invalid', 720, 0.63, 'token invalid', 'The user must open the app to upload a fresh token.'),
          row('before_send', P(7, 'vivo'), 800016, 'notification switch is off', 610, 0.81, 'notifications off', 'Ask the user to allow notifications.'),
          ...(opts.hostile ? [row('after_send', P(1, 'Apple APNs'), '<script>', '<img src=x onerror="alert(1)">', 5, 0.01, '<script>alert(1)</script>', '<b>x</b>')] : []),
        ],
      },
    ],
  };
}
