/**
 * Hostile answers and arguments, checked against the spec's exit-code table. Issue 10: broken HTTP and a
 * backend dying mid-run gave exit 6 and no report; InstanceTrace as a string/object was "not found" (7);
 * --watch-timeout did not bound retries; --expire accepted 1e20/0x10 and crashed on 9000000000000; a JSON
 * reply over 1 MiB was "not JSON"; a deep reply overflowed the stack.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, startRecordingServer } from '../helpers/recording-server.js';
import { ROOT } from '../helpers/cli.js';
import { genUserSig } from '../../src/tencent/usersig.js';
import { brokenPromises, runHostile, Sandbox, startRawServer } from './harness.js';

const box = new Sandbox();
afterAll(() => box.cleanup());

const FIXTURE = join(ROOT, 'fixtures', 'callbacks', 'tencent', 'C2C.CallbackAfterSendMsg.json');
const SDK = '1400000000';
const KEY = 'ab12'.repeat(16);

describe('replay: a backend that answers badly is a FAIL row (exit 1), and the report is printed', () => {
  const broken: [string, string][] = [
    ['a bad status line', 'HTTP/1.1 abc OK\r\n\r\n'],
    ['Content-Length: abc', 'HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}'],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n'],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nbroken header\r\n\r\n'],
  ];
  it.each(broken)('%s', async (_name, answer) => {
    const server = await startRawServer((socket) => {
      socket.end(answer);
    });
    try {
      const run = await runHostile(['replay', FIXTURE, '--url', server.url, '--json'], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [1] })).toEqual([]);
      const doc = JSON.parse(run.stdout.toString()) as { results: { pass: boolean; reason: string }[]; summary: { failed: number } };
      expect(doc.summary.failed).toBe(1);
      expect(doc.results[0]!.pass).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('a backend that dies after 20 of 60 requests: 20 passes reported, the rest FAIL rows, exit 1', async () => {
    let answered = 0;
    const server = await startRecordingServer((_req, res) => {
      answered++;
      json(res, { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
      if (answered === 20) setImmediate(() => void server.close());
    });
    const run = await runHostile(['replay', FIXTURE, '--url', server.url, '--repeat', '60', '--json'], { env: box.env(), timeoutMs: 60_000 });
    expect(brokenPromises(run, { allowedCodes: [1] })).toEqual([]);
    const doc = JSON.parse(run.stdout.toString()) as { results: { passed: number; failed: number }[]; summary: { passed: number; failed: number } };
    expect(doc.summary.passed + doc.summary.failed).toBe(60);
    expect(doc.summary.passed).toBeGreaterThanOrEqual(19);
    expect(doc.summary.failed).toBeGreaterThan(0);
    expect(doc.results).toHaveLength(1);
  }, 70_000);

  it('a reply over 1 MiB says "too large (limit 1 MiB)", not "not JSON"', async () => {
    const big = JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, pad: 'x'.repeat(1_100_000) });
    const server = await startRecordingServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) });
      res.end(big);
    });
    try {
      const run = await runHostile(['replay', FIXTURE, '--url', server.url], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [1] })).toEqual([]);
      expect(run.stdout.toString()).toMatch(/too large \(\d+ bytes; limit 1048576 bytes = 1 MiB\)/);
    } finally {
      await server.close();
    }
  });

  it('a reply nested 100 000 levels deep is a FAIL row', async () => {
    const deep = `{"ActionStatus":"OK","ErrorCode":0,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const server = await startRecordingServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(deep);
    });
    try {
      const run = await runHostile(['replay', FIXTURE, '--url', server.url, '--json'], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [1] })).toEqual([]);
      expect(run.stdout.toString()).toMatch(/nested deeper than 512 levels/);
    } finally {
      await server.close();
    }
  });

  it('C1/bidi/ESC in a reply never reach stdout raw (table and --json); the data survives in --json', async () => {
    const info = 'no\u009b31m\u202e\u001b[2Jway\u0085';
    const server = await startRecordingServer((_req, res) => json(res, { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: info }));
    try {
      for (const extra of [[], ['--json']]) {
        const run = await runHostile(['replay', FIXTURE, '--url', server.url, ...extra], { env: box.env() });
        expect(brokenPromises(run, { allowedCodes: [1] })).toEqual([]);
        if (extra.length) expect((JSON.parse(run.stdout.toString()) as { results: { reply: { ErrorInfo: string } }[] }).results[0]!.reply.ErrorInfo).toBe(info);
      }
    } finally {
      await server.close();
    }
  });
});

describe('trace: malformed answers and deadlines', () => {
  const env = (url: string): Record<string, string> => box.env({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: url });
  it.each([
    ['a string', '"nope"'],
    ['an object', '{"Instance":1}'],
    ['a number', '5'],
  ])('InstanceTrace as %s is a malformed answer (exit 5), not "not found"', async (_name, value) => {
    const server = await startRecordingServer((_req, res) => {
      const body = `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","InstanceTrace":${value}}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    try {
      const run = await runHostile(['trace', 'p1'], { env: env(server.url) });
      expect(brokenPromises(run, { secrets: [KEY], allowedCodes: [5] })).toEqual([]);
      expect(run.stderr.toString()).toMatch(/malformed answer: InstanceTrace is/);
    } finally {
      await server.close();
    }
  });

  it('--watch-timeout 3 --retries 5 against a 500 server ends near 3 s, not after every retry', async () => {
    const server = await startRecordingServer((_req, res) => json(res, { error: 'down' }, 500));
    try {
      const run = await runHostile(['trace', 'p1', '--watch', '--watch-timeout', '3', '--retries', '5'], { env: env(server.url), timeoutMs: 30_000 });
      expect(brokenPromises(run, { secrets: [KEY], allowedCodes: [5] })).toEqual([]);
      // Before: 24 s. The deadline leaves room for one request in flight; 10 s is generous on a busy machine.
      expect(run.ms).toBeLessThan(10_000);
      expect(run.stderr.toString()).toMatch(/gave up at the --watch-timeout deadline/);
    } finally {
      await server.close();
    }
  }, 40_000);

  it('a REST answer nested 50 000 levels deep is exit 5, not a stack overflow', async () => {
    const server = await startRecordingServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"ActionStatus":"OK","ErrorCode":0,"InstanceTrace":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}`);
    });
    try {
      const run = await runHostile(['trace', 'p1'], { env: env(server.url) });
      expect(brokenPromises(run, { secrets: [KEY], allowedCodes: [5] })).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('usersig --expire and decoded times', () => {
  const env = box.env({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY });
  it.each(['9000000000000', '1e20', '0x10', '-5', '0', '1.5', '2147483648', ' '])('gen --expire %j is exit 2', async (expire) => {
    const run = await runHostile(['usersig', 'gen', '--expire', expire], { env });
    expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
    expect(run.stdout.toString()).toBe('');
  });

  it('gen --expire 2147483647 works', async () => {
    const run = await runHostile(['usersig', 'gen', '--expire', '2147483647'], { env });
    expect(brokenPromises(run, { allowedCodes: [0] })).toEqual([]);
  });

  it('verify of a crafted sig that inflates to 50 MB (a zip bomb) is malformed, read within a bound', async () => {
    const { deflateSync } = await import('node:zlib');
    const sig = deflateSync(Buffer.alloc(50_000_000, 0x20)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
    const run = await runHostile(['usersig', 'verify', '-'], { env, input: sig });
    expect(brokenPromises(run, { secrets: [KEY], allowedCodes: [1] })).toEqual([]);
    expect(run.stdout.toString()).toMatch(/inflates to more than 65536 bytes/);
  });

  it.each([9_000_000_000_000, 1e300])('verify of a sig whose expiry is %d s never crashes', async (expire) => {
    const sig = genUserSig({ sdkappid: Number(SDK), key: KEY, identifier: 'administrator', expire, time: 1_700_000_000 });
    for (const extra of [[], ['--json']]) {
      const run = await runHostile(['usersig', 'verify', sig, ...extra], { env });
      expect(brokenPromises(run, { secrets: [KEY], allowedCodes: [0, 1] })).toEqual([]);
    }
  });
});
