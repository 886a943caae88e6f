import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, InterruptedError, NetworkError, ServiceError, UsageError } from '../../src/errors.js';
import {
  assertMayCarryCredentials,
  backoffDelay,
  buildRestUrl,
  createRestClient,
  interpretReply,
  intervalForApi,
  Pacer,
  type ExchangeEvent,
  parseRetryAfter,
  redactUrl,
  type RestClientOptions,
} from '../../src/tencent/client.js';
import { explainTraceApiCode } from '../../src/trace/diagnose.js';
import { json, startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';

const TARGET = { baseUrl: 'https://adminapisgp.im.qcloud.com', sdkappid: 1400000000, identifier: 'administrator' };
const SIG = 'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl';

describe('buildRestUrl / redactUrl', () => {
  it('puts the five query parameters of §2.1 on the API path', () => {
    const url = buildRestUrl({ ...TARGET, baseUrl: 'https://h.example/' }, 'v4/timpush/normal_push_trace', SIG, 4294967295);
    expect(url.origin + url.pathname).toBe('https://h.example/v4/timpush/normal_push_trace');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      sdkappid: '1400000000',
      identifier: 'administrator',
      usersig: SIG,
      random: '4294967295',
      contenttype: 'json',
    });
  });

  it('never shows the UserSig', () => {
    const shown = redactUrl(buildRestUrl(TARGET, 'v4/timpush/normal_push_trace', SIG, 7));
    expect(shown).toContain('usersig=[REDACTED]');
    expect(shown).not.toContain(SIG);
  });
});

describe('assertMayCarryCredentials', () => {
  it.each([['https://adminapisgp.im.qcloud.com'], ['http://127.0.0.1:5410'], ['http://localhost:1'], ['http://[::1]:8080'], ['https://10.0.0.1']])(
    'allows %s',
    (url) => {
      expect(() => assertMayCarryCredentials(url)).not.toThrow();
    },
  );

  it.each([['http://adminapisgp.im.qcloud.com'], ['http://10.0.0.1:5410'], ['http://192.0.2.1']])('refuses %s (exit 2)', (url) => {
    expect(() => assertMayCarryCredentials(url)).toThrow(UsageError);
  });
});

describe('backoffDelay / parseRetryAfter', () => {
  it.each([
    [1, 0, undefined, 1000],
    [2, 0, undefined, 2000],
    [3, 100, undefined, 4100],
    [5, 0, undefined, 8000],
    [9, 249, undefined, 8249],
    [1, 0, 5000, 5000],
    [1, 0, 120_000, 30_000],
  ])('retry %d, random %d, Retry-After %s → %d ms', (retry, random, after, ms) => {
    expect(backoffDelay(retry, () => random, after)).toBe(ms);
  });

  it.each([
    ['3', 3000],
    [['1'], 1000],
    ['Wed, 21 Oct 2015 07:28:00 GMT', undefined],
    [undefined, undefined],
  ])('Retry-After %j → %s', (value, ms) => {
    expect(parseRetryAfter(value)).toBe(ms);
  });
});

describe('Pacer', () => {
  /** A Pacer on a fake clock (`clock.t`, ms) whose sleeps advance it and are recorded in `slept`. */
  function fakePacer(interval: number, start: number) {
    const clock = { t: start };
    const slept: number[] = [];
    const pacer = new Pacer(interval, () => clock.t, async (ms) => {
      slept.push(ms);
      clock.t += ms;
    });
    return { clock, slept, pacer };
  }

  it('waits until minInterval after the previous request ended', async () => {
    const { clock, slept, pacer } = fakePacer(1100, 1000);
    await pacer.wait();
    pacer.done();
    clock.t += 300;
    await pacer.wait();
    pacer.done();
    clock.t += 2000;
    await pacer.wait();
    expect(slept).toEqual([800]);
  });

  it('counts from when the previous request went out, not from when its reply ended (issue 15)', async () => {
    const { clock, slept, pacer } = fakePacer(1020, 0);
    // Request 1: 150 ms to connect, sent at 150, answered at 400.
    await pacer.wait();
    clock.t = 400;
    pacer.done(150);
    // Request 2 may go at 150 + 1020 = 1170; sent at once on the kept-alive connection, answered at 1300.
    await pacer.wait();
    expect(clock.t).toBe(1170);
    clock.t = 1300;
    pacer.done(1170);
    // A reply slower than the interval: the next request goes at once.
    clock.t = 2500;
    await pacer.wait();
    expect(slept).toEqual([770]);
    // A request that failed before it went out is paced from its end.
    pacer.done();
    await pacer.wait();
    expect(slept).toEqual([770, 1020]);
    // After a 60018 all the same, 25 ms more each time, at most half the interval.
    pacer.widen();
    pacer.done();
    await pacer.wait();
    expect(slept.at(-1)).toBe(1045);
    for (let i = 0; i < 40; i++) pacer.widen();
    pacer.done();
    await pacer.wait();
    expect(slept).toEqual([770, 1020, 1045, 1530]);
  });

  it('waits for a server that was slow with the previous request: the next is spaced from when it was counted', async () => {
    const { clock, slept, pacer } = fakePacer(1020, 0);
    await pacer.wait();
    clock.t = 2; // a 2 ms exchange: the quickest of the session
    pacer.done(0);
    await pacer.wait(); // 1020 after it went out
    expect(clock.t).toBe(1020);
    clock.t = 1062; // the server took 40 ms more: it counted the request at about 1060
    pacer.done(1020);
    await pacer.wait();
    expect(clock.t).toBe(1060 + 1020);
    expect(slept).toEqual([1018, 1018]);
  });
});

describe('interpretReply', () => {
  const ctx = { host: 'h.example', sdkappid: 1400000000, explain: explainTraceApiCode };
  const ok = (body: unknown, status = 200, contentType = 'application/json') => interpretReply({ status, contentType, text: JSON.stringify(body) }, ctx);

  it('accepts ErrorCode 0', () => {
    expect(ok({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: 'sucess', InstanceTrace: [] })).toMatchObject({ ok: true });
  });

  it.each([
    [70009, AuthError, false, /^UserSig rejected \(70009: /],
    [70001, AuthError, false, /^UserSig rejected \(70001: /],
    [60004, AuthError, false, /^identifier or UserSig rejected/],
    [60010, AuthError, false, /^identifier is not an App admin/],
    [90009, AuthError, false, /^identifier is not an App admin \(90009: the request needs App administrator permissions\)/],
    [70016, AuthError, false, /wrong region\?$/],
    [70020, AuthError, false, /^SDKAppID 1400000000 is not known at h\.example .*wrong region\?$/],
    [60018, ServiceError, true, /^h\.example answered 60018/],
    [60007, ServiceError, true, /60007/],
    [70169, ServiceError, true, /70169/],
    [91000, ServiceError, true, /91000: internal server error/],
    [90045, ServiceError, false, /90045: the Push service is not enabled/],
    [90100, ServiceError, false, /90100: invalid request parameters/],
    [60006, ServiceError, false, /60006/],
  ])('ErrorCode %d → %s, retryable %s', (code, Type, retryable, message) => {
    const r = ok({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: 'server words' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(Type);
    expect(r.retryable).toBe(retryable);
    expect(r.error.message).toMatch(message);
    expect((r.error as ServiceError).code).toBe(code);
    expect(r.error.hint).toBeTruthy();
  });

  it('reads an ErrorCode sent as a string', () => {
    const r = ok({ ActionStatus: 'FAIL', ErrorCode: '70001', ErrorInfo: '' });
    expect(!r.ok && r.error).toBeInstanceOf(AuthError);
  });

  it.each([
    ['HTTP 502', { status: 502, contentType: 'text/html', text: '<html>bad gateway</html>' }, true, /^HTTP 502 from h\.example\.$/],
    ['HTTP 503 JSON', { status: 503, contentType: 'application/json', text: '{"x":1}' }, true, /^HTTP 503/],
    ['HTTP 429', { status: 429, contentType: 'text/plain', text: 'slow down' }, true, /^HTTP 429 from h\.example: "slow down"/],
    ['HTTP 404', { status: 404, contentType: 'text/plain', text: 'no' }, false, /^HTTP 404/],
    // 501 Not Implemented / 505 HTTP Version Not Supported: the request will never work, so no retry (issue 11).
    ['HTTP 501', { status: 501, contentType: 'text/plain', text: 'not implemented' }, false, /^HTTP 501/],
    ['HTTP 505', { status: 505, contentType: 'text/plain', text: 'version' }, false, /^HTTP 505/],
    ['HTTP 500', { status: 500, contentType: 'text/plain', text: 'oops' }, true, /^HTTP 500/],
    ['HTML with 200', { status: 200, contentType: 'text/html', text: '<html><title>Login\u001b[2J</title></html>' }, false, /answered with HTML, not JSON \("Login"\)/],
    ['truncated JSON', { status: 200, contentType: 'application/json', text: '{"ActionStatus":"OK","Instance' }, false, /truncated or broken JSON/],
    ['plain text', { status: 200, contentType: 'text/plain', text: 'hello' }, false, /is not JSON: "hello"/],
    ['empty', { status: 200, contentType: 'application/json', text: '' }, false, /empty reply/],
    ['a JSON array', { status: 200, contentType: 'application/json', text: '[1]' }, false, /not a REST API answer/],
    ['no ErrorCode/ActionStatus', { status: 200, contentType: 'application/json', text: '{"a":1}' }, false, /no ActionStatus or ErrorCode/],
    ['FAIL without code', { status: 200, contentType: 'application/json', text: '{"ActionStatus":"FAIL","ErrorInfo":"x"}' }, false, /FAIL without an ErrorCode/],
  ])('%s → ServiceError (exit 5)', (_name, raw, retryable, message) => {
    const r = interpretReply(raw, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(ServiceError);
    expect(r.error.exitCode).toBe(5);
    expect(r.retryable).toBe(retryable);
    expect(r.error.message).toMatch(message);
    expect(r.error.message).not.toMatch(/\u001b/);
  });
});

describe('createRestClient against a real loopback server', () => {
  let server: RecordingServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function client(url: string, extra: Partial<RestClientOptions> = {}) {
    let t = 0;
    const slept: number[] = [];
    const logs: string[] = [];
    const c = createRestClient({
      target: { baseUrl: url, sdkappid: 1400000000, identifier: 'administrator' },
      usersig: () => SIG,
      timeoutMs: 2000,
      retries: 3,
      now: () => t,
      random: () => 0,
      sleep: async (ms) => {
        slept.push(ms);
        t += ms;
      },
      signal: new AbortController().signal,
      log: (l) => logs.push(l),
      ...extra,
    });
    return { c, slept, logs };
  }

  it('retries a rate-limit code with backoff and returns the body', async () => {
    server = await startRecordingServer((_req, res, i) =>
      json(res, i < 2 ? { ActionStatus: 'FAIL', ErrorCode: 60018, ErrorInfo: 'busy' } : { ActionStatus: 'OK', ErrorCode: 0, InstanceTrace: [] }),
    );
    const { c, slept, logs } = client(server.url);
    const reply = await c.call('v4/timpush/normal_push_trace', { PushID: 'p' });
    await c.close();
    expect(reply.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(slept.filter((ms) => ms >= 1000).slice(0, 2)).toEqual([1000, 2000]);
    expect(new Set(server.requests.map((r) => r.query.random)).size).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(server.requests[0]!.body.toString())).toEqual({ PushID: 'p' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(logs.join('\n')).not.toContain(SIG);
    expect(logs[0]).toContain('usersig=[REDACTED]');
  });

  it('never retries an auth error', async () => {
    server = await startRecordingServer((_req, res) => json(res, { ActionStatus: 'FAIL', ErrorCode: 70009, ErrorInfo: 'bad' }));
    const { c } = client(server.url);
    await expect(c.call('v4/x/y', {})).rejects.toBeInstanceOf(AuthError);
    await c.close();
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on HTTP 5xx after --retries and says so', async () => {
    server = await startRecordingServer((_req, res) => json(res, { oops: true }, 503));
    const { c } = client(server.url, { retries: 1 });
    const err = await c.call('v4/x/y', {}).catch((e: unknown) => e);
    await c.close();
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as Error).message).toMatch(/gave up after 1 retry/);
    expect(server.requests).toHaveLength(2);
  });

  it('times out with a NetworkError (exit 6)', async () => {
    server = await startRecordingServer(() => new Promise(() => {}));
    const { c } = client(server.url, { timeoutMs: 150 });
    const err = await c.call('v4/x/y', {}).catch((e: unknown) => e);
    await c.close();
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/no answer from 127\.0\.0\.1:\d+ within 0\.15 s/);
  });

  it('reports a reply cut off mid-body as a service error (exit 5)', async () => {
    server = await startRecordingServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"ActionStatus":"OK",');
      setTimeout(() => res.destroy(), 20);
    });
    const { c } = client(server.url);
    const err = await c.call('v4/x/y', {}).catch((e: unknown) => e);
    await c.close();
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as Error).message).toMatch(/cut off/);
  });

  it('reports a refused connection as a NetworkError', async () => {
    server = await startRecordingServer();
    const url = server.url;
    await server.close();
    server = undefined;
    const { c } = client(url);
    const err = await c.call('v4/x/y', {}).catch((e: unknown) => e);
    await c.close();
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/connection refused/);
  });

  it('stops with InterruptedError when the signal aborts', async () => {
    server = await startRecordingServer(() => new Promise(() => {}));
    const ac = new AbortController();
    const { c } = client(server.url, { signal: ac.signal, timeoutMs: 5000 });
    setTimeout(() => ac.abort(), 50);
    await expect(c.call('v4/x/y', {})).rejects.toBeInstanceOf(InterruptedError);
    await c.close();
  });

  it('refuses plain http to a non-loopback host before connecting', async () => {
    const { c } = client('http://192.0.2.1:9');
    await expect(c.call('v4/x/y', {})).rejects.toBeInstanceOf(UsageError);
    await c.close();
  });
});

describe('pacing per API path (spec.md v2: each API its own rate limit)', () => {
  let server: RecordingServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each([
    ['v4/timpush/normal_push_trace', 1030],
    ['/v4/timpush/all_member_push_statistics', 1030],
    ['v4/timpush/normal_push_loss', 1030],
    ['v4/openim/query_online_status', 10],
  ])('intervalForApi(%s) = %i ms', (api, ms) => expect(intervalForApi(api)).toBe(ms));

  it('spaces calls to one path, never calls to different paths, and reports each exchange with its Date header', async () => {
    server = await startRecordingServer((_req, res) => json(res, { ActionStatus: 'OK', ErrorCode: 0 }));
    let t = 0;
    const slept: number[] = [];
    const exchanges: ExchangeEvent[] = [];
    const c = createRestClient({
      target: { baseUrl: server.url, sdkappid: 1400000000, identifier: 'administrator' },
      usersig: () => SIG,
      timeoutMs: 2000,
      retries: 0,
      now: () => t,
      random: () => 0,
      sleep: async (ms) => {
        slept.push(ms);
        t += ms;
      },
      signal: new AbortController().signal,
      onExchange: (e) => exchanges.push(e),
    });
    await c.call('v4/timpush/normal_push_statistics', {});
    await c.call('v4/openim/query_online_status', { To_Account: ['a'] });
    expect(slept).toEqual([]); // a different path does not wait for the first
    await c.call('v4/openim/query_online_status', { To_Account: ['b'] });
    expect(slept).toEqual([10]);
    await c.call('v4/timpush/normal_push_statistics', {});
    expect(slept).toEqual([10, 1020]); // 1030 after the first statistics call went out, 10 ms of which had passed
    await c.close();
    expect(server.requests.map((r) => r.path)).toEqual([
      '/v4/timpush/normal_push_statistics',
      '/v4/openim/query_online_status',
      '/v4/openim/query_online_status',
      '/v4/timpush/normal_push_statistics',
    ]);
    expect(exchanges).toHaveLength(4);
    expect(exchanges[0]!.api).toBe('v4/timpush/normal_push_statistics');
    expect(Number.isFinite(Date.parse(exchanges[0]!.date ?? ''))).toBe(true);
  });
});
