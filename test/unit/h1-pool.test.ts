/**
 * src/net/h1-pool.ts: the reply parser (table-driven, every reply also fed one byte at a time, and fast-check
 * properties over hostile bytes and random split points) and the pool against real servers on 127.0.0.1:0
 * (keep-alive reuse, the connection limit, Connection: close, resets, refused connections, cancel, byte-exact
 * requests).
 */
import fc from 'fast-check';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRequest, H1Error, H1Pool, ReplyParser, type H1Reply } from '../../src/net/h1-pool.js';

/** Feeds chunks; returns the reply (after a close when `close`), or the error code thrown. */
function parse(chunks: Buffer[], { method = 'POST', close = false, max = 1 << 20 } = {}): { reply?: H1Reply; rest?: string; error?: string } {
  const p = new ReplyParser(method, max);
  try {
    for (const c of chunks) {
      const out = p.feed(c);
      if (out) return { reply: out.reply, ...(out.rest ? { rest: out.rest.toString('latin1') } : {}) };
    }
    if (close) {
      const r = p.closed();
      return r ? { reply: r } : { error: 'cut' };
    }
    return {};
  } catch (err) {
    if (!(err instanceof H1Error)) throw err;
    return { error: err.code };
  }
}

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');
const oneByOne = (s: string): Buffer[] => [...bytes(s)].map((b) => Buffer.from([b]));

describe('ReplyParser', () => {
  const ok: [string, string, { status: number; body: string; location?: string; close?: boolean; method?: string }][] = [
    ['Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', { status: 200, body: 'hello' }],
    ['no reason phrase', 'HTTP/1.1 200\r\nContent-Length: 2\r\n\r\n{}', { status: 200, body: '{}' }],
    ['chunked with an extension and a trailer', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n', { status: 200, body: 'abcde' }],
    ['chunked, hex sizes', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n', { status: 200, body: '0123456789' }],
    ['read to close', 'HTTP/1.1 200 OK\r\n\r\nuntil the end', { status: 200, body: 'until the end', close: true }],
    ['HTTP/1.0 without a length', 'HTTP/1.0 500 Oops\r\n\r\nbad', { status: 500, body: 'bad', close: true }],
    ['100 Continue first', 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx', { status: 201, body: 'x' }],
    ['204 has no body', 'HTTP/1.1 204 No Content\r\n\r\n', { status: 204, body: '' }],
    ['HEAD has no body', 'HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n', { status: 200, body: '', method: 'HEAD' }],
    ['a redirect', 'HTTP/1.1 307 Temporary Redirect\r\nLocation: /next?a=1\r\nContent-Length: 0\r\n\r\n', { status: 307, body: '', location: '/next?a=1' }],
    ['repeated equal Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx', { status: 200, body: 'x' }],
  ];
  it.each(ok)('%s', (_name, text, want) => {
    for (const chunks of [[bytes(text)], oneByOne(text)]) {
      const got = parse(chunks, { close: want.close === true, method: want.method ?? 'POST' });
      expect(got.error).toBeUndefined();
      expect(got.reply!.status).toBe(want.status);
      expect(got.reply!.body.toString('latin1')).toBe(want.body);
      expect(got.reply!.size).toBe(want.body.length);
      expect(got.reply!.location).toBe(want.location);
    }
  });

  it('keeps bytes after the reply as the rest (so the pool drops the connection)', () => {
    expect(parse([bytes('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxEXTRA')]).rest).toBe('EXTRA');
  });

  it('counts a body over the limit but keeps none of it', () => {
    const got = parse([bytes(`HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n${'y'.repeat(20)}`)], { max: 10 });
    expect(got.reply!.size).toBe(20);
    expect(got.reply!.body.length).toBe(0);
  });

  const broken: [string, string, string][] = [
    ['a bad status line', 'HTTP/1.1 abc OK\r\n\r\n', 'HPE_INVALID_CONSTANT'],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n', 'HPE_INVALID_CONSTANT'],
    ['Content-Length: abc', 'HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}', 'HPE_INVALID_CONTENT_LENGTH'],
    ['two different Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx', 'HPE_INVALID_CONTENT_LENGTH'],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nbroken header\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'HPE_INVALID_CHUNK_SIZE'],
    ['chunk data without its CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\naXY\r\n', 'HPE_STRICT'],
    ['a 70 KiB head', `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}`, 'HPE_HEADER_OVERFLOW'],
  ];
  it.each(broken)('%s → %s', (_name, text, code) => {
    expect(parse([bytes(text)]).error).toBe(code);
    expect(parse(oneByOne(text)).error).toBe(code);
  });

  it('a reply cut before its end is not complete (the pool reports a reset)', () => {
    expect(parse([bytes('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc')], { close: true }).error).toBe('cut');
    expect(parse([bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab')], { close: true }).error).toBe('cut');
  });

  it('property: hostile bytes in any split either parse or throw H1Error, never anything else', () => {
    const prefix = fc.constantFrom('', 'HTTP/1.1 200 OK\r\n', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n');
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 6 }), (pre, tail, cuts) => {
        const all = Buffer.concat([bytes(pre), Buffer.from(tail)]);
        const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let last = 0;
        for (const p of [...points, all.length]) {
          if (p > last) chunks.push(all.subarray(last, p));
          last = Math.max(last, p);
        }
        parse(chunks, { close: true });
      }),
      { numRuns: 500 },
    );
  });

  it('property: a well-formed reply gives the same result however it is split', () => {
    const body = fc.uint8Array({ maxLength: 200 });
    fc.assert(
      fc.property(body, fc.boolean(), fc.array(fc.nat(400), { maxLength: 5 }), (b, chunked, cuts) => {
        const payload = Buffer.from(b);
        let text: Buffer;
        if (chunked) {
          const half = Math.floor(payload.length / 2);
          const parts = [payload.subarray(0, half), payload.subarray(half)].filter((p) => p.length > 0);
          text = Buffer.concat([bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'), ...parts.flatMap((p) => [bytes(`${p.length.toString(16)}\r\n`), p, bytes('\r\n')]), bytes('0\r\n\r\n')]);
        } else text = Buffer.concat([bytes(`HTTP/1.1 200 OK\r\nContent-Length: ${payload.length}\r\n\r\n`), payload]);
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
        const chunks: Buffer[] = [];
        let last = 0;
        for (const p of [...points, text.length]) {
          if (p > last) chunks.push(text.subarray(last, p));
          last = Math.max(last, p);
        }
        const got = parse(chunks);
        expect(got.reply?.status).toBe(200);
        expect(Buffer.compare(got.reply!.body, payload)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('buildRequest', () => {
  it('writes one head with host, keep-alive and the body length, then the body', () => {
    const b = buildRequest('127.0.0.1:8080', { method: 'POST', path: '/im?a=1', headers: { 'content-type': 'application/json', operationID: '12' }, body: Buffer.from('{"x":1}') });
    expect(b.toString('latin1')).toBe(
      'POST /im?a=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nconnection: keep-alive\r\ncontent-type: application/json\r\noperationID: 12\r\ncontent-length: 7\r\n\r\n{"x":1}',
    );
  });
  it.each([
    ['a space in the path', { path: '/a b' }],
    ['a CR in the path', { path: '/a\rb' }],
    ['an empty path', { path: '' }],
    ['a header value with a newline', { headers: { x: 'a\nb' } }],
    ['a header name with a space', { headers: { 'x y': 'a' } }],
  ])('refuses %s (ERR_INVALID_ARG)', (_name, over) => {
    expect(() => buildRequest('h', { method: 'POST', path: '/', headers: {}, ...over })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG' }));
  });
});

describe('H1Pool against real servers', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  async function httpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ origin: string; sockets: Set<Socket>; bodies: string[] }> {
    const sockets = new Set<Socket>();
    const bodies: string[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        bodies.push(`${req.method} ${req.url} ${req.headers['content-type']} ${body}`);
        handler(req, res);
      });
    });
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
    return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, sockets, bodies };
  }

  async function rawServer(onData: (socket: Socket) => void): Promise<string> {
    const sockets = new Set<Socket>();
    const server: NetServer = createNetServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
      s.once('data', () => onData(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  it('sends 60 requests over at most 4 kept-alive connections, bytes as given', async () => {
    const s = await httpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}'));
    let connects = 0;
    const pool = new H1Pool(s.origin, { connections: 4, connectTimeoutMs: 2000, maxBodyBytes: 1 << 20, onConnect: () => connects++ });
    const headers = { 'content-type': 'application/json' };
    const body = Buffer.from('{"n":1}');
    const replies = await Promise.all(Array.from({ length: 60 }, () => pool.request({ method: 'POST', path: '/im?x=1', headers, body }).promise));
    await pool.close();
    expect(replies.every((r) => r.status === 200 && r.body.toString() === '{"ok":1}')).toBe(true);
    expect(s.bodies).toHaveLength(60);
    expect(new Set(s.bodies)).toEqual(new Set(['POST /im?x=1 application/json {"n":1}']));
    expect(connects).toBeLessThanOrEqual(4);
    expect(s.sockets.size).toBeLessThanOrEqual(4);
  });

  it('opens a new connection after Connection: close', async () => {
    const s = await httpServer((_req, res) => res.writeHead(200, { connection: 'close', 'content-length': '2' }).end('ok'));
    const pool = new H1Pool(s.origin, { connections: 1, connectTimeoutMs: 2000, maxBodyBytes: 100 });
    for (let i = 0; i < 3; i++) expect((await pool.request({ method: 'POST', path: '/', headers: {}, body: 'x' }).promise).body.toString()).toBe('ok');
    await pool.close();
    expect(s.sockets.size).toBe(3);
  });

  it('a connection closed mid-reply is ECONNRESET; a refused one ECONNREFUSED', async () => {
    const origin = await rawServer((sock) => sock.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    const pool = new H1Pool(origin, { connections: 1, connectTimeoutMs: 2000, maxBodyBytes: 100 });
    await expect(pool.request({ method: 'POST', path: '/', headers: {}, body: 'x' }).promise).rejects.toMatchObject({ code: 'ECONNRESET' });
    await pool.destroy();
    const dead = new H1Pool('http://127.0.0.1:9', { connections: 1, connectTimeoutMs: 2000, maxBodyBytes: 100 });
    await expect(dead.request({ method: 'POST', path: '/', headers: {}, body: 'x' }).promise).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await dead.destroy();
  });

  it('a broken reply is an HPE_ error; the next request gets a fresh connection', async () => {
    let n = 0;
    const origin = await rawServer((sock) => {
      sock.end(n++ === 0 ? 'HTTP/1.1 abc OK\r\n\r\n' : 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}');
    });
    const pool = new H1Pool(origin, { connections: 1, connectTimeoutMs: 2000, maxBodyBytes: 100 });
    await expect(pool.request({ method: 'POST', path: '/', headers: {}, body: 'x' }).promise).rejects.toMatchObject({ code: 'HPE_INVALID_CONSTANT', name: 'HTTPParserError' });
    expect((await pool.request({ method: 'POST', path: '/', headers: {}, body: 'x' }).promise).body.toString()).toBe('{}');
    await pool.close();
  });

  it('cancel() rejects with the given error and drops the connection; the pool keeps working', async () => {
    let first = true;
    const s = await httpServer((_req, res) => {
      if (first) {
        first = false;
        return; // never answers
      }
      res.end('late ok');
    });
    const pool = new H1Pool(s.origin, { connections: 1, connectTimeoutMs: 2000, maxBodyBytes: 100 });
    const slow = pool.request({ method: 'POST', path: '/', headers: {}, body: 'x' });
    const boom = new Error('budget exceeded');
    setTimeout(() => slow.cancel(boom), 50);
    await expect(slow.promise).rejects.toBe(boom);
    expect((await pool.request({ method: 'POST', path: '/', headers: {}, body: 'x' }).promise).body.toString()).toBe('late ok');
    await pool.close();
  });

  it('an invalid path is refused before anything is sent', async () => {
    const s = await httpServer((_req, res) => res.end('x'));
    const pool = new H1Pool(s.origin, { connections: 1, connectTimeoutMs: 2000, maxBodyBytes: 100 });
    await expect(pool.request({ method: 'POST', path: '/a b', headers: {} }).promise).rejects.toMatchObject({ code: 'ERR_INVALID_ARG' });
    await pool.close();
    expect(s.bodies).toHaveLength(0);
  });
});
