/**
 * What `chatpush listen` checks in an incoming callback's transport, pure: the query a Tencent callback carries
 * (protocols.md §3.1), its Sign and RequestTime window (callbacks/sign.ts, reference/callbacks.md §A4), OpenIM's
 * path and headers (§5.1, §5.2), and that the body is a JSON object. The body's fields are checked against the
 * command's JSON Schema by callbacks/schemas.ts (ajv), which replaced the hand-written shape checks that used to
 * live here. Returns problems (a correct backend would reject the request) and notes (worth knowing, not wrong).
 */
import { findJsonError } from '../json-error.js';
import { SIGN_WINDOW_S, verifySign } from '../callbacks/sign.js';
import {
  hasClientIp,
  isMessageCallback,
  OPENIM_DOC_ONLY_COMMAND,
  OPENIM_LEGACY_PUSH_COMMANDS,
  OPT_PLATFORMS,
  type Protocol,
} from './protocols.js';

export { SIGN_WINDOW_S };

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
  /** The parsed body, when it is a JSON object (for the schema check). */
  value?: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function header(headers: IncomingCallback['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function short(text: unknown, max = 32): string {
  const s = String(text ?? '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** "sender → recipient "text"": a side that is missing is left out, never an arrow with nothing around it. */
function fromTo(from: string, to: string, text: string | undefined): string {
  const quoted = text !== undefined ? `"${short(text, 24)}"` : '';
  const arrow = from !== '' && to !== '' ? `${from} → ${to}` : from !== '' ? `from ${from}` : to !== '' ? `to ${to}` : '';
  return [arrow, quoted].filter((p) => p !== '').join(' ');
}

function firstText(body: unknown): string | undefined {
  if (!Array.isArray(body)) return undefined;
  for (const e of body) {
    if (isObject(e) && e.MsgType === 'TIMTextElem' && isObject(e.MsgContent) && typeof e.MsgContent.Text === 'string') return e.MsgContent.Text;
  }
  return undefined;
}

/** Checks RequestTime and Sign when a token is configured (callbacks/sign.ts). */
function checkSign(query: URLSearchParams, opts: ValidateOptions, problems: string[]): void {
  if (opts.token === undefined) return;
  const check = verifySign(query, opts.token, opts.nowMs);
  if (check.valid) return;
  if (check.why === 'missing') problems.push(`${check.message}, but callback authentication is on (token set)`);
  else if (check.why === 'expired' || check.why === 'future') problems.push(`${check.message} (rejected as a replay)`);
  else problems.push(check.message);
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
    if (hasClientIp(command) && !q.has('ClientIP')) problems.push('no ClientIP query parameter (message callbacks carry it)');
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
    });
    out.value = body;
    const first = events.find(isObject);
    out.summary = `${events.length} event${events.length === 1 ? '' : 's'}${first && typeof first.PushID === 'string' ? `, PushID ${short(first.PushID, 60)}` : ''}`;
    return;
  }
  if (body.CallbackCommand !== undefined && body.CallbackCommand !== command) {
    problems.push(`the body's CallbackCommand is "${short(body.CallbackCommand)}" but the URL says ${command}`);
  }
  out.value = body;
  const to = body.GroupId ?? body.To_Account;
  const text = firstText(body.MsgBody);
  out.summary = fromTo(short(body.From_Account), short(to), text);
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
  out.value = body;
  const to = Array.isArray(body.userIDList) ? `${body.userIDList.length} user${body.userIDList.length === 1 ? '' : 's'}` : short(body.groupID ?? body.recvID);
  out.summary = fromTo(short(body.sendID), to, typeof body.content === 'string' ? body.content : undefined);
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
