/**
 * What a platform does with a backend's reply (spec.md v2 "Callback catalogue and platform-faithful replay"):
 * the shared result shape of decide-tencent.ts and decide-openim.ts, and its words for people. Pure data.
 */

/** continue/refused/blocked: OpenIM; allowed/denied/dropped/modified: Tencent before-callbacks; error: either. */
export type Decision = 'continue' | 'refused' | 'blocked' | 'allowed' | 'denied' | 'dropped' | 'modified' | 'error';

export const DECISIONS: readonly Decision[] = ['continue', 'refused', 'blocked', 'allowed', 'denied', 'dropped', 'modified', 'error'];

/** One field a before-callback reply changes: a path in the request body, before and after. */
export interface Change {
  path: string;
  from: unknown;
  to: unknown;
}

/** The judgement of one reply. */
export interface Verdict {
  pass: boolean;
  /** One line: why. */
  reason: string;
  decision: Decision;
  /** Accepted by the platform but suspicious; `--strict` turns each into a failure. */
  warnings: string[];
  /** The parsed JSON reply, a shortened text reply, or null. */
  reply: unknown;
  /** For `modified`: the fields the reply changes. */
  changes?: Change[];
}

/** What the callback is about, for the decision's words ("push refused by backend", "message denied"). */
export function subjectOf(command: string): string {
  if (/Push/i.test(command) && !/^Push\./.test(command)) return 'push';
  if (/SendMsg|MsgModify|SendGroupMsg|SendSingleMsg/.test(command)) return 'message';
  if (/FriendAdd|FriendResponse|AddFriend/.test(command)) return 'friend request';
  if (/CreateGroup|CreateTopic|CreateOfficialAccount/.test(command)) return 'creation';
  if (/Join|Invite|Subscriber|MembersJoin/.test(command)) return 'join';
  return 'operation';
}

/** The decision in words, e.g. "push refused by backend", "message denied", "blocked (reply not decodable)". */
export function decisionWords(decision: Decision, command: string): string {
  const s = subjectOf(command);
  switch (decision) {
    case 'continue':
      // After-callbacks (Tencent §A2, OpenIM AsyncPost): the reply is only acknowledged, nothing to go on with.
      if (/^callbackAfter|^callbackBeforeAfterMsg/.test(command)) return 'reply logged';
      if (/\./.test(command) && !/\.Callback(Before|Prev)/.test(command)) return 'reply ignored';
      return `${s} goes on`;
    case 'refused':
      return `${s} refused by backend`;
    case 'blocked':
      return `${s} blocked`;
    case 'allowed':
      return `${s} allowed`;
    case 'denied':
      return `${s} denied`;
    case 'dropped':
      return `${s} silently dropped`;
    case 'modified':
      return `${s} modified`;
    case 'error':
      return 'callback failed';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Leaf-level differences between two JSON values (for a modified body), at most `limit` of them. */
export function diffValues(from: unknown, to: unknown, path: string, out: Change[] = [], limit = 20): Change[] {
  if (out.length >= limit) return out;
  if (isObject(from) && isObject(to)) {
    for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) diffValues(from[k], to[k], path === '' ? k : `${path}.${k}`, out, limit);
    return out;
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    for (let i = 0; i < Math.max(from.length, to.length); i++) diffValues(from[i], to[i], `${path}[${i}]`, out, limit);
    return out;
  }
  if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ path, from: from === undefined ? null : from, to: to === undefined ? null : to });
  return out;
}

/** `path: "a" → "b"` lines, shortened. */
export function changeText(c: Change): string {
  const show = (v: unknown): string => {
    const s = JSON.stringify(v) ?? 'null';
    return s.length > 40 ? `${s.slice(0, 39)}…` : s;
  };
  return `${c.path}: ${show(c.from)} → ${show(c.to)}`;
}

/** Deepest nesting of a JSON text, counted without parsing (strings skipped); stops counting past `limit`. */
export function jsonDepth(text: string, limit = 1000): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Replies nested deeper than this are shown as text, not parsed: reports (JSON, JUnit, HTML) recurse over them. */
export const REPORT_MAX_DEPTH = 64;

/** A reply for reports: the parsed JSON when it is JSON of sane depth, else its clean, shortened text. */
export function replyForReport(text: string): unknown {
  if (text === '') return null;
  if (jsonDepth(text, REPORT_MAX_DEPTH) <= REPORT_MAX_DEPTH) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // not JSON: shown as text
    }
  }
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return clean.length > 120 ? `${clean.slice(0, 120)}…` : clean;
}
