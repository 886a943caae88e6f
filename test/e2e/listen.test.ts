/** `chatpush listen` end to end: readiness, one line (or JSON object) per callback, Ctrl-C, bad input. */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
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
    const r = await runCli(['replay', 'fixtures/callbacks/C2C.CallbackAfterSendMsg.json', 'fixtures/callbacks/callbackBeforeOnlinePushCommand.json', '--url', l.url]);
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
    await runCli(['replay', 'fixtures/callbacks/Push.OfflinePush.json', '--url', `${l.url}/im`, '--sdkappid', '1400000042', '--token', 'listen-secret-token']);
    await runCli(['replay', 'fixtures/callbacks/Push.OfflinePush.json', '--url', `${l.url}/im`]);
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
      notes: [],
      summary: '2 events, PushID 67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421',
      answer: 'ok',
      status: 200,
      bytes: expect.any(Number),
    });
    expect(rejected).toMatchObject({ valid: false, answer: 'rejected', problems: ['no RequestTime query parameter, but callback authentication is on (token set)'] });
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

  it('a bad --reply is exit 2', async () => {
    const r = await runCli(['listen', '--reply', 'maybe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/maybe/);
  });
});
