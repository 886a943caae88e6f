/**
 * Sends prepared callbacks and checks every reply: --repeat, --concurrency workers, --rate pacing on an
 * absolute schedule (so it does not drift), and streaming aggregation (stats.ts) so memory stays flat.
 * HTTP goes through net/h1-pool.ts: keep-alive connections, each request written as one pre-built buffer, a
 * minimal reply parser, and one timer for every request's budget (deadlines.ts) - issue 15 measured undici's
 * Pool here at 0.73x autocannon's request rate and 1.5x its CPU per request.
 */
import { NetworkError, UsageError } from '../errors.js';
import { classifyNetworkError, describeNetworkError } from '../net/describe-error.js';
import type { Expect } from './fixture.js';
import { renderFresh, type FreshTemplate } from './fresh.js';
import { signCallback, type Protocol, type Target } from './protocols.js';
import { checkReply, timeoutVerdict, type ReplyRule } from './reply-check.js';
import { buildReport, LatencyRecorder, RowStats, type Outcome, type ReplayReport } from './stats.js';
import { H1Pool, type H1Request } from '../net/h1-pool.js';
import { Deadlines } from './deadlines.js';
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
  /** performance.now() when the reply was complete. */
  endedAt: number;
}

/** Raised when a request's budget ran out. */
class BudgetExceeded extends Error {}

/**
 * One request with an exact budget: the deadline (one shared timer, deadlines.ts) cancels it, which drops its
 * connection. Bounded: past 1 MiB nothing more of a reply is kept (the row says "too large").
 */
async function post(pool: H1Pool, req: H1Request, budgetMs: number, deadlines: Deadlines): Promise<Reply> {
  const { promise, cancel } = pool.request(req);
  const deadline = deadlines.add(budgetMs, () => cancel(new BudgetExceeded('budget exceeded')));
  try {
    const r = await promise;
    return { status: r.status, body: r.body, size: r.size, endedAt: r.endedAt, ...(r.location !== undefined ? { location: r.location } : {}) };
  } finally {
    deadlines.settle(deadline);
  }
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

/** Why a reply could not be parsed as HTTP (bad status line, Content-Length: abc, …), or undefined. */
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
  const n = opts.callbacks.length;
  const total = n * opts.repeat;
  const workers = Math.max(1, Math.min(opts.concurrency, total));
  const rows = opts.callbacks.map((c) => new RowStats(c.name, c.protocol, c.command, c.target.displayUrl));
  const latency = new LatencyRecorder();
  const pools = new Map<string, H1Pool>();
  const deadlines = new Deadlines();
  /** Per callback, the last reply judged within its budget and its verdict (see below). */
  const verdictMemo: ({ status: number; body: Buffer; verdict: Verdict } | undefined)[] = [];
  /** The last reply redacted and its result: a backend answering the same bytes is redacted once. */
  let redactMemo: { text: string; extra: string | undefined; out: string } | undefined;
  /** Origins that accepted a connection: a budget overrun there is the backend's slowness, not the network's. */
  const connected = new Set<string>();
  const poolFor = (origin: string): H1Pool => {
    let p = pools.get(origin);
    if (!p) {
      // Keep-alive connections, one per worker; connect failures get their own (network) timeout.
      // Without --allow-remote the address a name resolves to must be loopback (net/loopback.ts): the check is
      // made on the address actually connected to, not on how the name looks.
      p = new H1Pool(origin, {
        connections: workers,
        connectTimeoutMs: 5000,
        maxBodyBytes: MAX_REPLY_BYTES,
        lookup: opts.loopbackOnly ? loopbackOnlyLookup : undefined,
        onConnect: () => connected.add(origin),
      });
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
        res = await post(poolFor(origin), { path, method, headers, body: reqBody }, left, deadlines);
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
      // Measured to when the reply was complete, as autocannon measures, not to when this code got to run
      // after it (with 32 replies in one read, the last would carry the handling of the other 31).
      const latencyMs = res.endedAt - start;
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
          const extra = cb.target.sign ? sign : undefined;
          if (redactMemo?.text !== text || redactMemo.extra !== extra) redactMemo = { text, extra, out: opts.redact(text, [extra]) };
          const clean = redactMemo.out;
          if (clean !== text) replyBody = Buffer.from(clean);
        }
        // checkReply is pure, and the reply's latency only matters through "over the budget": a callback answered
        // with the same status and bytes within its budget gets the same verdict, so it is judged once (issue 15:
        // --repeat 20000 parsed and decided the same reply 20 000 times).
        const memo = verdictMemo[index];
        const reusable = hops.length === 0 && latencyMs <= budget;
        if (reusable && memo !== undefined && memo.status === res.status && memo.body.equals(replyBody)) verdict = memo.verdict;
        else {
          verdict = checkReply(cb.rule, { status: res.status, body: replyBody, latencyMs, redirects: hops }, { expect: cb.expect, budgetMs: budget, request: cb.request });
          if (reusable) verdictMemo[index] = { status: res.status, body: replyBody, verdict };
        }
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
      } else if ((err as { code?: unknown }).code === 'ERR_INVALID_ARG') {
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
        // Slot k is due at start + k/rate: an absolute schedule, so rounding never accumulates. Never early:
        // timers count whole milliseconds from the event loop's cached clock and can fire a little before the
        // time asked, which the old HTTP client's own delay hid (issue 15), so the wait is checked again.
        const due = started + (k * 1000) / opts.rate;
        for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) {
          try {
            await opts.sleep(Math.ceil(wait));
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
    deadlines.stop();
    await Promise.all([...pools.values()].map((p) => (p.destroyed ? undefined : p.close().catch(() => {}))));
  }
  if (fatal) throw fatal;
  // Ctrl-C: the report of what was answered so far (runReplay prints it, then exits 130).
  return buildReport(rows, latency, performance.now() - started, opts.signal.aborted ? total : undefined);
}
