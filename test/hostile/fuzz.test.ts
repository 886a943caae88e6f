/**
 * Property-based hostile runs of the built CLI (fast-check): randomly mutated trace answers, fixtures and
 * backend replies. Every run must keep the promises of harness.ts (exit code from the table, no stack trace,
 * no internal error, no secret, no raw control character, bounded time and memory), and a fixture refused
 * with exit 2 must not have sent anything. FUZZ_RUNS sets the runs per property (npm test: a few dozen;
 * `npm run fuzz` runs the same properties at scale and writes the figures).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';
import { hostileAnswer, mutatedDocument, type HostileAnswer } from './generators.js';
import { brokenPromises, recordRun, runHostile, Sandbox } from './harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const box = new Sandbox();
afterAll(() => box.cleanup());

const SDK = '1400000000';
const KEY = '9f8e7d6c'.repeat(8);
const TOKEN = 'fuzz-callback-token-42';

const traces = readdirSync(join(ROOT, 'fixtures', 'traces')).map((f) => JSON.parse(readFileSync(join(ROOT, 'fixtures', 'traces', f), 'utf8')) as unknown);
// Every built-in sample of both protocols (fixtures/callbacks/<protocol>/).
const callbackFiles = ['tencent', 'openim'].flatMap((p) => readdirSync(join(ROOT, 'fixtures', 'callbacks', p)).filter((f) => f.endsWith('.json')).map((f) => `${p}/${f}`));
const strictCallbacks = callbackFiles.map((f) => {
  const text = readFileSync(join(ROOT, 'fixtures', 'callbacks', f), 'utf8');
  // The shipped fixtures carry // comments (as the docs do); strip them to get a JSON base to mutate.
  return JSON.parse(text.replace(/\s\/\/[^\n"]*$/gm, '')) as unknown;
});

/** A server whose next answer the property sets; `{{SECRET}}` in it becomes the credential the request carried. */
class HostileServer {
  answer: HostileAnswer = { status: 200, contentType: 'application/json', body: Buffer.from('{}') };
  secrets = new Set<string>();
  server!: RecordingServer;
  async start(secretOf: (query: Record<string, string>) => string | undefined): Promise<void> {
    this.server = await startRecordingServer((req, res) => {
      const secret = secretOf(req.query);
      if (secret) this.secrets.add(secret);
      const body = Buffer.from(this.answer.body.toString('latin1').split('{{SECRET}}').join(secret ?? ''), 'latin1');
      const headers: Record<string, string | number> = { 'content-length': body.length };
      if (this.answer.contentType) headers['content-type'] = this.answer.contentType;
      res.writeHead(this.answer.status, headers);
      res.end(body);
    });
  }
}

describe('random trace answers', () => {
  const hs = new HostileServer();
  beforeAll(() => hs.start((q) => q.usersig));
  afterAll(() => hs.server.close());

  it('property: trace never breaks a promise, whatever the REST API answers', async () => {
    const env = box.env({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: hs.server.url });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...traces).chain(hostileAnswer), fc.constantFrom([], ['--json'], ['--expect', 'click']), async (answer, extra) => {
        hs.answer = answer;
        const run = await runHostile(['trace', 'p1', '--retries', '0', '--timeout', '5', ...extra], { env, timeoutMs: 30_000 });
        const problems = brokenPromises(run, { secrets: [KEY, ...hs.secrets], allowedCodes: [0, 1, 4, 5, 7] });
        recordRun('trace-answer', run, problems);
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);

  it('property: trace --response-file never breaks a promise, whatever the file holds', async () => {
    let i = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...traces).chain(mutatedDocument), async (bytes) => {
        const path = box.path(`resp-${i++}.json`);
        writeFileSync(path, bytes);
        const run = await runHostile(['trace', '--response-file', path, '--json'], { env: box.env(), timeoutMs: 30_000 });
        const problems = brokenPromises(run, { allowedCodes: [0, 1, 2, 4, 5, 7] });
        recordRun('trace-response-file', run, problems);
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);
});

describe('random fixtures', () => {
  let server: RecordingServer;
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());

  it('property: replay refuses (exit 2, nothing sent) or sends; never anything else', async () => {
    let i = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...strictCallbacks).chain(mutatedDocument), fc.constantFrom('json', 'jsonl'), async (bytes, ext) => {
        const path = box.path(`fx-${i++}.${ext}`);
        writeFileSync(path, bytes);
        const before = server.requests.length;
        const run = await runHostile(['replay', path, '--url', server.url, '--json'], { env: box.env(), timeoutMs: 30_000 });
        const problems = brokenPromises(run, { allowedCodes: [0, 1, 2] });
        if (run.code === 2 && server.requests.length !== before) problems.push('exit 2 after sending');
        recordRun('fixture', run, problems);
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);
});

describe('random backend replies', () => {
  const hs = new HostileServer();
  beforeAll(() => hs.start((q) => q.Sign));
  afterAll(() => hs.server.close());

  it('property: replay reports every reply as a row (exit 0 or 1) and never prints the token or a Sign', async () => {
    const fixture = join(ROOT, 'fixtures', 'callbacks', 'tencent', 'C2C.CallbackBeforeSendMsg.json');
    const junit = box.path('fuzz-junit.xml');
    await fc.assert(
      fc.asyncProperty(hostileAnswer({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 }), fc.constantFrom([], ['--json'], ['--junit', junit]), async (answer, extra) => {
        hs.answer = answer;
        const run = await runHostile(['replay', fixture, '--url', hs.server.url, '--token', TOKEN, ...extra], { env: box.env(), timeoutMs: 30_000 });
        const files = extra[0] === '--junit' ? [readFileSync(junit)] : [];
        const problems = brokenPromises(run, { secrets: [TOKEN, ...hs.secrets], files, allowedCodes: [0, 1] });
        recordRun('backend-reply', run, problems);
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);
});

describe('random config.json', () => {
  it('property: config list reads it (0) or says what is wrong with it (3); a refused set leaves it untouched', async () => {
    const base = { profiles: { default: { sdkappid: '1400000000', identifier: 'administrator', region: 'sgp', secretKey: KEY }, staging: { region: 'kr' } } };
    let i = 0;
    await fc.assert(
      fc.asyncProperty(mutatedDocument(base), async (bytes) => {
        const dir = box.path(`cfg-fuzz-${i++}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'config.json'), bytes);
        const env = box.env({ CHATPUSH_CONFIG_DIR: dir });
        const list = await runHostile(['config', 'list', '--json'], { env, timeoutMs: 30_000 });
        const problems = brokenPromises(list, { secrets: [KEY], allowedCodes: [0, 3] });
        const set = await runHostile(['config', 'set', 'region', 'kr', '--profile', 'fuzz'], { env, timeoutMs: 30_000 });
        problems.push(...brokenPromises(set, { secrets: [KEY], allowedCodes: [0, 3] }));
        if (set.code === 3 && !readFileSync(join(dir, 'config.json')).equals(bytes)) problems.push('a refused set changed config.json');
        if (set.code === 0 && list.code === 0) {
          const after = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { profiles: Record<string, Record<string, string>> };
          if (after.profiles.fuzz?.region !== 'kr') problems.push('set did not store the value');
        }
        recordRun('config-file', list, problems);
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);
});
