/**
 * What Tencent Cloud Chat does with a callback reply, pure (reference/callbacks.md §A2, §A3). Each rule cites
 * its page:
 *
 * | # | rule | source |
 * |---|---|---|
 * | T1 | a reply is HTTP 200 with JSON {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}; non-200 and non-JSON count as callback failures | IDOC 第三方回调简介 (overview), §A2 |
 * | T2 | budget 2 s; a before-callback that times out is by default let through (the console can change the policy) | overview, §A3 |
 * | T3 | after-callbacks and notifications: the reply's codes are ignored (data sync only) | overview, §A2 |
 * | T4 | send-message before-callbacks: 0 allow, 1 deny, 2 drop silently (sender sees success), custom deny range (C2C/OA 120001–130000, Group 10100–10200); MsgBody/CloudCustomData in a 0 reply replace the message | 1047/34364, 1047/34374, 1047/60803, §A2 |
 * | T5 | other before-callbacks: 0 allow, 1 deny, custom deny 10100–10200 (groups) / 120001–130000 (OA) | 1047/34368, 34370, 49463, 60795 |
 * | T6 | Group.CallbackBeforeInviteJoinGroup / OA BeforeAddSubscriber: 0 with RefusedMembers_Account / RefusedSubscribers_Account refuses only those | 1047/34371, 1047/60799 |
 * | T7 | Sns.CallbackPrevFriendAdd/Response: per To_Account ResultItem (ResultCode 0 allow, else refuse); a non-zero top-level ErrorCode is ignored by default | 1047/43468, 1047/43467 |
 * Where the docs say nothing (a non-200 or non-JSON before-reply, an undocumented ErrorCode) chatpush reports an
 * error or a denial: the choice that cannot hide a production failure (reference/callbacks.md §C 2).
 */
import { parseUntrustedJsonSync, tooDeepText } from '../json-safe.js';
import { sanitize } from '../render/sanitize.js';
import { changeText, diffValues, jsonDepth, replyForReport, REPORT_MAX_DEPTH, type Change, type Decision, type Verdict } from './decision.js';

export interface TencentRule {
  command: string;
  kind: 'before' | 'after';
}

export interface TencentReply {
  status: number;
  /** The reply text (UTF-8). */
  text: string;
  latencyMs: number;
  cutFrom?: number;
}

export interface TencentOptions {
  budgetMs: number;
  /** Reply fields the fixture's `expect` asks for; they replace the defaults key by key. */
  expect?: Record<string, unknown> | undefined;
  /** The HTTP status that passes (default 200). */
  httpStatus?: number | undefined;
  /** The request body (for the diff of a modified message). */
  request?: unknown;
}

/** Tencent's callback timeout: two seconds (T2). */
export const TENCENT_BUDGET_MS = 2000;

const SEND_MSG = new Set(['C2C.CallbackBeforeSendMsg', 'Group.CallbackBeforeSendMsg', 'OfficialAccount.CallbackBeforeSendMsg']);
const FRIEND = new Set(['Sns.CallbackPrevFriendAdd', 'Sns.CallbackPrevFriendResponse']);
const PARTIAL: Readonly<Record<string, string>> = {
  'Group.CallbackBeforeInviteJoinGroup': 'RefusedMembers_Account',
  'OfficialAccount.CallbackBeforeAddSubscriber': 'RefusedSubscribers_Account',
};

/** The custom deny range passed to the client, per command family (T4, T5). */
function customRange(command: string): [number, number] | undefined {
  if (command.startsWith('Group.')) return [10100, 10200];
  if (command.startsWith('C2C.') || command.startsWith('OfficialAccount.')) return [120001, 130000];
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return JSON.stringify(v) ?? 'nothing';
}

function snippet(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return clean.length > 120 ? `${clean.slice(0, 120)}…` : clean;
}

/** A before-callback that got no reply in time: let through by default (T2); after-callbacks are just late. */
export function decideTencentTimeout(rule: TencentRule, budgetMs: number): Verdict {
  if (rule.kind === 'before') {
    return { pass: false, decision: 'allowed', reason: `no reply within the ${budgetMs} ms budget: Tencent gives up and, by default, lets it through`, warnings: [], reply: null };
  }
  return { pass: false, decision: 'error', reason: `no reply within the ${budgetMs} ms budget: Tencent counts a failed callback`, warnings: [], reply: null };
}

/** Judges a reply the way Tencent Chat does (rules T1–T7) and whether it passes chatpush's check. */
export function decideTencent(rule: TencentRule, input: TencentReply, opts: TencentOptions): Verdict {
  const warnings: string[] = [];
  const wantStatus = opts.httpStatus ?? 200;
  let parsed: unknown;
  let isJson = false;
  let tooDeep = false;
  if (input.cutFrom === undefined) {
    // Depth-checked before parsing (json-safe.ts): a reply nested 200 000 levels deep is an error row.
    const r = parseUntrustedJsonSync(input.text);
    isJson = r.ok;
    parsed = r.ok ? r.value : undefined;
    tooDeep = !r.ok && r.problem.tooDeep;
  }
  // Reports recurse over the reply: a pathologically deep one is kept as text (decision.ts replyForReport).
  const reply = isJson ? (jsonDepth(input.text, REPORT_MAX_DEPTH) <= REPORT_MAX_DEPTH ? parsed : replyForReport(input.text)) : input.text === '' ? null : snippet(input.text);
  const error = (reason: string): Verdict => ({ pass: false, decision: 'error', reason, warnings, reply });

  if (input.latencyMs > opts.budgetMs) return { ...decideTencentTimeout(rule, opts.budgetMs), reason: `answered in ${Math.round(input.latencyMs)} ms, over the ${opts.budgetMs} ms budget`, reply };
  if (tooDeep) return error(`reply is JSON ${tooDeepText()}: no platform decodes it (${input.text.length} characters)`);
  if (input.cutFrom !== undefined) return error(`reply of ${input.cutFrom} bytes is larger than chatpush reads; Tencent expects a short JSON reply`);
  if (input.status !== wantStatus) {
    const fields = isObject(parsed) && 'ErrorCode' in parsed ? `: ErrorCode ${show(parsed.ErrorCode)}` : input.text === '' ? '' : `: ${snippet(input.text)}`;
    // T1: a non-200 reply is a failed callback.
    return error(`HTTP ${input.status} (expected ${wantStatus})${fields}`);
  }
  if (!isJson) return error(input.text === '' ? 'empty reply (expected {"ActionStatus":"OK","ErrorCode":0})' : `reply is not JSON: ${snippet(input.text)}`);
  if (!isObject(parsed)) return error(`reply is JSON but not an object: ${snippet(input.text)}`);
  const r = parsed;
  if (input.text.includes('\ufffd')) warnings.push('reply holds bytes that are not UTF-8');

  const expected: Record<string, unknown> = { ActionStatus: 'OK', ErrorCode: 0, ...opts.expect };
  const custom = opts.expect !== undefined && Object.keys(opts.expect).length > 0;
  const decided = rule.kind === 'before' ? decideBefore(rule.command, r, opts.request, warnings) : { decision: 'continue' as Decision, words: '' };
  for (const [key, want] of Object.entries(expected)) {
    if (matches(want, r[key])) continue;
    let reason = key in r ? `${key} ${show(r[key])} (expected ${show(want)})` : `no ${key} in the reply (expected ${show(want)})`;
    if (key === 'ActionStatus' && 'ErrorCode' in r) reason += `, ErrorCode ${show(r.ErrorCode)}`;
    if ((key === 'ErrorCode' || key === 'ActionStatus') && typeof r.ErrorInfo === 'string' && r.ErrorInfo !== '') reason += `: ${sanitize(r.ErrorInfo)}`;
    if (decided.words) reason += ` — ${decided.words}`;
    else if (rule.kind === 'after') reason += ' (Tencent ignores after-callback codes, but this reply reports a failure)';
    return { pass: false, decision: decided.decision, reason, warnings, reply, ...(decided.changes ? { changes: decided.changes } : {}) };
  }
  if (!custom && (decided.decision === 'denied' || decided.decision === 'dropped' || decided.decision === 'error')) {
    return { pass: false, decision: decided.decision, reason: decided.words, warnings, reply };
  }
  const base = custom ? `as expected (${Object.entries(opts.expect!).map(([k, v]) => `${k} ${show(v)}`).join(', ')})` : 'ActionStatus OK, ErrorCode 0';
  // "allowed" needs no words beyond the decision itself; modified/partial say what changed.
  const words = decided.decision === 'allowed' ? '' : decided.words;
  const v: Verdict = { pass: true, decision: decided.decision, reason: words ? `${base} — ${words}` : base, warnings, reply };
  if (decided.changes) v.changes = decided.changes;
  return v;
}

interface Decided {
  decision: Decision;
  words: string;
  changes?: Change[];
}

/** Rules T4–T7 for a before-callback's JSON reply. */
function decideBefore(command: string, r: Record<string, unknown>, request: unknown, warnings: string[]): Decided {
  const code = r.ErrorCode;
  if (FRIEND.has(command)) return decideFriend(r, request, warnings);
  if (code === undefined) return { decision: 'error', words: 'no ErrorCode: Tencent cannot tell allow from deny' };
  if (typeof code !== 'number' || !Number.isInteger(code)) return { decision: 'error', words: `ErrorCode ${show(code)} is not an integer` };
  if (code === 0) {
    if (SEND_MSG.has(command)) {
      const changes: Change[] = [];
      const req = isObject(request) ? request : {};
      for (const f of ['MsgBody', 'CloudCustomData']) if (f in r) diffValues(req[f], r[f], f, changes);
      if (changes.length > 0) return { decision: 'modified', words: `message modified: ${changes.slice(0, 3).map(changeText).join('; ')}${changes.length > 3 ? ` (+${changes.length - 3})` : ''}`, changes };
      return { decision: 'allowed', words: 'message allowed' };
    }
    const partial = PARTIAL[command];
    if (partial !== undefined && Array.isArray(r[partial]) && (r[partial] as unknown[]).length > 0) {
      const refused = r[partial] as unknown[];
      return { decision: 'modified', words: `only some refused: ${refused.map((x) => String(x)).slice(0, 5).join(', ')}`, changes: [{ path: partial, from: null, to: refused }] };
    }
    return { decision: 'allowed', words: 'allowed' };
  }
  if (SEND_MSG.has(command) && ('MsgBody' in r || 'CloudCustomData' in r)) warnings.push(`MsgBody/CloudCustomData are applied only with ErrorCode 0 (this reply has ${code})`);
  if (code === 1) return { decision: 'denied', words: `${SEND_MSG.has(command) ? 'message' : 'request'} denied (the client sees ${command.startsWith('C2C.') ? 20006 : 10016})` };
  if (code === 2 && SEND_MSG.has(command)) return { decision: 'dropped', words: 'message silently dropped (the sender sees success)' };
  const range = customRange(command);
  if (range && code >= range[0] && code <= range[1]) return { decision: 'denied', words: `denied with custom code ${code} passed to the client` };
  warnings.push(`ErrorCode ${code} is not a documented value for ${command}; treated as a denial`);
  return { decision: 'denied', words: `denied (ErrorCode ${code} is undocumented)` };
}

/** T7: per-friend results. */
function decideFriend(r: Record<string, unknown>, request: unknown, warnings: string[]): Decided {
  if (r.ErrorCode !== undefined && r.ErrorCode !== 0) warnings.push(`top-level ErrorCode ${show(r.ErrorCode)} is ignored by default; only ResultItem decides`);
  const items = r.ResultItem;
  if (!Array.isArray(items)) return { decision: 'error', words: 'no ResultItem array: Tencent requires one result per To_Account' };
  const req = isObject(request) ? request : {};
  const list = (Array.isArray(req.FriendItem) ? req.FriendItem : Array.isArray(req.ResponseFriendItem) ? req.ResponseFriendItem : []) as unknown[];
  const accounts = list.map((x) => (isObject(x) ? String(x.To_Account) : ''));
  const refused: string[] = [];
  for (const it of items) {
    if (!isObject(it) || typeof it.To_Account !== 'string') return { decision: 'error', words: 'a ResultItem entry has no To_Account' };
    if (it.ResultCode !== 0) {
      refused.push(it.To_Account);
      if (typeof it.ResultCode === 'number' && (it.ResultCode < 38000 || it.ResultCode > 39000)) warnings.push(`ResultCode ${it.ResultCode} for ${it.To_Account} is outside 38000–39000`);
    }
  }
  const missing = accounts.filter((a) => !items.some((it) => isObject(it) && it.To_Account === a));
  if (missing.length > 0) warnings.push(`no ResultItem for ${missing.join(', ')}`);
  if (refused.length === 0) return { decision: 'allowed', words: 'friend request allowed' };
  if (refused.length >= items.length) return { decision: 'denied', words: `friend request refused for ${refused.join(', ')}` };
  return { decision: 'modified', words: `refused only for ${refused.join(', ')}`, changes: refused.map((a) => ({ path: `ResultItem[${a}]`, from: 'allow', to: 'refuse' })) };
}

/** Partial deep match: objects match when every expected key matches; arrays and scalars must be equal. */
export function matches(expected: unknown, actual: unknown): boolean {
  if (isObject(expected)) return isObject(actual) && Object.keys(expected).every((k) => matches(expected[k], actual[k]));
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i]));
  return Object.is(expected, actual);
}
