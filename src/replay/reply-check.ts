/**
 * Is a backend's reply what the platform needs? Pure; dispatches to the platform's own rules
 * (src/callbacks/decide-tencent.ts, decide-openim.ts), which say what Tencent or OpenIM does with the reply
 * (`decision`) and whether it passes (spec.md v2 "platform-faithful replay").
 */
import type { GoStruct } from '../callbacks/go-json.js';
import { decideOpenIm, decideOpenImFailure } from '../callbacks/decide-openim.js';
import { decideTencent, decideTencentTimeout } from '../callbacks/decide-tencent.js';
import type { Verdict } from '../callbacks/decision.js';
import type { Expect } from './fixture.js';

export { matches } from '../callbacks/decide-tencent.js';

/** How a callback's reply is judged: its platform, command and kind (and OpenIM's response struct). */
export type ReplyRule =
  | { protocol: 'tencent'; command: string; kind: 'before' | 'after' }
  | { protocol: 'openim'; command: string; kind: 'before' | 'after'; response: GoStruct; goTypes: Readonly<Record<string, GoStruct>> };

export interface ReplyInput {
  status: number;
  body: Uint8Array;
  latencyMs: number;
  cutFrom?: number | undefined;
  /** OpenIM: where redirects led. */
  redirects?: string[];
}

export interface CheckOptions {
  expect?: Expect | undefined;
  budgetMs: number;
  request?: unknown;
}

/** Judges one reply. */
export function checkReply(rule: ReplyRule, input: ReplyInput, opts: CheckOptions): Verdict {
  const budgetMs = opts.expect?.budgetMs ?? opts.budgetMs;
  const expect = opts.expect && Object.keys(opts.expect.reply).length > 0 ? opts.expect.reply : undefined;
  if (rule.protocol === 'openim') {
    const reply = { status: input.status, body: input.body, latencyMs: input.latencyMs, ...(input.cutFrom !== undefined ? { cutFrom: input.cutFrom } : {}), ...(input.redirects ? { redirects: input.redirects } : {}) };
    const v = decideOpenIm(rule, reply, { budgetMs, goTypes: rule.goTypes, expect, request: opts.request });
    // An envelope's httpStatus still applies: the person asked for it, even though OpenIM does not read it.
    if (v.pass && opts.expect?.httpStatus !== undefined && opts.expect.httpStatus !== input.status) {
      return { ...v, pass: false, reason: `HTTP ${input.status} (the fixture expects ${opts.expect.httpStatus})` };
    }
    return v;
  }
  const text = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength).toString('utf8');
  return decideTencent(rule, { status: input.status, text, latencyMs: input.latencyMs, ...(input.cutFrom !== undefined ? { cutFrom: input.cutFrom } : {}) }, {
    budgetMs,
    expect,
    httpStatus: opts.expect?.httpStatus,
    request: opts.request,
  });
}

/**
 * No usable reply: a timeout (`late`), or a reset / redirect trouble. OpenIM aborts a before-hook either way
 * (ErrNetwork); Tencent lets a late before-callback through by default (§A3), while other failures of a
 * before-callback have no documented outcome (UNCONFIRMED, §C 2): reported as an error, which cannot hide one.
 */
export function timeoutVerdict(rule: ReplyRule, what: string, late = false): Verdict {
  if (rule.protocol === 'openim') return decideOpenImFailure(rule, what);
  if (late && rule.kind === 'before') return { ...decideTencentTimeout(rule, 0), reason: `${what}: Tencent gives up and, by default, lets it through` };
  return { pass: false, decision: 'error', reason: `${what}: Tencent counts a failed callback`, warnings: [], reply: null };
}
