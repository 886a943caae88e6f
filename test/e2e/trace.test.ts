/**
 * `chatpush trace` end to end: the built CLI against the sandbox emulator and against recording servers on
 * 127.0.0.1:0. Every exit code of the trace contract, pacing (arrival timestamps), retries, --watch, --json,
 * the plain table off a TTY, escape-sequence injection, a 2000-instance response and secret redaction.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SECRET_KEY } from '../../src/demo-credentials.js';
import { startSandbox, type SandboxRequestEvent } from '../../src/servers/sandbox.js';
import { genUserSig } from '../../src/tencent/usersig.js';
import { baseEnv, runCli, type RunResult, spawnCli } from '../helpers/cli.js';
import { json, startRecordingServer, type RecordedRequest, type RecordingServer } from '../helpers/recording-server.js';
import { instance, largeResponse, response, SAMPLE, shippedTraces } from '../helpers/trace-samples.js';

const SDK = '1400000000';
const KEY = DEMO_SECRET_KEY;
const samples = shippedTraces();
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function env(endpoint: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  return baseEnv({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: endpoint, ...extra });
}

/** Runs trace against a fresh sandbox (so no other test's requests count against its 1/s limit). */
async function viaSandbox(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}) {
  const events: SandboxRequestEvent[] = [];
  const sandbox = await startSandbox({ sdkappid: Number(SDK), secretKey: KEY, onRequest: (e) => events.push(e) });
  try {
    const r = await runCli(['trace', ...args], { env: env(sandbox.url, opts.env), input: opts.input });
    return { ...r, events };
  } finally {
    await sandbox.close();
  }
}

/** A recording server answering each request from `answer(pushId, index)`. */
function traceServer(answer: (pushId: string, index: number, req: RecordedRequest) => unknown): Promise<RecordingServer> {
  return startRecordingServer((req, res, i) => {
    const pushId = (JSON.parse(req.body.toString() || '{}') as { PushID?: string }).PushID ?? '';
    const a = answer(pushId, i, req);
    if (a instanceof Function) return (a as (r: typeof res) => void)(res);
    json(res, a);
  });
}

async function viaServer(server: RecordingServer, args: string[], extra: Record<string, string | undefined> = {}, timeoutMs?: number): Promise<RunResult> {
  try {
    return await runCli(['trace', ...args], { env: env(server.url, extra), timeoutMs });
  } finally {
    await server.close();
  }
}

const gaps = (reqs: RecordedRequest[]): number[] => reqs.slice(1).map((r, i) => r.at - reqs[i]!.at);

describe.concurrent('trace against the sandbox', () => {
  it('--json prints one document in the spec shape and exits 0 for a clicked push', async () => {
    const r = await viaSandbox(['--json', SAMPLE.clickedApns]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; traces: Record<string, unknown>[] };
    expect(doc.schemaVersion).toBe(1);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'traces']);
    const t = doc.traces[0]!;
    expect(t).toMatchObject({ pushId: SAMPLE.clickedApns, verdict: 'clicked', failedStage: null });
    expect(typeof t.hint).toBe('string');
    const inst = (t.instances as Record<string, unknown>[])[0]!;
    expect(inst).toMatchObject({
      instanceId: '101205908',
      platform: { code: 1, name: 'Apple APNs' },
      system: 'iOS',
      deviceModel: 'iPhone15,2',
      notificationEnabled: true,
    });
    const stages = inst.stages as Record<string, unknown>[];
    expect(stages.map((s) => s.name)).toEqual(['im', 'offline', 'channel', 'device', 'click']);
    expect(stages[4]).toEqual({ name: 'click', status: 'success', time: '2025-11-03 09:12:41', offsetMs: 36000, errorCode: 0, errorInfo: 'success', hint: null });
    for (const s of stages) expect(Object.keys(s).slice(0, 6)).toEqual(['name', 'status', 'time', 'offsetMs', 'errorCode', 'errorInfo']);
  });

  it('prints the plain table off a TTY, no colour, and exits 1 when the vendor failed', async () => {
    const r = await viaSandbox([SAMPLE.xiaomiTokenInvalid]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toMatch(/^ {2}STAGE +STATUS +TIME +OFFSET +CODE +INFO +HINT$/m);
    expect(r.stdout).toMatch(/^ {2}vendor channel +failed +2025-11-04 08:45:11 +\+1s +1 +regid_invalid +token invalid$/m);
    expect(r.stdout).toMatch(/^Verdict: failed at vendor channel — Xiaomi rejected the device token/m);
    expect(r.stderr).toBe(`chatpush: ${SAMPLE.xiaomiTokenInvalid}: expected stage "device" was not reached: failed at vendor channel.\n`);
  });

  it.each([
    [SAMPLE.xiaomiTokenInvalid, 'offline', 0],
    [SAMPLE.xiaomiTokenInvalid, 'channel', 1],
    [SAMPLE.deliveredHuawei, 'device', 0],
    [SAMPLE.deliveredHuawei, 'click', 1],
    [SAMPLE.oppoNoCertificate, 'im', 0],
    [SAMPLE.vivoNotificationOff, 'channel', 0],
    [SAMPLE.vivoNotificationOff, 'device', 1],
    [SAMPLE.multiOnline, 'device', 0],
  ])('%s with --expect %s exits %d', async (pushId, stage, code) => {
    const r = await viaSandbox(['--expect', stage, pushId, '--json']);
    expect(r.code).toBe(code);
    expect((JSON.parse(r.stdout) as { traces: { expect: unknown }[] }).traces[0]!.expect).toEqual({
      stage,
      outcome: code === 0 ? 'reached' : stage === 'click' || pushId === SAMPLE.vivoNotificationOff ? 'pending' : 'failed',
    });
  });

  it.each([[SAMPLE.empty], ['0badc0de_00000000_00000000_200000000000000_200000000000000']])('exits 7 for %s (no trace data)', async (pushId) => {
    const r = await viaSandbox(['--json', pushId]);
    expect(r.code).toBe(7);
    expect((JSON.parse(r.stdout) as { traces: { verdict: string; instances: unknown[] }[] }).traces[0]).toMatchObject({ verdict: 'not_found', instances: [] });
    expect(r.stderr).toMatch(/no trace data/);
  });

  it('exits 4 with the code, its meaning and a next step when the key is wrong, without retrying', async () => {
    const r = await viaSandbox([SAMPLE.clickedApns], { env: { CHATPUSH_SECRET_KEY: 'not-the-key' } });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^chatpush: UserSig rejected \(70009: .+\)\..*(usersig verify|secret key)/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.events.map((e) => e.errorCode)).toEqual([70009]);
  });

  it('says "wrong region?" for an SDKAppID the endpoint does not host (70020, exit 4)', async () => {
    const r = await viaSandbox([SAMPLE.clickedApns], { env: { CHATPUSH_SDKAPPID: '1400000999' } });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/SDKAppID 1400000999 is not known at 127\.0\.0\.1:\d+ \(70020: .*wrong region\? .*--region/);
  });

  it('accepts a ready-made --usersig without a key', async () => {
    const sig = genUserSig({ sdkappid: Number(SDK), key: KEY, identifier: 'administrator', expire: 3600, time: Math.floor(Date.now() / 1000) });
    const r = await viaSandbox(['--usersig', sig, SAMPLE.deliveredHuawei], { env: { CHATPUSH_SECRET_KEY: undefined } });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(sig);
  });

  it('traces PushIDs from stdin at the sandbox rate (no 60018) and exits with the most severe code', async () => {
    const r = await viaSandbox(['-', '--json'], { input: `# from the callback log\n${SAMPLE.clickedApns}\n\n${SAMPLE.empty}\n` });
    expect(r.code).toBe(7);
    expect(r.events.map((e) => e.errorCode)).toEqual([0, 0]);
    expect((JSON.parse(r.stdout) as { traces: { verdict: string }[] }).traces.map((t) => t.verdict)).toEqual(['clicked', 'not_found']);
  });
});

describe.concurrent('trace against recording servers', () => {
  it('sends the signed request of the API page and paces several PushIDs at least 1 s apart', async () => {
    const server = await traceServer(() => response(instance({ offline: 1, channel: 1, device: 1 })));
    const r = await viaServer(server, ['a1', 'b2', 'c3', '--json']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(3);
    for (const g of gaps(server.requests)) expect(g).toBeGreaterThanOrEqual(1000);
    const q = server.requests[0]!;
    expect(q.method).toBe('POST');
    expect(q.path).toBe('/v4/timpush/normal_push_trace');
    expect(Object.keys(q.query).sort()).toEqual(['contenttype', 'identifier', 'random', 'sdkappid', 'usersig']);
    expect(q.query).toMatchObject({ sdkappid: SDK, identifier: 'administrator', contenttype: 'json' });
    for (const req of server.requests) expect(Number(req.query.random)).toBeLessThanOrEqual(4294967295);
    expect(new Set(server.requests.map((x) => x.query.random)).size).toBe(3);
    expect(server.requests.map((x) => JSON.parse(x.body.toString()) as unknown)).toEqual([{ PushID: 'a1' }, { PushID: 'b2' }, { PushID: 'c3' }]);
  });

  it('retries a rate-limit answer after a pause and succeeds', async () => {
    const server = await traceServer((_id, i) => (i === 0 ? { ActionStatus: 'FAIL', ErrorCode: 60018, ErrorInfo: 'too many requests' } : samples.get(SAMPLE.clickedApns)));
    const r = await viaServer(server, [SAMPLE.clickedApns]);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(gaps(server.requests)[0]).toBeGreaterThanOrEqual(1000);
    expect(r.stderr).toMatch(/60018 too many requests; retrying in 1\.\d s \(1 of 3\)/);
  });

  it('never retries an auth error (70001 → exit 4, one request)', async () => {
    const server = await traceServer(() => ({ ActionStatus: 'FAIL', ErrorCode: 70001, ErrorInfo: 'sig expired' }));
    const r = await viaServer(server, ['p1']);
    expect(r.code).toBe(4);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toMatch(/^chatpush: UserSig rejected \(70001: /);
  });

  it('gives up on HTTP 503 after --retries (exit 5)', async () => {
    const server = await traceServer(() => (res: import('node:http').ServerResponse) => json(res, { error: 'unavailable' }, 503));
    const r = await viaServer(server, ['p1', '--retries', '1']);
    expect(r.code).toBe(5);
    expect(server.requests).toHaveLength(2);
    expect(r.stderr).toMatch(/HTTP 503 from 127\.0\.0\.1:\d+.*gave up after 1 retry/);
  });

  const raw = (status: number, type: string, body: string) => () => (res: import('node:http').ServerResponse) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  it.each([
    ['an HTML page', raw(200, 'text/html', '<html><head><title>Portal</title></head></html>'), /answered with HTML, not JSON \("Portal"\)/],
    ['truncated JSON', raw(200, 'application/json', '{"ActionStatus":"OK","ErrorCode":0,"InstanceTrace":[{"Inst'), /truncated or broken JSON/],
    ['plain text', raw(200, 'text/plain', 'upstream connect error'), /is not JSON: "upstream connect error"/],
    ['HTTP 404', raw(404, 'text/plain', 'not found'), /HTTP 404 from/],
    ['90045', () => ({ ActionStatus: 'FAIL', ErrorCode: 90045, ErrorInfo: 'service not open' }), /90045: the Push service is not enabled/],
  ])('exits 5 for %s', async (_name, answer, message) => {
    const server = await traceServer(answer);
    const r = await viaServer(server, ['p1', '--json']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(message);
    const doc = JSON.parse(r.stdout) as { traces: { verdict: null; error: { exitCode: number } }[] };
    expect(doc.traces[0]).toMatchObject({ verdict: null, error: { exitCode: 5 } });
  });

  it('exits 6 when the server does not answer within --timeout', async () => {
    const server = await traceServer(() => () => {});
    const started = Date.now();
    const r = await viaServer(server, ['p1', '--timeout', '0.3']);
    expect(r.code).toBe(6);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.stderr).toMatch(/^chatpush: no answer from 127\.0\.0\.1:\d+ within 0\.3 s\./);
  });

  it('exits 6 when nothing listens', async () => {
    const server = await startRecordingServer();
    const url = server.url;
    await server.close();
    const r = await runCli(['trace', 'p1'], { env: env(url) });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/connection refused by 127\.0\.0\.1:\d+/);
  });

  it('refuses to send the UserSig over plain http to a remote host (exit 2, before connecting)', async () => {
    const r = await runCli(['trace', 'p1'], { env: env('http://192.0.2.1:9') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^chatpush: refusing to send the UserSig over plain http to 192\.0\.2\.1:9/);
  });

  it('--watch polls until the device is reached, at least 1 s apart', async () => {
    const server = await traceServer((_id, i) =>
      i === 0 ? response() : i === 1 ? response(instance({ offline: 1, channel: 1, device: 0 })) : response(instance({ offline: 1, channel: 1, device: 1 })),
    );
    const r = await viaServer(server, ['p1', '--watch', '--json']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(3);
    for (const g of gaps(server.requests)) expect(g).toBeGreaterThanOrEqual(1000);
    expect((JSON.parse(r.stdout) as { traces: { verdict: string }[] }).traces[0]!.verdict).toBe('delivered');
    expect(r.stderr).toMatch(/watching p1 until "device" succeeds or fails/);
  });

  it('--watch exits 8 when still pending at --watch-timeout, showing the last state', async () => {
    const server = await traceServer(() => response(instance({ offline: 1, channel: 1, device: 0 })));
    // 4 s, not less: on a loaded 2-core CI machine the first answer alone can take over a second, and the test is
    // about what happens at the deadline, not about how fast the machine is (polls are >= 1 s apart: <= 4 of them).
    const r = await viaServer(server, ['p1', '--watch', '--watch-timeout', '4']);
    expect(r.code).toBe(8);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
    expect(server.requests.length).toBeLessThanOrEqual(4);
    expect(r.stdout).toMatch(/^Verdict: pending at device/m);
    expect(r.stderr).toMatch(/p1: "device" not reached yet after watching for 4 s\. Trace it again later, or raise --watch-timeout\./);
  });

  it('points out --watch-timeout given without --watch (one request, no polling)', async () => {
    const server = await traceServer(() => response(instance({ offline: 1, channel: 1, device: 1 })));
    const r = await viaServer(server, ['p1', '--watch-timeout', '5']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toMatch(/warning: --watch-timeout has no effect without --watch\./);
  });

  it('strips escape sequences from server text in the table and escapes them in JSON', async () => {
    const evil = 'Err\u001b[2J\u001b]0;pwned\u0007\nVerdict: clicked\u009b31m';
    const body = response(instance({ offline: 1, channel: { PushStatus: 2, ErrorCode: 1, ErrorInfo: evil }, fields: { DeviceModel: 'X\u001b[5m1' } }));
    const server1 = await traceServer(() => body);
    const server2 = await traceServer(() => body);
    const [text, asJson] = await Promise.all([viaServer(server1, ['p1']), viaServer(server2, ['p1', '--json'])]);
    expect(text.code).toBe(1);
    expect(text.stdout).not.toMatch(CONTROL);
    expect(text.stdout.match(/^Verdict:/gm)).toHaveLength(1);
    expect(text.stdout).toContain('Err Verdict: clicked31m');
    expect(asJson.stdout).not.toMatch(CONTROL);
    const doc = JSON.parse(asJson.stdout) as { traces: { instances: { deviceModel: string; stages: { errorInfo: string }[] }[] }[] };
    expect(doc.traces[0]!.instances[0]!.stages[2]!.errorInfo).toBe(evil);
    expect(doc.traces[0]!.instances[0]!.deviceModel).toBe('X\u001b[5m1');
  });

  it('--verbose logs each request with usersig=[REDACTED] and never the key or the UserSig', async () => {
    const server = await traceServer(() => ({ ActionStatus: 'FAIL', ErrorCode: 70009, ErrorInfo: 'key mismatch' }));
    const r = await viaServer(server, ['p1', '--verbose', '--json']);
    const sent = server.requests[0]!.query.usersig!;
    expect(sent.length).toBeGreaterThan(50);
    const all = r.stdout + r.stderr;
    expect(all).toContain('usersig=[REDACTED]');
    expect(all).toMatch(/\[debug\] POST http:\/\/127\.0\.0\.1:\d+\/v4\/timpush\/normal_push_trace\?sdkappid=1400000000&identifier=administrator&usersig=\[REDACTED\]&random=\d+&contenttype=json/);
    expect(all).not.toContain(sent);
    expect(all).not.toContain(KEY);
    expect(r.code).toBe(4);
  });
});

describe.concurrent('trace offline and input errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatpush-trace-'));
  const file = (name: string, content: string): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('--response-file renders a saved response with no credentials or network', async () => {
    const p = file(`${SAMPLE.oppoNoCertificate}.json`, JSON.stringify(samples.get(SAMPLE.oppoNoCertificate)));
    const r = await runCli(['trace', '--response-file', p]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`PushID ${SAMPLE.oppoNoCertificate} · 1 instance`);
    expect(r.stdout).toMatch(/^Verdict: failed at offline submit — No OPPO push certificate is configured/m);
  });

  it('--response-file: a UTF-8 BOM is ignored, and a file not named after a PushID labels the answer, not a PushID', async () => {
    const p = file('saved-response.json', `\ufeff${JSON.stringify(samples.get(SAMPLE.oppoNoCertificate))}`);
    const r = await runCli(['trace', '--response-file', p]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PushID (from saved-response.json) · 1 instance');
    const labelled = await runCli(['trace', '--response-file', p, SAMPLE.oppoNoCertificate]);
    expect(labelled.stdout).toContain(`PushID ${SAMPLE.oppoNoCertificate} · 1 instance`);
  });

  it('renders a 2000-instance response', async () => {
    const p = file('big.json', JSON.stringify(largeResponse(2000)));
    const [text, asJson] = await Promise.all([
      runCli(['trace', '--response-file', p, 'big-push']),
      runCli(['--json', 'trace', '--response-file', p, 'big-push']),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout.match(/^Instance /gm)).toHaveLength(2000);
    expect((JSON.parse(asJson.stdout) as { traces: { instances: unknown[] }[] }).traces[0]!.instances).toHaveLength(2000);
  });

  it.each([
    ['70009 in the saved response', 4, JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: 70009, ErrorInfo: 'x' }), /UserSig rejected \(70009/],
    ['an empty trace', 7, JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, InstanceTrace: [] }), /no trace data/],
    ['broken JSON', 2, '{\n  "ActionStatus": "OK",\n  "InstanceTrace": [\n}', /saved-\d\.json:4:1: not valid JSON/],
  ])('--response-file with %s exits %d', async (_name, code, content, message) => {
    const p = file(`saved-${code}.json`, content);
    const r = await runCli(['trace', '--response-file', p]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['no SDKAppID', 3, ['trace', 'p1'], {}, /^chatpush: SDKAppID is not set\./],
    ['no key', 3, ['trace', 'p1'], { CHATPUSH_SDKAPPID: SDK }, /secret key is not set/],
    ['no PushID', 2, ['trace'], { CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY }, /^chatpush: no PushID given\./],
    ['a bad PushID', 2, ['trace', 'a b'], {}, /^chatpush: argument: "a b" is not a PushID\./],
    ['a bad line in --from-file', 2, ['trace', '--from-file', 'FILE'], {}, /ids\.txt:3: "not\/valid" is not a PushID/],
    ['a missing --from-file', 2, ['trace', '--from-file', '/nonexistent/ids'], {}, /cannot read --from-file \/nonexistent\/ids: no such file\. Check the path/],
    ['a --response-file that is a folder', 2, ['trace', '--response-file', '/'], {}, /^chatpush: cannot read --response-file \/: it is a folder, not a file\. Check the path; the file holds one saved normal_push_trace response body\.$/m],
    ['--watch with --response-file', 2, ['trace', '--watch', '--response-file', 'x.json'], {}, /--watch needs the live API/],
    ['a bad --expect', 2, ['trace', '--expect', 'vendor', 'p1'], {}, /argument 'vendor' is invalid/],
  ])('%s → exit %d', async (_name, code, args, extra, message) => {
    const ids = file('ids.txt', '# PushIDs\np1\nnot/valid\n');
    const r = await runCli(args.map((a) => (a === 'FILE' ? ids : a)), { env: baseEnv(extra) });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('exits 130 on Ctrl-C while waiting for an answer', async () => {
    const server = await traceServer(() => () => {});
    try {
      const p = spawnCli(['trace', 'p1', '--timeout', '10'], { env: env(server.url) });
      while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
      p.child.kill('SIGINT');
      const { code } = await p.exited;
      expect(code).toBe(130);
      expect(p.stderr()).toMatch(/interrupted/);
    } finally {
      await server.close();
    }
  });
});
