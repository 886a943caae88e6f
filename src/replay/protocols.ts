/**
 * Tencent Chat and OpenIM callback protocols, pure: which protocol and command a body is, the URL, query
 * and headers each platform sends, and the callback Sign. Facts: reference/protocols.md §3 (Tencent) and
 * §5 (OpenIM).
 */

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

/** Webhooks OpenIM posts with ?key=base64(JSON{sendID,recvID,groupID}) (AsyncPostWithQuery; reference/callbacks.md §B2, main 7848d7c7). */
export const OPENIM_KEYED_COMMANDS: readonly string[] = ['callbackAfterSendSingleMsgCommand', 'callbackAfterSendGroupMsgCommand', 'callbackAfterMsgSaveDBCommand'];

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

/**
 * Whether Tencent adds ClientIP and OptPlatform: every callback but the push ones and the live-group member
 * state notification (reference/callbacks.md §A1: their documented URLs lack both).
 */
export function isMessageCallback(command: string): boolean {
  return !command.startsWith('Push.') && command !== 'Group.CallbackOnMemberStateChange';
}

/** Alert.RequestOverLimit carries OptPlatform but no ClientIP (§A1, 1047/60256). */
export function hasClientIp(command: string): boolean {
  return isMessageCallback(command) && command !== 'Alert.RequestOverLimit';
}

/** The callback signature (moved to callbacks/sign.ts; re-exported for existing callers). */
export { signCallback } from '../callbacks/sign.js';

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
  /** True when replay sets the operationID header (OpenIM, unless the fixture sets one). */
  operationId: boolean;
  /** The body's operationID: OpenIM sends the same value in the header (http_client.go:73-74). */
  bodyOperationId?: string;
}

export interface TargetSettings {
  url: URL;
  /** --url as typed: OpenIM concatenates the command to this text, not to a normalised URL. */
  rawUrl: string;
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
      if (hasClientIp(detected.command)) params.set('ClientIP', settings.clientIp);
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
  // OpenIM: `fullURL := c.url + "/" + command` — plain concatenation (open-im-server
  // pkg/common/webhook/http_client.go:71 at v3.8.3): a query in the base stays where it is and swallows the
  // command, a trailing '/' gives '//'. replay warns about both (commands/replay.ts) and sends what OpenIM sends.
  let full = `${settings.rawUrl.replace(/#.*$/, '')}/${detected.command}`;
  if (OPENIM_KEYED_COMMANDS.includes(detected.command) && isObject(fixture.value)) {
    // AsyncPostWithQuery (main 7848d7c7: http_client.go:98-117; msg/callback.go:209-219): ?key=base64(JSON
    // {sendID,recvID,groupID}) set on url.Parse(fullURL).Query(), then RawQuery = query.Encode() (sorted keys).
    const v = fixture.value;
    const key = JSON.stringify({ sendID: str(v.sendID), recvID: str(v.recvID), groupID: str(v.groupID) });
    full = goSetQuery(full, { key: Buffer.from(key).toString('base64') });
  }
  const parsed = new URL(full);
  let path = `${parsed.pathname}${parsed.search}`;
  if (fixture.query) {
    const params = new URLSearchParams(parsed.search);
    applyQuery(params, fixture.query);
    path = withQuery(parsed.pathname, params);
  }
  const bodyOp = isObject(fixture.value) && typeof fixture.value.operationID === 'string' && fixture.value.operationID !== '' ? fixture.value.operationID : undefined;
  return {
    origin: parsed.origin,
    path,
    sign: false,
    displayUrl: `${parsed.origin}${path}`,
    headers: mergeHeaders({ 'content-type': 'application/json; charset=utf-8' }, fixture.headers),
    operationId: !headerSet(fixture.headers, 'operationID'),
    ...(bodyOp !== undefined ? { bodyOperationId: bodyOp } : {}),
  };
}

/** Go's url.QueryEscape: everything but A-Z a-z 0-9 - _ . ~ is %XX; a space is '+'. */
export function goQueryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * What Go does with `u, _ := url.Parse(s); q := u.Query(); q.Set(k, v)…; u.RawQuery = q.Encode()`: pairs that
 * do not unescape (or hold ';') are dropped, keys come out sorted, values escaped with QueryEscape.
 */
export function goSetQuery(url: string, set: Record<string, string>): string {
  const q = url.indexOf('?');
  const base = q === -1 ? url : url.slice(0, q);
  const raw = q === -1 ? '' : url.slice(q + 1);
  const values = new Map<string, string[]>();
  for (const pair of raw.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const [k, v] = eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      const key = decodeURIComponent(k.replace(/\+/g, ' '));
      const value = decodeURIComponent(v.replace(/\+/g, ' '));
      values.set(key, [...(values.get(key) ?? []), value]);
    } catch {
      // Go's ParseQuery skips a pair with a bad escape.
    }
  }
  for (const [k, v] of Object.entries(set)) values.set(k, [v]);
  const encoded = [...values.keys()]
    .sort()
    .flatMap((k) => values.get(k)!.map((v) => `${goQueryEscape(k)}=${goQueryEscape(v)}`))
    .join('&');
  return `${base}?${encoded}`;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
