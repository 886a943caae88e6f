/** `chatpush listen` end to end: readiness, one line (or JSON object) per callback, Ctrl-C, bad input. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripComments } from 'jsonc-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { startListenProcess, type ListenProcess } from '../helpers/listen-process.js';

const running: ListenProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.stop()));
});

async function listen(args: string[] = [], env: Record<string, string | undefined> = {}): Promise<ListenProcess> {
  const l = await startListenProcess(args, env);
  running.push(l);
  return l;
}

describe('chatpush listen', () => {
  it('prints its URL and a readiness line on stderr, one line per callback on stdout, and exits 0 on Ctrl-C', async () => {
    const l = await listen();
    expect(l.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(l.stderr()).toContain(`Listening on ${l.url}`);
    const r = await runCli(['replay', 'fixtures/callbacks/tencent/C2C.CallbackAfterSendMsg.json', 'fixtures/callbacks/openim/callbackBeforeOnlinePushCommand.json', '--url', l.url, '--url-openim', l.url]);
    expect(r.code).toBe(0);
    const lines = await l.waitForLines(2);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}tencent {2}C2C\.CallbackAfterSendMsg\s+ok\s+jared → Jonh "red packet"$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d {2}openim {3}callbackBeforeOnlinePushCommand\s+ok\s+3398112045 → 2 users/);
    running.length = 0;
    const done = await l.stop();
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('Stopped: 2 callbacks received, 0 rejected.');
  });

  it('--json prints one JSON object per callback; --quiet still prints the readiness line', async () => {
    const l = await listen(['--json', '--quiet'], { CHATPUSH_CALLBACK_TOKEN: 'listen-secret-token' });
    expect(l.stderr()).toBe(`Ready on ${l.url} - waiting for callbacks (Ctrl-C to stop)\n`);
    await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', `${l.url}/im`, '--sdkappid', '1400000042', '--token', 'listen-secret-token']);
    await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', `${l.url}/im`]);
    const lines = await l.waitForLines(2);
    const [ok, rejected] = lines.map((x) => JSON.parse(x) as Record<string, unknown>);
    expect(ok).toEqual({
      schemaVersion: 1,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      method: 'POST',
      path: '/im',
      protocol: 'tencent',
      command: 'Push.OfflinePush',
      valid: true,
      problems: [],
      schemaViolations: [],
      knownCommand: true,
      notes: [],
      summary: '2 events, PushID 67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421',
      answer: 'ok',
      status: 200,
      bytes: expect.any(Number),
    });
    expect(rejected).toMatchObject({ valid: false, answer: 'rejected', problems: ['no RequestTime parameter (a signed callback carries the time and its signature), but callback authentication is on (token set)'] });
    running.length = 0;
    const done = await l.stop();
    expect(done.stdout).not.toContain('listen-secret-token');
    expect(done.stdout).not.toMatch(/Sign/);
  });

  it('a request that is no callback is answered 400 and printed as REJECT', async () => {
    const l = await listen();
    const res = await fetch(`${l.url}/webhook`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    const [line] = await l.waitForLines(1);
    expect(line).toMatch(/unknown\s+POST \/webhook\s+REJECT\s+not a callback/);
  });

  it('a port in use is exit 2 with what to do', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    const r = await runCli(['listen', '--port', String(port)]);
    blocker.close();
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`chatpush: port ${port} on 127.0.0.1 is already in use. Pick another with --port <port>, or --port 0 for any free port.\n`);
  });

  it('prints each schema violation (path and reason) under its line, still answers ok, and counts them when stopped', async () => {
    const l = await listen();
    const dir = mkdtempSync(join(tmpdir(), 'chatpush-listen-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"CallbackCommand":"Group.CallbackAfterGroupFull","GroupId":7}');
    const r = await runCli(['replay', file, '--url', l.url]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(0); // listen plays the backend: violations are for the person reading
    const lines = await l.waitForLines(3);
    expect(lines[0]).toMatch(/tencent {2}Group\.CallbackAfterGroupFull\s+ok/);
    expect(lines.slice(1, 3)).toEqual(['    ✗ /: missing required field "EventTime"', '    ✗ /GroupId: should be string']);
    running.length = 0;
    const done = await l.stop();
    expect(done.stderr).toContain('Stopped: 1 callback received, 0 rejected, 1 off their schema.');
  });

  it('a bad --reply is exit 2', async () => {
    const r = await runCli(['listen', '--reply', 'maybe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/maybe/);
  });

  it('--save keeps every callback as a JSON Lines fixture that replay sends again, passing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatpush-save-'));
    const file = join(dir, 'captured.jsonl');
    const l = await listen(['--save', file]);
    expect(l.stderr()).toContain(`Saving each callback to ${file} (JSON Lines, appended)`);
    const fixtures = join(ROOT, 'fixtures', 'callbacks', 'tencent');
    const names = readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort();
    const sent = await runCli(['replay', fixtures, '--url', l.url]);
    expect(sent.code).toBe(0);
    await fetch(`${l.url}/webhook`, { method: 'POST', body: 'not a callback' }); // answered, printed, not saved
    await l.waitForLines(names.length + 1);
    running.length = 0;
    const done = await l.stop();
    expect(done.stderr).toContain(`Stopped: ${names.length + 1} callbacks received, 1 rejected, ${names.length} saved to ${file}.`);

    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(names.length);
    // One compact line per callback, in the order replay sent them, holding exactly the fixture's JSON.
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(names.map((n) => JSON.parse(stripComments(readFileSync(join(fixtures, n), 'utf8'))) as unknown));
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = await listen();
    const replayed = await runCli(['replay', file, '--url', again.url]);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toMatch(new RegExp(`^${names.length} passed, 0 failed$`, 'm'));
  });

  it('an unwritable --save is exit 2 before anything listens', async () => {
    const r = await runCli(['listen', '--port', '0', '--save', '/nonexistent/dir/captured.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('chatpush: cannot write --save /nonexistent/dir/captured.jsonl: no such file. Check that the folder exists and is writable.\n');
  });
});
