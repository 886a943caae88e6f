/**
 * What OpenIM (server 3.7 – 3.8.x, and main at 7848d7c7) does with a webhook reply, pure. Every rule cites the
 * line of open-im-server it comes from (reference/callbacks.md §B3, §B4; read at tag v3.8.3 = cb4ac199; TOOLS =
 * openimsdk/tools, the HTTP client it uses, read at 5cfaf5cc):
 *
 * | # | rule | source (v3.8.3) |
 * |---|---|---|
 * | O1 | transport failure or no reply within the webhook's timeout → ErrNetwork: before-hooks abort the operation | pkg/common/webhook/http_client.go:74-77 |
 * | O2 | default timeout 5 s per webhook | config/webhooks.yml:4 (`timeout: 5`), TOOLS httputil context.WithTimeout |
 * | O3 | the HTTP status is not read; only the body counts | http_client.go:74 → TOOLS utils/httputil/http_client.go Post (io.ReadAll of the body, no status check) |
 * | O4 | redirects are followed (Go's default: at most 10; 301/302/303 re-sent as GET) | TOOLS httputil NewHTTPClient: an http.Client without CheckRedirect, Timeout 15 s |
 * | O5 | json.Unmarshal into the response struct fails → ErrData "response format error": before-hooks abort | http_client.go:78-80 |
 * | O6 | refused ⇔ actionCode == 0 && nextCode == 1 (errCode/errMsg/errDlt go to the caller) | pkg/callbackstruct/common.go:67-72 (Next = 1 at :22-24) |
 * | O7 | anything else continues; errCode alone does nothing | common.go:67-72 |
 * | O8 | after-hooks are queued and only logged: no reply stops anything | http_client.go:63-67 (AsyncPost) |
 * | O9 | failedContinue is never read: a failed before-hook always aborts | pkg/common/config/config.go:369 (declared; no other reference in the tree) |
 * | O11 | replies OpenIM's code dereferences without a nil check fail the request (Go panic, recovered as an error; code reading, not run): beforeUpdateUserInfoEx setting a field the request left null (always `ex`), beforeMembersJoinGroup with a null entry or an entry without userID | internal/rpc/user/callback.go:71-73; internal/rpc/group/callback.go:130-131 |
 * | O10 | beforeSetGroupInfo(Ex): groupID (and groupName, faceURL, introduction; Ex: every field) are copied from the reply whether set or not, so a reply without groupID makes the update look up group "" and fail | internal/rpc/group/callback.go:331-334 and :395-402; group.go:976 (TakeGroup) |
 */
import { changeText, diffValues, replyForReport, type Change, type Verdict } from './decision.js';
import { goUnmarshal, type GoStruct } from './go-json.js';

export interface OpenImRule {
  command: string;
  kind: 'before' | 'after';
  /** Fields the webhook's response struct adds to CommonCallbackResp (JSON key → Go type). */
  response: GoStruct;
}

export interface OpenImReply {
  status: number;
  body: Uint8Array;
  latencyMs: number;
  /** The reply's full size when it was larger than what was kept (body then holds only its start). */
  cutFrom?: number;
  /** Where redirects led, in order (O4). */
  redirects?: string[];
}

export interface OpenImOptions {
  budgetMs: number;
  /** Go struct types the response fields refer to (catalogue.json goTypes). */
  goTypes: Readonly<Record<string, GoStruct>>;
  /** Fields the fixture's `expect` asks of the reply (partial); `nextCode: 1` expects a refusal. */
  expect?: Record<string, unknown> | undefined;
  /** The request body (for the fields a before-hook reply replaces). */
  request?: unknown;
}

/** The default budget: webhooks.yml `timeout: 5` (seconds) for every webhook (O2). */
export const OPENIM_BUDGET_MS = 5000;

/** The fields a correct backend echoes in its reply to these before-hooks (rule O10), for `chatpush listen`. */
export function fieldsToEcho(command: string): readonly string[] {
  const copied = ALWAYS_COPIED[command];
  return copied ? ['groupID', ...copied] : [];
}

/**
 * Before-hooks whose reply fields are copied whether the reply set them or not (datautil.NotNilReplace on the
 * address of a plain field is never nil): groupID always, and these (reference/callbacks.md §B7, B8 item 8).
 */
const ALWAYS_COPIED: Readonly<Record<string, readonly string[]>> = {
  callbackBeforeSetGroupInfoCommand: ['groupName', 'faceURL', 'introduction'],
  callbackBeforeSetGroupInfoExCommand: ['groupName', 'faceURL', 'introduction', 'ex', 'needVerification', 'lookMemberInfo', 'applyMemberFriend'],
};

const COMMON: GoStruct = { actionCode: 'int32', errCode: 'int32', errMsg: 'string', errDlt: 'string', nextCode: 'int32' };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The body for reports (decision.ts replyForReport). */
export function replyOf(body: Uint8Array): unknown {
  return replyForReport(new TextDecoder().decode(body));
}

/** A failure before any reply was read: timeout, unreachable, too many redirects (O1, O4). */
export function decideOpenImFailure(rule: OpenImRule, what: string): Verdict {
  if (rule.kind === 'after') {
    // O8: an after-hook's failure is logged by OpenIM; nothing is stopped, but the webhook did fail.
    return { pass: false, decision: 'error', reason: `${what}: OpenIM logs the webhook as failed (after-hook: nothing is stopped)`, warnings: [], reply: null };
  }
  return { pass: false, decision: 'blocked', reason: `${what}: OpenIM aborts (ErrNetwork 90004), failedContinue is not read`, warnings: [], reply: null };
}

function show(v: unknown): string {
  return JSON.stringify(v) ?? 'null';
}

/** Judges a reply the way OpenIM's webhook client does (rules O3–O9). */
export function decideOpenIm(rule: OpenImRule, input: OpenImReply, opts: OpenImOptions): Verdict {
  const warnings: string[] = [];
  const reply = replyOf(input.body);
  if (input.latencyMs > opts.budgetMs) {
    return { ...decideOpenImFailure(rule, `no reply within the ${opts.budgetMs} ms budget (answered after ${Math.round(input.latencyMs)} ms)`), reply };
  }
  if (input.cutFrom !== undefined) {
    return {
      pass: false,
      decision: 'error',
      reason: `reply of ${input.cutFrom} bytes is larger than chatpush reads (${input.body.length}); OpenIM would read and decode it all — not judged`,
      warnings,
      reply: null,
    };
  }
  // O3: the status is not read. Worth a warning: proxies and frameworks answer errors with non-200.
  if (input.status !== 200) warnings.push(`HTTP ${input.status}: OpenIM ignores the status and reads only the body`);
  if (input.redirects && input.redirects.length > 0) warnings.push(`redirected ${input.redirects.length}× (OpenIM follows redirects): ${input.redirects.join(' → ')}`);

  const root = 'Resp';
  const decoded = goUnmarshal(input.body, root, { ...opts.goTypes, [root]: { ...COMMON, ...rule.response } });
  if (!decoded.ok) {
    // O5: json.Unmarshal failed → ErrData "response format error".
    const why = `reply does not decode (${decoded.error})`;
    if (rule.kind === 'after') return { pass: false, decision: 'error', reason: `${why}: OpenIM logs the webhook as failed`, warnings, reply };
    return { pass: false, decision: 'blocked', reason: `${why}: OpenIM aborts with ErrData 90007 "response format error"`, warnings, reply };
  }
  const v = decoded.value;
  const actionCode = typeof v.actionCode === 'number' ? v.actionCode : 0;
  const nextCode = typeof v.nextCode === 'number' ? v.nextCode : 0;
  const errCode = typeof v.errCode === 'number' ? v.errCode : 0;
  const errMsg = typeof v.errMsg === 'string' ? v.errMsg : '';

  if (decoded.nullBody) warnings.push('reply is null: Go decodes it to zero values (actionCode 0, nextCode 0)');
  for (const [key, field] of decoded.folded) warnings.push(`key "${key}" matched ${field} only case-insensitively (Go's decoder accepts it)`);
  for (const field of decoded.duplicates) warnings.push(`${field} appears more than once: Go keeps the last occurrence`);
  if (decoded.invalidUtf8) warnings.push('reply holds bytes that are not UTF-8: Go replaces them with U+FFFD');
  if (!decoded.nullBody && !decoded.present.has('actionCode')) warnings.push('no actionCode: decoded as 0');
  else if (decoded.present.has('actionCode') && !('actionCode' in v)) warnings.push('actionCode is null: decoded as 0');

  const refused = actionCode === 0 && nextCode === 1; // O6
  const wantRefusal = opts.expect?.nextCode === 1;
  if (rule.kind === 'after') {
    if (refused) warnings.push('nextCode 1 on an after-webhook stops nothing (the reply is only logged)');
    else if (errCode !== 0) warnings.push(`errCode ${errCode} is ignored (after-webhook replies are only logged)`);
    return expectCheck({ pass: true, decision: 'continue', reason: 'OpenIM goes on (after-webhook: reply logged)', warnings, reply }, v, opts.expect);
  }
  if (refused) {
    const text = `refused by backend (actionCode 0, nextCode 1, errCode ${errCode}${errMsg ? ` ${show(errMsg)}` : ''})`;
    if (errCode === 0) warnings.push('refused with errCode 0: the caller gets an error with code 0');
    return expectCheck({ pass: wantRefusal, decision: 'refused', reason: wantRefusal ? `${text}, as expected` : text, warnings, reply }, v, opts.expect, true);
  }
  // O11: nil dereferences in OpenIM's own handling of the reply.
  const panic = nilDereference(rule.command, v, opts.request);
  if (panic !== undefined) {
    return { pass: wantRefusal, decision: 'blocked', reason: `${panic}: OpenIM dereferences a nil pointer there and the request fails (code reading, not run) — leave it out`, warnings, reply };
  }
  // O10: replies whose fields are copied unconditionally.
  const copied = ALWAYS_COPIED[rule.command];
  if (copied) {
    const req = isObject(opts.request) ? opts.request : {};
    if (typeof v.groupID !== 'string' || v.groupID === '') {
      return {
        pass: wantRefusal,
        decision: 'blocked',
        reason: 'no groupID in the reply: OpenIM copies it into the request anyway, then looks up group "" and the update fails (group/callback.go:331, group.go:976) — echo groupID',
        warnings,
        reply,
      };
    }
    for (const field of copied) {
      if (v[field] !== undefined) continue;
      const had = req[field];
      if (had === undefined || had === null || had === '') continue;
      warnings.push(
        rule.command === 'callbackBeforeSetGroupInfoCommand'
          ? `${field} missing from the reply: OpenIM copies it anyway and blanks the group's ${field} (echo it)`
          : `${field} missing from the reply: OpenIM copies the null, so the requested change to ${field} is dropped (echo it)`,
      );
    }
  }
  // O7: continue. Say why a reply that looks like a refusal is not one.
  if (actionCode !== 0) {
    warnings.push(`actionCode ${actionCode} (not 0): OpenIM goes on${nextCode === 1 ? ' — nextCode 1 refuses only with actionCode 0' : ''}`);
  } else if (nextCode !== 0) warnings.push(`nextCode ${nextCode} means nothing (only 1 refuses)`);
  if (errCode !== 0) warnings.push(`errCode ${errCode}${errMsg ? ` ${show(errMsg)}` : ''} is ignored: only actionCode 0 + nextCode 1 refuses`);
  const changes = appliedChanges(rule, v, opts.request);
  const verdict: Verdict = {
    pass: !wantRefusal,
    decision: 'continue',
    reason: wantRefusal ? 'OpenIM goes on, but the fixture expects a refusal (nextCode 1)' : changes.length > 0 ? `OpenIM goes on; the reply replaces ${changes.slice(0, 3).map(changeText).join('; ')}${changes.length > 3 ? ` (+${changes.length - 3})` : ''}` : 'OpenIM goes on',
    warnings,
    reply,
  };
  if (changes.length > 0) verdict.changes = changes;
  return expectCheck(verdict, v, opts.expect);
}

/** Rule O11: where the server's code would dereference nil for this reply (undefined when it would not). */
function nilDereference(command: string, v: Record<string, unknown>, request: unknown): string | undefined {
  const req = isObject(request) ? request : {};
  if (command === 'callbackBeforeUpdateUserInfoExCommand') {
    // NotNilReplace(req.UserInfo.X, resp.X): *old = *new with old nil when the request did not set X (user/callback.go:71-73).
    for (const f of ['faceURL', 'ex', 'nickName']) {
      if (v[f] !== undefined && (req[f] === undefined || req[f] === null)) return `the reply sets ${f}, which the request left null`;
    }
  }
  if (command === 'callbackBeforeMembersJoinGroupCommand' && Array.isArray(v.memberCallbackList)) {
    // for _, m := range resp.MemberCallbackList { groupMembersMap[(*m.UserID)] … } (group/callback.go:130-131)
    const i = v.memberCallbackList.findIndex((m) => !isObject(m) || typeof m.userID !== 'string');
    if (i !== -1) return `memberCallbackList[${i}] ${isObject(v.memberCallbackList[i]) ? 'has no userID' : 'is null'}`;
  }
  return undefined;
}

/** Fields of the reply that replace the request's (non-null response fields; reference/callbacks.md §B7). */
function appliedChanges(rule: OpenImRule, v: Record<string, unknown>, request: unknown): Change[] {
  const out: Change[] = [];
  if (!isObject(request)) return out;
  for (const field of Object.keys(rule.response)) {
    if (!(field in v) || v[field] === undefined) continue;
    const to = v[field];
    // Slices replace only when non-empty (internal/push/callback.go:60-64 at v3.8.3, relation/callback.go:164-166 at main).
    if (Array.isArray(to) && to.length === 0) continue;
    if (typeof to === 'string' && to === '' && rule.response[field] === 'string') continue;
    const key = field === 'offlinePushInfo' ? undefined : field;
    const from = key === undefined ? pick(request, ['title', 'desc', 'ex', 'iOSPushSound', 'iOSBadgeCount', 'signalInfo']) : request[key];
    diffValues(from, to, field, out);
  }
  return out;
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}

/** A fixture's `expect` (other than nextCode) compared with the decoded reply. */
function expectCheck(v: Verdict, decoded: Record<string, unknown>, expect: Record<string, unknown> | undefined, refusal = false): Verdict {
  if (!expect) return v;
  for (const [k, want] of Object.entries(expect)) {
    if (k === 'nextCode') continue;
    const zero = ['actionCode', 'errCode'].includes(k) ? 0 : ['errMsg', 'errDlt'].includes(k) ? '' : undefined;
    const got = decoded[k] ?? zero;
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      return { ...v, pass: false, reason: `${k} ${show(got ?? null)} (expected ${show(want)})${refusal ? ` — ${v.reason}` : ''}` };
    }
  }
  return v;
}
