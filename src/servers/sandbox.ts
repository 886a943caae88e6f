/**
 * A local emulator of the push diagnostics APIs (spec.md sandbox and v2; reference/protocols.md §2.1,
 * reference/push-apis.md): normal_push_trace, all_member_push_trace, normal/all_member_push_statistics,
 * normal/all_member_push_loss and query_online_status. A real node:http server that answers like the
 * service: HTTP 200 with ActionStatus/ErrorCode/ErrorInfo, the query checked (sdkappid, identifier, usersig,
 * random, contenttype), the UserSig verified with the configured key (70001/70003/70009/70013/70014), each
 * API's own rate limit enforced per path (60018, the common "too many requests" code of §2.3: 1 call/s for the
 * timpush APIs, 200/s for query_online_status), and answers from fixtures/ by one small handler per API
 * (src/servers/sandbox-apis/). Used by `chatpush sandbox`, `chatpush demo` (in-process) and the tests.
 */
import { LIMITS } from '../bounded-read.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fixturesDir as shippedFixtures } from '../paths.js';
import { verifyUserSig } from '../tencent/usersig.js';
import { CAUSES, diagnoseTrace } from '../trace/diagnose.js';
import { buildTrace, STAGE_LABELS } from '../trace/model.js';
import { parseUntrustedJsonSync } from '../json-safe.js';
import { bindServer, closeServer } from './bind.js';
import { SANDBOX_APIS } from './sandbox-apis/index.js';
import { loadTraceFixtures, type TraceFixture } from './sandbox-apis/push-trace.js';
import type { ApiAnswer, SandboxApi } from './sandbox-apis/types.js';

export { loadTraceFixtures };

export const TRACE_PATH = '/v4/timpush/normal_push_trace';

/** The code the sandbox answers when requests come faster than an API's limit (REQ_FREQ_LIMIT, §2.3). */
export const RATE_LIMIT_CODE = 60018;

export interface SandboxOptions {
  host?: string;
  port?: number;
  sdkappid: number;
  secretKey: string;
  /** Folder of <PushID>.json responses (default: the shipped fixtures/traces). */
  tracesDir?: string;
  /** Root of the sample data (default: the shipped fixtures/). */
  fixturesDir?: string;
  /** Milliseconds since the epoch (UserSig expiry and the rate limit). */
  now?: () => number;
  /** Minimum spacing between accepted requests to one timpush API (default 1000: their 1 call/s, §2.4). */
  minIntervalMs?: number;
  /** App admin identifiers; others get 60010. Default: any identifier the UserSig was issued for. */
  admins?: readonly string[];
  /** Added to the HTTP Date header (doctor's clock check is tested against a skewed service). */
  dateSkewMs?: number;
  /** Called after each answer (for `chatpush sandbox`'s request log). Never receives the UserSig. */
  onRequest?: (event: SandboxRequestEvent) => void;
}

export interface SandboxRequestEvent {
  method: string;
  path: string;
  pushId: string | undefined;
  errorCode: number;
  errorInfo: string;
  instances: number;
  /** What was asked and answered, one line ("task … user alice", "normal_push_statistics → 48210 total"). */
  what?: string;
}

/** One shipped sample: its PushID and a one-line description derived from its own data. */
export interface SandboxCase {
  pushId: string;
  verdict: string;
  description: string;
}

export interface Sandbox {
  url: string;
  port: number;
  /** The sample PushIDs, in chronological order (the first segment of a PushID is the push time in hex). */
  pushIds: string[];
  cases: SandboxCase[];
  /** The sample all-user push tasks and the recipients each one has traces for. */
  tasks: { taskId: string; users: string[] }[];
  /** Accounts query_online_status knows (any other is 70107). */
  accounts: string[];
  close(): Promise<void>;
}

/** A one-line description of a sample response, from its own diagnosis ("failed at vendor channel · Xiaomi · token invalid"). */
export function describeCase(pushId: string, response: unknown): SandboxCase {
  const trace = buildTrace(pushId, response);
  const d = diagnoseTrace(trace);
  const where = d.failedStage ? ` at ${STAGE_LABELS[d.failedStage]}` : d.stalledStage ? ` at ${STAGE_LABELS[d.stalledStage]}` : '';
  const vendors = [...new Set(trace.instances.map((i) => i.platform.name))];
  const who = trace.instances.length > 1 ? `${trace.instances.length} instances (${vendors.join(', ')})` : (vendors[0] ?? 'empty trace');
  const verdict = d.verdict === 'not_found' ? 'not found' : d.verdict;
  const extra = d.note ? ` · ${d.note.replace(/\.$/, '')}` : '';
  return { pushId, verdict: d.verdict, description: `${verdict}${where} · ${who} · ${CAUSES[d.cause].short}${extra}` };
}

/** The PushID of a request body, for the log only (requests rejected before the body is read). */
function peekPushId(raw: Buffer | undefined): string | undefined {
  try {
    const id = (JSON.parse(raw?.toString('utf8') ?? '') as { PushID?: unknown } | null)?.PushID;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function errorBody(code: number, info: string): string {
  return JSON.stringify({ ActionStatus: 'FAIL', ErrorInfo: info, ErrorCode: code });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the emulator; resolves once it listens. */
export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const now = opts.now ?? Date.now;
  const root = opts.fixturesDir ?? shippedFixtures;
  const loaded = await Promise.all(SANDBOX_APIS.map(async (api) => [api, await (api as SandboxApi<unknown>).load(root, { tracesDir: opts.tracesDir })] as const));
  const byPath = new Map(loaded.map(([api, data]) => [api.path, { api: api as SandboxApi<unknown>, data }]));
  const lastAccepted = new Map<string, number>();
  const traces = byPath.get(TRACE_PATH)!.data as TraceFixture[];

  type Answer = { code: number; info: string; body: string; what: string; pushId?: string | undefined; instances: number };
  const fail = (code: number, info: string, what = ''): Answer => ({ code, info, body: errorBody(code, info), what, instances: 0 });

  /** The answer to one request. Checks follow the order the service applies them. */
  function answer(method: string, url: URL, raw: Buffer | undefined): Answer {
    const path = url.pathname.replace(/\/+$/, '');
    const entry = byPath.get(path);
    if (!entry) return fail(60009, `request resource error: ${url.pathname} is not a REST API of this sandbox`);
    if (method !== 'POST') return fail(60002, 'HTTP parse error: REST API calls must use POST');
    const q = url.searchParams;
    const sdkappid = q.get('sdkappid');
    if (sdkappid === null || sdkappid === '') return fail(60012, 'SDKAppID is missing from the URL');
    if (!/^\d+$/.test(sdkappid)) return fail(60006, `invalid SDKAppID: ${sdkappid}`);
    if (Number(sdkappid) !== opts.sdkappid) return fail(70020, `SDKAppID ${sdkappid} not found`);
    const identifier = q.get('identifier');
    if (identifier === null || identifier === '') return fail(60004, 'identifier is missing from the URL');
    const usersig = q.get('usersig');
    if (usersig === null || usersig === '') return fail(70002, 'UserSig is empty');
    const random = q.get('random');
    if (random === null || !/^\d{1,10}$/.test(random) || Number(random) > 0xffffffff) return fail(60002, 'HTTP parse error: random must be a 32-bit unsigned integer');
    if (q.get('contenttype') !== 'json') return fail(60002, 'HTTP parse error: contenttype must be json');
    const check = verifyUserSig(usersig, { sdkappid: opts.sdkappid, key: opts.secretKey, identifier, now: Math.floor(now() / 1000) });
    if (!check.valid) return fail(check.code, `UserSig check failed: ${check.reason}`);
    if (opts.admins && !opts.admins.includes(identifier)) return fail(60010, `identifier ${identifier} is not an App admin`);
    // Each API has its own limit; the timpush ones share the configured spacing (1 call/s by default).
    const t = now();
    const interval = entry.api.minIntervalMs >= 1000 ? (opts.minIntervalMs ?? entry.api.minIntervalMs) : Math.min(entry.api.minIntervalMs, opts.minIntervalMs ?? entry.api.minIntervalMs);
    const last = lastAccepted.get(path);
    if (last !== undefined && t - last < interval) {
      return fail(RATE_LIMIT_CODE, `too many requests: at most ${interval >= 1000 ? '1 call per second' : `one call per ${interval} ms`} on ${path}, retry later`);
    }
    lastAccepted.set(path, t);
    if (raw === undefined) return fail(60003, 'request body too large');
    // Depth-checked like every untrusted JSON chatpush reads (src/json-safe.ts).
    const parsed = parseUntrustedJsonSync(raw.toString('utf8'));
    if (!parsed.ok) return fail(60003, 'request JSON parse error');
    const body = parsed.value;
    const a: ApiAnswer = entry.api.answer(body, entry.data, t);
    return { code: a.code, info: a.info, body: typeof a.body === 'string' ? a.body : JSON.stringify(a.body), what: a.what, pushId: a.pushId, instances: a.instances ?? 0 };
  }

  const server = createServer((req, res) => {
    readBody(req, LIMITS.requestBody)
      .then((raw) => {
        const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
        const a = answer(req.method ?? '', url, raw);
        if (opts.dateSkewMs) res.setHeader('date', new Date(Date.now() + opts.dateSkewMs).toUTCString());
        reply(res, a.body);
        const pushId = a.pushId ?? (url.pathname.replace(/\/+$/, '') === TRACE_PATH ? peekPushId(raw) : undefined);
        opts.onRequest?.({ method: req.method ?? '', path: url.pathname, pushId, errorCode: a.code, errorInfo: a.info, instances: a.instances, what: a.what || undefined });
      })
      // Any request, however broken (a target that is not a URL, …), is answered 400 and the sandbox goes on.
      .catch(() => {
        if (res.headersSent || res.destroyed) return void res.destroy();
        const body = errorBody(60002, 'HTTP parse error: the request could not be read');
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
  });
  const host = opts.host ?? '127.0.0.1';
  const { port, url } = await bindServer(server, host, opts.port ?? 0);
  const cases = traces.map((f) => describeCase(f.pushId, f.parsed));
  const taskData = byPath.get('/v4/timpush/all_member_push_trace')!.data as Map<string, Record<string, unknown>>;
  const accounts = byPath.get('/v4/openim/query_online_status')!.data as Map<string, unknown>;
  return {
    url,
    port,
    pushIds: cases.map((c) => c.pushId),
    cases,
    tasks: [...taskData].map(([taskId, users]) => ({ taskId, users: Object.keys(users) })),
    accounts: [...accounts.keys()],
    close: () => closeServer(server),
  };
}

