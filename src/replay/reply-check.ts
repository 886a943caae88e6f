/**
 * Is a backend's reply what the platform needs? Pure. Tencent (protocols.md §3.3): HTTP 200, JSON,
 * ActionStatus "OK" and ErrorCode 0, within the budget (2 s for message before-callbacks). OpenIM
 * (§5.5, §5.7): JSON with actionCode 0 and errCode 0; actionCode 0 + nextCode 1 is a refusal; a body that
 * is not JSON, or whose fields Go cannot decode, is a "response format error" that blocks the push (≥3.7).
 */
import { parseUntrustedJsonSync, tooDeepText } from '../json-safe.js';
import { sanitize } from '../render/sanitize.js';
import type { Expect } from './fixture.js';
import { TENCENT_BEFORE_SEND, type Protocol } from './protocols.js';

export interface ReplyInput {
  status: number;
  body: string;
  latencyMs: number;
}

export interface Verdict {
  pass: boolean;
  /** One line: why it passed or failed. */
  reason: string;
  /** The parsed JSON reply, or a (shortened) text reply, or null when there was none. */
  reply: unknown;
}

const SNIPPET = 120;

/** A short, single-line, control-free excerpt of a reply body. */
export function snippet(text: string): string {
  const clean = sanitize(text).trim();
  return clean.length > SNIPPET ? `${clean.slice(0, SNIPPET)}…` : clean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Partial deep match: objects match when every expected key matches; arrays and scalars must be equal. */
export function matches(expected: unknown, actual: unknown): boolean {
  if (isObject(expected)) {
    if (!isObject(actual)) return false;
    return Object.keys(expected).every((k) => matches(expected[k], actual[k]));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i]));
  }
  return Object.is(expected, actual);
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : sanitize(JSON.stringify(v));
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

/** What a non-zero ErrorCode does to a before-send message (protocols.md §3.3). */
function beforeSendEffect(code: unknown): string | undefined {
  if (code === 1) return 'the message is forbidden (sender gets 20006 / 10016)';
  if (code === 2) return 'the message is silently discarded';
  if (typeof code === 'number' && code >= 120001 && code <= 130000) return 'the message is forbidden with this custom code';
  return undefined;
}

/** Checks a reply; `command` tailors explanations (before-send vs after callbacks). */
export function checkReply(
  protocol: Protocol,
  command: string,
  input: ReplyInput,
  expect: Expect | undefined,
  budgetMs: number,
): Verdict {
  const budget = expect?.budgetMs ?? budgetMs;
  const wantStatus = expect?.httpStatus ?? 200;
  // Depth-checked before parsing (json-safe.ts): a reply nested 200 000 levels deep is a failed row, not a
  // stack overflow in the checks below or in --json output.
  const parsedReply = parseUntrustedJsonSync(input.body);
  const isJson = parsedReply.ok;
  const parsed = parsedReply.ok ? parsedReply.value : undefined;
  const reply = isJson ? parsed : input.body === '' ? null : snippet(input.body);
  const fail = (reason: string): Verdict => ({ pass: false, reason, reply });
  if (!parsedReply.ok && parsedReply.problem.tooDeep) {
    return fail(`reply is JSON ${tooDeepText()}: no platform decodes it (${input.body.length} characters)`);
  }

  if (input.latencyMs > budget) return fail(`answered in ${ms(input.latencyMs)}, over the ${ms(budget)} budget`);
  if (input.status !== wantStatus) {
    const what = isJson && isObject(parsed) ? describeFields(protocol, parsed) : input.body === '' ? '' : `: ${snippet(input.body)}`;
    return fail(`HTTP ${input.status} (expected ${wantStatus})${what}`);
  }
  if (!isJson) {
    const text = input.body === '' ? 'empty reply' : `reply is not JSON: ${snippet(input.body)}`;
    return fail(protocol === 'openim' ? `${text} (OpenIM ≥3.7 blocks the push on it)` : `${text} (expected {"ActionStatus":"OK","ErrorCode":0})`);
  }
  if (!isObject(parsed)) return fail(`reply is JSON but not an object: ${snippet(input.body)}`);
  return protocol === 'tencent' ? checkTencent(command, parsed, expect, reply) : checkOpenIm(parsed, expect, reply);
}

function describeFields(protocol: Protocol, r: Record<string, unknown>): string {
  if (protocol === 'tencent' && ('ErrorCode' in r || 'ErrorInfo' in r)) {
    return `: ErrorCode ${show(r.ErrorCode)}${typeof r.ErrorInfo === 'string' && r.ErrorInfo ? ` ${show(r.ErrorInfo)}` : ''}`;
  }
  if (protocol === 'openim' && 'errCode' in r) return `: errCode ${show(r.errCode)}${r.errMsg ? ` ${show(r.errMsg)}` : ''}`;
  return '';
}

function checkTencent(command: string, r: Record<string, unknown>, expect: Expect | undefined, reply: unknown): Verdict {
  const wanted: Record<string, unknown> = { ActionStatus: 'OK', ErrorCode: 0, ...expect?.reply };
  const custom = expect !== undefined && Object.keys(expect.reply).length > 0;
  for (const [key, want] of Object.entries(wanted)) {
    if (matches(want, r[key])) continue;
    let reason = key in r ? `${key} ${show(r[key])} (expected ${show(want)})` : `no ${key} in the reply (expected ${show(want)})`;
    if (key === 'ErrorCode' || key === 'ActionStatus') {
      const info = typeof r.ErrorInfo === 'string' && r.ErrorInfo !== '' ? `: ${sanitize(r.ErrorInfo)}` : '';
      if (key === 'ActionStatus' && 'ErrorCode' in r) reason += `, ErrorCode ${show(r.ErrorCode)}`;
      reason += info;
      const effect = TENCENT_BEFORE_SEND.includes(command) ? beforeSendEffect(r.ErrorCode) : undefined;
      if (effect && want === 0) reason += ` — ${effect}`;
    }
    return { pass: false, reason, reply };
  }
  if (!custom) return { pass: true, reason: 'ActionStatus OK, ErrorCode 0', reply };
  return { pass: true, reason: `as expected (${expectedText(expect.reply)})`, reply };
}

function expectedText(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k} ${show(v)}`)
    .join(', ');
}

/** Go's json.Unmarshal into CallbackBeforePushResp rejects these types (protocols.md §5.4): "response format error". */
function openImTypeProblem(r: Record<string, unknown>): string | undefined {
  for (const k of ['actionCode', 'errCode', 'nextCode']) {
    const v = r[k];
    if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isInteger(v))) {
      return `${k} is ${show(v)}, not an integer: OpenIM's decoder rejects the reply (response format error) and blocks the push`;
    }
  }
  for (const k of ['errMsg', 'errDlt']) {
    const v = r[k];
    if (v !== undefined && v !== null && typeof v !== 'string') return `${k} is ${show(v)}, not a string: OpenIM's decoder rejects the reply`;
  }
  const ids = r.userIDList;
  if (ids !== undefined && ids !== null && !(Array.isArray(ids) && ids.every((x) => typeof x === 'string'))) {
    return "userIDList is not an array of strings: OpenIM's decoder rejects the reply";
  }
  const info = r.offlinePushInfo;
  if (info !== undefined && info !== null && !isObject(info)) return "offlinePushInfo is not an object: OpenIM's decoder rejects the reply";
  return undefined;
}

function checkOpenIm(r: Record<string, unknown>, expect: Expect | undefined, reply: unknown): Verdict {
  const typeProblem = openImTypeProblem(r);
  if (typeProblem) return { pass: false, reason: typeProblem, reply };
  const want = expect?.reply ?? {};
  const refused = r.actionCode === 0 && r.nextCode === 1;
  const refusalExpected = want.nextCode === 1;
  const errText = `errCode ${show(r.errCode ?? 0)}${typeof r.errMsg === 'string' && r.errMsg !== '' ? ` ${show(r.errMsg)}` : ''}`;
  if (refused && !refusalExpected) return { pass: false, reason: `push refused by backend (nextCode 1, ${errText})`, reply };
  // A refusal carries the backend's own errCode (seed 003: "set when nextCode is 1"), so errCode 0 is
  // only required when the push is meant to go on.
  const wanted: Record<string, unknown> = refusalExpected ? { actionCode: 0, ...want } : { actionCode: 0, errCode: 0, ...want };
  for (const [key, w] of Object.entries(wanted)) {
    const actual = key === 'nextCode' ? (r.nextCode ?? 0) : r[key];
    if (matches(w, actual)) continue;
    let reason = key in r ? `${key} ${show(r[key])} (expected ${show(w)})` : `no ${key} in the reply (expected ${show(w)})`;
    if (key === 'actionCode') reason += ': OpenIM treats the callback as not handled and goes on';
    else if (key === 'errCode' && typeof r.errMsg === 'string' && r.errMsg !== '') reason += `: ${sanitize(r.errMsg)}`;
    return { pass: false, reason, reply };
  }
  if (refused) return { pass: true, reason: 'push refused by backend, as expected', reply };
  if (Object.keys(want).length > 0) return { pass: true, reason: `as expected (${expectedText(want)})`, reply };
  return { pass: true, reason: 'actionCode 0, errCode 0', reply };
}
