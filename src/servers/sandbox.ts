/**
 * A local emulator of `v4/timpush/normal_push_trace` (spec.md sandbox; reference/protocols.md §2.1, §2.4).
 * A real node:http server that answers like the service: HTTP 200 with ActionStatus/ErrorCode/ErrorInfo,
 * the query checked (sdkappid, identifier, usersig, random, contenttype), the UserSig verified with the
 * configured key (70001/70003/70009/70013/70014), one request per second enforced (60018, the common
 * "too many requests" code of §2.3), and traces answered from fixtures/traces/<PushID>.json. An unknown
 * PushID gets an empty InstanceTrace, as the real service answers for unknown or expired pushes; a synthetic
 * one (last segment `sbx…`, synthetic-traces.ts) gets a trace derived from the ID, for large demo captures.
 * Used by `chatpush sandbox`, `chatpush demo` (in-process) and the tests.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { fixturesDir } from '../paths.js';
import { verifyUserSig } from '../tencent/usersig.js';
import { CAUSES, diagnoseTrace } from '../trace/diagnose.js';
import { buildTrace, STAGE_LABELS } from '../trace/model.js';
import { bindServer, closeServer } from './bind.js';
import { syntheticTrace } from './synthetic-traces.js';

export const TRACE_PATH = '/v4/timpush/normal_push_trace';

/** The code the sandbox answers when requests come faster than `minIntervalMs` (REQ_FREQ_LIMIT, §2.3). */
export const RATE_LIMIT_CODE = 60018;

export interface SandboxOptions {
  host?: string;
  port?: number;
  sdkappid: number;
  secretKey: string;
  /** Folder of <PushID>.json responses (default: the shipped fixtures/traces). */
  tracesDir?: string;
  /** Milliseconds since the epoch (UserSig expiry and the rate limit). */
  now?: () => number;
  /** Minimum spacing between accepted requests (default 1000: the API's 1 call/s, §2.4). */
  minIntervalMs?: number;
  /** App admin identifiers; others get 60010. Default: any identifier the UserSig was issued for. */
  admins?: readonly string[];
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
  close(): Promise<void>;
}

interface Fixture {
  pushId: string;
  body: string;
  parsed: unknown;
}

/** Loads every <PushID>.json of a folder. A file that is not JSON is an error naming the file. */
export async function loadTraceFixtures(dir: string): Promise<Fixture[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const out: Fixture[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`sandbox fixture ${name} is not valid JSON: ${(err as Error).message}`);
    }
    out.push({ pushId: basename(name, '.json'), body: JSON.stringify(parsed), parsed });
  }
  return out;
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
  const minInterval = opts.minIntervalMs ?? 1000;
  const fixtures = await loadTraceFixtures(opts.tracesDir ?? join(fixturesDir, 'traces'));
  const byId = new Map(fixtures.map((f) => [f.pushId, f]));
  let lastAccepted: number | undefined;

  /** The answer to one request: [ErrorCode, ErrorInfo, body]. Checks follow the order the service applies them. */
  function answer(method: string, url: URL, raw: Buffer | undefined): { code: number; info: string; body: string; pushId?: string; instances: number } {
    const fail = (code: number, info: string): { code: number; info: string; body: string; instances: number } => ({ code, info, body: errorBody(code, info), instances: 0 });
    if (url.pathname.replace(/\/+$/, '') !== TRACE_PATH) return fail(60009, `request resource error: ${url.pathname} is not a REST API of this sandbox`);
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
    const t = now();
    if (lastAccepted !== undefined && t - lastAccepted < minInterval) {
      return fail(RATE_LIMIT_CODE, 'too many requests: at most 1 call per second, retry later');
    }
    lastAccepted = t;
    if (raw === undefined) return fail(60003, 'request body too large');
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return fail(60003, 'request JSON parse error');
    }
    const pushId = (body as { PushID?: unknown } | null)?.PushID;
    if (typeof body !== 'object' || body === null || typeof pushId !== 'string' || pushId.trim() === '') {
      // 90100 "Invalid request parameters" is a private code of this API (seed 002).
      return fail(90100, 'invalid request parameters: PushID (string) is required');
    }
    const fixture = byId.get(pushId);
    if (fixture) {
      const list = (fixture.parsed as { InstanceTrace?: unknown } | null)?.InstanceTrace;
      const parsed = fixture.parsed as { ErrorCode?: unknown; ErrorInfo?: unknown } | null;
      return {
        code: typeof parsed?.ErrorCode === 'number' ? parsed.ErrorCode : 0,
        info: typeof parsed?.ErrorInfo === 'string' ? parsed.ErrorInfo : '',
        body: fixture.body,
        pushId,
        instances: Array.isArray(list) ? list.length : 0,
      };
    }
    // A PushID marked synthetic (last segment `sbx…`) gets a trace derived from the ID (synthetic-traces.ts).
    const synthetic = syntheticTrace(pushId);
    if (synthetic) return { code: 0, info: '', body: JSON.stringify(synthetic), pushId, instances: (synthetic.InstanceTrace as unknown[]).length };
    return { code: 0, info: '', body: JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', InstanceTrace: [] }), pushId, instances: 0 };
  }

  const server = createServer((req, res) => {
    readBody(req, 1024 * 1024)
      .then((raw) => {
        const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
        const a = answer(req.method ?? '', url, raw);
        reply(res, a.body);
        opts.onRequest?.({ method: req.method ?? '', path: url.pathname, pushId: a.pushId ?? peekPushId(raw), errorCode: a.code, errorInfo: a.info, instances: a.instances });
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
  const cases = fixtures.map((f) => describeCase(f.pushId, f.parsed));
  return {
    url,
    port,
    pushIds: cases.map((c) => c.pushId),
    cases,
    close: () => closeServer(server),
  };
}
