/**
 * The push diagnostics commands end to end (issue 12): stats, loss, online, doctor and trace --task, spawned
 * from the built CLI against the sandbox and against recording servers on 127.0.0.1:0 that check the query,
 * the body and the UserSig, and record arrival times (pacing per API, split batches). Bad input never reaches
 * the network; malformed answers give warnings, never NaN.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET_KEY } from '../../src/demo-credentials.js';
import { signCallback } from '../../src/replay/protocols.js';
import { startSandbox } from '../../src/servers/sandbox.js';
import { verifyUserSig } from '../../src/tencent/usersig.js';
import { baseEnv, runCli, type RunResult } from '../helpers/cli.js';
import { json, startRecordingServer, type RecordedRequest, type RecordingServer } from '../helpers/recording-server.js';

const SDK = '1400000000';
const KEY = DEMO_SECRET_KEY;
const T1 = '1400000000_144115212910570789_1767225600_15723514';
const T2 = '1400000000_144115212910570790_1767229200_15723515';
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: 'sucess' };
const TMP = mkdtempSync(join(tmpdir(), 'chatpush-diag-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function env(endpoint: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  return baseEnv({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: endpoint, ...extra });
}

/** Runs chatpush against a fresh sandbox (no other test's requests count against its limits). */
async function viaSandbox(args: string[], opts: { env?: Record<string, string | undefined>; input?: string; dateSkewMs?: number } = {}): Promise<RunResult> {
  const sandbox = await startSandbox({ sdkappid: Number(SDK), secretKey: KEY, dateSkewMs: opts.dateSkewMs });
  try {
    return await runCli(args, { env: env(sandbox.url, opts.env), input: opts.input, timeoutMs: 30_000 });
  } finally {
    await sandbox.close();
  }
}

/** A recording server answering by API path; every request's UserSig is checked like the service does. */
async function apiServer(answer: (path: string, body: Record<string, unknown>, req: RecordedRequest, index: number) => unknown, headers: Record<string, string> = {}): Promise<RecordingServer> {
  return startRecordingServer((req, res, i) => {
    const check = verifyUserSig(req.query.usersig ?? '', { sdkappid: Number(SDK), key: KEY, identifier: req.query.identifier ?? '', now: Math.floor(Date.now() / 1000) });
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (!check.valid) return json(res, { ActionStatus: 'FAIL', ErrorCode: check.code, ErrorInfo: check.reason });
    json(res, answer(req.path, JSON.parse(req.body.toString() || '{}') as Record<string, unknown>, req, i));
  });
}

async function viaServer(server: RecordingServer, args: string[], extra: Record<string, string | undefined> = {}, input?: string): Promise<RunResult> {
  try {
    return await runCli(args, { env: env(server.url, extra), input, timeoutMs: 30_000 });
  } finally {
    await server.close();
  }
}

const gaps = (reqs: RecordedRequest[]): number[] => reqs.slice(1).map((r, i) => r.at - reqs[i]!.at);
const doc = (r: RunResult): Record<string, any> => JSON.parse(r.stdout); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every number in a value is finite (NaN/Infinity would have become null or a string). */
function noNaN(text: string): void {
  expect(text).not.toMatch(/NaN|Infinity/);
}

// Generous timeouts: several CLI runs per test, on a shared 2-core machine that may be busy.
describe.concurrent('against the sandbox', { timeout: 90_000 }, () => {
  it('stats --json: the spec shape, rates as fractions, null when the denominator is 0', async () => {
    const r = await viaSandbox(['stats', '--json']);
    expect(r.code).toBe(0);
    const d = doc(r);
    expect(Object.keys(d)).toEqual(['schemaVersion', 'window', 'results', 'thresholds']);
    expect(d.window.to - d.window.from).toBe(86400);
    const res = d.results[0];
    expect(Object.keys(res)).toEqual(['taskId', 'total', 'sent', 'delivered', 'clicked', 'rates', 'platforms']);
    expect(res).toMatchObject({ taskId: null, total: 48210, sent: 45502, delivered: 39376, clicked: 3120 });
    expect(res.rates.delivered).toBeCloseTo(39376 / 45502, 10);
    expect(Object.keys(res.platforms[0])).toEqual(['platform', 'eventType', 'total', 'sent', 'delivered', 'clicked', 'rates']);
    const honor = res.platforms.find((p: { platform: { code: number } }) => p.platform.code === 8);
    expect(honor).toMatchObject({ platform: { code: 8, name: 'Honor' }, eventType: null, rates: { sent: 0, delivered: null, clicked: null } });
    expect(d.thresholds).toEqual([]);
    expect(r.stderr).toBe('');
  });

  it('stats --threshold gates the exit code and names each failed threshold on stderr', async () => {
    const r = await viaSandbox(['stats', '--threshold', 'delivered>=80%', '--threshold', 'delivered[huawei]>=80%', '--threshold', 'total>=1000']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ {2}delivered +39,376 +█+/);
    expect(r.stdout).toMatch(/FAIL {2}delivered\[huawei\]>=80% {2}actual 41\.0 %/);
    expect(r.stderr.trim().split('\n')).toEqual(['chatpush: threshold failed: delivered[huawei]>=80%: actual 41.0 %']);
    const j = await viaSandbox(['stats', '--json', '--threshold', 'delivered>=80%', '--threshold', 'deliveredCount[huawei]<5000']);
    expect(j.code).toBe(0);
    expect(doc(j).thresholds).toEqual([
      { expression: 'delivered>=80%', actual: 39376 / 45502, pass: true },
      { expression: 'deliveredCount[huawei]<5000', actual: 3140, pass: true },
    ]);
  });

  it('stats --task: one result per task, per vendor and event type', async () => {
    const r = await viaSandbox(['stats', '--json', '--task', T1, '--task', `${T2},${T1}`]);
    expect(r.code).toBe(0);
    const d = doc(r);
    expect(d.results.map((x: { taskId: string }) => x.taskId)).toEqual([T1, T2]);
    expect(d.results[0].platforms.map((p: { eventType: string }) => p.eventType)).toEqual(['offline', 'offline', 'offline', 'online']);
  });

  it('loss --json: all-vendor shares sum to 1 per stage; causes from the code table', async () => {
    const r = await viaSandbox(['loss', '--json']);
    expect(r.code).toBe(0);
    const losses = doc(r).results[0].losses as { stage: string; platform: unknown; errorCode: unknown; share: number; cause: string; next: string }[];
    expect(Object.keys(losses[0]!)).toEqual(['stage', 'platform', 'eventType', 'errorCode', 'errorInfo', 'count', 'share', 'cause', 'next']);
    for (const stage of ['before_send', 'after_send']) {
      expect(losses.filter((l) => l.platform === null && l.stage === stage).reduce((s, l) => s + l.share, 0)).toBeCloseTo(1, 10);
    }
    expect(losses.find((l) => l.errorCode === -1)!.cause).toMatch(/no vendor certificate/);
    expect(losses.find((l) => l.errorCode === 80300007)!.cause).toBe('token invalid');
    const text = await viaSandbox(['loss', '--task', T1]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Push loss, task 1400000000_144115212910570789/);
    expect(text.stdout).toMatch(/after send +Huawei +offline +80300007 +360 +100 %/);
    expect(text.stdout).toMatch(/Next steps/);
  });

  it('online: states per platform, 70107 flagged, exit 7; the Status spelling is noted under --verbose', async () => {
    const r = await viaSandbox(['online', 'alice', 'carol', 'dave', 'ghost', '--json']);
    expect(r.code).toBe(7);
    expect(doc(r).users).toEqual([
      { userId: 'alice', state: 'push_online', platforms: [{ platform: 'Android', state: 'push_online' }], errorCode: null },
      { userId: 'carol', state: 'online', platforms: [{ platform: 'iPhone', state: 'push_online' }, { platform: 'Web', state: 'online' }], errorCode: null },
      { userId: 'dave', state: 'offline', platforms: [{ platform: 'iPhone', state: 'offline' }, { platform: 'iPad', state: 'offline' }], errorCode: null },
      { userId: 'ghost', state: null, platforms: [], errorCode: 70107 },
    ]);
    expect(r.stderr).toMatch(/1 account does not exist \(70107\): ghost/);
    const v = await viaSandbox(['online', 'erin', '--verbose']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/erin +Offline/);
    expect(v.stderr).toMatch(/other spelling of the state field \(State vs Status/);
    const none = await viaSandbox(['online', 'ghost', 'nobody']);
    expect(none.code).toBe(7);
    expect(none.stdout).toMatch(/nobody +error +70107: no such account/);
  });

  it('trace --task --user --online: taskId/userId/eventType in JSON, the online state in the verdict', async () => {
    const r = await viaSandbox(['trace', '--task', T1, '--user', 'alice', 'carol', 'ghost', '--online', '--json']);
    expect(r.code).toBe(7);
    const traces = doc(r).traces;
    expect(traces.map((t: { pushId: unknown; taskId: string; userId: string; verdict: string }) => [t.pushId, t.taskId, t.userId, t.verdict])).toEqual([
      [null, T1, 'alice', 'clicked'],
      [null, T1, 'carol', 'pending'],
      [null, T1, 'ghost', 'not_found'],
    ]);
    expect(traces[0].instances[0].eventType).toBe('offline');
    expect(traces[1].hint).toMatch(/the user is Online on Web right now \(checked now, not at push time\), so no offline push was needed/i);
    expect(traces[2].hint).toMatch(/does not exist \(query_online_status: 70107\)/);
    expect(traces[1].online).toEqual({ state: 'online', platforms: [{ platform: 'iPhone', state: 'push_online' }, { platform: 'Web', state: 'online' }], errorCode: null });
    expect(traces[2].online).toEqual({ state: null, platforms: [], errorCode: 70107 });
  });

  it('trace --task renders the same timeline, titled by task and user', async () => {
    const r = await viaSandbox(['trace', '--task', T1, '--user', 'frank']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Task 1400000000_144115212910570789_1767225600_15723514 · user frank · 1 instance/);
    expect(r.stdout).toMatch(/unknown vendor · online push · Web/);
    expect(r.stdout).toMatch(/online device +success/);
  });

  it('doctor: all good against the sandbox', async () => {
    const r = await viaSandbox(['doctor', '--json']);
    expect(r.code).toBe(0);
    expect(doc(r).checks.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
      ['settings', 'pass'],
      ['key', 'pass'],
      ['clock', 'pass'],
      ['credentials', 'pass'],
      ['callback', 'skip'],
    ]);
    expect(Object.keys(doc(r).checks[0])).toEqual(['name', 'status', 'detail', 'next']);
    expect(doc(r).checks[0].detail).toMatch(/SDKAppID 1400000000 \(env CHATPUSH_SDKAPPID\).*endpoint http:\/\/127\.0\.0\.1:\d+ \(env CHATPUSH_ENDPOINT\)/);
  });

  it('doctor: wrong key (70009) exit 4, wrong region (70020) exit 4, clock 5 min off warns with exit 0', async () => {
    const wrongKey = await viaSandbox(['doctor'], { env: { CHATPUSH_SECRET_KEY: 'b'.repeat(64) } });
    expect(wrongKey.code).toBe(4);
    expect(wrongKey.stdout).toMatch(/✗ credentials +UserSig rejected \(70009: UserSig verification with the key failed/);
    const region = await viaSandbox(['doctor'], { env: { CHATPUSH_SDKAPPID: '1400000001' } });
    expect(region.code).toBe(4);
    expect(region.stdout).toMatch(/✗ credentials +70020: the SDKAppID is not known at 127\.0\.0\.1:\d+ — wrong region/);
    expect(region.stdout).toMatch(/→ Use the data centre the app was created in/);
    const clock = await viaSandbox(['doctor', '--json'], { dateSkewMs: -300_000 });
    expect(clock.code).toBe(0);
    const c = doc(clock).checks.find((x: { name: string }) => x.name === 'clock');
    expect(c.status).toBe('warn');
    expect(c.detail).toMatch(/the local clock is 5 min( \d+ s)? ahead of the service/);
  });
});

describe.concurrent('against recording servers', { timeout: 90_000 }, () => {
  it('stats --task with 7 TaskIDs: two requests of 5 and 2, paced 1/s, signed, with the window in the body', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `task-${i}`);
    const server = await apiServer((_p, body) => ({ ...OK, Results: (body.TaskID as string[]).map((t) => ({ TaskID: t, TotalCount: 10, SentCount: 9, DeliveredCount: 8, ClickCount: 1, PlatformStatistics: [] })) }));
    const reqs = server.requests;
    const r = await viaServer(server, ['stats', '--json', '--since', '7d', ...ids.flatMap((t) => ['--task', t])]);
    expect(r.code).toBe(0);
    expect(reqs.map((q) => q.path)).toEqual(['/v4/timpush/all_member_push_statistics', '/v4/timpush/all_member_push_statistics']);
    const bodies = reqs.map((q) => JSON.parse(q.body.toString()) as { StartTime: number; EndTime: number; TaskID: string[] });
    expect(bodies.map((b) => b.TaskID)).toEqual([ids.slice(0, 5), ids.slice(5)]);
    expect(bodies[0]!.EndTime - bodies[0]!.StartTime).toBe(7 * 86400);
    expect(Object.keys(reqs[0]!.query).sort()).toEqual(['contenttype', 'identifier', 'random', 'sdkappid', 'usersig']);
    expect(reqs[0]!.query).toMatchObject({ sdkappid: SDK, identifier: 'administrator', contenttype: 'json' });
    expect(gaps(reqs)[0]).toBeGreaterThanOrEqual(1000);
    expect(doc(r).results).toHaveLength(7);
  });

  it('online: 1201 accounts from a file are split into 500 + 500 + 201, not paced like timpush', async () => {
    const users = Array.from({ length: 1201 }, (_, i) => `u${i}`);
    const file = join(TMP, 'users.txt');
    writeFileSync(file, `# accounts\n${users.join('\n')}\n\n`);
    const server = await apiServer((_p, body) => ({ ...OK, QueryResult: (body.To_Account as string[]).map((u) => ({ To_Account: u, State: 'Online' })) }));
    const reqs = server.requests;
    const started = Date.now();
    const r = await viaServer(server, ['online', '--from-file', file, '--json']);
    expect(r.code).toBe(0);
    const bodies = reqs.map((q) => JSON.parse(q.body.toString()) as { IsNeedDetail: number; To_Account: string[] });
    expect(bodies.map((b) => b.To_Account.length)).toEqual([500, 500, 201]);
    expect(bodies.flatMap((b) => b.To_Account)).toEqual(users);
    expect(bodies.every((b) => b.IsNeedDetail === 1)).toBe(true);
    expect(reqs.every((q) => q.path === '/v4/openim/query_online_status')).toBe(true);
    // 200 calls/s: three calls need no 1 s spacing (a timpush API would take over 2 s).
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(doc(r).users).toHaveLength(1201);
  });

  it('trace --task: one paced request per user with {TaskID, UserID}; --online adds one status query', async () => {
    const server = await apiServer((path, body) =>
      path.endsWith('query_online_status')
        ? { ...OK, QueryResult: (body.To_Account as string[]).map((u) => ({ To_Account: u, Status: 'Offline' })) }
        : { ...OK, InstanceTrace: [{ InstanceId: '1', EventType: 5, PushPlatform: 2, Token: 't', CertId: '1', IMCommitStat: { IMStat: { PushStatus: 1, EventTime: '2026-01-01 08:00:00' } }, OfflinePushStat: { OfflineStat: { PushStatus: 1 }, ChannelStat: { PushStatus: 1 }, DeviceStat: { PushStatus: 1 } } }] },
    );
    const reqs = server.requests;
    const r = await viaServer(server, ['trace', '--task', 'T-1', '--user', 'a', '-', '--online', '--verbose'], {}, 'b\na\n');
    expect(r.code).toBe(0);
    expect(reqs.map((q) => [q.path, JSON.parse(q.body.toString())])).toEqual([
      ['/v4/timpush/all_member_push_trace', { TaskID: 'T-1', UserID: 'a' }],
      ['/v4/timpush/all_member_push_trace', { TaskID: 'T-1', UserID: 'b' }],
      ['/v4/openim/query_online_status', { IsNeedDetail: 1, To_Account: ['a', 'b'] }],
    ]);
    expect(gaps(reqs)[0]).toBeGreaterThanOrEqual(1000);
    expect(r.stderr).toMatch(/EventType 5, neither 1 \(offline\) nor 2 \(online\)/);
    expect(r.stderr).toMatch(/ignoring 1 repeated UserID/);
    expect(r.stderr).not.toContain(reqs[0]!.query.usersig!);
    expect(r.stdout).toMatch(/Now: Offline\./);
  });

  it.each([
    [['stats', '--since', '31d'], /31 days long; normal_push_statistics covers at most 30 days/],
    [['stats', '--from', '2099-01-01'], /--from 2099-01-01T00:00:00Z is not in the past .*without --to the window ends now/],
    [['stats', '--from', '2026-03-02', '--to', '2026-03-01'], /empty or reversed/],
    [['loss', '--since', '8d'], /covers at most 7 days/],
    [['loss', '--from', '2026-02-30'], /is not a time/],
    [['stats', '--threshold', 'delivered>>9'], /not a pass condition/],
    [['stats', '--threshold', 'delivered[nokia]>=80%'], /unknown vendor "nokia"/],
    [['stats', '--threshold', 'delivered>=90'], /Did you mean 90%\?/],
    [['stats', '--task', ' , '], /--task was given without a TaskID/],
    [['online'], /no UserID given/],
    [['online', '-'], /no UserID given/],
    [['trace', '--task', 'T'], /no UserID given/],
    [['trace', '--task', 'T', 'somePushID'], /name the recipients with --user/],
    [['trace', '--user', 'alice'], /--user belongs to task traces/],
  ])('%j is exit 2 with one line, and nothing is sent', async (args, message) => {
    const server = await apiServer(() => OK);
    const reqs = server.requests;
    const r = await viaServer(server, args, {}, '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(reqs).toHaveLength(0);
  });

  it('a statistics answer with strings, negatives, missing fields and sent > total: warnings, no NaN, rates null', async () => {
    const server = await apiServer(() => ({
      ...OK,
      TotalCount: '100',
      SentCount: 120,
      DeliveredCount: -3,
      PlatformStatistics: [{ PushPlatform: 3, TotalCount: 0, SentCount: 0, DeliveredCount: 0, ClickCount: 0 }, { PushPlatform: 'x', TotalCount: 1.5 }],
    }));
    const r = await viaServer(server, ['stats', '--json', '--threshold', 'delivered[huawei]>=80%']);
    expect(r.code).toBe(1);
    noNaN(r.stdout);
    const res = doc(r).results[0];
    expect(res).toMatchObject({ total: 100, sent: 120, delivered: null, clicked: null, rates: { sent: null, delivered: null, clicked: null } });
    expect(r.stderr).toMatch(/TotalCount arrived as the string "100"/);
    expect(r.stderr).toMatch(/sent \(120\) is larger than total \(100\)/);
    expect(r.stderr).toMatch(/DeliveredCount is negative/);
    expect(r.stderr).toMatch(/ClickCount is missing/);
    expect(r.stderr).toMatch(/threshold failed: delivered\[huawei\]>=80%: no data/);
    const text = await viaServer(await apiServer(() => ({ ...OK, TotalCount: 0, SentCount: 0, DeliveredCount: 0, ClickCount: 0 })), ['stats']);
    expect(text.code).toBe(0);
    noNaN(text.stdout);
  });

  it('loss codes that are not integers: kept as sent, with a warning', async () => {
    const server = await apiServer(() => ({ ...OK, Results: [{ ReadyToSendLoss: [{ ErrCode: 'E1', ErrCount: 4, ErrInfo: 'token not uploaded' }, { ErrCode: '-1', ErrCount: '2', ErrInfo: 'certificate id not set' }] }] }));
    const r = await viaServer(server, ['loss', '--json', '--verbose']);
    expect(r.code).toBe(0);
    noNaN(r.stdout);
    const losses = doc(r).results[0].losses;
    expect(losses.map((l: { errorCode: unknown; count: number }) => [l.errorCode, l.count])).toEqual([
      ['E1', 4],
      [-1, 2],
    ]);
    expect(losses[0].cause).toBe('the device never uploaded a vendor token');
    expect(r.stderr).toMatch(/loss code "E1" is not an integer/);
    expect(r.stderr).toMatch(/loss lists found at Results\[\]/);
  });

  it.each([
    [70009, 4, /UserSig rejected \(70009/],
    [70016, 4, /70016: the SDKAppID is not known at .* — wrong region/],
    [70020, 4, /wrong region/],
    [90045, 5, /90045: Push is not enabled for this app/],
    [60010, 4, /identifier or UserSig rejected \(60010/],
  ])('doctor: the service answers %i → exit %i', async (code, exit, detail) => {
    const server = await startRecordingServer((_req, res) => json(res, { ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: 'no' }));
    const r = await viaServer(server, ['doctor']);
    expect(r.code).toBe(exit);
    expect(r.stdout).toMatch(detail);
    expect(r.stdout).toMatch(/check failed/);
  });

  it('doctor: with no SDKAppID or key the settings fail (exit 3) and nothing is sent', async () => {
    const server = await apiServer(() => OK);
    const reqs = server.requests;
    const r = await viaServer(server, ['doctor', '--json'], { CHATPUSH_SDKAPPID: undefined, CHATPUSH_SECRET_KEY: undefined });
    expect(r.code).toBe(3);
    const checks = doc(r).checks;
    expect(checks[0]).toMatchObject({ name: 'settings', status: 'fail' });
    // Both are missing, so the next step names both (not one, then the other on the next run).
    expect(checks[0].next).toMatch(/chatpush config set sdkappid 1400….*then 'chatpush config set secretKey'.*CHATPUSH_SDKAPPID and CHATPUSH_SECRET_KEY/);
    expect(checks.find((c: { name: string }) => c.name === 'credentials').status).toBe('skip');
    expect(reqs).toHaveLength(0);
    // With the key set, only the SDKAppID is asked for.
    const keyOnly = await viaServer(server, ['doctor', '--json'], { CHATPUSH_SDKAPPID: undefined });
    expect(doc(keyOnly).checks[0].next).toMatch(/chatpush config set sdkappid 1400…', or set CHATPUSH_SDKAPPID \(/);
  });

  it('doctor --callback-url: a signed Push.OfflinePush answered well passes; the token and Sign never show', async () => {
    const TOKEN = 'callback-token-1234';
    const backend = await startRecordingServer((_req, res) => json(res, { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }));
    const server = await apiServer(() => OK);
    try {
      const r = await viaServer(server, ['doctor', '--callback-url', `${backend.url}/im/callback`, '--token', TOKEN, '--verbose']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/✓ callback URL +http:\/\/127\.0\.0\.1:\d+\/im\/callback\?SdkAppid=1400000000&CallbackCommand=Push\.OfflinePush&contenttype=json answered a signed Push\.OfflinePush sample correctly/);
      const cb = backend.requests[0]!;
      expect(cb.query.CallbackCommand).toBe('Push.OfflinePush');
      expect(cb.query.Sign).toBe(signCallback(TOKEN, Number(cb.query.RequestTime)));
      expect((JSON.parse(cb.body.toString()) as { Events: { CallbackCommand: string }[] }).Events[0]!.CallbackCommand).toBe('Push.OfflinePush');
      for (const secret of [TOKEN, cb.query.Sign!, server.requests[0]?.query.usersig ?? 'x'.repeat(10)]) {
        expect(r.stdout + r.stderr).not.toContain(secret);
      }
    } finally {
      await backend.close();
    }
  });

  it('doctor --callback-url: a wrong reply is exit 1, an unreachable URL exit 6', async () => {
    const backend = await startRecordingServer((_req, res) => json(res, { ActionStatus: 'FAIL', ErrorCode: 1 }, 200));
    const wrong = await viaServer(await apiServer(() => OK), ['doctor', '--callback-url', backend.url]);
    await backend.close();
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/✗ callback URL/);
    const closed = await startRecordingServer();
    const deadUrl = closed.url;
    await closed.close();
    const down = await viaServer(await apiServer(() => OK), ['doctor', '--callback-url', deadUrl]);
    expect(down.code).toBe(6);
    expect(down.stdout).toMatch(/✗ callback URL +connection refused/);
  });

  it('doctor --callback-url: an answer later than 2 s is exit 1', async () => {
    const backend = await startRecordingServer(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 2300));
      json(res, { ActionStatus: 'OK', ErrorCode: 0 });
    });
    try {
      const r = await viaServer(await apiServer(() => OK), ['doctor', '--callback-url', backend.url]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/✗ callback URL .*over the 2000 ms budget/);
    } finally {
      await backend.close();
    }
  });

  it('trace --task --watch polls each user (paced) until the expected stage is reached', async () => {
    const im = { IMCommitStat: { IMStat: { PushStatus: 1, EventTime: '2026-01-01 08:00:00' } } };
    const server = await apiServer((_p, _b, _r, i) => ({
      ...OK,
      InstanceTrace: [{ InstanceId: '1', EventType: 1, PushPlatform: 3, Token: 't', CertId: '9', NotificationStatus: 1, last_active_terminal: 1, ...im, OfflinePushStat: i === 0 ? { OfflineStat: { PushStatus: 1, EventTime: '2026-01-01 08:00:00' } } : { OfflineStat: { PushStatus: 1 }, ChannelStat: { PushStatus: 1 }, DeviceStat: { PushStatus: 1, EventTime: '2026-01-01 08:00:03' } } }],
    }));
    const reqs = server.requests;
    const r = await viaServer(server, ['trace', '--task', 'T-9', '--user', 'zoe', '--watch', '--watch-timeout', '20', '--json']);
    expect(r.code).toBe(0);
    expect(reqs).toHaveLength(2);
    expect(gaps(reqs)[0]).toBeGreaterThanOrEqual(1000);
    expect(doc(r).traces[0]).toMatchObject({ pushId: null, taskId: 'T-9', userId: 'zoe', verdict: 'delivered' });
  });

  it('doctor: a Date header 5 minutes behind warns about the clock, exit 0', async () => {
    const server = await apiServer(() => OK, { date: new Date(Date.now() - 300_000).toUTCString() });
    const r = await viaServer(server, ['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/! clock +the local clock is 5 min( \d+ s)? ahead of the service/);
    expect(r.stdout).toMatch(/No check failed; 1 warning\./);
  });
});
