/**
 * Signed Tencent Cloud Chat REST calls over node:http/https (reference/protocols.md §2.1): POST
 * `{base}/v4/{service}/{command}?sdkappid&identifier&usersig&random&contenttype=json` with a JSON body.
 * The service answers HTTP 200 with ActionStatus/ErrorCode/ErrorInfo even for errors (§2.1), so the body
 * decides: auth codes → AuthError (exit 4), other codes / non-2xx / HTML / truncated / non-JSON →
 * ServiceError (5), transport failures and timeouts → NetworkError (6). Requests are paced (the trace API
 * allows 1 call/s, §2.4) and retried with backoff for rate-limit/transient codes and HTTP 5xx/429, never for
 * auth errors. The UserSig only travels over https or to loopback, checked before connecting.
 * The transport is net/http-post.ts (one keep-alive connection, destroyed at close): these are single paced
 * requests, where undici's import and pool cost most of a one-PushID trace (issue 15).
 */
import { AuthError, ChatpushError, InterruptedError, NetworkError, ServiceError, UsageError } from '../errors.js';
import { describeNetworkError } from '../net/describe-error.js';
import { loopbackOnlyLookup, mayCarryCredentials, refusedByGuard } from '../net/loopback.js';
import { formatLimit, LIMITS } from '../bounded-read.js';
import { parseUntrustedJsonSync } from '../json-safe.js';
import { sanitize } from '../render/sanitize.js';
import { isAuthCode, isRetryableCode, lookupCode } from './codes.js';
import { createPostAgent, PostFailure, type PostAgent } from '../net/http-post.js';

/** Where and as whom requests go. */
export interface RestTarget {
  /** Base URL without a trailing slash, e.g. https://adminapisgp.im.qcloud.com. */
  baseUrl: string;
  sdkappid: number;
  identifier: string;
}

export interface RetryEvent {
  /** 1-based number of the retry about to happen. */
  retry: number;
  retries: number;
  delayMs: number;
  /** Why, one line without secrets ("60018: too many requests", "HTTP 503"). */
  reason: string;
}

export interface RestClientOptions {
  target: RestTarget;
  /** Returns the UserSig for the next request (registered as a secret by the caller). */
  usersig: () => string;
  timeoutMs: number;
  /** Retries after the first attempt for retryable failures. */
  retries: number;
  /**
   * Minimum spacing between requests going out to one API path; default from intervalForApi (1030 ms for the
   * timpush APIs' 1 call/s, 10 ms for query_online_status's 200 calls/s). Each path has its own pacer.
   */
  minIntervalMs?: number | ((api: string) => number);
  /** Called after every HTTP exchange, answered or not (doctor reads the Date header from it). */
  onExchange?: (event: ExchangeEvent) => void;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  signal: AbortSignal;
  /** --verbose request log (secrets are never passed to it). */
  log?: (line: string) => void;
  onRetry?: (event: RetryEvent) => void;
  /** API-specific meaning and next step for an error code, consulted before the shared table. */
  explain?: (code: number) => { meaning: string; next: string } | undefined;
  userAgent?: string;
  /**
   * The run's redaction (src/redact.ts), applied to every reply text as it arrives, before it is parsed,
   * cut into a message or logged: a server that echoes the UserSig cannot make us print it.
   */
  redact?: (text: string) => string;
  /** An absolute deadline (opts.now() clock) bounding everything, retries and their waits included (--watch-timeout). */
  deadline?: number;
}

/** One HTTP exchange as doctor sees it: when it was sent and answered, and the server's Date header. */
export interface ExchangeEvent {
  api: string;
  status: number;
  /** The HTTP Date header, when the server sent one. */
  date: string | undefined;
  sentAt: number;
  receivedAt: number;
}

/** A successful reply: HTTP 2xx, JSON, ErrorCode 0. */
export interface RestReply {
  status: number;
  body: Record<string, unknown>;
  attempts: number;
  elapsedMs: number;
}

/**
 * 1 call/s (§2.4) plus 3 % for what the Pacer cannot see (network jitter between two trips, clocks read to the
 * millisecond); the sandbox answers 60018 to anything closer than 1000 ms.
 */
export const DEFAULT_MIN_INTERVAL_MS = 1030;
/** REQ_FREQ_LIMIT (§2.3). */
const RATE_LIMITED = 60018;

/**
 * Each API's own rate limit (spec.md v2; reference/push-apis.md §1 "1 call/second" for every
 * v4/timpush statistics/trace/loss API, §9 "200 calls/second" for query_online_status), with room for
 * jitter: requests to the same path are spaced from when the previous one went out (Pacer).
 */
export function intervalForApi(api: string): number {
  const path = api.replace(/^\/+/, '');
  if (path === 'v4/openim/query_online_status') return 10;
  return DEFAULT_MIN_INTERVAL_MS;
}
/** REST answers beyond this are a ServiceError "too large (limit 64 MiB)" (bounded-read.ts LIMITS). */
const MAX_REPLY_BYTES = LIMITS.restReply;

/**
 * Spaces requests (shared by a batch, its retries and --watch polls) from when the service counted the previous
 * one, as well as that can be told: issue 15 found a batch of 100 PushIDs taking 1.1 s plus a round trip per
 * PushID when spacing counted from the end of each reply, and, spacing from when each request went out, a busy
 * server that counted one request late drew a 60018 for the next.
 *
 * The service counted request n after it went out (sentAt, measured once the connection is set up, so connecting
 * and a TLS handshake do not count) and before its reply came back, less the reply's trip. Request n+1 arrives its
 * own forward trip after it starts. So n+1 may start `interval` after max(sentAt, repliedAt - minRtt), where minRtt
 * is the quickest exchange of the session (about one forward plus one return trip, with no server delay): on a
 * steady network that is sentAt (requests start `interval` apart); when the server was slow with request n, the
 * next waits for it. A request that failed before it went out is spaced from its end.
 */
export class Pacer {
  private last: number | undefined;
  private extraMs = 0;
  private minRtt = Infinity;
  constructor(
    private readonly minIntervalMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Waits until the next request may start. */
  async wait(): Promise<void> {
    if (this.last !== undefined) {
      const wait = this.last + this.minIntervalMs + this.extraMs - this.now();
      if (wait > 0) await this.sleep(wait);
    }
  }

  /** Records that a request ended now; `sentAt` is when it went out, when known. */
  done(sentAt?: number): void {
    const end = this.now();
    if (sentAt === undefined) {
      this.last = end;
      return;
    }
    this.minRtt = Math.min(this.minRtt, end - sentAt);
    this.last = Math.max(sentAt, end - this.minRtt);
  }

  /**
   * The service said "too many requests" (60018) all the same: this network's jitter is larger than the margin,
   * so the rest of the session keeps 25 ms more between requests (at most 1.5x the interval).
   */
  widen(): void {
    this.extraMs = Math.min(this.extraMs + 25, this.minIntervalMs / 2);
  }
}

/** Backoff before retry n (1-based): 1 s, 2 s, 4 s, capped at 8 s, plus up to 250 ms of jitter. */
export function backoffDelay(retry: number, random: () => number, retryAfterMs?: number): number {
  const base = Math.min(8000, 1000 * 2 ** (retry - 1)) + (random() % 250);
  return retryAfterMs !== undefined ? Math.max(base, Math.min(retryAfterMs, 30_000)) : base;
}

/** Parses a Retry-After header given in seconds (HTTP dates are ignored). */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v.trim()) * 1000 : undefined;
}

/** The signed URL for one call (§2.1); `random` is a fresh uint32 per request. */
export function buildRestUrl(target: RestTarget, api: string, usersig: string, random: number): URL {
  const url = new URL(`${target.baseUrl.replace(/\/+$/, '')}/${api.replace(/^\/+/, '')}`);
  url.searchParams.set('sdkappid', String(target.sdkappid));
  url.searchParams.set('identifier', target.identifier);
  url.searchParams.set('usersig', usersig);
  url.searchParams.set('random', String(random >>> 0));
  url.searchParams.set('contenttype', 'json');
  return url;
}

/** The URL as it may be shown: the UserSig replaced by [REDACTED]. */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.searchParams.has('usersig')) copy.searchParams.set('usersig', 'REDACTED');
  return copy.href.replace('usersig=REDACTED', 'usersig=[REDACTED]');
}

/** Refuses (exit 2, before connecting) to send a UserSig anywhere but https or loopback (spec.md). */
export function assertMayCarryCredentials(baseUrl: string): void {
  const url = new URL(baseUrl);
  if (!mayCarryCredentials(url)) {
    throw new UsageError(`refusing to send the UserSig over plain http to ${url.host}: it is a credential.`, {
      hint: 'Use an https:// endpoint, or http only to a loopback address such as the sandbox (http://127.0.0.1:5410).',
    });
  }
}

/** What came back from one HTTP exchange. */
export interface RawReply {
  status: number;
  contentType: string;
  retryAfter?: string | string[] | undefined;
  date?: string | undefined;
  text: string;
  /** `text` already parsed (depth-checked, json-safe.ts), so that a large saved answer is parsed once. */
  parsed?: unknown;
}

/** The outcome of interpreting a reply. */
export type Interpretation =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: ChatpushError; retryable: boolean; retryAfterMs?: number | undefined; reason: string };

export interface InterpretContext {
  host: string;
  sdkappid: number;
  explain?: ((code: number) => { meaning: string; next: string } | undefined) | undefined;
}

function snippet(text: string, max = 80): string {
  const s = sanitize(text).trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function intOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Turns an API ErrorCode into the typed error of its exit code, naming the code, meaning and next step. */
export function apiError(code: number, errorInfo: string, ctx: InterpretContext): ChatpushError {
  const special = ctx.explain?.(code);
  const known = lookupCode(code);
  const info = snippet(errorInfo, 120);
  const meaning = (special?.meaning ?? known?.meaning ?? info) || 'no description';
  const said = info && (special || known) && !meaning.toLowerCase().includes(info.toLowerCase()) ? ` (server: "${info}")` : '';
  const label = `${code}: ${meaning.replace(/\.$/, '')}`;
  // 70016/70020 nearly always mean the SDKAppID lives in another data centre (§2.2 hint).
  if (code === 70016 || code === 70020) {
    return new AuthError(`SDKAppID ${ctx.sdkappid} is not known at ${ctx.host} (${label})${said} — wrong region?`, code, {
      hint: 'Use the data centre the app was created in: --region cn|sgp|kr|ger|usa|idn (or CHATPUSH_REGION), or check --endpoint.',
    });
  }
  const next = special?.next ?? known?.next ?? `Run 'chatpush explain ${code}' for what it means.`;
  if (isAuthCode(code)) {
    const what =
      code >= 70001 && code <= 70052 ? 'UserSig rejected' : code === 60010 || code === 90009 ? 'identifier is not an App admin' : 'identifier or UserSig rejected';
    return new AuthError(`${what} (${label})${said}.`, code, { hint: next });
  }
  return new ServiceError(`${ctx.host} answered ${label}${said}.`, code, { hint: next });
}

/** Interprets one HTTP reply (pure): the parsed body, or the typed error and whether to retry. */
export function interpretReply(reply: RawReply, ctx: InterpretContext): Interpretation {
  const { status, text } = reply;
  const type = reply.contentType.toLowerCase();
  const trimmed = text.trimStart();
  if (status < 200 || status > 299) {
    // 501 Not Implemented and 505 HTTP Version Not Supported say the request will never work: not transient.
    const retryable = (status >= 500 && status !== 501 && status !== 505) || status === 429;
    const hint =
      status === 404
        ? `Check --endpoint / --region: ${ctx.host} has no such API path.`
        : retryable
          ? 'The service or a proxy in between failed; try again later.'
          : 'Check --endpoint and any proxy in between.';
    const body = trimmed.startsWith('<') ? '' : snippet(text, 60);
    return {
      ok: false,
      error: new ServiceError(`HTTP ${status} from ${ctx.host}${body ? `: "${body}"` : ''}.`, undefined, { hint }),
      retryable,
      retryAfterMs: parseRetryAfter(reply.retryAfter),
      reason: `HTTP ${status}`,
    };
  }
  const notJson = (message: string, hint: string): Interpretation => ({
    ok: false,
    error: new ServiceError(message, undefined, { hint }),
    retryable: false,
    reason: 'bad reply',
  });
  if (type.includes('text/html') || trimmed.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
    return notJson(`${ctx.host} answered with HTML, not JSON${title ? ` ("${snippet(title, 60)}")` : ''}.`, 'Is --endpoint the REST API host? A proxy or captive portal may be in between.');
  }
  if (trimmed === '') return notJson(`${ctx.host} sent an empty reply.`, 'Try again; if it persists, check --endpoint and any proxy in between.');
  let body: unknown;
  const parsed = 'parsed' in reply ? { ok: true as const, value: reply.parsed } : parseUntrustedJsonSync(text);
  if (!parsed.ok && parsed.problem.tooDeep) {
    return notJson(`the reply from ${ctx.host} is JSON ${parsed.problem.what}: not a REST API answer.`, 'Is --endpoint the REST API host?');
  }
  if (parsed.ok) body = parsed.value;
  else {
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      return notJson(`the reply from ${ctx.host} is truncated or broken JSON (${Buffer.byteLength(text)} bytes).`, 'Try again; a proxy or an interrupted connection may have cut it.');
    }
    return notJson(`the reply from ${ctx.host} is not JSON: "${snippet(text, 60)}".`, 'Is --endpoint the REST API host? Re-run with --verbose to see the request.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return notJson(`the reply from ${ctx.host} is JSON but not a REST API answer.`, 'Is --endpoint the REST API host?');
  }
  const b = body as Record<string, unknown>;
  const code = intOf(b.ErrorCode);
  const action = typeof b.ActionStatus === 'string' ? b.ActionStatus : undefined;
  if (code === undefined && action === undefined) {
    return notJson(`the reply from ${ctx.host} has no ActionStatus or ErrorCode: not a REST API answer.`, 'Is --endpoint the REST API host?');
  }
  if ((code ?? 0) !== 0 || action === 'FAIL') {
    const c = code ?? 0;
    const info = typeof b.ErrorInfo === 'string' ? b.ErrorInfo : '';
    if (c === 0) {
      return notJson(`${ctx.host} answered ActionStatus FAIL without an ErrorCode${info ? `: "${snippet(info)}"` : ''}.`, 'Try again later.');
    }
    return { ok: false, error: apiError(c, info, ctx), retryable: !isAuthCode(c) && isRetryableCode(c), reason: `${c}${info ? ` ${snippet(info, 60)}` : ''}` };
  }
  return { ok: true, body: b };
}

/** A REST client bound to one target; close() releases its connections. */
export interface RestClient {
  call(api: string, body: unknown): Promise<RestReply>;
  close(): Promise<void>;
}

/** Creates a client. Nothing is loaded or opened until the first call. */
export function createRestClient(opts: RestClientOptions): RestClient {
  // One pacer per API path: each API has its own limit, and a trace batch must not slow a status query.
  const pacers = new Map<string, Pacer>();
  const pacerFor = (api: string): Pacer => {
    const key = api.replace(/^\/+/, '');
    let p = pacers.get(key);
    if (!p) {
      const m = opts.minIntervalMs;
      p = new Pacer(typeof m === 'function' ? m(key) : (m ?? intervalForApi(key)), opts.now, opts.sleep);
      pacers.set(key, p);
    }
    return p;
  };
  const base = new URL(opts.target.baseUrl);
  const host = base.host;
  let agent: PostAgent | undefined;
  const redactText = opts.redact ?? ((t: string): string => t);
  /** Time left before --watch-timeout's deadline (Infinity without one). */
  const left = (): number => (opts.deadline === undefined ? Infinity : opts.deadline - opts.now());
  /** The last error, worded as given up at the deadline. */
  const atDeadline = (e: ChatpushError, attempt: number): ChatpushError => {
    const msg = `${e.message.replace(/\.$/, '')} (gave up at the --watch-timeout deadline${attempt > 0 ? ` after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}` : ''}).`;
    const code = (e as { code?: number }).code;
    return e instanceof AuthError ? new AuthError(msg, code, { hint: e.hint }) : e instanceof ServiceError ? new ServiceError(msg, code, { hint: e.hint }) : e;
  };

  /** When the last request was handed to the socket (opts.now clock), for pacing. */
  let lastSentAt: number | undefined;

  async function sendOnce(url: URL, payload: string, timeoutMs: number): Promise<RawReply> {
    agent ??= createPostAgent(base.protocol);
    try {
      const res = await agent.post({
        url,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': opts.userAgent ?? 'chatpush' },
        body: payload,
        timeoutMs,
        maxBytes: MAX_REPLY_BYTES,
        signal: opts.signal,
        // Plain http carries the UserSig only to loopback: the check is made on the address actually connected
        // to (a name like anything.localhost goes to the system resolver), see net/loopback.ts.
        lookup: base.protocol === 'http:' ? loopbackOnlyLookup : undefined,
        now: opts.now,
      });
      lastSentAt = res.sentAt;
      const ct = res.headers['content-type'];
      const date = res.headers.date;
      return {
        status: res.status,
        contentType: (Array.isArray(ct) ? ct[0] : ct) ?? '',
        retryAfter: res.headers['retry-after'],
        date: Array.isArray(date) ? date[0] : date,
        text: redactText(res.body.toString('utf8')),
      };
    } catch (err) {
      if (!(err instanceof PostFailure)) throw err;
      const refused = refusedByGuard(err);
      if (refused) throw refused;
      if (err.kind === 'aborted' || opts.signal.aborted) throw new InterruptedError();
      const seconds = `${timeoutMs / 1000} s`;
      if (err.kind === 'timeout') {
        throw new NetworkError(`no answer from ${host} within ${seconds}.`, { hint: 'Raise --timeout, or check the network, proxy and endpoint.', cause: err });
      }
      if (err.kind === 'too-large') {
        throw new ServiceError(`the reply from ${host} is too large (limit ${formatLimit(MAX_REPLY_BYTES)}).`, undefined, { hint: 'Is --endpoint the REST API host?' });
      }
      if (err.kind === 'cut') {
        throw new ServiceError(`the reply from ${host} was cut off before it was complete.`, undefined, {
          hint: 'Try again; a proxy or an interrupted connection may have cut it.',
          cause: err,
        });
      }
      throw new NetworkError(describeNetworkError(err.cause ?? err, host), { hint: 'Check --endpoint / --region and your network.', cause: err });
    }
  }

  return {
    async call(api, body) {
      assertMayCarryCredentials(opts.target.baseUrl);
      const payload = JSON.stringify(body);
      const started = opts.now();
      for (let attempt = 0; ; attempt++) {
        if (opts.signal.aborted) throw new InterruptedError();
        const pacer = pacerFor(api);
        await pacer.wait();
        const url = buildRestUrl(opts.target, api, opts.usersig(), opts.random());
        opts.log?.(`POST ${redactUrl(url)} ${payload}`);
        const t0 = opts.now();
        let raw: RawReply;
        try {
          // A request never outlives the deadline: its timeout is what is left, when that is shorter.
          raw = await sendOnce(url, payload, Math.max(1, Math.min(opts.timeoutMs, left())));
        } finally {
          // Paced from when this request went out (its connection set up), not from when its reply ended.
          pacer.done(lastSentAt);
          lastSentAt = undefined;
        }
        opts.onExchange?.({ api, status: raw.status, date: raw.date, sentAt: t0, receivedAt: opts.now() });
        const result = interpretReply(raw, { host, sdkappid: opts.target.sdkappid, explain: opts.explain });
        opts.log?.(
          `HTTP ${raw.status} in ${opts.now() - t0} ms, ${Buffer.byteLength(raw.text)} bytes, ${result.ok ? 'ErrorCode 0' : sanitize(result.reason)}`,
        );
        if (result.ok) return { status: raw.status, body: result.body, attempts: attempt + 1, elapsedMs: opts.now() - started };
        if ((result.error as { code?: unknown }).code === RATE_LIMITED) pacer.widen();
        if (!result.retryable || attempt >= opts.retries) {
          if (attempt > 0) {
            const e = result.error;
            const msg = `${e.message.replace(/\.$/, '')} (gave up after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}).`;
            const code = (e as { code?: number }).code;
            throw e instanceof AuthError ? new AuthError(msg, code, { hint: e.hint }) : new ServiceError(msg, code, { hint: e.hint });
          }
          throw result.error;
        }
        const delayMs = backoffDelay(attempt + 1, opts.random, result.retryAfterMs);
        // The --watch-timeout deadline bounds retries too: no wait that would end past it.
        if (delayMs >= left()) throw atDeadline(result.error, attempt);
        opts.onRetry?.({ retry: attempt + 1, retries: opts.retries, delayMs, reason: sanitize(result.reason) });
        await opts.sleep(delayMs);
      }
    },
    async close() {
      // Nothing to wait for: the keep-alive connection is dropped at once (the process ends right after).
      agent?.destroy();
      agent = undefined;
    },
  };
}
