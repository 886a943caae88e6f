/**
 * A minimal HTTP/1.1 client pool for replay's hot path (issue 15): keep-alive connections to one origin, one
 * request in flight per connection, each request written as ONE buffer (head and body together, built once and
 * reused while the path, headers and body stay the same), and a small reply parser (status line, headers,
 * Content-Length / chunked / read-to-close bodies). Measured against undici's Pool on `replay --repeat 20000`:
 * undici wrote head and body with writev (a sixth of the process's CPU) and loading it cost ~90 ms; autocannon,
 * the peer, writes one buffer per request, as this does.
 *
 * Failures carry the codes the rest of replay already reads (net/describe-error.ts, run.ts's brokenHttp):
 * a reply that is not HTTP -> `HPE_*` (a broken reply, exit 1, like llhttp's); the connection closing before the
 * reply is complete -> ECONNRESET (reset); a request we refuse to write (a path or header with control
 * characters) -> ERR_INVALID_ARG; a lookup refusal (net/loopback.ts) is passed through as the cause.
 */
import type { Socket } from 'node:net';
import type { LookupFunction } from 'node:net';
import { compactFifo, type Fifo } from './fifo.js';

export interface H1PoolOptions {
  /** Most connections open at once (replay: one per worker). */
  connections: number;
  connectTimeoutMs: number;
  /** Replies larger than this are counted, not kept (replay's 1 MiB limit). */
  maxBodyBytes: number;
  lookup?: LookupFunction | undefined;
  /** Called when a connection is established (replay tells a slow backend from an unreachable one by it). */
  onConnect?: () => void;
}

export interface H1Request {
  method: string;
  path: string;
  /** Header names as they should be written; values must not contain CR, LF or NUL. */
  headers: Readonly<Record<string, string>>;
  body?: Buffer | string | undefined;
}

export interface H1Reply {
  status: number;
  /** The body, empty when it was larger than maxBodyBytes. */
  body: Buffer;
  /** Body bytes received. */
  size: number;
  location?: string;
  /** performance.now() when the reply was complete (before any promise hop: what its latency is measured to). */
  endedAt: number;
}

/** An error with a code, like Node's system errors. */
export class H1Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = code.startsWith('HPE_') ? 'HTTPParserError' : 'H1Error';
  }
}

interface Pending {
  bytes: Buffer;
  method: string;
  resolve: (r: H1Reply) => void;
  reject: (e: Error) => void;
  /** Set once the request was given to a connection (a timed-out request is then removed from it). */
  conn?: Conn | undefined;
  done: boolean;
}

/** A valid request target: visible ASCII only (what undici and Node's http accept). */
const PATH_RE = /^[\x21-\x7e]+$/;
const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALUE_RE = /^[^\r\n\0]*$/;
const MAX_HEAD_BYTES = 64 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Builds the request bytes; throws ERR_INVALID_ARG for what must never be written. */
export function buildRequest(host: string, req: H1Request): Buffer {
  if (!PATH_RE.test(req.path)) throw new H1Error('ERR_INVALID_ARG', `invalid request path: ${JSON.stringify(req.path.slice(0, 60))}`);
  if (!TOKEN_RE.test(req.method)) throw new H1Error('ERR_INVALID_ARG', `invalid method: ${JSON.stringify(req.method)}`);
  const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
  let head = `${req.method} ${req.path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  for (const name of Object.keys(req.headers)) {
    const value = String(req.headers[name]);
    if (!TOKEN_RE.test(name) || !VALUE_RE.test(value)) throw new H1Error('ERR_INVALID_ARG', `invalid header ${JSON.stringify(name)}`);
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'connection' || lower === 'content-length' || lower === 'transfer-encoding') continue;
    head += `${name}: ${value}\r\n`;
  }
  if (body !== undefined) head += `content-length: ${body.length}\r\n`;
  head += '\r\n';
  const headBuf = Buffer.from(head, 'latin1');
  return body === undefined || body.length === 0 ? headBuf : Buffer.concat([headBuf, body], headBuf.length + body.length);
}

/** What a reply head says (pure; see readHead). */
interface Head {
  status: number;
  /** A 1xx reply other than 101: another head follows. */
  interim: boolean;
  length: number | undefined;
  chunked: boolean;
  close: boolean;
  location: string | undefined;
}

let lastHead: { text: string; head: Head } | undefined;

/** Reads a reply head (status line and headers, without the final CRLF CRLF); throws H1Error when it is not HTTP/1.x. */
export function readHead(text: string): Head {
  const lines = text.split('\r\n');
  const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]!);
  if (!m) throw new H1Error('HPE_INVALID_CONSTANT', lines[0]!.startsWith('HTTP/') ? 'Invalid response status' : 'Expected HTTP/');
  const status = Number(m[2]);
  let length: number | undefined;
  let chunked = false;
  let close = m[1] === '0';
  let location: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0 || !TOKEN_RE.test(line.slice(0, colon))) throw new H1Error('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d{1,15}$/.test(value) || (length !== undefined && length !== Number(value))) throw new H1Error('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
      length = Number(value);
    } else if (name === 'transfer-encoding') {
      chunked = /(^|,)\s*chunked\s*$/i.test(value);
      if (!chunked) close = true;
    } else if (name === 'connection') {
      if (/(^|,)\s*close\s*(,|$)/i.test(value)) close = true;
      else if (m[1] === '0' && /keep-alive/i.test(value)) close = false;
    } else if (name === 'location' && location === undefined) location = value;
  }
  return { status, interim: status >= 100 && status < 200 && status !== 101, length, chunked, close, location };
}

type ParserState = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailers' | 'to-close';

/** The reply parser of one connection; fed chunks, it reports a whole reply or a protocol error. */
export class ReplyParser {
  private head: Buffer | undefined;
  private state: ParserState = 'head';
  private status = 0;
  private remaining = 0;
  private chunks: Buffer[] = [];
  private size = 0;
  private location: string | undefined;
  private line: Buffer | undefined;
  /** The reply asked to close the connection (or cannot tell its end but by the close). */
  closeAfter = false;

  constructor(
    private method: string,
    private readonly maxBody: number,
  ) {}

  /** Ready for the next reply on the same connection (one parser per connection, not per request). */
  reset(method: string): void {
    this.method = method;
    this.head = undefined;
    this.state = 'head';
    this.status = 0;
    this.remaining = 0;
    this.chunks = [];
    this.size = 0;
    this.location = undefined;
    this.line = undefined;
    this.closeAfter = false;
  }

  /**
   * Consumes bytes; returns the reply when complete (with any bytes left over), undefined when more are needed.
   * Throws H1Error for anything that is not HTTP/1.x.
   */
  feed(chunk: Buffer): { reply: H1Reply; rest: Buffer | undefined } | undefined {
    let buf: Buffer | undefined = chunk;
    while (buf !== undefined && buf.length > 0) {
      switch (this.state) {
        case 'head': {
          const all: Buffer = this.head ? Buffer.concat([this.head, buf]) : buf;
          const end = all.indexOf(CRLFCRLF);
          if (end === -1) {
            if (all.length > MAX_HEAD_BYTES) throw new H1Error('HPE_HEADER_OVERFLOW', 'Header overflow');
            // Not HTTP at all (an SSH banner, say): fail as soon as the first bytes say so.
            if (all.length >= 5 && all.subarray(0, 5).toString('latin1') !== 'HTTP/') throw new H1Error('HPE_INVALID_CONSTANT', 'Expected HTTP/');
            this.head = all;
            return undefined;
          }
          this.head = undefined;
          const rest = all.subarray(end + 4);
          if (this.parseHead(all.subarray(0, end).toString('latin1'))) {
            buf = rest; // a 1xx interim reply: the real one follows
            continue;
          }
          // parseHead moved the state on (TypeScript still sees 'head' here).
          const next = this.state as ParserState;
          if ((next === 'length' && this.remaining === 0) || this.noBody()) return this.finish(rest);
          buf = rest;
          if (buf.length === 0) return undefined;
          continue;
        }
        case 'length': {
          const take = Math.min(this.remaining, buf.length);
          this.keep(buf.subarray(0, take));
          this.remaining -= take;
          const rest = buf.subarray(take);
          if (this.remaining === 0) return this.finish(rest);
          return undefined;
        }
        case 'to-close':
          this.keep(buf);
          return undefined;
        case 'chunk-size':
        case 'chunk-crlf':
        case 'trailers': {
          const nl = buf.indexOf(10);
          if (nl === -1) {
            this.line = this.line ? Buffer.concat([this.line, buf]) : buf;
            if (this.line.length > 4096) throw new H1Error('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
            return undefined;
          }
          const part = buf.subarray(0, nl + 1);
          const lineBuf = this.line ? Buffer.concat([this.line, part]) : part;
          this.line = undefined;
          buf = buf.subarray(nl + 1);
          const text = lineBuf.toString('latin1').replace(/\r?\n$/, '');
          if (this.state === 'chunk-crlf') {
            if (text !== '') throw new H1Error('HPE_STRICT', 'Expected CRLF after chunk');
            this.state = 'chunk-size';
          } else if (this.state === 'chunk-size') {
            const m = /^([0-9a-fA-F]{1,8})[ \t]*(;.*)?$/.exec(text);
            if (!m) throw new H1Error('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
            this.remaining = parseInt(m[1]!, 16);
            this.state = this.remaining === 0 ? 'trailers' : 'chunk-data';
          } else if (text === '') {
            return this.finish(buf);
          }
          continue;
        }
        case 'chunk-data': {
          const take = Math.min(this.remaining, buf.length);
          this.keep(buf.subarray(0, take));
          this.remaining -= take;
          buf = buf.subarray(take);
          if (this.remaining === 0) this.state = 'chunk-crlf';
          continue;
        }
      }
    }
    return undefined;
  }

  /** The connection closed: a read-to-close body ends here; anything else was cut. */
  closed(): H1Reply | undefined {
    if (this.state === 'to-close') return this.finish(undefined).reply;
    return undefined;
  }

  /** Whether no byte of the reply has arrived yet. */
  get untouched(): boolean {
    return this.state === 'head' && this.head === undefined;
  }

  private noBody(): boolean {
    return this.method === 'HEAD' || this.status === 204 || this.status === 304;
  }

  private keep(part: Buffer): void {
    this.size += part.length;
    if (this.size <= this.maxBody) this.chunks.push(part);
    else this.chunks.length = 0;
  }

  /** Applies a reply head; returns true for a 1xx interim reply (skipped). */
  private parseHead(text: string): boolean {
    // A backend answers the same head again and again (only Date changes, once a second): read it once.
    let head = lastHead?.text === text ? lastHead.head : undefined;
    if (!head) {
      head = readHead(text);
      lastHead = { text, head };
    }
    if (head.interim) {
      this.location = undefined;
      return true;
    }
    this.status = head.status;
    this.location = head.location;
    this.closeAfter = head.close;
    if (this.noBody()) {
      this.state = 'length';
      this.remaining = 0;
    } else if (head.chunked) this.state = 'chunk-size';
    else if (head.length !== undefined) {
      this.state = 'length';
      this.remaining = head.length;
    } else {
      this.state = 'to-close';
      this.closeAfter = true;
    }
    return false;
  }

  private finish(rest: Buffer | undefined): { reply: H1Reply; rest: Buffer | undefined } {
    const body = this.size > this.maxBody || this.chunks.length === 0 ? Buffer.alloc(0) : this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const reply: H1Reply = { status: this.status, body, size: this.size, endedAt: performance.now() };
    if (this.location !== undefined) reply.location = this.location;
    return { reply, rest: rest && rest.length > 0 ? rest : undefined };
  }
}

/** One keep-alive connection. */
class Conn {
  socket: Socket | undefined;
  /** A request is on the wire and its reply not complete. */
  busy = false;
  connected = false;
  current: Pending | undefined;
  parser: ReplyParser | undefined;
  dead = false;
}

/** The pool: requests queue for the first free connection; a new one is opened while under the limit. */
export class H1Pool {
  private readonly url: URL;
  private readonly conns = new Set<Conn>();
  private readonly idle: Conn[] = [];
  private readonly queue: Fifo<Pending> = { items: [], head: 0 };
  private cache = new WeakMap<object, { method: string; path: string; body: unknown; bytes: Buffer }>();
  destroyed = false;
  private closing: (() => void) | undefined;

  constructor(
    origin: string,
    private readonly opts: H1PoolOptions,
  ) {
    this.url = new URL(origin);
  }

  /**
   * Sends one request. The bytes are built once per headers object and reused while the method, path and body
   * are the same (replay sends one callback many times); the caller times the request out with cancel().
   */
  request(req: H1Request): { promise: Promise<H1Reply>; cancel: (err: Error) => void } {
    let pending!: Pending;
    const promise = new Promise<H1Reply>((resolve, reject) => {
      pending = { bytes: Buffer.alloc(0), method: req.method, resolve, reject, done: false };
    });
    try {
      if (this.destroyed) throw new H1Error('ECONNRESET', 'the pool is closed');
      const hit = this.cache.get(req.headers);
      if (hit && hit.method === req.method && hit.path === req.path && hit.body === req.body) pending.bytes = hit.bytes;
      else {
        pending.bytes = buildRequest(this.url.host, req);
        this.cache.set(req.headers, { method: req.method, path: req.path, body: req.body, bytes: pending.bytes });
      }
    } catch (err) {
      pending.done = true;
      pending.reject(err as Error);
      return { promise, cancel: () => {} };
    }
    this.queue.items.push(pending);
    this.pump();
    return { promise, cancel: (err) => this.cancel(pending, err) };
  }

  private cancel(p: Pending, err: Error): void {
    if (p.done) return;
    p.done = true;
    if (p.conn) {
      // Mid-exchange: the connection's state is unknown, so it is dropped.
      this.kill(p.conn);
    }
    p.reject(err);
  }

  private pump(): void {
    while (this.queue.head < this.queue.items.length) {
      const p = this.queue.items[this.queue.head]!;
      if (p.done) {
        this.queue.items[this.queue.head++] = undefined;
        continue;
      }
      let conn = this.idle.pop();
      while (conn && conn.dead) conn = this.idle.pop();
      if (!conn) {
        if (this.conns.size >= this.opts.connections) break;
        conn = this.open();
      }
      // Let go of it here: a queue slot holding it until the next compaction kept it alive long enough to
      // reach the old generation.
      this.queue.items[this.queue.head++] = undefined;
      this.assign(conn, p);
    }
    compactFifo(this.queue);
  }

  private open(): Conn {
    const conn = new Conn();
    this.conns.add(conn);
    const net = process.getBuiltinModule('node:net') as typeof import('node:net');
    const port = Number(this.url.port) || (this.url.protocol === 'https:' ? 443 : 80);
    const host = this.url.hostname.replace(/^\[|\]$/g, '');
    let socket: Socket;
    if (this.url.protocol === 'https:') {
      const tls = process.getBuiltinModule('node:tls') as typeof import('node:tls');
      socket = tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'], ...(this.opts.lookup ? { lookup: this.opts.lookup } : {}) });
      socket.once('secureConnect', () => this.connected(conn));
    } else {
      socket = net.connect({ host, port, ...(this.opts.lookup ? { lookup: this.opts.lookup } : {}) });
      socket.once('connect', () => this.connected(conn));
    }
    socket.setNoDelay(true);
    conn.socket = socket;
    const connectTimer = setTimeout(() => this.fail(conn, new H1Error('UND_ERR_CONNECT_TIMEOUT', 'connect timeout')), this.opts.connectTimeoutMs);
    socket.once('connect', () => clearTimeout(connectTimer));
    socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    socket.on('error', (err) => {
      clearTimeout(connectTimer);
      this.fail(conn, err);
    });
    socket.on('close', () => {
      clearTimeout(connectTimer);
      this.onClose(conn);
    });
    return conn;
  }

  private connected(conn: Conn): void {
    conn.connected = true;
    this.opts.onConnect?.();
  }

  private assign(conn: Conn, p: Pending): void {
    conn.current = p;
    if (conn.parser) conn.parser.reset(p.method);
    else conn.parser = new ReplyParser(p.method, this.opts.maxBodyBytes);
    conn.busy = true;
    p.conn = conn;
    conn.socket!.ref();
    conn.socket!.write(p.bytes);
  }

  private onData(conn: Conn, chunk: Buffer): void {
    const p = conn.current;
    if (!p || !conn.parser || !conn.busy) {
      // Bytes nobody asked for: the connection cannot be trusted for the next request.
      this.kill(conn);
      return;
    }
    let out: ReturnType<ReplyParser['feed']>;
    try {
      out = conn.parser.feed(chunk);
    } catch (err) {
      this.fail(conn, err as Error);
      return;
    }
    if (!out) return;
    const closeAfter = conn.parser.closeAfter || out.rest !== undefined;
    conn.current = undefined;
    conn.busy = false;
    if (!p.done) {
      p.done = true;
      p.resolve(out.reply);
    }
    if (closeAfter) this.kill(conn);
    else this.release(conn);
  }

  private release(conn: Conn): void {
    if (conn.dead) return;
    if (this.closing) {
      this.kill(conn);
      return;
    }
    conn.socket!.unref();
    this.idle.push(conn);
    this.pump();
  }

  /** A failure on a connection: its request (if any) fails; the connection is dropped. */
  private fail(conn: Conn, err: Error): void {
    const p = conn.current;
    conn.current = undefined;
    this.kill(conn);
    if (p && !p.done) {
      p.done = true;
      p.reject(err);
    } else if (!conn.connected && !p) {
      // A connection that never came up fails the first request waiting for one (undici does the same).
      const next = this.nextWaiting();
      if (next) {
        next.done = true;
        next.reject(err);
      }
    }
  }

  private nextWaiting(): Pending | undefined {
    for (let i = this.queue.head; i < this.queue.items.length; i++) if (!this.queue.items[i]!.done) return this.queue.items[i];
    return undefined;
  }

  private onClose(conn: Conn): void {
    const p = conn.current;
    const parser = conn.parser;
    conn.current = undefined;
    this.kill(conn);
    if (p && !p.done) {
      const reply = parser?.closed();
      p.done = true;
      if (reply) p.resolve(reply);
      else p.reject(new H1Error('ECONNRESET', 'other side closed'));
    }
  }

  private kill(conn: Conn): void {
    if (!conn.dead) {
      conn.dead = true;
      this.conns.delete(conn);
      conn.socket?.destroy();
      if (conn.current && !conn.current.done) {
        const p = conn.current;
        conn.current = undefined;
        p.done = true;
        p.reject(new H1Error('ECONNRESET', 'connection closed'));
      }
    }
    if (this.closing && this.conns.size === 0) this.closing();
    else if (!this.destroyed) this.pump();
  }

  /** Closes idle connections and those that finish; resolves when all are closed. */
  close(): Promise<void> {
    this.destroyed = true;
    return new Promise((resolve) => {
      this.closing = resolve;
      for (const c of [...this.conns]) if (!c.current) this.kill(c);
      if (this.conns.size === 0) resolve();
    });
  }

  /** Drops everything at once (Ctrl-C): waiting requests fail. */
  destroy(): Promise<void> {
    this.destroyed = true;
    for (let i = this.queue.head; i < this.queue.items.length; i++) {
      const p = this.queue.items[i]!;
      if (!p.done) {
        p.done = true;
        p.reject(new H1Error('ECONNRESET', 'the pool was destroyed'));
      }
    }
    for (const c of [...this.conns]) this.kill(c);
    return Promise.resolve();
  }
}
