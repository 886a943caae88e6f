/**
 * Tencent Chat and OpenIM callback protocols, pure: which protocol and command a body is, the URL, query
 * and headers each platform sends, and the callback Sign. Facts: reference/protocols.md §3 (Tencent) and
 * §5 (OpenIM).
 */
import { createHash } from 'node:crypto';

export type Protocol = 'tencent' | 'openim';

export interface Detected {
  protocol: Protocol;
  command: string;
}

/** Push callbacks: documented with only SdkAppid, CallbackCommand and contenttype (protocols.md §3.1, §4.1). */
export const TENCENT_PUSH_COMMANDS: readonly string[] = ['Push.OfflinePush', 'Push.AllMemberPush'];

/** Before-send callbacks, whose ErrorCode decides the message's fate (protocols.md §3.3). */
export const TENCENT_BEFORE_SEND: readonly string[] = ['C2C.CallbackBeforeSendMsg', 'Group.CallbackBeforeSendMsg'];

/** The push before-callbacks OpenIM ≥3.7 really sends (protocols.md §5.3, pkg/callbackstruct/constant.go). */
export const OPENIM_PUSH_COMMANDS: readonly string[] = [
  'callbackBeforeOfflinePushCommand',
  'callbackBeforeOnlinePushCommand',
  'callbackBeforeGroupOnlinePushCommand',
];

/** Names used by OpenIM v2.3.3 … v3.6 before the 3.7 rename (protocols.md §5.3). */
export const OPENIM_LEGACY_PUSH_COMMANDS: readonly string[] = [
  'callbackOfflinePushCommand',
  'callbackOnlinePushCommand',
  'callbackSuperGroupOnlinePushCommand',
];

/** The name in OpenIM's docs (seed 003) that no server version sends (protocols.md §5.1). */
export const OPENIM_DOC_ONLY_COMMAND = 'callbackBeforePushCommand';

/** After-send message callbacks, posted with ?key=base64(JSON{sendID,recvID,groupID}) (protocols.md §5.1). */
export const OPENIM_KEYED_COMMANDS: readonly string[] = ['callbackAfterSendSingleMsgCommand', 'callbackAfterSendGroupMsgCommand'];

/** OptPlatform values Tencent documents (protocols.md §3.1); State.StateChange alone uses "IOS". */
export const OPT_PLATFORMS: readonly string[] = ['RESTAPI', 'Web', 'Android', 'iOS', 'IOS', 'Windows', 'Mac', 'iPad', 'Unknown'];

/** The protocol a command name belongs to: Tencent's are `Area.Name`, OpenIM's start with `callback`. */
export function protocolOf(command: string): Protocol | undefined {
  if (/^[A-Za-z0-9]+\.[A-Za-z0-9.]+$/.test(command)) return 'tencent';
  if (/^callback[A-Za-z0-9]+$/.test(command)) return 'openim';
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The protocol and command of a body: Tencent's `CallbackCommand` at the top level or in `Events[0]`
 * (Push.OfflinePush batches, protocols.md §4.1), or OpenIM's `callbackCommand`.
 */
export function detectCommand(body: unknown): Detected | undefined {
  if (!isObject(body)) return undefined;
  const top = body.CallbackCommand;
  if (typeof top === 'string' && top !== '') return { protocol: 'tencent', command: top };
  const events = body.Events;
  if (Array.isArray(events) && isObject(events[0])) {
    const c = events[0].CallbackCommand;
    if (typeof c === 'string' && c !== '') return { protocol: 'tencent', command: c };
  }
  const openim = body.callbackCommand;
  if (typeof openim === 'string' && openim !== '') return { protocol: 'openim', command: openim };
  return undefined;
}

/** Whether Tencent adds ClientIP and OptPlatform: every callback but the push ones (protocols.md §3.1). */
export function isMessageCallback(command: string): boolean {
  return !command.startsWith('Push.');
}

/**
 * The callback signature: lower-case hex sha256(token + RequestTime), RequestTime in unix seconds
 * (protocols.md §3.2; vector: token xxxxyyyy, 1669872112 → 17773bc3…4061).
 */
export function signCallback(token: string, requestTime: number): string {
  return createHash('sha256').update(`${token}${requestTime}`).digest('hex');
}

/** What a callback is sent with, except the per-send parts (RequestTime/Sign, operationID, fresh body). */
export interface Target {
  /** scheme://host:port */
  origin: string;
  /** Path and query, without RequestTime/Sign. */
  path: string;
  /** True when RequestTime and Sign must be appended at send time. */
  sign: boolean;
  /** The URL shown in reports: never a Sign. */
  displayUrl: string;
  /** Headers sent with every request. */
  headers: Record<string, string>;
  /** True when an operationID header must be generated per send (OpenIM, unless the fixture sets one). */
  operationId: boolean;
}

export interface TargetSettings {
  url: URL;
  sdkappid: number;
  clientIp: string;
  optPlatform: string;
  /** Whether a callback token is configured (the token itself never enters the Target). */
  signed: boolean;
}

/** Applies a fixture's query overrides: a value replaces (or adds), null removes. */
function applyQuery(params: URLSearchParams, query: Record<string, string | null> | undefined): void {
  if (!query) return;
  for (const [k, v] of Object.entries(query)) {
    if (v === null) params.delete(k);
    else params.set(k, v);
  }
}

function withQuery(pathname: string, params: URLSearchParams): string {
  const q = params.toString();
  return q === '' ? pathname : `${pathname}?${q}`;
}

function headerSet(headers: Record<string, string> | undefined, name: string): boolean {
  return headers !== undefined && Object.keys(headers).some((h) => h.toLowerCase() === name.toLowerCase());
}

/** Merges default and fixture headers; the fixture wins whatever the case of its header names. */
function mergeHeaders(defaults: Record<string, string>, extra: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(defaults)) if (!headerSet(extra, k)) out[k] = v;
  return { ...out, ...extra };
}

/**
 * Builds where and how a callback is posted.
 * Tencent: POST {url}?SdkAppid&CallbackCommand&contenttype=json[&ClientIP&OptPlatform] (protocols.md §3.1).
 * OpenIM ≥3.7: POST {url}/{command} with operationID and Content-Type: application/json; charset=utf-8 (§5.1, §5.2).
 */
export function buildTarget(
  detected: Detected,
  settings: TargetSettings,
  fixture: { value: unknown; query?: Record<string, string | null>; headers?: Record<string, string> },
): Target {
  const url = settings.url;
  const origin = url.origin;
  if (detected.protocol === 'tencent') {
    const params = new URLSearchParams(url.search);
    params.set('SdkAppid', String(settings.sdkappid));
    params.set('CallbackCommand', detected.command);
    params.set('contenttype', 'json');
    if (isMessageCallback(detected.command)) {
      params.set('ClientIP', settings.clientIp);
      params.set('OptPlatform', settings.optPlatform);
    }
    applyQuery(params, fixture.query);
    // A fixture that sets RequestTime or Sign itself (to test a backend's rejection) is sent as written.
    const sign = settings.signed && !params.has('Sign') && !params.has('RequestTime');
    const displayParams = new URLSearchParams(params);
    displayParams.delete('Sign');
    const path = withQuery(url.pathname, params);
    return {
      origin,
      path,
      sign,
      displayUrl: `${origin}${withQuery(url.pathname, displayParams)}`,
      headers: mergeHeaders({ 'content-type': 'application/json' }, fixture.headers),
      operationId: false,
    };
  }
  // OpenIM: fullURL := c.url + "/" + command. A trailing '/' on the base would give '//' (§5.1); the
  // command module warns about it and passes the base without it.
  const pathname = `${url.pathname.replace(/\/+$/, '')}/${detected.command}`;
  const params = new URLSearchParams(url.search);
  if (OPENIM_KEYED_COMMANDS.includes(detected.command) && isObject(fixture.value)) {
    const v = fixture.value;
    const key = JSON.stringify({ sendID: str(v.sendID), recvID: str(v.recvID), groupID: str(v.groupID) });
    params.set('key', Buffer.from(key).toString('base64'));
  }
  applyQuery(params, fixture.query);
  const path = withQuery(pathname, params);
  return {
    origin,
    path,
    sign: false,
    displayUrl: `${origin}${path}`,
    headers: mergeHeaders({ 'content-type': 'application/json; charset=utf-8' }, fixture.headers),
    operationId: !headerSet(fixture.headers, 'operationID'),
  };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
