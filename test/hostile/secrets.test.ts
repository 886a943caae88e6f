/**
 * Hostile: servers that echo credentials back, URLs that carry passwords, names that only look local.
 * Each case was a defect of issue 10 (a Sign in the REASON column, the first 119 characters of a UserSig
 * after cutting before redacting, user:password@ endpoints, anything.localhost sent to the resolver) and
 * issue 11 (a short token redacted inside prose). Driven through the built CLI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, startRecordingServer } from '../helpers/recording-server.js';
import { ROOT } from '../helpers/cli.js';
import { brokenPromises, runHostile, Sandbox, spawnHostile } from './harness.js';

const box = new Sandbox();
afterAll(() => box.cleanup());

const SDK = '1400000000';
const KEY = 'c0ffee'.repeat(10) + 'beef';
const FIXTURE = join(ROOT, 'fixtures', 'callbacks', 'tencent', 'C2C.CallbackAfterSendMsg.json');

describe('replay: a backend that echoes the request URL (with its Sign)', () => {
  it('never prints the Sign: table, --json and --junit', async () => {
    const token = 'callback-token-123456';
    const signs: string[] = [];
    const server = await startRecordingServer((req, res) => {
      const url = `${req.path}?${new URLSearchParams(req.query).toString()}`;
      signs.push(req.query.Sign ?? '');
      json(res, { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: `you sent ${url} with Sign ${req.query.Sign} and token ${token}`, Echo: req.query.Sign });
    });
    try {
      const junit = box.path('echo.xml');
      for (const extra of [[], ['--json'], ['--junit', junit]]) {
        const run = await runHostile(['replay', FIXTURE, '--url', server.url, '--token', token, ...extra], { env: box.env() });
        const files = extra[0] === '--junit' ? [readFileSync(junit)] : [];
        expect(brokenPromises(run, { secrets: [token, ...signs], files, allowedCodes: [1] })).toEqual([]);
        expect(run.stdout.toString()).toContain('[REDACTED]');
      }
      expect(signs.every((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('trace: a server that reflects the UserSig', () => {
  const reflectors: [string, (sig: string) => { type: string; body: string }][] = [
    ['in ErrorInfo after a long prefix (cut at ~120 characters before)', (sig) => ({ type: 'application/json', body: JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: 90001, ErrorInfo: `${'x'.repeat(40)} bad usersig: ${sig}` }) })],
    ['in an HTML <title>', (sig) => ({ type: 'text/html', body: `<html><title>denied ${sig}</title></html>` })],
    ['as plain text', (sig) => ({ type: 'text/plain', body: `usersig ${sig} rejected` })],
    ['in an HTTP 500 body', (sig) => ({ type: 'application/json', body: JSON.stringify({ error: sig }) })],
  ];
  it.each(reflectors)('%s: no piece of it is printed, even with --verbose and --json', async (_name, make) => {
    const sigs: string[] = [];
    const server = await startRecordingServer((req, res) => {
      const sig = req.query.usersig ?? '';
      sigs.push(sig);
      const { type, body } = make(sig);
      res.writeHead(_name.includes('500') ? 500 : 200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    try {
      const env = box.env({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: server.url });
      for (const extra of [['--verbose'], ['--json']]) {
        const run = await runHostile(['trace', 'p1', '--retries', '0', ...extra], { env });
        // --verbose prints stacks by design; the other promises still hold.
        const problems = brokenPromises(run, { secrets: [KEY, ...sigs], allowedCodes: [4, 5] }).filter((p) => !(extra[0] === '--verbose' && p.startsWith('stack trace')));
        expect(problems).toEqual([]);
      }
      expect(sigs.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe('URLs with user:password@', () => {
  it('trace refuses such an endpoint (exit 2) and never shows the password, even with --verbose', async () => {
    const server = await startRecordingServer();
    try {
      const endpoint = server.url.replace('http://', 'http://admin:hunter2secret@');
      const run = await runHostile(['trace', 'p1', '--verbose'], { env: box.env({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: endpoint }) });
      expect(brokenPromises(run, { secrets: ['hunter2secret', KEY], allowedCodes: [2] }).filter((p) => !p.startsWith('stack'))).toEqual([]);
      expect(run.stderr.toString()).toMatch(/must not contain a user name or password/);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('replay refuses such a --url (exit 2) before sending anything', async () => {
    const server = await startRecordingServer();
    try {
      const url = server.url.replace('http://', 'http://u:pa55word-xyz@');
      const run = await runHostile(['replay', FIXTURE, '--url', url], { env: box.env() });
      expect(brokenPromises(run, { secrets: ['pa55word-xyz'], allowedCodes: [2] })).toEqual([]);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});

describe('loopback is decided from the resolved address', () => {
  // A preload makes the child's resolver answer like a hostile DNS: evil.localhost → 10.255.255.1, while
  // good.localhost → 127.0.0.1. No network is reached either way (the guard refuses before connecting).
  const preload = box.path('fake-dns.cjs');
  writeFileSync(
    preload,
    `const dns = require('node:dns');
const real = dns.lookup;
dns.lookup = function (host, options, cb) {
  if (typeof options === 'function') { cb = options; options = {}; }
  const map = { 'evil.localhost': '10.255.255.1', 'good.localhost': '127.0.0.1' };
  if (!(host in map)) return real.call(dns, host, options, cb);
  const a = { address: map[host], family: 4 };
  if (options && options.all) return process.nextTick(cb, null, [a]);
  process.nextTick(cb, null, a.address, 4);
};
`,
  );
  const nodeArgs = ['--require', preload];

  it('trace: an http endpoint whose name resolves elsewhere is refused (exit 2), one that resolves to 127.0.0.1 works', async () => {
    const server = await startRecordingServer((_req, res) => json(res, { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', InstanceTrace: [] }));
    try {
      const evil = await runHostile(['trace', 'p1', '--retries', '0'], {
        nodeArgs,
        env: box.env({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: `http://evil.localhost:${server.port}` }),
      });
      expect(brokenPromises(evil, { secrets: [KEY], allowedCodes: [2] })).toEqual([]);
      expect(evil.stderr.toString()).toMatch(/evil\.localhost resolved to 10\.255\.255\.1, which is not a loopback address/);
      const good = await runHostile(['trace', 'p1', '--retries', '0'], {
        nodeArgs,
        env: box.env({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: `http://good.localhost:${server.port}` }),
      });
      expect(brokenPromises(good, { secrets: [KEY], allowedCodes: [7] })).toEqual([]);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('replay: an OpenIM redirect to a name that resolves elsewhere fails that row only; the run goes on (exit 1)', async () => {
    const server = await startRecordingServer((req, res) => {
      if (req.path.endsWith('/callbackBeforeOfflinePushCommand')) {
        res.writeHead(307, { Location: `http://evil.localhost:${server.port}/elsewhere` }).end();
        return;
      }
      json(res, { actionCode: 0, errCode: 0, errMsg: '', nextCode: 0 });
    });
    try {
      const openim = join(ROOT, 'fixtures', 'callbacks', 'openim');
      const run = await runHostile(
        ['--json', 'replay', join(openim, 'callbackBeforeOfflinePushCommand.json'), join(openim, 'callbackBeforeOnlinePushCommand.json'), '--url', `http://127.0.0.1:${server.port}/cb`],
        { nodeArgs, env: box.env() },
      );
      expect(brokenPromises(run, { allowedCodes: [1] })).toEqual([]);
      const doc = JSON.parse(run.stdout.toString()) as { results: { command: string; pass: boolean; decision: string; reason: string }[] };
      const byCommand = new Map(doc.results.map((r) => [r.command, r]));
      expect(byCommand.get('callbackBeforeOfflinePushCommand')).toMatchObject({ pass: false, decision: 'error' });
      expect(byCommand.get('callbackBeforeOfflinePushCommand')!.reason).toMatch(/evil\.localhost resolved to 10\.255\.255\.1, which is not a loopback address: not followed without --allow-remote/);
      expect(byCommand.get('callbackBeforeOnlinePushCommand')).toMatchObject({ pass: true, decision: 'continue' });
      expect(server.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/cb/callbackBeforeOfflinePushCommand', '/cb/callbackBeforeOnlinePushCommand']));
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('replay: a --url whose name resolves elsewhere is refused without --allow-remote (exit 2)', async () => {
    const run = await runHostile(['replay', FIXTURE, '--url', 'http://evil.localhost:9/cb'], { nodeArgs, env: box.env() });
    expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
    expect(run.stderr.toString()).toMatch(/not a loopback address/);
  });
});

describe('a short token is redacted as a value, never inside prose (issue 11)', () => {
  it('listen --token wrong: the problem reads "wrong token?" and the token value is never echoed', async () => {
    const p = spawnHostile(['listen', '--port', '0', '--token', 'wrong'], box.env());
    try {
      const [, url] = await p.waitForStderr(/Ready on (http:\S+)/, 10_000);
      const res = await fetch(`${url}?SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&ClientIP=1.2.3.4&OptPlatform=RESTAPI&RequestTime=${Math.floor(Date.now() / 1000)}&Sign=${'0'.repeat(64)}`, {
        method: 'POST',
        body: readFileSync(FIXTURE),
      });
      const answer = await res.text();
      expect(answer).toMatch(/wrong token\?/);
      await p.waitForStdout(/wrong token\?/, 5000);
      expect(p.stdout()).not.toContain('[REDACTED] token?');
    } finally {
      p.child.kill('SIGINT');
      await p.exited;
    }
  });
});
