/**
 * The sandbox emulator: its protocol checks in-process over real HTTP (with a pinned clock), and the
 * `chatpush sandbox` command end to end (banner, demo/configured credentials, Ctrl-C, errors).
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET_KEY } from '../../src/demo-credentials.js';
import { RATE_LIMIT_CODE, startSandbox, TRACE_PATH, type Sandbox } from '../../src/servers/sandbox.js';
import { genUserSig } from '../../src/tencent/usersig.js';
import { baseEnv, BIN, runCli, spawnCli } from '../helpers/cli.js';
import { SAMPLE, shippedTraces } from '../helpers/trace-samples.js';

const SDK = 1400000000;
const KEY = DEMO_SECRET_KEY;
const T0 = 1_762_000_000_000;

describe('sandbox protocol (in-process, real HTTP)', () => {
  let sandbox: Sandbox;
  let t = T0;
  beforeAll(async () => {
    sandbox = await startSandbox({ sdkappid: SDK, secretKey: KEY, now: () => t, admins: ['administrator', 'ops'] });
  });
  afterAll(() => sandbox.close());

  const sig = (over: Partial<{ sdkappid: number; key: string; identifier: string; expire: number; time: number }> = {}) =>
    genUserSig({ sdkappid: SDK, key: KEY, identifier: 'administrator', expire: 3600, time: T0 / 1000, ...over });
  const query = (over: Record<string, string | undefined> = {}): string => {
    const q: Record<string, string | undefined> = { sdkappid: String(SDK), identifier: 'administrator', usersig: sig(), random: '12345', contenttype: 'json', ...over };
    return new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  };
  /** One request, a second after the previous one so the rate limit stays out of the way. */
  async function call(opts: { q?: string; body?: string; method?: string; path?: string; advance?: number } = {}) {
    t += opts.advance ?? 1000;
    const res = await fetch(`${sandbox.url}${opts.path ?? TRACE_PATH}?${opts.q ?? query()}`, {
      method: opts.method ?? 'POST',
      body: opts.method === 'GET' ? undefined : (opts.body ?? JSON.stringify({ PushID: SAMPLE.clickedApns })),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return (await res.json()) as { ActionStatus: string; ErrorCode: number; ErrorInfo: string; InstanceTrace?: unknown[] };
  }

  it('lists the shipped samples in chronological order with descriptions', () => {
    expect(sandbox.pushIds).toEqual([...shippedTraces().keys()]);
    expect(sandbox.cases.map((c) => c.verdict)).toEqual(['clicked', 'delivered', 'failed', 'pending', 'failed', 'delivered', 'not_found']);
    expect(sandbox.cases[2]!.description).toBe('failed at vendor channel · Xiaomi · token invalid');
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a known PushID with its sample, exactly', async () => {
    expect(await call()).toEqual(shippedTraces().get(SAMPLE.clickedApns));
  });

  it('answers an unknown PushID with an empty InstanceTrace, like the service', async () => {
    expect(await call({ body: '{"PushID":"67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421"}' })).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      InstanceTrace: [],
    });
  });

  it.each([
    ['a wrong path', { path: '/v4/openim/sendmsg' }, 60009],
    ['GET', { method: 'GET' }, 60002],
    ['no sdkappid', { q: query({ sdkappid: undefined }) }, 60012],
    ['a non-numeric sdkappid', { q: query({ sdkappid: 'abc' }) }, 60006],
    ['an SDKAppID it does not host', { q: query({ sdkappid: '1400000001' }) }, 70020],
    ['no identifier', { q: query({ identifier: undefined }) }, 60004],
    ['an empty usersig', { q: query({ usersig: '' }) }, 70002],
    ['no random', { q: query({ random: undefined }) }, 60002],
    ['random above uint32', { q: query({ random: '4294967296' }) }, 60002],
    ['contenttype other than json', { q: query({ contenttype: 'xml' }) }, 60002],
    ['an expired UserSig', { q: query({ usersig: sig({ time: T0 / 1000 - 7200 }) }) }, 70001],
    ['a malformed UserSig', { q: query({ usersig: 'eJyrVgrxCdYrSy1S' }) }, 70003],
    ['a UserSig from another key', { q: query({ usersig: sig({ key: 'other' }) }) }, 70009],
    ['a UserSig for another identifier', { q: query({ usersig: sig({ identifier: 'bob' }) }) }, 70013],
    ['a UserSig for another SDKAppID', { q: query({ usersig: sig({ sdkappid: 1400000001 }) }) }, 70014],
    ['an identifier that is not an admin', { q: query({ identifier: 'bob', usersig: sig({ identifier: 'bob' }) }) }, 60010],
    ['a body that is not JSON', { body: '{"PushID":' }, 60003],
    ['no PushID', { body: '{"MsgID":"x"}' }, 90100],
    ['a PushID that is not a string', { body: '{"PushID":42}' }, 90100],
  ])('answers %s with %d', async (_name, opts, code) => {
    const r = await call(opts);
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(r.ErrorInfo.length).toBeGreaterThan(0);
  });

  it('accepts another configured admin', async () => {
    expect((await call({ q: query({ identifier: 'ops', usersig: sig({ identifier: 'ops' }) }) })).ErrorCode).toBe(0);
  });

  it(`answers ${RATE_LIMIT_CODE} to a second request within a second, then recovers`, async () => {
    expect((await call()).ErrorCode).toBe(0);
    expect((await call({ advance: 999 })).ErrorCode).toBe(RATE_LIMIT_CODE);
    expect((await call({ advance: 1 })).ErrorCode).toBe(0);
  });
});

describe.concurrent('chatpush sandbox command', () => {
  it('starts with the demo app, prints URL, how to use it and the samples, serves trace, and stops on Ctrl-C', async () => {
    const p = spawnCli(['sandbox', '--port', '0']);
    const [, url] = await p.waitForStdout(/on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*any other PushID.*\n/);
    const out = p.stdout();
    expect(out).toContain('answers as the demo app: SDKAppID 1400000000');
    expect(out).toContain(`export CHATPUSH_ENDPOINT=${url}`);
    expect(out).toContain(`export CHATPUSH_SECRET_KEY=${KEY}`); // public, and what the README prints
    expect(out).toMatch(new RegExp(`^  ${SAMPLE.xiaomiTokenInvalid} +failed at vendor channel · Xiaomi · token invalid$`, 'm'));
    expect(out).toMatch(new RegExp(`^  ${SAMPLE.empty} +not found · empty trace · no data$`, 'm'));

    const r = await runCli(['trace', SAMPLE.clickedApns], { env: baseEnv({ CHATPUSH_ENDPOINT: url!, CHATPUSH_SDKAPPID: String(SDK), CHATPUSH_SECRET_KEY: KEY }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: clicked/m);

    p.child.kill('SIGINT');
    const { code } = await p.exited;
    expect(code).toBe(0);
    expect(p.stderr()).toMatch(new RegExp(`\\d\\d:\\d\\d:\\d\\d PushID ${SAMPLE.clickedApns} → OK, 1 instance`));
    expect(p.stderr()).toMatch(/Press Ctrl-C to stop\.[\s\S]*chatpush sandbox: stopped\.\n$/);
    expect(p.stderr()).not.toContain('usersig');
  });

  it('--json prints one document with the URL and the samples', async () => {
    const p = spawnCli(['--json', 'sandbox', '--port', '0']);
    await p.waitForStdout(/^\{.*\}\n/m);
    const doc = JSON.parse(p.stdout()) as { schemaVersion: number; url: string; demoCredentials: boolean; samples: { pushId: string; verdict: string; description: string }[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(doc.demoCredentials).toBe(true);
    expect(doc.samples.length).toBeGreaterThanOrEqual(7);
    p.child.kill('SIGINT');
    expect((await p.exited).code).toBe(0);
  });

  it('with an app named on the command line, checks UserSigs with that key and never prints it', async () => {
    const mine = 'my-own-secret-key-0123456789';
    const p = spawnCli(['sandbox', '--port', '0', '--sdkappid', '1400012345'], { env: baseEnv({ CHATPUSH_SECRET_KEY: mine }) });
    const [, url] = await p.waitForStdout(/on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*any other PushID/);
    expect(p.stdout()).toContain('answers as your app: SDKAppID 1400012345');
    const trace = (key: string) => runCli(['trace', SAMPLE.deliveredHuawei], { env: baseEnv({ CHATPUSH_ENDPOINT: url!, CHATPUSH_SDKAPPID: '1400012345', CHATPUSH_SECRET_KEY: key }) });
    expect((await trace(KEY)).code).toBe(4);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await trace(mine)).code).toBe(0);
    p.child.kill('SIGINT');
    await p.exited;
    expect(p.stdout() + p.stderr()).not.toContain(mine);
  });

  it('the banner\'s lines work pasted as they are, even with a real app configured', async () => {
    // A profile and environment for a real app: the sandbox still answers as the demo app its banner prints.
    const env = baseEnv({ CHATPUSH_SDKAPPID: '1400012345', CHATPUSH_SECRET_KEY: 'real-key-of-a-real-app-0123456789', CHATPUSH_REGION: 'cn' });
    const p = spawnCli(['sandbox', '--port', '0'], { env });
    await p.waitForStdout(/any other PushID/);
    const banner = p.stdout();
    const pasted = banner.split('\n').filter((l) => /^  (export |chatpush trace )/.test(l)).map((l) => l.trim());
    expect(pasted).toHaveLength(4);
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('bash', ['-c', pasted.join('\n').replace(/^chatpush /m, `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} `)], { env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: clicked/m);
    p.child.kill('SIGINT');
    await p.exited;
    expect(banner).not.toContain('real-key-of-a-real-app');
  });

  it('exits 3 when only half of the credentials are given', async () => {
    const r = await runCli(['sandbox', '--port', '0', '--sdkappid', '1400012345']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^chatpush: SDKAppID 1400012345 is configured but no secret key/);
  });

  it('exits 2 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runCli(['sandbox', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use\\. Pick another with --port`));
    } finally {
      blocker.close();
    }
  });
});
