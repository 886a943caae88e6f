/**
 * Sends prepared callbacks and checks every reply: --repeat, --concurrency workers, --rate pacing on an
 * absolute schedule (so it does not drift), and streaming aggregation (stats.ts) so memory stays flat.
 * HTTP goes through an undici Pool with keep-alive, imported only here (it costs ~90 ms to load).
 */
import type { Dispatcher, Pool } from 'undici';
import { NetworkError, UsageError } from '../errors.js';
import { classifyNetworkError, describeNetworkError } from '../net/describe-error.js';
import type { Expect } from './fixture.js';
import { renderFresh, type FreshTemplate } from './fresh.js';
import { signCallback, type Protocol, type Target } from './protocols.js';
import { checkReply, timeoutVerdict, type ReplyRule } from './reply-check.js';
import { buildReport, LatencyRecorder, RowStats, type Outcome, type ReplayReport } from './stats.js';
import { loadUndici } from '../net/undici.js';
import { LIMITS } from '../bounded-read.js';
import { isLoopbackUrl, loopbackOnlyLookup, notLoopbackCause, refusedByGuard } from '../net/loopback.js';
import type { Verdict } from '../callbacks/decision.js';

/** A callback ready to send: detected, overridden, with its target built. */
export interface PreparedCallback {
  name: string;
  protocol: Protocol;
  command: string;
  target: Target;
  /** The body sent when --fresh does not apply. */
  body: Buffer;
  fresh?: FreshTemplate;
  expect?: Expect;
  /** How the platform judges the reply (kind, OpenIM response struct). */
  rule: ReplyRule;
  /** The parsed request body (for the fields a before-reply changes). */
  request?: unknown;
  /** This callback's reply deadline: --budget-ms, else the platform's (Tencent 2 s, OpenIM 5 s). */
  budgetMs: number;
}

export interface RunOptions {
  callbacks: readonly PreparedCallback[];
  repeat: number;
  concurrency: number;
  /** Requests per second, or undefined for as fast as the workers go. */
  rate?: number | undefined;
  /** The callback token; only used to compute Sign, never stored in results. */
  token?: string | undefined;
  now(): number;
  random(): number;
  signal: AbortSignal;
  sleep(ms: number): Promise<void>;
  /** Filled in while running, for a progress line. */
  progress?: { done: number; total: number };
  /**
   * The run's redaction (src/redact.ts), applied to every reply body as it arrives — before it is parsed,
   * cut or kept — with the Sign of that request as an extra secret, so nothing a backend echoes can leak.
   */
  redact?: (text: string, extra?: readonly (string | undefined)[]) => string;
  /** Connect only to loopback addresses (replay without --allow-remote). */
  loopbackOnly?: boolean;
  /** --strict: a reply that passes with warnings fails. */
  strict?: boolean | undefined;
  /** --allow-remote: follow an OpenIM redirect to a host that is not loopback. */
  allowRemote?: boolean | undefined;
}

/** Go's http.Client follows at most 10 redirects (net/http defaultCheckRedirect); OpenIM uses it (§B3 O4). */
const MAX_REDIRECTS = 10;

/** Replies larger than this are not kept: the row fails with "too large (limit 1 MiB)" (README "Limits"). */
export const MAX_REPLY_BYTES = LIMITS.replayReply;

interface Reply {
  status: number;
  /** The raw bytes (OpenIM's verdict depends on them: Go decodes bytes, not text). */
  body: Buffer;
  /** Bytes received; more than MAX_REPLY_BYTES means the body was dropped. */
  size: number;
  /** The Location header of a redirect. */
  location?: string;
}

/** Raised when our budget timer fires (undici only sees it as an abort). */
class BudgetExceeded extends Error {}

/**
 * One POST through `dispatch` with a raw handler: no AbortController and no body stream per request (the
 * hot path of --repeat 20000), and an exact budget timer — undici's own headersTimeout ticks at ~0.5 s,
 * too coarse to tell a 2.1 s reply from a 1.9 s one.
 */
function post(pool: Pool, options: Dispatcher.DispatchOptions, budgetMs: number): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    let status = 0;
    let size = 0;
    let location: string | undefined;
    const chunks: Buffer[] = [];
    let controller: Dispatcher.DispatchController | undefined;
    let done = false;
    const finish = (err: Error | undefined, reply?: Reply): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(reply!);
    };
    const timer = setTimeout(() => {
      const e = new BudgetExceeded('budget exceeded');
      controller?.abort(e);
      finish(e);
    }, budgetMs);
    pool.dispatch(options, {
      onRequestStart(c) {
        controller = c;
        if (done) c.abort(new BudgetExceeded('budget exceeded'));
      },
      onResponseStart(_c, statusCode, headers) {
        status = statusCode;
        const loc = headers.location;
        if (loc !== undefined) location = Array.isArray(loc) ? String(loc[0]) : String(loc);
      },
      onResponseData(_c, chunk) {
        // Bounded: past 1 MiB nothing more is kept (the row says "too large"); the rest is read and dropped
        // so the connection stays usable.
        size += chunk.length;
        if (size <= MAX_REPLY_BYTES) chunks.push(chunk);
        else chunks.length = 0;
      },
      onResponseEnd() {
        const body = size > MAX_REPLY_BYTES ? Buffer.alloc(0) : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        finish(undefined, { status, body, size, ...(location !== undefined ? { location } : {}) });
      },
      onResponseError(_c, err) {
        finish(err);
      },
    });
  });
}

/** The operationID a --fresh body carries (the header must say the same). */
function freshOperationId(body: string | Buffer): string | undefined {
  const m = /"operationID"\s*:\s*"([^"\\]*)"/.exec(typeof body === 'string' ? body : body.toString('utf8'));
  return m?.[1];
}

/** A verdict as a row outcome; --strict turns a pass with warnings into a failure. */
function toOutcome(v: Verdict, status: number | null, latencyMs: number, strict: boolean): Outcome {
  const strictFail = strict && v.pass && v.warnings.length > 0;
  const o: Outcome = {
    pass: v.pass && !strictFail,
    status,
    latencyMs,
    reason: strictFail ? `--strict: ${v.warnings[0]!}` : v.reason,
    reply: v.reply,
    decision: v.decision,
    warnings: v.warnings,
  };
  if (v.changes) o.changes = v.changes;
  return o;
}

/** Why undici could not parse a reply (bad status line, Content-Length: abc, …), or undefined. */
function brokenHttp(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const x = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    if (x.name === 'HTTPParserError' || (typeof x.code === 'string' && (x.code.startsWith('HPE_') || x.code === 'UND_ERR_RESPONSE_CONTENT_LENGTH_MISMATCH'))) {
      return String(x.message ?? x.code).replace(/\s+/g, ' ').slice(0, 120);
    }
    e = x.cause;
  }
  return undefined;
}

/** Runs every send and returns the report; throws NetworkError when the backend cannot be reached at all. */
export async function runCallbacks(opts: RunOptions): Promise<ReplayReport> {
  const { Pool } = await loadUndici();
  const n = opts.callbacks.length;
  const total = n * opts.repeat;
  const workers = Math.max(1, Math.min(opts.concurrency, total));
  const rows = opts.callbacks.map((c) => new RowStats(c.name, c.protocol, c.command, c.target.displayUrl));
  const latency = new LatencyRecorder();
  const pools = new Map<string, Pool>();
  /** Origins that accepted a connection: a budget overrun there is the backend's slowness, not the network's. */
  const connected = new Set<string>();
  const poolFor = (origin: string): Pool => {
    let p = pools.get(origin);
    if (!p) {
      // Keep-alive connections, one per worker; connect failures get their own (network) timeout.
      // Without --allow-remote the address a name resolves to must be loopback (net/loopback.ts): the check is
      // made on the address actually connected to, not on how the name looks.
      p = new Pool(origin, {
        connections: workers,
        pipelining: 1,
        connectTimeout: 5000,
        keepAliveTimeout: 10_000,
        ...(opts.loopbackOnly ? { connect: { lookup: loopbackOnlyLookup } } : {}),
      });
      p.on('connect', () => connected.add(origin));
      pools.set(origin, p);
    }
    return p;
  };
  const progress = opts.progress ?? { done: 0, total };
  progress.total = total;
  progress.done = 0;

  let fatal: Error | undefined;
  let next = 0;
  let signTime = -1;
  let sign = '';
  const started = performance.now();
  const onAbort = (): void => {
    for (const p of pools.values()) void p.destroy().catch(() => {});
  };
  opts.signal.addEventListener('abort', onAbort, { once: true });

  const sendOne = async (k: number): Promise<void> => {
    const index = k % n;
    const cb = opts.callbacks[index]!;
    const nowMs = opts.now();
    const body = cb.fresh ? renderFresh(cb.fresh, nowMs, opts.random) : cb.body;
    let path = cb.target.path;
    if (cb.target.sign && opts.token !== undefined) {
      const t = Math.floor(nowMs / 1000);
      if (t !== signTime) {
        signTime = t;
        sign = signCallback(opts.token, t);
      }
      path += `${path.includes('?') ? '&' : '?'}RequestTime=${t}&Sign=${sign}`;
    }
    // OpenIM sends the body's operationID in the header (http_client.go:73-74); --fresh renews both.
    let headers = cb.target.headers;
    if (cb.target.operationId) {
      const op = (cb.fresh && cb.target.bodyOperationId !== undefined ? freshOperationId(body) : undefined) ?? cb.target.bodyOperationId ?? `${nowMs}${String(k % 1000).padStart(3, '0')}`;
      headers = { ...headers, operationID: op };
    }
    const budget = cb.expect?.budgetMs ?? cb.budgetMs;
    const start = performance.now();
    let outcome: Outcome;
    let origin = cb.target.origin;
    try {
      let method = 'POST';
      let reqBody: string | Buffer | undefined = body;
      const hops: string[] = [];
      let verdict: Verdict | undefined;
      let res: Reply;
      for (;;) {
        const left = budget - (performance.now() - start);
        if (left <= 0) throw new BudgetExceeded('budget exceeded');
        res = await post(poolFor(origin), { path, method, headers, ...(reqBody !== undefined ? { body: reqBody } : {}) }, left);
        if (cb.protocol !== 'openim' || res.location === undefined || ![301, 302, 303, 307, 308].includes(res.status)) break;
        // OpenIM's Go client follows redirects (§B3 O4): 301/302/303 become a GET without body, 307/308 repeat the POST.
        let next: URL;
        try {
          next = new URL(res.location, `${origin}${path}`);
        } catch {
          verdict = timeoutVerdict(cb.rule, `redirect to an unreadable Location (${res.location.slice(0, 60)})`);
          break;
        }
        if (hops.length >= MAX_REDIRECTS) {
          verdict = timeoutVerdict(cb.rule, `stopped after ${MAX_REDIRECTS} redirects (Go's http.Client limit)`);
          break;
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          verdict = timeoutVerdict(cb.rule, `redirect to an unsupported scheme ${next.protocol}`);
          break;
        }
        if (!opts.allowRemote && !isLoopbackUrl(next)) {
          verdict = { pass: false, decision: 'error', reason: `redirected to ${next.host}, which is not a loopback address: not followed without --allow-remote (OpenIM would follow it)`, warnings: [], reply: null };
          break;
        }
        hops.push(`${next.origin}${next.pathname}`);
        if (res.status <= 303) {
          method = 'GET';
          reqBody = undefined;
        }
        origin = next.origin;
        path = `${next.pathname}${next.search}`;
      }
      const latencyMs = performance.now() - start;
      if (verdict === undefined && res.size > MAX_REPLY_BYTES) {
        // Not judged: OpenIM would read and decode it all, Tencent expects a short JSON reply (README "Limits").
        const late = latencyMs > budget;
        verdict = late
          ? timeoutVerdict(cb.rule, `no reply within the ${budget} ms budget`, true)
          : { pass: false, decision: 'error', reason: `reply too large (${res.size} bytes; limit ${MAX_REPLY_BYTES} bytes = 1 MiB): not judged`, warnings: [], reply: null };
      }
      if (verdict === undefined) {
        // Redacted as text before anything reads it (src/redact.ts); the raw bytes stay when nothing was redacted,
        // since Go decodes bytes (invalid UTF-8 matters to the verdict).
        let replyBody = res.body;
        if (opts.redact) {
          const text = res.body.toString('utf8');
          const clean = opts.redact(text, [cb.target.sign ? sign : undefined]);
          if (clean !== text) replyBody = Buffer.from(clean);
        }
        verdict = checkReply(cb.rule, { status: res.status, body: replyBody, latencyMs, redirects: hops }, { expect: cb.expect, budgetMs: budget, request: cb.request });
      }
      outcome = toOutcome(verdict, res.status, latencyMs, opts.strict === true);
    } catch (err) {
      const latencyMs = performance.now() - start;
      if (opts.signal.aborted) return;
      const host = new URL(origin).host;
      const timedOut = err instanceof BudgetExceeded;
      const broken = brokenHttp(err);
      const refused = notLoopbackCause(err);
      if (refused && origin !== cb.target.origin) {
        // A redirect to a name that looks local but resolves elsewhere: like a redirect to a remote host above,
        // that one row is not followed and fails; the run goes on (the user's own --url was fine).
        outcome = toOutcome({ pass: false, decision: 'error', reason: `redirected to ${host}, but ${refused.message}: not followed without --allow-remote (OpenIM would follow it)`, warnings: [], reply: null }, null, latencyMs, false);
      } else if (refused) {
        fatal ??= refusedByGuard(err)!;
        return;
      } else if ((err as { code?: unknown }).code === 'UND_ERR_INVALID_ARG') {
        // The HTTP client refused our own request (a path or header validation should have caught): an
        // input error, never a network one.
        fatal ??= new UsageError(`cannot send ${cb.name}: ${(err as Error).message}.`, { hint: 'Check the fixture\'s command, query and headers.' });
        return;
      } else if (broken) {
        // The backend answered, badly: that is its verdict (exit 1), not a network failure.
        outcome = toOutcome(timeoutVerdict(cb.rule, `broken HTTP reply: ${broken}`), null, latencyMs, false);
      } else if (timedOut && connected.has(origin)) {
        outcome = toOutcome(timeoutVerdict(cb.rule, `no reply within the ${budget} ms budget`, true), null, latencyMs, false);
      } else if (timedOut) {
        fatal ??= new NetworkError(`could not connect to ${host} within ${budget} ms.`, { hint: 'Check --url and that the backend is reachable.', cause: err });
        return;
      } else if (classifyNetworkError(err) === 'reset') {
        outcome = toOutcome(timeoutVerdict(cb.rule, 'connection closed before a complete reply (reset by the backend)'), null, latencyMs, false);
      } else if (connected.has(origin)) {
        // It answered earlier and is gone now (crashed, restarted): a failed row, and the rows already
        // collected are still reported.
        outcome = toOutcome(timeoutVerdict(cb.rule, `no connection: ${describeNetworkError(err, host).replace(/\.$/, '')} (it answered earlier)`), null, latencyMs, false);
      } else {
        fatal ??= new NetworkError(describeNetworkError(err, host), {
          hint: 'Start your backend (or `chatpush listen`) and check --url.',
          cause: err,
        });
        return;
      }
    }
    rows[index]!.add(outcome);
    latency.record(outcome.latencyMs);
    progress.done++;
  };

  const worker = async (): Promise<void> => {
    while (fatal === undefined && !opts.signal.aborted) {
      const k = next++;
      if (k >= total) return;
      if (opts.rate !== undefined) {
        // Slot k is due at start + k/rate: an absolute schedule, so rounding never accumulates.
        const wait = started + (k * 1000) / opts.rate - performance.now();
        if (wait >= 1) {
          try {
            await opts.sleep(wait);
          } catch {
            return;
          }
        }
      }
      await sendOne(k);
    }
  };

  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
    await Promise.all([...pools.values()].map((p) => (p.destroyed ? undefined : p.close().catch(() => {}))));
  }
  if (fatal) throw fatal;
  // Ctrl-C: the report of what was answered so far (runReplay prints it, then exits 130).
  return buildReport(rows, latency, performance.now() - started, opts.signal.aborted ? total : undefined);
}
