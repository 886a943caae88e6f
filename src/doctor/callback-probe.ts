/**
 * doctor's optional callback check (spec.md v2): posts one signed Push.OfflinePush sample to the callback URL
 * the way Tencent does (reference/protocols.md §3.1–§3.3: POST {url}?SdkAppid&CallbackCommand&contenttype=json
 * [&RequestTime&Sign]) and checks the reply like replay does: HTTP 200, JSON, ActionStatus OK, ErrorCode 0,
 * within 2 s. A wrong or late answer fails with exit 1; a URL that cannot be reached with exit 6.
 */
import { LIMITS, TooLargeError } from '../bounded-read.js';
import { ExitCode } from '../errors.js';
import { classifyNetworkError, describeNetworkError } from '../net/describe-error.js';
import { createPostAgent, PostFailure } from '../net/http-post.js';
import { checkReply } from '../replay/reply-check.js';
import { buildTarget, signCallback } from '../replay/protocols.js';
import { fail, pass, type Check } from './checks.js';

/** Tencent's before-callback budget, which doctor holds every callback to (spec.md replay). */
export const CALLBACK_BUDGET_MS = 2000;
/** How long doctor waits before calling the callback URL unresponsive. */
const GIVE_UP_MS = 5000;

/** A fresh Push.OfflinePush event (seed 000's shape), marked as coming from doctor. */
export function doctorSample(nowS: number, random: number): Record<string, unknown> {
  const hex = (n: number): string => (n >>> 0).toString(16);
  return {
    Events: [
      {
        CallbackCommand: 'Push.OfflinePush',
        EventType: 1,
        EventTime: nowS,
        From_Account: 'chatpush-doctor',
        To_Account: 'chatpush-doctor',
        PushPlatform: 1,
        PushStage: 1,
        MsgKey: `${random % 100000}_${random}_${nowS}`,
        MsgSeq: random % 100000,
        MsgRandom: random,
        MsgTime: nowS,
        PushID: `${hex(nowS)}_${hex(random)}_chatpush_doctor_${hex(random ^ nowS)}`,
        ErrCode: 0,
        ErrInfo: 'OK',
      },
    ],
  };
}

export interface ProbeOptions {
  url: URL;
  sdkappid: number;
  token: string | undefined;
  nowS: number;
  random: number;
  now: () => number;
  signal: AbortSignal;
  /** Registers the Sign as a secret before it is used. */
  addSecret: (s: string) => void;
}

export async function probeCallback(opts: ProbeOptions): Promise<Check> {
  const target = buildTarget({ protocol: 'tencent', command: 'Push.OfflinePush' }, { url: opts.url, rawUrl: opts.url.href, sdkappid: opts.sdkappid, clientIp: '127.0.0.1', optPlatform: 'RESTAPI', signed: opts.token !== undefined }, { value: {} });
  let path = target.path;
  if (target.sign && opts.token !== undefined) {
    const sign = signCallback(opts.token, opts.nowS);
    opts.addSecret(sign);
    path += `${path.includes('?') ? '&' : '?'}RequestTime=${opts.nowS}&Sign=${sign}`;
  }
  const shown = target.displayUrl;
  // One request: node:http(s) through net/http-post.ts, not undici (issue 15: its import was most of a single
  // request's cost).
  const agent = createPostAgent(opts.url.protocol);
  const started = opts.now();
  try {
    const res = await agent.post({
      url: new URL(`${target.origin}${path}`),
      headers: target.headers,
      body: JSON.stringify(doctorSample(opts.nowS, opts.random)),
      timeoutMs: GIVE_UP_MS,
      // Bounded like every reply chatpush reads (bounded-read.ts): a backend streaming forever cannot grow us.
      maxBytes: LIMITS.replayReply,
      signal: opts.signal,
    });
    const body = res.body;
    const latencyMs = opts.now() - started;
    // Judged by replay's Tencent rules (src/callbacks/decide-tencent.ts): Push.OfflinePush is an after-callback.
    const verdict = checkReply({ protocol: 'tencent', command: 'Push.OfflinePush', kind: 'after' }, { status: res.status, body, latencyMs }, { budgetMs: CALLBACK_BUDGET_MS });
    const signed = target.sign ? 'signed ' : '';
    if (verdict.pass) return pass('callback', `${shown} answered a ${signed}Push.OfflinePush sample correctly in ${Math.round(latencyMs)} ms`);
    return fail('callback', `${shown}: ${verdict.reason}`, 'Make the handler answer {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""} with HTTP 200 within 2 s (chatpush replay shows each reply).', ExitCode.NEGATIVE);
  } catch (err) {
    if (opts.signal.aborted) throw err;
    if (!(err instanceof PostFailure)) throw err;
    if (err.kind === 'too-large') {
      const tooLarge = new TooLargeError(`the reply of ${shown}`, LIMITS.replayReply);
      return fail('callback', tooLarge.message.replace(/\.$/, ''), 'A callback reply is a small JSON object: {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}.', ExitCode.NEGATIVE);
    }
    if (err.kind === 'timeout') {
      return fail('callback', `${shown} gave no answer within ${GIVE_UP_MS / 1000} s (budget 2 s)`, 'The handler must answer within 2 s; check that it does not wait on something slow.', ExitCode.NEGATIVE);
    }
    // A reply cut short reads as a reset, as it did when undici reported it (its "other side closed").
    const cause = err.kind === 'cut' ? Object.assign(new Error('closed before a complete reply'), { code: 'ECONNRESET' }) : (err.cause ?? err);
    const kind = classifyNetworkError(cause);
    return fail('callback', describeNetworkError(cause, opts.url.host).replace(/\.$/, ''), kind === 'dns' ? 'Check the host name of --callback-url.' : 'Check that your callback backend is running and reachable at --callback-url.', ExitCode.NETWORK);
  } finally {
    agent.destroy();
  }
}
