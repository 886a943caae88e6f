/**
 * One HTTP(S) POST over node:http / node:https, for the REST client's single paced requests (trace, stats, loss,
 * online, doctor). Issue 15 measured undici there: importing the package (fetch, WebSocket, caches, HTTP/2...) and
 * re-compiling its WebAssembly parser after the first reply was ~75 % of a one-PushID trace, and closing its
 * pool kept the process alive ~370 ms more. A trace sends at most one request per second, so a pool buys nothing;
 * node:http is part of Node already and its keep-alive Agent reuses the one connection across a batch and is
 * destroyed at once at the end. undici stays where pooling pays: replay.
 *
 * Errors come back as PostFailure with a kind the client turns into its typed errors (timeout -> exit 6, a reply
 * cut after its headers -> exit 5, anything before them -> exit 6); the original error is the cause, so
 * describeNetworkError and refusedByGuard (the loopback-only lookup) read it as they read undici's.
 */
import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';

export type PostFailureKind = 'timeout' | 'aborted' | 'too-large' | 'cut' | 'network';

/** Why a POST did not produce a complete reply. */
export class PostFailure extends Error {
  constructor(
    readonly kind: PostFailureKind,
    cause?: unknown,
  ) {
    super(kind, cause === undefined ? undefined : { cause });
    this.name = 'PostFailure';
  }
}

export interface PostRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  /** The whole exchange: connect, send, headers and body. */
  timeoutMs: number;
  /** Replies larger than this fail as 'too-large' (the connection is dropped). */
  maxBytes: number;
  signal: AbortSignal;
  /** A resolver for net.connect (net/loopback.ts's loopbackOnlyLookup for plain http). */
  lookup?: LookupFunction | undefined;
  /** The clock sentAt is read from (the client's, so that tests can pin it); performance.now by default. */
  now?: () => number;
}

export interface PostReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** When the request was handed to the socket (after connecting), on the `now` clock: what pacing counts from. */
  sentAt: number;
}

/** A keep-alive connection holder for one origin; destroy() closes it at once. */
export interface PostAgent {
  post(req: PostRequest): Promise<PostReply>;
  destroy(): void;
}

/** Creates the agent for an origin's protocol. node:https (and with it node:tls) is loaded only for https. */
export function createPostAgent(protocol: string): PostAgent {
  const mod = process.getBuiltinModule(protocol === 'https:' ? 'node:https' : 'node:http') as typeof import('node:http');
  // One socket: requests are sequential (paced); idle sockets are unref'd by the Agent, so they never hold
  // the process open, and destroy() ends them without waiting.
  const agent: Agent = new mod.Agent({ keepAlive: true, maxSockets: 1, keepAliveMsecs: 1000 });
  return {
    post: (req) => post(mod, agent, req),
    destroy: () => agent.destroy(),
  };
}

function post(mod: typeof import('node:http'), agent: Agent, r: PostRequest): Promise<PostReply> {
  return new Promise<PostReply>((resolve, reject) => {
    let settled = false;
    const now = r.now ?? ((): number => performance.now());
    let sentAt = now();
    let request: ClientRequest | undefined;
    let response: IncomingMessage | undefined;
    const fail = (kind: PostFailureKind, cause?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      r.signal.removeEventListener('abort', onAbort);
      // A socket that failed mid-exchange must not go back to the pool.
      request?.destroy();
      reject(new PostFailure(kind, cause));
    };
    const onAbort = (): void => fail('aborted', r.signal.reason);
    const timer = setTimeout(() => fail('timeout'), r.timeoutMs);
    if (r.signal.aborted) return onAbort();
    r.signal.addEventListener('abort', onAbort, { once: true });
    const body = Buffer.from(r.body, 'utf8');
    request = mod.request(r.url, {
      method: 'POST',
      agent,
      headers: { ...r.headers, 'content-length': String(body.length) },
      ...(r.lookup ? { lookup: r.lookup } : {}),
    });
    request.on('finish', () => (sentAt = now()));
    request.on('error', (err) => fail(response ? 'cut' : 'network', err));
    request.on('response', (res) => {
      response = res;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > r.maxBytes) fail('too-large');
        else chunks.push(chunk);
      });
      res.on('error', (err) => fail('cut', err));
      res.on('end', () => {
        if (settled) return;
        // 'end' after fewer bytes than Content-Length (the server closed early) is a cut reply, not a short one.
        if (!res.complete) return fail('cut');
        settled = true;
        clearTimeout(timer);
        r.signal.removeEventListener('abort', onAbort);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), sentAt });
      });
      res.on('close', () => {
        if (!settled && !res.complete) fail('cut');
      });
    });
    request.end(body);
  });
}
