/**
 * `chatpush replay` end to end: the built CLI against real servers on 127.0.0.1:0 (recording servers and
 * `chatpush listen`). Asserts what the server received (path, query, headers, exact body bytes, Sign),
 * every verdict, the report, --json, --junit and the exit codes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripComments } from 'jsonc-parser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, ROOT, runCli, spawnCli } from '../helpers/cli.js';
import { startListenProcess, type ListenProcess } from '../helpers/listen-process.js';
import { json, startRecordingServer, type Handler, type RecordingServer } from '../helpers/recording-server.js';

const FIXTURES = join(ROOT, 'fixtures', 'callbacks', 'tencent');
const CALLBACKS = join(ROOT, 'fixtures', 'callbacks');
/** Every shipped sample, in the order replay reads the folder: sub-folders sorted (openim/, then tencent/). */
const PATHS = ['openim', 'tencent'].flatMap((p) => readdirSync(join(CALLBACKS, p)).filter((f) => f.endsWith('.json')).sort().map((f) => `${p}/${f}`));
const FILES = PATHS.map((p) => p.replace(/^.*\//, ''));
/** OpenIM webhooks posted with ?key=base64(JSON{sendID,recvID,groupID}) (AsyncPostWithQuery, main 7848d7c7). */
const KEYED = ['callbackAfterSendSingleMsgCommand', 'callbackAfterSendGroupMsgCommand', 'callbackAfterMsgSaveDBCommand'];
const TOKEN = 'e2e-callback-token-1234';

const servers: RecordingServer[] = [];
const listeners: ListenProcess[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(listeners.splice(0).map((l) => l.stop()));
});

/** Answers each protocol like a correct backend (friend before-callbacks need one ResultItem per account, §A6.2). */
const correct: Handler = (req, res) => {
  if (/\/callbackBeforeSetGroupInfo(Ex)?Command$/.test(req.path)) {
    // OpenIM copies these from the reply whether set or not (decide-openim.ts O10): a correct backend echoes them.
    const b = JSON.parse(req.body.toString()) as Record<string, unknown>;
    return json(res, { actionCode: 0, errCode: 0, errMsg: '', errDlt: '', nextCode: 0, groupID: b.groupID, groupName: b.groupName, faceURL: b.faceURL, introduction: b.introduction, ex: b.ex, needVerification: b.needVerification, lookMemberInfo: b.lookMemberInfo, applyMemberFriend: b.applyMemberFriend });
  }
  if (/\/callback\w+Command$/.test(req.path)) return json(res, { actionCode: 0, errCode: 0, errMsg: '', errDlt: '', nextCode: 0 });
  if (/^Sns\.CallbackPrevFriend/.test(req.query.CallbackCommand ?? '')) {
    const body = JSON.parse(req.body.toString()) as { FriendItem?: { To_Account: string }[]; ResponseFriendItem?: { To_Account: string }[] };
    const items = body.FriendItem ?? body.ResponseFriendItem ?? [];
    return json(res, { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, ResultItem: items.map((i) => ({ To_Account: i.To_Account, ResultCode: 0, ResultInfo: '' })) });
  }
  json(res, { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
};

async function server(handler: Handler = correct): Promise<RecordingServer> {
  const s = await startRecordingServer(handler);
  servers.push(s);
  return s;
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'chatpush-replay-'));
}

function fixtureFile(name: string, text: string): string {
  const path = join(tmp(), name);
  writeFileSync(path, text);
  return path;
}

interface ReplayJson {
  schemaVersion: number;
  results: { name: string; protocol: string; command: string; url: string; status: number | null; latencyMs: number; pass: boolean; reason: string; reply: unknown; decision: string | null; warnings: string[]; changes?: unknown[]; count?: number; passed?: number; failed?: number; skipped?: boolean }[];
  summary: { passed: number; failed: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; interrupted?: boolean };
}

beforeAll(() => {
  expect(FILES.length).toBeGreaterThanOrEqual(90);
});

describe('replay every shipped fixture', () => {
  it('sends exact bytes, the right URL, query, headers and Sign, and passes against a correct backend', async () => {
    const s = await server();
    const before = Math.floor(Date.now() / 1000);
    const r = await runCli(['replay', 'fixtures/callbacks', '--url', `${s.url}/im/cb`, '--url-openim', `${s.url}/im/cb`, '--sdkappid', '1400000123', '--json'], {
      env: baseEnv({ CHATPUSH_CALLBACK_TOKEN: TOKEN }),
    });
    const after = Math.floor(Date.now() / 1000);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.stdout).not.toContain(TOKEN);
    expect(r.stdout).not.toMatch(/Sign=/);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as ReplayJson;
    expect(doc.schemaVersion).toBe(1);
    expect(doc.results.map((x) => x.name)).toEqual(FILES);
    expect(doc.results.every((x) => x.pass && x.status === 200)).toBe(true);
    expect(doc.summary).toMatchObject({ passed: FILES.length, failed: 0 });
    // schemaVersion first; piped, one compact line (README "JSON output").
    expect(r.stdout.startsWith('{"schemaVersion":1,')).toBe(true);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);

    expect(s.requests).toHaveLength(FILES.length);
    PATHS.forEach((file, i) => {
      const req = s.requests[i]!;
      const text = readFileSync(join(CALLBACKS, file), 'utf8');
      const value = JSON.parse(stripComments(text)) as Record<string, unknown>;
      // Exact bytes: the file itself, or the file with only its comments removed.
      expect(req.body.toString('utf8')).toBe(stripComments(text));
      if (!/\/\/|\/\*/.test(text)) expect(req.body.equals(readFileSync(join(CALLBACKS, file)))).toBe(true);
      expect(req.method).toBe('POST');
      const openim = typeof value.callbackCommand === 'string';
      if (openim) {
        const command = value.callbackCommand as string;
        expect(req.path).toBe(`/im/cb/${command}`);
        if (KEYED.includes(command)) {
          expect(Object.keys(req.query)).toEqual(['key']);
          expect(JSON.parse(Buffer.from(req.query.key!, 'base64').toString())).toEqual({ sendID: value.sendID ?? '', recvID: value.recvID ?? '', groupID: value.groupID ?? '' });
        } else {
          expect(req.query).toEqual({});
        }
        expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
        // OpenIM sends the body's operationID as the header (http_client.go:73-74); bodies without one get a fresh id.
        if (typeof value.operationID === 'string' && value.operationID !== '') expect(req.headers.operationid).toBe(value.operationID);
        else expect(req.headers.operationid).toMatch(/^\d+$/);
        expect(doc.results[i]!.url).toBe(`${s.url}/im/cb/${command}${KEYED.includes(command) ? `?key=${encodeURIComponent(req.query.key!)}` : ''}`);
        return;
      }
      const command = (value.CallbackCommand ?? (value.Events as { CallbackCommand: string }[])[0]!.CallbackCommand) as string;
      expect(req.path).toBe('/im/cb');
      expect(req.headers['content-type']).toBe('application/json');
      // §A1: push callbacks and the live-group member-state notification carry neither ClientIP nor OptPlatform;
      // Alert.RequestOverLimit carries OptPlatform only.
      const push = command.startsWith('Push.') || command === 'Group.CallbackOnMemberStateChange';
      const alert = command === 'Alert.RequestOverLimit';
      expect(Object.keys(req.query)).toEqual(
        push
          ? ['SdkAppid', 'CallbackCommand', 'contenttype', 'RequestTime', 'Sign']
          : alert
            ? ['SdkAppid', 'CallbackCommand', 'contenttype', 'OptPlatform', 'RequestTime', 'Sign']
            : ['SdkAppid', 'CallbackCommand', 'contenttype', 'ClientIP', 'OptPlatform', 'RequestTime', 'Sign'],
      );
      expect(req.query).toMatchObject({ SdkAppid: '1400000123', CallbackCommand: command, contenttype: 'json' });
      if (!push && !alert) expect(req.query).toMatchObject({ ClientIP: '127.0.0.1', OptPlatform: 'RESTAPI' });
      const t = Number(req.query.RequestTime);
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(after);
      expect(req.query.Sign).toBe(createHash('sha256').update(`${TOKEN}${t}`).digest('hex'));
      expect(doc.results[i]!.url).not.toMatch(/[?&]Sign=/);
      expect(doc.results[i]!.url).toContain(`CallbackCommand=${command}`);
    });
  });

  it('passes against `chatpush listen` (SdkAppid and Sign checked), which prints one line per callback', async () => {
    const l = await startListenProcess(['--sdkappid', '1400000123', '--token', TOKEN]);
    listeners.push(l);
    const r = await runCli(['replay', ...PATHS.map((f) => `fixtures/callbacks/${f}`), '--url', l.url, '--url-openim', l.url, '--sdkappid', '1400000123', '--token', TOKEN]);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`${FILES.length} passed, 0 failed`);
    expect(lines[0]).toMatch(/^NAME\s+COMMAND\s+STATUS\s+LATENCY\s+VERDICT\s+DECISION\s+REASON$/);
    expect(lines.filter((x) => / PASS /.test(x))).toHaveLength(FILES.length);
    expect(lines.at(-2)).toMatch(/^latency p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms$/);
    const received = await l.waitForLines(FILES.length);
    // One line per callback, each answered ok, and no schema violation (listen prints those as "✗ path: reason").
    expect(received).toHaveLength(FILES.length);
    expect(received.every((x) => /\s(tencent|openim)\s+\S+\s+ok(\s|$)/.test(x))).toBe(true);
    expect(received.join('\n')).not.toContain('✗');
  });

  it('fails every callback against `chatpush listen` with another token (Sign rejected)', async () => {
    const l = await startListenProcess(['--token', 'the-real-token']);
    listeners.push(l);
    const r = await runCli(['replay', 'fixtures/callbacks/tencent/C2C.CallbackAfterSendMsg.json', '--url', l.url, '--token', TOKEN, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as ReplayJson;
    expect(doc.results[0]!.reason).toBe(
      'ActionStatus "FAIL" (expected "OK"), ErrorCode 1: chatpush listen: Sign does not match sha256(token + RequestTime): wrong token? (Tencent ignores after-callback codes, but this reply reports a failure)',
    );
    const [line] = await l.waitForLines(1);
    expect(line).toMatch(/REJECT\s+Sign does not match/);
  });

  it('--reply fail and --reply slow on listen give FAIL verdicts and exit 1', async () => {
    const fail = await startListenProcess(['--reply', 'fail']);
    listeners.push(fail);
    const r1 = await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', 'fixtures/callbacks/openim/callbackBeforeOfflinePushCommand.json', '--url', fail.url, '--url-openim', fail.url, '--json']);
    expect(r1.code).toBe(1);
    expect((JSON.parse(r1.stdout) as ReplayJson).results.map((x) => [x.decision, x.reason])).toEqual([
      ['continue', 'ActionStatus "FAIL" (expected "OK"), ErrorCode 1: chatpush listen --reply fail (Tencent ignores after-callback codes, but this reply reports a failure)'],
      ['refused', 'refused by backend (actionCode 0, nextCode 1, errCode 5001 "chatpush listen --reply fail")'],
    ]);
    const slow = await startListenProcess(['--reply', 'slow']);
    listeners.push(slow);
    const r2 = await runCli(['replay', 'fixtures/callbacks/tencent/C2C.CallbackBeforeSendMsg.json', '--url', slow.url, '--budget-ms', '300']);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toMatch(/—\s+\d+ ms\s+FAIL\s+message allowed\s+no reply within the 300 ms budget: Tencent gives up and, by default, lets it through/);
    expect(r2.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
});

describe('verdicts', () => {
  /** One backend, many behaviours, chosen by the `case` query parameter each envelope entry sets. */
  const behaviours: Handler = async (req, res) => {
    switch (req.query.case) {
      case 'fail':
        return json(res, { ActionStatus: 'FAIL', ErrorInfo: 'db down', ErrorCode: 1 });
      case 'nonjson':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('success');
        return;
      case 'http500':
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal Server Error');
        return;
      case 'slow':
        // Far beyond the budget below, so the verdict cannot depend on how busy the machine is.
        await new Promise((r) => setTimeout(r, 4000));
        return json(res, { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
      case 'reset':
        return void res.socket?.destroy();
      case 'forbid':
        return json(res, { ActionStatus: 'OK', ErrorInfo: 'no links', ErrorCode: 1 });
      case 'refuse':
        return json(res, { actionCode: 0, errCode: 5001, errMsg: 'muted user', errDlt: '', nextCode: 1 });
      case 'im-nonjson':
        res.end('ok');
        return;
      default:
        return correct(req, res, 0);
    }
  };

  const envelope = (entries: { name: string; c: string; openim?: boolean; expect?: object }[]): string =>
    JSON.stringify({
      callbacks: entries.map((e) => ({
        name: e.name,
        query: { case: e.c },
        body: e.openim
          ? { callbackCommand: 'callbackBeforeOfflinePushCommand', userIDList: ['u1'], sendID: 's', clientMsgID: 'c', contentType: 101, sessionType: 1, content: 'x' }
          : { CallbackCommand: 'C2C.CallbackBeforeSendMsg', From_Account: 'a', To_Account: 'b', MsgBody: [] },
        ...(e.expect ? { expect: e.expect } : {}),
      })),
    });

  it('OK, FAIL, non-JSON, HTTP 500, slow beyond budget, reset, before-send forbid, refused OpenIM push', async () => {
    const s = await server(behaviours);
    const file = fixtureFile(
      'cases.json',
      envelope([
        { name: 'ok', c: 'ok' },
        { name: 'fail', c: 'fail' },
        { name: 'nonjson', c: 'nonjson' },
        { name: 'http500', c: 'http500' },
        { name: 'slow', c: 'slow' },
        { name: 'reset', c: 'reset' },
        { name: 'forbid', c: 'forbid' },
        { name: 'forbid-expected', c: 'forbid', expect: { ErrorCode: 1 } },
        { name: 'im-ok', c: 'ok', openim: true },
        { name: 'im-refused', c: 'refuse', openim: true },
        { name: 'im-refused-expected', c: 'refuse', openim: true, expect: { nextCode: 1 } },
        { name: 'im-nonjson', c: 'im-nonjson', openim: true },
      ]),
    );
    const junit = join(tmp(), 'report.xml');
    const r = await runCli(['replay', file, '--url', s.url, '--url-openim', s.url, '--budget-ms', '1500', '--concurrency', '4', '--json', '--junit', junit]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as ReplayJson;
    expect(doc.results.map((x) => [x.name, x.pass, x.status, x.decision, x.reason])).toEqual([
      ['ok', true, 200, 'allowed', 'ActionStatus OK, ErrorCode 0'],
      ['fail', false, 200, 'denied', 'ActionStatus "FAIL" (expected "OK"), ErrorCode 1: db down — message denied (the client sees 20006)'],
      ['nonjson', false, 200, 'error', 'reply is not JSON: success'],
      ['http500', false, 500, 'error', 'HTTP 500 (expected 200): Internal Server Error'],
      ['slow', false, null, 'allowed', 'no reply within the 1500 ms budget: Tencent gives up and, by default, lets it through'],
      ['reset', false, null, 'error', 'connection closed before a complete reply (reset by the backend): Tencent counts a failed callback'],
      ['forbid', false, 200, 'denied', 'ErrorCode 1 (expected 0): no links — message denied (the client sees 20006)'],
      ['forbid-expected', true, 200, 'denied', 'as expected (ErrorCode 1) — message denied (the client sees 20006)'],
      ['im-ok', true, 200, 'continue', 'OpenIM goes on'],
      ['im-refused', false, 200, 'refused', 'refused by backend (actionCode 0, nextCode 1, errCode 5001 "muted user")'],
      ['im-refused-expected', true, 200, 'refused', 'refused by backend (actionCode 0, nextCode 1, errCode 5001 "muted user"), as expected'],
      ['im-nonjson', false, 200, 'blocked', 'reply does not decode (invalid character \'o\' looking for beginning of value): OpenIM aborts with ErrData 90007 "response format error"'],
    ]);
    expect(doc.summary).toMatchObject({ passed: 4, failed: 8 });
    const slow = doc.results.find((x) => x.name === 'slow')!;
    // Cut at the budget (1500 ms), not when the reply came (4000 ms); a busy machine may only add to the first.
    expect(slow.latencyMs).toBeGreaterThanOrEqual(1490);
    expect(slow.latencyMs).toBeLessThan(3900);
    expect(doc.results.find((x) => x.name === 'fail')!.reply).toEqual({ ActionStatus: 'FAIL', ErrorInfo: 'db down', ErrorCode: 1 });

    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites name="chatpush replay" tests="12" failures="8" errors="0"');
    expect(xml).toContain('<testcase classname="tencent.C2C.CallbackBeforeSendMsg" name="ok" time=');
    expect(xml).toContain('<failure message="HTTP 500 (expected 200): Internal Server Error" type="ReplyCheckFailed">');
    expect(xml).toContain('<failure message="refused by backend (actionCode 0, nextCode 1, errCode 5001 &quot;muted user&quot;)"');
  });

  it('nothing listening: exit 6, a one-line error, nothing on stdout', async () => {
    const s = await server();
    const url = s.url;
    await s.close();
    servers.length = 0;
    const r = await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', url]);
    expect(r.code).toBe(6);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^chatpush: connection refused by 127\.0\.0\.1:\d+: is the server running and the port right\? Start your backend/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('sending options', () => {
  it('--set rewrites only that value; --fresh, --repeat and --concurrency give new ids per send and one summarised row', async () => {
    const s = await server();
    const r = await runCli([
      'replay', 'fixtures/callbacks/tencent/C2C.CallbackBeforeSendMsg.json', '--url', s.url,
      '--set', 'To_Account=zoe', '--set', 'MsgBody[0].MsgContent.Text="hello"', '--fresh', '--repeat', '20', '--concurrency', '5', '--json',
    ]);
    expect(r.code).toBe(0);
    expect(s.requests).toHaveLength(20);
    const file = readFileSync(join(FIXTURES, 'C2C.CallbackBeforeSendMsg.json'), 'utf8');
    const keys = new Set<string>();
    for (const q of s.requests) {
      const body = q.body.toString();
      const v = JSON.parse(body) as { To_Account: string; MsgKey: string; MsgSeq: number; MsgRandom: number; MsgTime: number; MsgBody: { MsgContent: { Text: string } }[] };
      expect(v.To_Account).toBe('zoe');
      expect(v.MsgBody[0]!.MsgContent.Text).toBe('hello');
      expect(v.MsgKey).toBe(`${v.MsgSeq}_${v.MsgRandom}_${v.MsgTime}`);
      keys.add(v.MsgKey);
      // Everything but the changed values is byte-for-byte the file.
      const normalise = (t: string): string =>
        t.replace(/"(To_Account|Text|MsgKey|MsgId)": ?"[^"]*"/g, '"$1":_').replace(/"(MsgSeq|MsgRandom|MsgTime|EventTime)": ?\d+/g, '"$1":_');
      expect(normalise(body)).toBe(normalise(file));
    }
    expect(keys.size).toBe(20);
    const doc = JSON.parse(r.stdout) as ReplayJson;
    expect(doc.results).toHaveLength(1);
    expect(doc.results[0]).toMatchObject({ name: 'C2C.CallbackBeforeSendMsg.json', count: 20, passed: 20, failed: 0, pass: true, status: 200 });
    expect(doc.summary).toMatchObject({ passed: 20, failed: 0 });
  });

  it('the human report summarises repeats as one row with counts', async () => {
    const s = await server();
    const r = await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', s.url, '--repeat', '30', '--concurrency', '3']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^Push\.OfflinePush\.json\s+Push\.OfflinePush\s+200\s+avg [\d.]+ ms\s+PASS 30\/30\s+reply ignored\s+ActionStatus OK, ErrorCode 0$/);
    expect(lines[3]).toMatch(/^30 requests in [\d.]+ s \([\d.]+\/s\), latency p50/);
    expect(lines[4]).toBe('30 passed, 0 failed');
  });

  it('--command overrides detection (the body is still sent as is)', async () => {
    const s = await server();
    const file = fixtureFile('bare.json', '{"From_Account":"a"}\n');
    const r = await runCli(['replay', file, '--url', `${s.url}/hook`, '--command', 'State.StateChange', '--opt-platform', 'iOS', '--client-ip', '10.1.2.3']);
    expect(r.code).toBe(0);
    expect(s.requests[0]!.query).toEqual({ SdkAppid: '1400000000', CallbackCommand: 'State.StateChange', contenttype: 'json', ClientIP: '10.1.2.3', OptPlatform: 'iOS' });
    expect(s.requests[0]!.body.toString()).toBe('{"From_Account":"a"}\n');
  });

  it('JSON Lines of captured bodies: one row per line', async () => {
    const s = await server();
    const file = fixtureFile('captured.jsonl', '{"CallbackCommand":"C2C.CallbackAfterSendMsg","n":1}\n{"callbackCommand":"callbackBeforeOnlinePushCommand","n":2}\n');
    const r = await runCli(['replay', file, '--url', s.url, '--url-openim', s.url, '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ReplayJson).results.map((x) => [x.name, x.protocol])).toEqual([
      ['captured.jsonl:1', 'tencent'],
      ['captured.jsonl:2', 'openim'],
    ]);
    expect(s.requests.map((q) => q.body.toString())).toEqual(['{"CallbackCommand":"C2C.CallbackAfterSendMsg","n":1}', '{"callbackCommand":"callbackBeforeOnlinePushCommand","n":2}']);
  });

  it('--verbose never shows the token or a Sign', async () => {
    const s = await server();
    const r = await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', s.url, '--token', TOKEN, '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[debug]');
    expect(r.stderr).toContain('Sign=[REDACTED]');
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
    expect(`${r.stdout}${r.stderr}`).not.toContain(s.requests[0]!.query.Sign!);
  });
});

describe('bad input is exit 2 with one line', () => {
  it.each([
    ['broken fixture', () => [fixtureFile('broken.json', '{\n  "CallbackCommand": "C2C.CallbackAfterSendMsg",\n  "MsgSeq": 1,\n}\n')], [], /^chatpush: \S+broken\.json:4:1: trailing comma: JSON allows no ',' before '\}'/],
    ['no command', () => [fixtureFile('nocmd.json', '{"a":1}')], [], /^chatpush: \S+nocmd\.json:1:1: no CallbackCommand \(top level or in Events\[0\]\) and no callbackCommand in this body\. Add the field, or pass --command/],
    ['missing file', () => ['does/not/exist.json'], [], /^chatpush: cannot read fixture does\/not\/exist\.json: no such file\./],
    ['--set on a missing field', () => ['fixtures/callbacks/tencent/Push.OfflinePush.json'], ['--set', 'To_Account=x'], /^chatpush: --set To_Account: Push\.OfflinePush\.json has no field "To_Account" \(the body has Events\)\. Did you mean Events\[0\]\.To_Account\?/],
    ['--set without =', () => ['fixtures/callbacks/tencent/Push.OfflinePush.json'], ['--set', 'To_Account'], /^chatpush: --set "To_Account" needs the form path=value\./],
    ['bad --command', () => ['fixtures/callbacks/tencent/Push.OfflinePush.json'], ['--command', 'nope'], /^chatpush: --command "nope" is not a callback command chatpush knows\./],
    // Checked before the first callback is sent: a typo in --junit must not cost a run against the backend.
    ['--junit in a missing folder', () => ['fixtures/callbacks/tencent/Push.OfflinePush.json'], ['--junit', '/nonexistent/dir/report.xml'], /^chatpush: cannot write --junit \/nonexistent\/dir\/report\.xml: no such file\. Check that the folder exists and is writable\.$/m],
    ['--junit naming a folder', () => ['fixtures/callbacks/tencent/Push.OfflinePush.json'], ['--junit', tmpdir()], /^chatpush: cannot write --junit \S+: it is a folder, not a file\./],
  ])('%s', async (_name, files, extra, message) => {
    const s = await server();
    const r = await runCli(['replay', ...files(), '--url', s.url, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(s.requests).toHaveLength(0);
  });

  it('a non-loopback --url is refused unless --allow-remote', async () => {
    const r = await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', 'http://callbacks.example.com/im']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'chatpush: refusing to send callbacks to callbacks.example.com: it is not a loopback address. Sample callbacks must not reach production by accident; pass --allow-remote if you mean this backend.\n',
    );
  });

  it('a --url that is not a URL', async () => {
    const r = await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', 'localhost:8080']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^chatpush: --url "localhost:8080" must be an http:\/\/ or https:\/\/ URL\./);
  });
});

describe('Ctrl-C during a replay', () => {
  /** A backend that answers the first request and leaves every later one hanging. */
  const answersOnce: Handler = (req, res, index) => {
    if (index === 0) correct(req, res, index);
  };
  const files = ['C2C.CallbackAfterSendMsg.json', 'Group.CallbackAfterSendMsg.json', 'Push.OfflinePush.json'].map((f) => join(FIXTURES, f));

  async function interrupt(extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const s = await server(answersOnce);
    const p = spawnCli(['replay', ...files, '--url', s.url, '--budget-ms', '60000', ...extra]);
    while (s.requests.length < 2) await new Promise((r) => setTimeout(r, 20));
    p.child.kill('SIGINT');
    const { code } = await p.exited;
    return { code, stdout: p.stdout(), stderr: p.stderr() };
  }

  it('prints the report of what was answered, marks the rest SKIP, and exits 130', async () => {
    const r = await interrupt([]);
    expect(r.code).toBe(130);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^C2C\.CallbackAfterSendMsg\.json\s+C2C\.CallbackAfterSendMsg\s+200\s+\S+ ms\s+PASS\s+reply ignored\s+ActionStatus OK, ErrorCode 0$/);
    expect(lines[2]).toMatch(/^Group\.CallbackAfterSendMsg\.json\s+Group\.CallbackAfterSendMsg\s+—\s+—\s+SKIP\s+—\s+interrupted before it was answered$/);
    expect(lines[3]).toMatch(/^Push\.OfflinePush\.json\s+Push\.OfflinePush\s+—\s+—\s+SKIP\s+—\s+interrupted before it was answered$/);
    expect(lines.slice(-2)).toEqual(['interrupted: 1 of 3 requests answered', '1 passed, 0 failed']);
    expect(r.stderr).toMatch(/^chatpush: interrupted\.$/m);
  });

  it('--json and --junit still get their document and file', async () => {
    const junit = join(tmp(), 'report.xml');
    const r = await interrupt(['--json', '--junit', junit]);
    expect(r.code).toBe(130);
    const doc = JSON.parse(r.stdout) as ReplayJson;
    expect(doc.summary).toMatchObject({ passed: 1, failed: 0, interrupted: true });
    expect(doc.results.map((x) => [x.pass, x.skipped ?? false])).toEqual([
      [true, false],
      [false, true],
      [false, true],
    ]);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="3" failures="0" errors="0" skipped="2"');
    expect(xml.match(/<skipped message="interrupted before it was answered"\/>/g)).toHaveLength(2);
  });
});

describe('load options', () => {
  it('--concurrency 16 with --rate prints no MaxListenersExceededWarning (the README load example)', async () => {
    const s = await server(async (req, res, ...rest) => {
      await new Promise((r) => setTimeout(r, 5)); // keep requests in flight so every worker waits at once
      return correct(req, res, ...rest);
    });
    const r = await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', s.url, '--repeat', '64', '--concurrency', '16', '--rate', '400']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^64 passed, 0 failed$/m);
    expect(r.stderr).not.toMatch(/MaxListeners|Warning/);
  });
});
