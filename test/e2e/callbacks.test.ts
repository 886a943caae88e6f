/**
 * The callback catalogue and platform-faithful verdicts, end to end: the built CLI against real servers on
 * 127.0.0.1:0. One table replays every reply shape of issue 13 (and more) and asserts the decision OpenIM 3.8 /
 * Tencent takes; then redirects, oversized replies, fixtures list/show, replay --command, the mixed-protocol
 * refusal, --strict, and webhook sign/verify.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { baseEnv, runCli } from '../helpers/cli.js';
import { startRecordingServer, type Handler, type RecordingServer } from '../helpers/recording-server.js';

const servers: RecordingServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function server(handler: Handler): Promise<RecordingServer> {
  const s = await startRecordingServer(handler);
  servers.push(s);
  return s;
}

function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatpush-cb-'));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function raw(res: ServerResponse, body: string | Buffer, status = 200, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

interface Row {
  name: string;
  pass: boolean;
  decision: string;
  reason: string;
  warnings: string[];
  status: number | null;
  changes?: { path: string; from: unknown; to: unknown }[];
}

/** [name, reply body, HTTP status, delay ms, expected decision, expected pass, warned?] */
type Shape = [string, string, number, number, string, boolean, boolean];

const OPENIM_SHAPES: Shape[] = [
  // OpenIM continues (chatpush v1 failed these)
  ['real receiver reply', '{"errCode":0,"errMsg":""}', 200, 0, 'continue', true, true],
  ['empty object', '{}', 200, 0, 'continue', true, true],
  ['null', 'null', 200, 0, 'continue', true, true],
  ['PascalCase keys', '{"ActionCode":0,"ErrCode":0,"NextCode":0}', 200, 0, 'continue', true, true],
  ['actionCode null', '{"actionCode":null,"nextCode":0}', 200, 0, 'continue', true, true],
  ['errCode 5001 with nextCode 0', '{"actionCode":0,"errCode":5001,"nextCode":0}', 200, 0, 'continue', true, true],
  ['HTTP 500 with a valid body', '{"actionCode":0,"errCode":0,"nextCode":0}', 500, 0, 'continue', true, true],
  ['reply after 3 s (budget 5 s)', '{"actionCode":0}', 200, 3000, 'continue', true, false],
  ['actionCode 1 with nextCode 1', '{"actionCode":1,"nextCode":1}', 200, 0, 'continue', true, true],
  ['duplicate nextCode, last 0', '{"actionCode":0,"nextCode":1,"nextCode":0}', 200, 0, 'continue', true, true],
  ['-0 in an int32 field', '{"actionCode":-0}', 200, 0, 'continue', true, false],
  ['Tencent-style reply', '{"ActionStatus":"OK","ErrorCode":0}', 200, 0, 'continue', true, true],
  // OpenIM refuses or blocks (chatpush v1 passed these)
  ['NextCode 1 in another case', '{"actionCode":0,"NextCode":1,"errCode":5001}', 200, 0, 'refused', false, true],
  ['refusal', '{"actionCode":0,"nextCode":1,"errCode":5001,"errMsg":"muted"}', 200, 0, 'refused', false, false],
  ['duplicate nextCode, last 1', '{"actionCode":0,"nextCode":0,"nextCode":1,"errCode":1}', 200, 0, 'refused', false, true],
  ['actionCode 0.0', '{"actionCode":0.0}', 200, 0, 'blocked', false, false],
  ['actionCode 1e0', '{"actionCode":1e0}', 200, 0, 'blocked', false, false],
  ['nextCode 1e400', '{"nextCode":1e400}', 200, 0, 'blocked', false, false],
  ['nextCode 2147483648', '{"nextCode":2147483648}', 200, 0, 'blocked', false, false],
  ['nextCode as a string', '{"nextCode":"1"}', 200, 0, 'blocked', false, false],
  ['nextCode "" (docs sample)', '{"actionCode":0,"nextCode":""}', 200, 0, 'blocked', false, false],
  ['offlinePushInfo.title a number', '{"actionCode":0,"offlinePushInfo":{"title":5}}', 200, 0, 'blocked', false, false],
  ['iOSBadgeCount a string', '{"actionCode":0,"offlinePushInfo":{"iOSBadgeCount":"1"}}', 200, 0, 'blocked', false, false],
  ['userIDList a string', '{"userIDList":"u1"}', 200, 0, 'blocked', false, false],
  ['empty body', '', 200, 0, 'blocked', false, false],
  ['array', '[]', 200, 0, 'blocked', false, false],
  ['string', '"ok"', 200, 0, 'blocked', false, false],
  ['number', '0', 200, 0, 'blocked', false, false],
  ['HTML error page', '<html>bad gateway</html>', 502, 0, 'blocked', false, true],
  ['deep JSON (20000 levels)', `{"x":${'['.repeat(20000)}${']'.repeat(20000)}}`, 200, 0, 'blocked', false, false],
];

const TENCENT_SHAPES: Shape[] = [
  ['allow', '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}', 200, 0, 'allowed', true, false],
  ['deny', '{"ActionStatus":"OK","ErrorInfo":"spam","ErrorCode":1}', 200, 0, 'denied', false, false],
  ['drop silently', '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}', 200, 0, 'dropped', false, false],
  ['custom deny 120001', '{"ActionStatus":"OK","ErrorInfo":"no","ErrorCode":120001}', 200, 0, 'denied', false, false],
  ['modify MsgBody', '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}]}', 200, 0, 'modified', true, false],
  ['HTTP 500', '{"ActionStatus":"OK","ErrorCode":0}', 500, 0, 'error', false, false],
  ['not JSON', 'success', 200, 0, 'error', false, false],
  ['late (budget 2 s)', '{"ActionStatus":"OK","ErrorCode":0}', 200, 2300, 'allowed', false, false],
  ['invalid UTF-8', Buffer.concat([Buffer.from('{"ActionStatus":"OK","ErrorInfo":"'), Buffer.from([0xff]), Buffer.from('","ErrorCode":0}')]).toString('latin1'), 200, 0, 'allowed', true, true],
];

/** Serves the reply shape named by the x-case header. */
function shapes(table: Shape[]): Handler {
  return async (req, res) => {
    const shape = table.find((s) => s[0] === req.headers['x-case']);
    if (!shape) return raw(res, '{}', 404);
    if (shape[3] > 0) await new Promise((r) => setTimeout(r, shape[3]));
    raw(res, shape[0] === 'invalid UTF-8' ? Buffer.from(shape[1], 'latin1') : shape[1], shape[2]);
  };
}

function envelope(table: Shape[], body: object): string {
  return JSON.stringify({ callbacks: table.map(([name]) => ({ name, headers: { 'x-case': name }, body })) });
}

describe('every reply shape, judged as the platform judges it', () => {
  it('OpenIM 3.8: continue, refused or blocked, per Go encoding/json and Parse()', async () => {
    const s = await server(shapes(OPENIM_SHAPES));
    const body = { callbackCommand: 'callbackBeforeOfflinePushCommand', operationID: 'op-1', userIDList: ['u1'], sendID: 's', clientMsgID: 'c', contentType: 101, sessionType: 1, content: '{}' };
    const file = tmpFile('openim.json', envelope(OPENIM_SHAPES, body));
    const r = await runCli(['replay', file, '--url', s.url, '--concurrency', '8', '--json'], { timeoutMs: 60_000 });
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(1);
    const rows = (JSON.parse(r.stdout) as { results: Row[] }).results;
    expect(rows.map((x) => [x.name, x.decision, x.pass, x.warnings.length > 0])).toEqual(OPENIM_SHAPES.map(([n, , , , d, p, w]) => [n, d, p, w]));
    // Same operationID in header and body; POST to url + "/" + command.
    expect(s.requests.every((q) => q.headers.operationid === 'op-1' && q.path === '/callbackBeforeOfflinePushCommand')).toBe(true);
  }, 60_000);

  it('Tencent C2C.CallbackBeforeSendMsg: allowed, denied, dropped, modified (with the diff), late, broken', async () => {
    const s = await server(shapes(TENCENT_SHAPES));
    const body = { CallbackCommand: 'C2C.CallbackBeforeSendMsg', From_Account: 'a', To_Account: 'b', MsgSeq: 1, MsgRandom: 2, MsgTime: 3, MsgKey: '1_2_3', OnlineOnlyFlag: 0, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] };
    const file = tmpFile('tencent.json', envelope(TENCENT_SHAPES, body));
    const r = await runCli(['replay', file, '--url', s.url, '--concurrency', '4', '--json'], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    const rows = (JSON.parse(r.stdout) as { results: Row[] }).results;
    expect(rows.map((x) => [x.name, x.decision, x.pass, x.warnings.length > 0])).toEqual(TENCENT_SHAPES.map(([n, , , , d, p, w]) => [n, d, p, w]));
    expect(rows.find((x) => x.name === 'modify MsgBody')!.changes).toEqual([{ path: 'MsgBody[0].MsgContent.Text', from: 'hi', to: '***' }]);
  }, 60_000);

  it('the human report says the decision in words', async () => {
    const s = await server(shapes(OPENIM_SHAPES));
    const file = tmpFile('one.json', JSON.stringify({ callbacks: [{ name: 'refusal', headers: { 'x-case': 'refusal' }, body: { callbackCommand: 'callbackBeforeOfflinePushCommand', userIDList: ['u'] } }] }));
    const r = await runCli(['replay', file, '--url', s.url]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+push refused by backend\s+refused by backend \(actionCode 0, nextCode 1, errCode 5001 "muted"\)/);
  });

  it('--strict fails a reply OpenIM accepts with a warning', async () => {
    const s = await server(shapes(OPENIM_SHAPES));
    const file = tmpFile('one.json', JSON.stringify({ callbacks: [{ name: 'real receiver reply', headers: { 'x-case': 'real receiver reply' }, body: { callbackCommand: 'callbackBeforeOnlinePushCommand' } }] }));
    expect((await runCli(['replay', file, '--url', s.url])).code).toBe(0);
    const strict = await runCli(['replay', file, '--url', s.url, '--strict', '--json']);
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.stdout) as { results: Row[] }).results[0]).toMatchObject({ pass: false, decision: 'continue', reason: '--strict: no actionCode: decoded as 0' });
  });
});

describe('OpenIM transport', () => {
  const OK = '{"actionCode":0,"errCode":0,"errMsg":"","errDlt":"","nextCode":0}';

  it('follows a 302 to a valid reply (as GET, like Go) and a 307 (as POST), with a warning', async () => {
    const s = await server((req, res) => {
      if (req.path.endsWith('/callbackBeforeOnlinePushCommand')) return raw(res, '', 302, { location: '/moved' });
      if (req.path.endsWith('/callbackBeforeOfflinePushCommand')) return raw(res, '', 307, { location: '/moved' });
      raw(res, OK);
    });
    const a = await runCli(['replay', '--command', 'callbackBeforeOnlinePushCommand', '--url', s.url, '--json']);
    const b = await runCli(['replay', '--command', 'callbackBeforeOfflinePushCommand', '--url', s.url, '--json']);
    for (const r of [a, b]) {
      expect(r.code).toBe(0);
      const row = (JSON.parse(r.stdout) as { results: Row[] }).results[0]!;
      expect(row).toMatchObject({ decision: 'continue', pass: true, status: 200 });
      expect(row.warnings.join()).toMatch(/redirected 1× \(OpenIM follows redirects\)/);
    }
    expect(s.requests.map((q) => [q.method, q.path, q.body.length > 0])).toEqual([
      ['POST', '/callbackBeforeOnlinePushCommand', true],
      ['GET', '/moved', false],
      ['POST', '/callbackBeforeOfflinePushCommand', true],
      ['POST', '/moved', true],
    ]);
  });

  it('a redirect loop blocks the push after 10 redirects; a redirect off loopback is never followed', async () => {
    const s = await server((req, res) => raw(res, '', 302, { location: req.path.includes('remote') ? 'http://callbacks.example.com/x' : `/loop${req.path.length}` }));
    const loop = await runCli(['replay', '--command', 'callbackBeforeOfflinePushCommand', '--url', s.url, '--json']);
    expect(loop.code).toBe(1);
    expect((JSON.parse(loop.stdout) as { results: Row[] }).results[0]).toMatchObject({ decision: 'blocked', reason: expect.stringContaining('stopped after 10 redirects') });
    expect(s.requests).toHaveLength(11);
    const remote = await runCli(['replay', '--command', 'callbackBeforeOfflinePushCommand', '--url', `${s.url}/remote`, '--json']);
    expect(remote.code).toBe(1);
    expect((JSON.parse(remote.stdout) as { results: Row[] }).results[0]).toMatchObject({
      decision: 'error',
      reason: 'redirected to callbacks.example.com, which is not a loopback address: not followed without --allow-remote (OpenIM would follow it)',
    });
  });

  it('a 64 MB reply: a clear verdict, no crash', async () => {
    const chunk = Buffer.alloc(1 << 20, 0x20);
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"actionCode":0,"pad":"');
      for (let i = 0; i < 64; i++) res.write(chunk);
      res.end('"}');
    });
    const r = await runCli(['replay', '--command', 'callbackBeforeOfflinePushCommand', '--url', s.url, '--json'], { timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    const row = (JSON.parse(r.stdout) as { results: Row[] }).results[0]!;
    expect(row.decision).toBe('error');
    expect(row.reason).toMatch(/^reply too large \(6710888\d bytes; limit 1048576 bytes = 1 MiB\): not judged$/);
  }, 30_000);

  it('--url with a query: the command lands inside the query, as OpenIM concatenates it, with a warning', async () => {
    const s = await server((_req, res) => raw(res, OK));
    const r = await runCli(['replay', '--command', 'callbackAfterMsgSaveDBCommand', '--url', `${s.url}/hook?secret=S`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--url has a query: OpenIM appends "/<command>" to the whole URL');
    expect(s.requests[0]!.path).toBe('/hook');
    // postWithQuery: url.Parse, Query().Set("key", …), Encode() — the glued command is part of secret's value.
    expect(Object.keys(s.requests[0]!.query)).toEqual(['key', 'secret']);
    expect(s.requests[0]!.query.secret).toBe('S/callbackAfterMsgSaveDBCommand');
  });

  it('--fresh renews the operationID in the body and the header together', async () => {
    const s = await server((_req, res) => raw(res, OK));
    const r = await runCli(['replay', '--command', 'callbackBeforeOfflinePushCommand', '--url', s.url, '--fresh', '--repeat', '3']);
    expect(r.code).toBe(0);
    const ops = s.requests.map((q) => [q.headers.operationid, (JSON.parse(q.body.toString()) as { operationID: string }).operationID]);
    for (const [header, body] of ops) expect(header).toBe(body);
    expect(new Set(ops.map(([h]) => h)).size).toBe(3);
    expect(ops.some(([h]) => h === '1730970286419881023')).toBe(false);
  });
});

describe('fixtures and replay --command', () => {
  it('fixtures list --json lists at least 90 commands, both protocols, each with its sample file', async () => {
    const r = await runCli(['fixtures', 'list', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; fixtures: { command: string; protocol: string; kind: string; file: string }[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.fixtures.length).toBeGreaterThanOrEqual(90);
    expect(doc.fixtures.filter((f) => f.protocol === 'tencent').length).toBeGreaterThanOrEqual(45);
    expect(doc.fixtures.filter((f) => f.protocol === 'openim').length).toBeGreaterThanOrEqual(45);
    expect(doc.fixtures.every((f) => (f.kind === 'before' || f.kind === 'after') && f.file === `fixtures/callbacks/${f.protocol}/${f.command}.json`)).toBe(true);
    const openim = await runCli(['fixtures', 'list', '--protocol', 'openim']);
    expect(openim.stdout.split('\n')[0]).toMatch(/^COMMAND\s+PROTOCOL\s+KIND\s+REPLY CAN$/);
    expect(openim.stdout).not.toMatch(/\btencent\b/);
  });

  it('fixtures show prints the sample; an unknown command is exit 2 with "did you mean"', async () => {
    const r = await runCli(['fixtures', 'show', 'callbackBeforeOnlinePushCommand']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ callbackCommand: 'callbackBeforeOnlinePushCommand' });
    const bad = await runCli(['fixtures', 'show', 'C2C.CallbackBeforeSendMessage']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`chatpush: no built-in sample for "C2C.CallbackBeforeSendMessage". Did you mean 'C2C.CallbackBeforeSendMsg'?\n`);
  });

  it('replay --command without files sends the built-in sample; an unknown one is exit 2 before sending', async () => {
    const s = await server((_req, res) => raw(res, '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}'));
    const r = await runCli(['replay', '--command', 'Group.CallbackAfterNewMemberJoin', '--url', s.url]);
    expect(r.code).toBe(0);
    expect(s.requests[0]!.query.CallbackCommand).toBe('Group.CallbackAfterNewMemberJoin');
    expect(JSON.parse(s.requests[0]!.body.toString())).toMatchObject({ CallbackCommand: 'Group.CallbackAfterNewMemberJoin', JoinType: 'Invited' });
    const bad = await runCli(['replay', '--command', 'Group.CallbackAfterNewMemberJion', '--url', s.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^chatpush: --command "Group\.CallbackAfterNewMemberJion" is not a callback command chatpush knows\. Did you mean 'Group\.CallbackAfterNewMemberJoin'/);
    expect(s.requests).toHaveLength(1);
  });

  it('a folder mixing both protocols at one --url is exit 2 with nothing sent; --protocol picks one', async () => {
    const s = await server((_req, res) => raw(res, '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}'));
    const mixed = await runCli(['replay', 'fixtures/callbacks', '--url', s.url]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/^chatpush: the fixtures mix \d+ Tencent and \d+ OpenIM callbacks aimed at one --url; nothing was sent\./);
    expect(s.requests).toHaveLength(0);
    const only = await runCli(['replay', 'fixtures/callbacks/tencent', 'fixtures/callbacks/openim/callbackBeforeOnlinePushCommand.json', '--url', s.url, '--protocol', 'tencent', '--json']);
    expect(only.stderr).toContain('note: --protocol tencent: 1 OpenIM callback left out.');
    expect((JSON.parse(only.stdout) as { results: Row[] }).results.every((x) => !x.name.startsWith('callback'))).toBe(true);
  });

  it('a user fixture that breaks its schema is still sent, with a warning per violation', async () => {
    const s = await server((_req, res) => raw(res, '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}'));
    const file = tmpFile('mine.json', '{"CallbackCommand":"Group.CallbackAfterGroupFull","GroupId":7}');
    const r = await runCli(['replay', file, '--url', s.url]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('mine.json: /GroupId: should be string (schema of Group.CallbackAfterGroupFull; sent anyway)');
    expect(s.requests[0]!.body.toString()).toBe('{"CallbackCommand":"Group.CallbackAfterGroupFull","GroupId":7}');
  });
});

describe('webhook sign / verify (reference/callbacks.md §A4)', () => {
  const TOKEN = 'xxxxyyyy';
  const SIGN = '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061';

  it('sign: the documented vector, and the signed URL; the token is never printed', async () => {
    const r = await runCli(['webhook', 'sign', '--token', TOKEN, '--time', '1669872112', '--url', 'https://example.com/im?SdkAppid=1400000000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`RequestTime=1669872112\nSign=${SIGN}\nhttps://example.com/im?SdkAppid=1400000000&RequestTime=1669872112&Sign=${SIGN}\n`);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('verify: valid now, expired, in the future, wrong token, missing, malformed — exit 0, 1, 1, 1, 1, 2', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (t: number, token = TOKEN): string => createHash('sha256').update(`${token}${t}`).digest('hex');
    const cases: [string, number, RegExp][] = [
      [`http://127.0.0.1/cb?RequestTime=${now}&Sign=${sign(now)}`, 0, /^valid: Sign matches; RequestTime is [01] s old \(window 60 s\)$/],
      [`RequestTime=${now - 75}&Sign=${sign(now - 75)}`, 1, /^invalid: expired: RequestTime is 7[5-7] s old \(the window is 60 s\)$/],
      [`?RequestTime=${now + 300}&Sign=${sign(now + 300)}`, 1, /^invalid: RequestTime is (29\d|300) s in the future/],
      [`RequestTime=${now}&Sign=${sign(now, 'other')}`, 1, /^invalid: Sign does not match sha256\(token \+ RequestTime\): wrong token\?$/],
      [`RequestTime=${now}`, 1, /^invalid: no Sign parameter/],
      [`RequestTime=${now}&Sign=zz`, 2, /^malformed: Sign is not 64 hex characters/],
      [`RequestTime=soon&Sign=${sign(now)}`, 2, /^malformed: RequestTime "soon" is not a unix time in seconds$/],
    ];
    for (const [input, code, out] of cases) {
      const r = await runCli(['webhook', 'verify', input], { env: baseEnv({ CHATPUSH_CALLBACK_TOKEN: TOKEN }) });
      expect([input, r.code]).toEqual([input, code]);
      expect(r.stdout.trim()).toMatch(out);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    }
    const garbage = await runCli(['webhook', 'verify', 'not a query', '--token', TOKEN]);
    expect(garbage.code).toBe(2);
    // The next step names the parameters; a placeholder "Sign=…" was itself redacted to "Sign=[REDACTED]".
    expect(garbage.stderr).toMatch(/^chatpush: "not a query" is neither a URL nor a query\. Pass the callback URL, or its query with the RequestTime and Sign parameters\.$/m);
  });

  it('--token - reads the token from stdin; --json has the verdict', async () => {
    const now = Math.floor(Date.now() / 1000);
    const s = createHash('sha256').update(`${TOKEN}${now}`).digest('hex');
    const r = await runCli(['--json', 'webhook', 'verify', '--token', '-', `RequestTime=${now}&Sign=${s}`], { input: `${TOKEN}\n` });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, valid: true, reason: 'valid', requestTime: now, windowS: 60 });
    const none = await runCli(['webhook', 'sign']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^chatpush: no callback token\./);
  });

  it("the profile's callbackToken (set from stdin, never from argv) signs and verifies; it is never printed", async () => {
    const env = baseEnv();
    const set = await runCli(['config', 'set', 'callbackToken'], { env, input: TOKEN });
    expect(set.code).toBe(0);
    const argv = await runCli(['config', 'set', 'callbackToken', TOKEN], { env });
    expect(argv.code).toBe(2);
    expect(argv.stderr).toMatch(/^chatpush: refusing to take the callback token from the command line/);
    const r = await runCli(['webhook', 'sign', '--time', '1669872112'], { env });
    expect(r.stdout).toBe(`RequestTime=1669872112\nSign=${SIGN}\n`);
    const list = await runCli(['config', 'list'], { env });
    expect(list.stdout).toMatch(/^callbackToken\s+\[REDACTED\]\s+profile "default"$/m);
    expect(`${set.stdout}${set.stderr}${argv.stdout}${argv.stderr}${list.stdout}${list.stderr}`).not.toContain(TOKEN);
  });
});
