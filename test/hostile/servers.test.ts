/**
 * Hostile requests to `chatpush listen` and `chatpush sandbox`, the built CLI in its own process: a target
 * Node's URL cannot parse, 600 KB of `[`, 200 000 levels of valid JSON, broken request lines, C1/bidi
 * characters for listen --json. Issue 10: the first three ended `chatpush listen` with a stack trace. A
 * listener must answer 400 (or its protocol's refusal) and keep running; a fast-check property then throws
 * random bytes at it and checks it still answers a valid callback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type SpawnedCli } from '../helpers/cli.js';
import { brokenPromises, rawRequest, Sandbox, spawnHostile } from './harness.js';

const box = new Sandbox();
const FIXTURE = readFileSync(join(ROOT, 'fixtures', 'callbacks', 'tencent', 'C2C.CallbackAfterSendMsg.json'), 'utf8');
const QUERY = '?SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI';
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

function post(target: string, body: string | Buffer, extraHeaders = ''): Buffer {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return Buffer.concat([Buffer.from(`POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${b.length}\r\n${extraHeaders}Connection: close\r\n\r\n`, 'latin1'), b]);
}

const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
const HOSTILE: [string, Buffer | string][] = [
  ['a target URL cannot parse', post('//a:99999/', FIXTURE)],
  ['600 KB of [', post(`/${QUERY}`, '['.repeat(600_000))],
  ['200 000 levels of valid JSON', post(`/${QUERY}`, deep(200_000))],
  ['deep JSON at an OpenIM path', post('/callbackBeforeOfflinePushCommand', `{"a":${deep(100_000)}}`)],
  ['a broken request line', 'GARBAGE\r\n\r\n'],
  ['a header without a colon', 'POST / HTTP/1.1\r\nNoColonHere\r\n\r\n'],
  ['Content-Length: abc', 'POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n'],
  ['a body beyond 1 MiB', post(`/${QUERY}`, 'x'.repeat(1_200_000))],
];

/** Random request targets and bodies (the same for listen and sandbox). */
const randomTarget = fc.oneof(
  fc.constant(`/${QUERY}`),
  fc.constant('/callbackBeforeOfflinePushCommand'),
  fc.constant('/v4/timpush/normal_push_trace?sdkappid=1400000000&identifier=administrator&usersig=x&random=1&contenttype=json'),
  fc.string({ maxLength: 30 }).map((s) => `/${encodeURI(s)}`),
  fc.constantFrom('//a:99999/', '/%zz', '*', 'http://[::1'),
);
const randomBody = fc.oneof(
  fc.string({ maxLength: 500 }),
  fc.json({ maxDepth: 6 }),
  fc.nat({ max: 50_000 }).map((n) => '['.repeat(n)),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a).toString('latin1')),
  fc.constant(FIXTURE),
);
/** A request target without the whitespace that would end the request line. */
function cleanTarget(t: string): string {
  const safe = t.replace(/[\s\r\n]/g, '');
  return safe === '' ? '/' : safe;
}

async function answersAValidCallback(port: number): Promise<string> {
  return rawRequest(port, post(`/${QUERY}`, FIXTURE));
}

describe('chatpush listen survives any request', () => {
  let p: SpawnedCli;
  let port = 0;
  beforeAll(async () => {
    p = spawnHostile(['listen', '--port', '0', '--json'], box.env());
    const [, url] = await p.waitForStderr(/Ready on (http:\S+)/, 10_000);
    port = Number(new URL(url!).port);
  });
  afterAll(async () => {
    p.child.kill('SIGINT');
    await p.exited;
    box.cleanup();
  });

  it.each(HOSTILE)('%s: a 4xx answer, and the next valid callback is answered 200', async (_name, bytes) => {
    const answer = await rawRequest(port, bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
    expect(await answersAValidCallback(port)).toMatch(/^HTTP\/1\.1 200 /);
    expect(p.child.exitCode).toBeNull();
  });

  it('C1 and bidi characters in a callback never reach stdout raw (listen --json)', async () => {
    const body = FIXTURE.replace('"jared"', JSON.stringify('ja\u009b31m\u202ered\u0085'));
    expect(await rawRequest(port, post(`/${QUERY}`, body))).toMatch(/^HTTP\/1\.1 200 /);
    await new Promise((r) => setTimeout(r, 200));
    const problems = brokenPromises({ code: 0, signal: null, stdout: Buffer.from(p.stdout()), stderr: Buffer.from(p.stderr()), ms: 0 });
    expect(problems).toEqual([]);
  });

  it('property: random requests never stop the listener', async () => {
    await fc.assert(fc.asyncProperty(randomTarget, randomBody, async (t, b) => {
      await rawRequest(port, post(cleanTarget(t), Buffer.from(b, 'latin1')), 3000);
      expect(p.child.exitCode).toBeNull();
    }), { numRuns: RUNS, endOnFailure: true });
    expect(await answersAValidCallback(port)).toMatch(/^HTTP\/1\.1 200 /);
    expect(p.stderr()).not.toMatch(/internal error|\n\s+at /);
  }, 120_000);
});

describe('chatpush sandbox survives any request', () => {
  let p: SpawnedCli;
  let port = 0;
  const sbox = new Sandbox();
  beforeAll(async () => {
    p = spawnHostile(['sandbox', '--port', '0', '--json'], sbox.env());
    const [json] = await p.waitForStdout(/\{[\s\S]*\}\n/, 10_000);
    port = (JSON.parse(json!) as { port: number }).port;
  });
  afterAll(async () => {
    p.child.kill('SIGINT');
    await p.exited;
    sbox.cleanup();
  });

  it('property: random requests never stop the sandbox', async () => {
    await fc.assert(fc.asyncProperty(randomTarget, randomBody, async (t, b) => {
      await rawRequest(port, post(cleanTarget(t), Buffer.from(b, 'latin1')), 3000);
      expect(p.child.exitCode).toBeNull();
    }), { numRuns: RUNS, endOnFailure: true });
    expect(await rawRequest(port, post('/v4/timpush/normal_push_trace', '{}'))).toMatch(/^HTTP\/1\.1 200 /);
    expect(p.stderr()).not.toMatch(/internal error|\n\s+at /);
  }, 120_000);

  it.each(HOSTILE)('%s: answered, and the sandbox keeps running', async (_name, bytes) => {
    const answer = await rawRequest(port, bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 (200|4\d\d) /);
    expect(await rawRequest(port, post('/v4/timpush/normal_push_trace', '{}'))).toMatch(/^HTTP\/1\.1 200 /);
    expect(p.child.exitCode).toBeNull();
    expect(p.stderr()).not.toMatch(/internal error|\n\s+at /);
  });
});
