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
import { checkReply } from './reply-check.js';
import { buildReport, LatencyRecorder, RowStats, type Outcome, type ReplayReport } from './stats.js';
import { H1Pool, type H1Request } from '../net/h1-pool.js';
import { loopbackOnlyLookup, refusedByGuard } from '../net/loopback.js';
import { Deadlines } from './deadlines.js';

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
}

export interface RunOptions {
  callbacks: readonly PreparedCallback[];
  repeat: number;
  concurrency: number;
  /** Requests per second, or undefined for as fast as the workers go. */
  rate?: number | undefined;
  budgetMs: number;
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
}

/** Replies larger than this are not kept: the row fails with "too large (limit 1 MiB)" (README "Limits"). */
export const MAX_REPLY_BYTES = 1 << 20;

interface Reply {
  status: number;
  body: string;
  /** Bytes received; more than MAX_REPLY_BYTES means the body was dropped. */
  size: number;
}

/** Raised when a request's budget ran out. */
class BudgetExceeded extends Error {}

/**
 * One POST with an exact budget: the deadline (one shared timer, deadlines.ts) cancels the request, which drops
 * its connection. Bounded: past 1 MiB nothing more of a reply is kept (the row says "too large").
 */
async function post(pool: H1Pool, req: H1Request, budgetMs: number, deadlines: Deadlines): Promise<Reply> {
  const { promise, cancel } = pool.request(req);
  const deadline = deadlines.add(budgetMs, () => cancel(new BudgetExceeded('budget exceeded')));
  try {
    const r = await promise;
    return { status: r.status, body: r.size > MAX_REPLY_BYTES ? '' : r.body.toString('utf8'), size: r.size };
  } finally {
    deadline.done = true;
  }
}

/** Why a reply could not be parsed as HTTP (bad status line, Content-Length: abc, ...), or undefined. */
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
    const headers = cb.target.operationId ? { ...cb.target.headers, operationID: `${nowMs}${String(k % 1000).padStart(3, '0')}` } : cb.target.headers;
    const budget = cb.expect?.budgetMs ?? opts.budgetMs;
    const start = performance.now();
    let outcome: Outcome;
    try {
      const res = await post(poolFor(cb.target.origin), { path, method: 'POST', headers, body }, budget, deadlines);
      const latencyMs = performance.now() - start;
      if (res.size > MAX_REPLY_BYTES) {
        outcome = { pass: false, status: res.status, latencyMs, reason: `reply too large (${res.size} bytes; limit ${MAX_REPLY_BYTES} bytes = 1 MiB)`, reply: null };
      } else {
        const extra = cb.target.sign ? sign : undefined;
        let replyBody = res.body;
        if (opts.redact) {
          if (redactMemo?.text !== res.body || redactMemo.extra !== extra) redactMemo = { text: res.body, extra, out: opts.redact(res.body, [extra]) };
          replyBody = redactMemo.out;
        }
        const v = checkReply(cb.protocol, cb.command, { status: res.status, body: replyBody, latencyMs }, cb.expect, opts.budgetMs);
        outcome = { pass: v.pass, status: res.status, latencyMs, reason: v.reason, reply: v.reply };
      }
    } catch (err) {
      const latencyMs = performance.now() - start;
      if (opts.signal.aborted) return;
      const host = new URL(cb.target.origin).host;
      const timedOut = err instanceof BudgetExceeded;
      const broken = brokenHttp(err);
      if (refusedByGuard(err)) {
        fatal ??= refusedByGuard(err)!;
        return;
      } else if ((err as { code?: unknown }).code === 'ERR_INVALID_ARG') {
        // The HTTP client refused our own request (a path or header validation should have caught): an
        // input error, never a network one.
        fatal ??= new UsageError(`cannot send ${cb.name}: ${(err as Error).message}.`, { hint: 'Check the fixture\'s command, query and headers.' });
        return;
      } else if (broken) {
        // The backend answered, badly: that is its verdict (exit 1), not a network failure.
        outcome = { pass: false, status: null, latencyMs, reason: `broken HTTP reply: ${broken}`, reply: null };
      } else if (timedOut && connected.has(cb.target.origin)) {
        outcome = { pass: false, status: null, latencyMs, reason: `no reply within the ${budget} ms budget`, reply: null };
      } else if (timedOut) {
        fatal ??= new NetworkError(`could not connect to ${host} within ${budget} ms.`, { hint: 'Check --url and that the backend is reachable.', cause: err });
        return;
      } else if (classifyNetworkError(err) === 'reset') {
        outcome = { pass: false, status: null, latencyMs, reason: 'connection closed before a complete reply (reset by the backend)', reply: null };
      } else if (connected.has(cb.target.origin)) {
        // It answered earlier and is gone now (crashed, restarted): a failed row, and the rows already
        // collected are still reported.
        outcome = { pass: false, status: null, latencyMs, reason: `no connection: ${describeNetworkError(err, host).replace(/\.$/, '')} (it answered earlier)`, reply: null };
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
    deadlines.stop();
    await Promise.all([...pools.values()].map((p) => (p.destroyed ? undefined : p.close().catch(() => {}))));
  }
  if (fatal) throw fatal;
  // Ctrl-C: the report of what was answered so far (runReplay prints it, then exits 130).
  return buildReport(rows, latency, performance.now() - started, opts.signal.aborted ? total : undefined);
}
