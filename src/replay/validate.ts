/**
 * What `chatpush listen` checks in an incoming callback, pure: the query a Tencent callback carries
 * (protocols.md §3.1), its Sign and RequestTime window (§3.2), OpenIM's path and headers (§5.1, §5.2), and
 * the body's shape per command (§3.4, §3.5, §4.1, §5.4). Returns problems (a correct backend would reject
 * the request) and notes (worth knowing, not wrong).
 */
import { timingSafeEqual } from 'node:crypto';
import { findJsonError } from '../json-error.js';
import {
  isMessageCallback,
  OPENIM_DOC_ONLY_COMMAND,
  OPENIM_LEGACY_PUSH_COMMANDS,
  OPT_PLATFORMS,
  signCallback,
  type Protocol,
} from './protocols.js';

export interface IncomingCallback {
  method: string;
  /** The URL path, without the query. */
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

export interface ValidateOptions {
  /** The app's SDKAppID; when set, a callback for another app is a problem. */
  sdkappid?: number | undefined;
  /** The callback token; when set, RequestTime and Sign are required and checked. */
  token?: string | undefined;
  nowMs: number;
}

export interface Validation {
  protocol: Protocol | 'unknown';
  command: string | undefined;
  problems: string[];
  notes: string[];
  /** A short description of the body for the listen line (who → whom, ids). */
  summary: string;
}

/** The anti-replay window for RequestTime (protocols.md §3.2: reject beyond 1 minute). */
export const SIGN_WINDOW_S = 60;

type Kind = 'string' | 'int' | 'bool' | 'array' | 'object' | 'time' | 'msgbody' | 'strings';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOk(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
    case 'bool':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'object':
      return isObject(v);
    case 'time':
      // Group.CallbackAfterSendMsg examples show EventTime as a string of digits (protocols.md §3.5).
      return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\d+$/.test(v));
    case 'msgbody':
      return Array.isArray(v) && v.length > 0 && v.every((e) => isObject(e) && typeof e.MsgType === 'string' && isObject(e.MsgContent));
  }
}

const KIND_TEXT: Readonly<Record<Kind, string>> = {
  string: 'a string',
  int: 'an integer',
  bool: 'true or false',
  array: 'an array',
  strings: 'an array of strings',
  object: 'an object',
  time: 'a timestamp',
  msgbody: 'a non-empty array of {MsgType, MsgContent}',
};

type Shape = Readonly<Record<string, Kind>>;

const C2C_MSG: Shape = { From_Account: 'string', To_Account: 'string', MsgSeq: 'int', MsgRandom: 'int', MsgTime: 'int', MsgKey: 'string', MsgBody: 'msgbody' };
const GROUP_MSG: Shape = { GroupId: 'string', Type: 'string', From_Account: 'string', Operator_Account: 'string', Random: 'int', MsgBody: 'msgbody' };

/** Required fields per Tencent command (protocols.md §3.4, §3.5; seeds 001, 004). */
const TENCENT_SHAPES: Readonly<Record<string, Shape>> = {
  'C2C.CallbackBeforeSendMsg': C2C_MSG,
  'C2C.CallbackAfterSendMsg': { ...C2C_MSG, SendMsgResult: 'int', UnreadMsgNum: 'int' },
  'Group.CallbackBeforeSendMsg': GROUP_MSG,
  'Group.CallbackAfterSendMsg': { ...GROUP_MSG, MsgSeq: 'int', MsgTime: 'int' },
};

/** Push.OfflinePush event fields (protocols.md §4.1, seed 000). */
const PUSH_EVENT: Shape = {
  CallbackCommand: 'string',
  EventType: 'int',
  EventTime: 'time',
  From_Account: 'string',
  To_Account: 'string',
  PushPlatform: 'int',
  PushStage: 'int',
  MsgSeq: 'int',
  MsgTime: 'int',
  PushID: 'string',
  ErrCode: 'int',
};

const OPENIM_PUSH: Shape = { sendID: 'string', clientMsgID: 'string', contentType: 'int', sessionType: 'int', userIDList: 'strings' };
const OPENIM_GROUP_PUSH: Shape = { sendID: 'string', groupID: 'string', clientMsgID: 'string', contentType: 'int', sessionType: 'int' };
const OPENIM_SINGLE_MSG: Shape = { sendID: 'string', recvID: 'string', clientMsgID: 'string', contentType: 'int', sessionType: 'int' };
const OPENIM_GROUP_MSG: Shape = { sendID: 'string', groupID: 'string', clientMsgID: 'string', contentType: 'int', sessionType: 'int' };

/** Required fields per OpenIM command (protocols.md §5.4, pkg/callbackstruct). */
const OPENIM_SHAPES: Readonly<Record<string, Shape>> = {
  callbackBeforeOfflinePushCommand: OPENIM_PUSH,
  callbackBeforeOnlinePushCommand: OPENIM_PUSH,
  callbackBeforeGroupOnlinePushCommand: OPENIM_GROUP_PUSH,
  [OPENIM_DOC_ONLY_COMMAND]: OPENIM_PUSH,
  callbackOfflinePushCommand: OPENIM_PUSH,
  callbackOnlinePushCommand: OPENIM_PUSH,
  callbackSuperGroupOnlinePushCommand: OPENIM_GROUP_PUSH,
  callbackBeforeSendSingleMsgCommand: OPENIM_SINGLE_MSG,
  callbackAfterSendSingleMsgCommand: OPENIM_SINGLE_MSG,
  callbackBeforeSendGroupMsgCommand: OPENIM_GROUP_MSG,
  callbackAfterSendGroupMsgCommand: OPENIM_GROUP_MSG,
};

/** Commands whose shape is known (used by the fixture consistency test and listen's notes). */
export const KNOWN_COMMANDS: readonly string[] = [...Object.keys(TENCENT_SHAPES), 'Push.OfflinePush', 'Push.AllMemberPush', ...Object.keys(OPENIM_SHAPES)];

function checkShape(value: Record<string, unknown>, shape: Shape, prefix: string, problems: string[]): void {
  for (const [field, kind] of Object.entries(shape)) {
    const v = value[field];
    if (v === undefined) problems.push(`${prefix}${field} is missing (expected ${KIND_TEXT[kind]})`);
    else if (!kindOk(kind, v)) problems.push(`${prefix}${field} should be ${KIND_TEXT[kind]}, got ${JSON.stringify(v)?.slice(0, 40)}`);
  }
}

function header(headers: IncomingCallback['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function short(text: unknown, max = 32): string {
  const s = String(text ?? '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function firstText(body: unknown): string | undefined {
  if (!Array.isArray(body)) return undefined;
  for (const e of body) {
    if (isObject(e) && e.MsgType === 'TIMTextElem' && isObject(e.MsgContent) && typeof e.MsgContent.Text === 'string') return e.MsgContent.Text;
  }
  return undefined;
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks RequestTime and Sign when a token is configured (protocols.md §3.2). */
function checkSign(query: URLSearchParams, opts: ValidateOptions, problems: string[]): void {
  if (opts.token === undefined) return;
  const time = query.get('RequestTime');
  const sign = query.get('Sign');
  if (time === null || sign === null) {
    problems.push(`no ${time === null ? 'RequestTime' : 'Sign'} query parameter, but callback authentication is on (token set)`);
    return;
  }
  if (!/^\d{1,12}$/.test(time)) {
    problems.push(`RequestTime "${short(time, 16)}" is not a unix time in seconds`);
    return;
  }
  const skew = Math.abs(Math.floor(opts.nowMs / 1000) - Number(time));
  if (skew > SIGN_WINDOW_S) problems.push(`RequestTime is ${skew} s away from now (more than ${SIGN_WINDOW_S} s: rejected as a replay)`);
  if (!safeEqualHex(sign.toLowerCase(), signCallback(opts.token, Number(time)))) {
    problems.push('Sign does not match sha256(token + RequestTime): wrong token?');
  }
}

function parseBody(body: string, problems: string[]): Record<string, unknown> | undefined {
  if (body.trim() === '') {
    problems.push('the body is empty (expected a JSON object)');
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    // line:col and the error's name: V8's message cut at 60 characters read "at position )".
    const e = findJsonError(body);
    problems.push(`the body is not JSON${e ? ` (${e.what} at ${e.line}:${e.col})` : ''}`);
    return undefined;
  }
  if (!isObject(value)) {
    problems.push('the body is JSON but not an object');
    return undefined;
  }
  return value;
}

function validateTencent(req: IncomingCallback, opts: ValidateOptions, out: Validation): void {
  const q = req.query;
  const { problems, notes } = out;
  const command = q.get('CallbackCommand') ?? undefined;
  out.command = command;
  const sdk = q.get('SdkAppid');
  if (sdk === null) problems.push('no SdkAppid query parameter');
  else if (!/^\d+$/.test(sdk)) problems.push(`SdkAppid "${short(sdk, 16)}" is not a number`);
  else if (opts.sdkappid !== undefined && Number(sdk) !== opts.sdkappid) {
    problems.push(`SdkAppid ${sdk} is not this app's ${opts.sdkappid} (a backend must reject it)`);
  }
  if (command === undefined) problems.push('no CallbackCommand query parameter');
  const ct = q.get('contenttype');
  if (ct !== null && ct.toLowerCase() !== 'json') problems.push(`contenttype is "${short(ct, 16)}" (expected json)`);
  if (command !== undefined && isMessageCallback(command)) {
    if (!q.has('ClientIP')) problems.push('no ClientIP query parameter (message callbacks carry it)');
    const platform = q.get('OptPlatform');
    if (platform === null) problems.push('no OptPlatform query parameter (message callbacks carry it)');
    else if (!OPT_PLATFORMS.includes(platform)) notes.push(`OptPlatform "${short(platform, 16)}" is not a documented value`);
  }
  checkSign(q, opts, problems);
  const body = parseBody(req.body, problems);
  if (!body || command === undefined) return;

  if (command.startsWith('Push.')) {
    const events = body.Events;
    if (!Array.isArray(events)) {
      problems.push('Events is missing (push callbacks carry {"Events":[…]})');
      return;
    }
    if (events.length < 1 || events.length > 100) problems.push(`Events has ${events.length} entries (1 to 100 allowed)`);
    events.forEach((e, i) => {
      if (!isObject(e)) {
        problems.push(`Events[${i}] is not an object`);
        return;
      }
      if (e.CallbackCommand !== undefined && e.CallbackCommand !== command) {
        problems.push(`Events[${i}].CallbackCommand is "${short(e.CallbackCommand)}" but the URL says ${command}`);
      }
      if (command !== 'Push.OfflinePush') return;
      checkShape(e, PUSH_EVENT, `Events[${i}].`, problems);
      if (e.EventType === 1) checkShape(e, { MsgKey: 'string', MsgRandom: 'int' }, `Events[${i}].`, problems);
      else if (e.EventType === 2) checkShape(e, { GroupID: 'string' }, `Events[${i}].`, problems);
      else if (typeof e.EventType === 'number') problems.push(`Events[${i}].EventType is ${e.EventType} (1 one-to-one, 2 group)`);
    });
    const first = events.find(isObject);
    out.summary = `${events.length} event${events.length === 1 ? '' : 's'}${first && typeof first.PushID === 'string' ? `, PushID ${short(first.PushID, 60)}` : ''}`;
    return;
  }
  if (body.CallbackCommand !== undefined && body.CallbackCommand !== command) {
    problems.push(`the body's CallbackCommand is "${short(body.CallbackCommand)}" but the URL says ${command}`);
  }
  const shape = TENCENT_SHAPES[command];
  if (shape) checkShape(body, shape, '', problems);
  else notes.push(`no body checks for ${command}`);
  const to = body.GroupId ?? body.To_Account;
  const text = firstText(body.MsgBody);
  out.summary = `${short(body.From_Account)} → ${short(to)}${text !== undefined ? ` "${short(text, 24)}"` : ''}`;
}

function validateOpenIm(req: IncomingCallback, pathCommand: string | undefined, opts: ValidateOptions, out: Validation): void {
  const { problems, notes } = out;
  void opts;
  if (header(req.headers, 'operationID') === undefined) problems.push('no operationID header (OpenIM sends one for tracing)');
  const ct = header(req.headers, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(ct)) problems.push(`Content-Type is "${short(ct, 40)}" (expected application/json; charset=utf-8)`);
  const body = parseBody(req.body, problems);
  const bodyCommand = body && typeof body.callbackCommand === 'string' ? body.callbackCommand : undefined;
  const command = pathCommand ?? bodyCommand;
  out.command = command;
  if (pathCommand === undefined && bodyCommand !== undefined) {
    notes.push('posted to the bare URL with the command only in the body (OpenIM v2.3.3 style; ≥3.7 appends /<command>)');
  }
  if (pathCommand !== undefined && bodyCommand !== undefined && bodyCommand !== pathCommand) {
    problems.push(`the body's callbackCommand is "${short(bodyCommand)}" but the path says ${pathCommand}`);
  }
  if (command === OPENIM_DOC_ONLY_COMMAND) notes.push(`${OPENIM_DOC_ONLY_COMMAND} appears only in OpenIM's docs; servers ≥3.7 send callbackBeforeOfflinePushCommand / callbackBeforeOnlinePushCommand`);
  else if (command !== undefined && OPENIM_LEGACY_PUSH_COMMANDS.includes(command)) notes.push(`${command} is the pre-3.7 name`);
  if (!body || command === undefined) return;
  const shape = OPENIM_SHAPES[command];
  if (shape) checkShape(body, shape, '', problems);
  else notes.push(`no body checks for ${command}`);
  const to = Array.isArray(body.userIDList) ? `${body.userIDList.length} user${body.userIDList.length === 1 ? '' : 's'}` : short(body.groupID ?? body.recvID);
  out.summary = `${short(body.sendID)} → ${to}${typeof body.content === 'string' ? ` "${short(body.content, 24)}"` : ''}`;
}

/** Validates one request and tells which protocol and command it is. */
export function validateCallback(req: IncomingCallback, opts: ValidateOptions): Validation {
  const out: Validation = { protocol: 'unknown', command: undefined, problems: [], notes: [], summary: '' };
  if (req.method !== 'POST') out.problems.push(`method ${req.method} (callbacks are POST)`);
  const last = req.path.split('/').filter(Boolean).pop();
  const pathCommand = last !== undefined && /^callback[A-Za-z0-9]+$/.test(last) ? last : undefined;
  if (req.query.has('CallbackCommand') || req.query.has('SdkAppid')) {
    out.protocol = 'tencent';
    validateTencent(req, opts, out);
  } else if (pathCommand !== undefined) {
    out.protocol = 'openim';
    validateOpenIm(req, pathCommand, opts, out);
  } else {
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      body = undefined;
    }
    if (isObject(body) && typeof body.callbackCommand === 'string') {
      out.protocol = 'openim';
      validateOpenIm(req, undefined, opts, out);
    } else {
      out.problems.push('not a callback: no CallbackCommand query parameter (Tencent) and no /callback…Command path (OpenIM)');
    }
  }
  return out;
}
