/**
 * The callback receiver behind `chatpush listen`, `chatpush demo` and the e2e tests: a real node:http server
 * that accepts Tencent callbacks (POST ?SdkAppid&CallbackCommand&contenttype=json[&ClientIP&OptPlatform]
 * [&RequestTime&Sign]) and OpenIM callbacks (POST {base}/{callbackCommand}), validates them
 * (replay/validate.ts) and answers like a correct backend (protocols.md §3.3, §5.5).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { LIMITS } from '../bounded-read.js';
import { findTooDeep, tooDeepText } from '../json-safe.js';
import { validateCallback } from '../replay/validate.js';
import type { Protocol } from '../replay/protocols.js';
import { findEntry, loadCatalogue } from '../callbacks/catalogue.js';
import { fieldsToEcho } from '../callbacks/decide-openim.js';
import type { Violation } from '../callbacks/schemas.js';
import { fixturesDir } from '../paths.js';
import { bindServer, closeServer } from './bind.js';

export type ReplyMode = 'ok' | 'fail' | 'slow';

/** What the receiver saw and answered, reported once per request. */
export interface ListenEvent {
  /** Arrival, ms since the epoch. */
  at: number;
  method: string;
  /** The URL path (no query: it may carry a Sign). */
  path: string;
  protocol: Protocol | 'unknown';
  command: string | undefined;
  /** Problems a correct backend would reject the callback for; empty when valid. */
  problems: string[];
  notes: string[];
  summary: string;
  /**
   * Where the body breaks its command's JSON Schema (path and reason). Shown, never answered on: listen plays
   * the backend and replies as --reply says (spec.md v2).
   */
  violations: Violation[];
  /** False when the command is not in chatpush's catalogue (reported as such, still answered). */
  known: boolean;
  /** How it was answered: ok, fail (--reply fail), slow (ok after slowMs), rejected (problems found). */
  answer: 'ok' | 'fail' | 'slow' | 'rejected';
  status: number;
  bytes: number;
  /** The body as received (UTF-8); empty for a body too large to keep. */
  body: string;
}

export interface ListenerOptions {
  host?: string;
  port?: number;
  reply?: ReplyMode;
  sdkappid?: number;
  token?: string;
  /** Delay for reply "slow" (default 3000 ms: beyond Tencent's 2 s budget). */
  slowMs?: number;
  now?: () => number;
  onCallback?: (event: ListenEvent) => void;
}

export interface Listener {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Request bodies beyond this are answered 413 (bounded-read.ts LIMITS, README "Limits and safety"). */
const MAX_BODY = LIMITS.requestBody;

/** Tencent's success reply (protocols.md §3.3). */
export const TENCENT_OK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
/** OpenIM's "go on" reply (protocols.md §5.5). */
export const OPENIM_OK = { actionCode: 0, errCode: 0, errMsg: '', errDlt: '', nextCode: 0 };

/**
 * A correct backend's "allow" for a command: Sns.CallbackPrevFriend* also need one ResultItem per To_Account
 * (reference/callbacks.md §A6.2, 1047/43468).
 */
function tencentOk(command: string | undefined, body: Record<string, unknown> | undefined): object {
  if (command !== 'Sns.CallbackPrevFriendAdd' && command !== 'Sns.CallbackPrevFriendResponse') return TENCENT_OK;
  const items = body?.FriendItem ?? body?.ResponseFriendItem;
  const accounts = Array.isArray(items) ? items.map((i) => (typeof i === 'object' && i !== null ? String((i as Record<string, unknown>).To_Account ?? '') : '')) : [];
  return { ...TENCENT_OK, ResultItem: accounts.map((a) => ({ To_Account: a, ResultCode: 0, ResultInfo: '' })) };
}

/**
 * A correct OpenIM "go on": beforeSetGroupInfo(Ex) also echo the fields OpenIM copies from the reply whether set
 * or not (decide-openim.ts rule O10), or the update would look up group "".
 */
function openImOk(command: string | undefined, body: Record<string, unknown> | undefined): object {
  const echo = command === undefined ? [] : fieldsToEcho(command);
  if (echo.length === 0 || body === undefined) return OPENIM_OK;
  return { ...OPENIM_OK, ...Object.fromEntries(echo.filter((f) => f in body).map((f) => [f, body[f]])) };
}

function tencentFail(info: string): object {
  return { ActionStatus: 'FAIL', ErrorInfo: info, ErrorCode: 1 };
}

/** An OpenIM refusal: actionCode 0 + nextCode 1 stops the push (protocols.md §5.5). */
function openImRefuse(message: string): object {
  return { actionCode: 0, errCode: 5001, errMsg: message, errDlt: '', nextCode: 1 };
}

function send(res: ServerResponse, status: number, value: object): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The path of a request target for reports, never throwing (and never the query: it may carry a Sign). */
function pathOf(target: string | undefined): string {
  try {
    return new URL(target ?? '/', 'http://listener').pathname;
  } catch {
    return '(unparseable)';
  }
}

/** Starts the receiver on host:port (default 127.0.0.1, port 0 = any free port). */
export async function startListener(opts: ListenerOptions = {}): Promise<Listener> {
  const host = opts.host ?? '127.0.0.1';
  const mode = opts.reply ?? 'ok';
  const slowMs = opts.slowMs ?? 3000;
  const now = opts.now ?? Date.now;
  const timers = new Set<NodeJS.Timeout>();

  const catalogue = await loadCatalogue(fixturesDir);
  const schemas = await import('../callbacks/schemas.js');

  /** Reports and answers 400 a request that cannot be looked at as a callback at all. */
  const refuse = (req: IncomingMessage, res: ServerResponse, path: string, problem: string, bytes: number): void => {
    try {
      opts.onCallback?.({
        at: now(), method: req.method ?? '', path, protocol: 'unknown', command: undefined,
        problems: [problem], notes: [], summary: problem, violations: [], known: false, answer: 'rejected', status: 400, bytes, body: '',
      });
    } catch {
      // Reporting must not end the listener either.
    }
    if (!res.headersSent && !res.destroyed) send(res, 400, { error: `chatpush listen: ${problem}` });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> => {
    const at = now();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://listener');
    } catch {
      // e.g. `POST //a:99999/ HTTP/1.1`: Node accepts the request line, URL cannot parse it.
      return refuse(req, res, '(unparseable)', 'the request target is not a valid URL path', raw.length);
    }
    const body = raw.toString('utf8');
    if (findTooDeep(body) !== undefined) return refuse(req, res, url.pathname, `the body is JSON ${tooDeepText()}`, raw.length);
    const v = validateCallback(
      { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body },
      { sdkappid: opts.sdkappid, token: opts.token, nowMs: at },
    );
    const entry = v.command !== undefined ? findEntry(catalogue, v.command) : undefined;
    let violations: Violation[] = [];
    if (entry && v.value !== undefined) {
      try {
        violations = await schemas.validateBody(fixturesDir, entry, v.value);
      } catch (err) {
        violations = [{ path: '/', reason: `schema check failed: ${(err as Error).message}` }];
      }
    }
    const known = v.command === undefined || entry !== undefined;
    if (!known) v.notes.push(`unknown command ${v.command}: not in chatpush's catalogue, so its body was not checked`);
    const event: ListenEvent = {
      at,
      method: req.method ?? '',
      path: url.pathname,
      protocol: v.protocol,
      command: v.command,
      problems: v.problems,
      notes: v.notes,
      summary: v.summary,
      violations,
      known,
      answer: 'ok',
      status: 200,
      bytes: raw.length,
      body,
    };
    let reply: object;
    if (v.protocol === 'unknown') {
      event.answer = 'rejected';
      event.status = req.method === 'POST' ? 400 : 405;
      reply = { error: `chatpush listen: ${v.problems.join('; ')}` };
    } else if (v.problems.length > 0) {
      event.answer = 'rejected';
      const info = `chatpush listen: ${v.problems.join('; ')}`;
      reply = v.protocol === 'tencent' ? tencentFail(info) : openImRefuse(info);
    } else if (mode === 'fail') {
      event.answer = 'fail';
      reply = v.protocol === 'tencent' ? tencentFail('chatpush listen --reply fail') : openImRefuse('chatpush listen --reply fail');
    } else {
      event.answer = mode;
      reply = v.protocol === 'tencent' ? tencentOk(v.command, v.value) : openImOk(v.command, v.value);
    }
    opts.onCallback?.(event);
    if (event.answer === 'slow') {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) send(res, event.status, reply);
      }, slowMs);
      timers.add(t);
      return;
    }
    send(res, event.status, reply);
  };

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        if (!tooBig) {
          // Reported like any other rejected callback, so it is printed and counted, not just answered.
          const problem = 'body larger than 1 MiB';
          opts.onCallback?.({
            at: now(), method: req.method ?? '', path: pathOf(req.url), protocol: 'unknown', command: undefined,
            problems: [problem], notes: [], summary: problem, violations: [], known: false, answer: 'rejected', status: 413, bytes: size, body: '',
          });
          send(res, 413, { error: `chatpush listen: ${problem}` });
        }
        tooBig = true;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (tooBig) return;
      // A listener survives any request: whatever went wrong is this request's 400, not the process's end.
      handle(req, res, Buffer.concat(chunks)).catch((err: unknown) => {
        refuse(req, res, pathOf(req.url), `the request could not be checked (${err instanceof Error ? err.name : 'error'})`, size);
      });
    });
    req.on('error', () => res.destroy());
  });
  // Requests Node's HTTP parser rejects (bad request line, bad headers) get a 400 and the connection closes.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const { port, url } = await bindServer(server, host, opts.port ?? 0);
  return {
    url,
    port,
    close: () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return closeServer(server);
    },
  };
}
