/**
 * Raw `normal_push_trace` response → Trace (pure: no I/O, no clock). Field names, the stage order and the
 * PushStatus values come from the API page (seed 002, reference/protocols.md §2.4 and §4.2). The parser is
 * lenient on purpose: unknown fields are ignored, missing stage objects are "not reached", numbers may come
 * as strings, and both `last_active_terminal` (the example) and `LastActiveTerminal` (the field table) are read.
 */
import { memoize } from '../memo.js';

/** Stage names of the JSON contract (spec.md "Output"), in timeline order. */
export const STAGE_NAMES = ['im', 'offline', 'channel', 'device', 'click', 'online.channel', 'online.device'] as const;

export type StageName = (typeof STAGE_NAMES)[number];
export type StageStatus = 'success' | 'failed' | 'not_reached';

/** The offline path, in order: IMStat → OfflineStat → ChannelStat → DeviceStat → ClickStat (§2.4). */
export const OFFLINE_PATH: readonly StageName[] = ['im', 'offline', 'channel', 'device', 'click'];

/** Human labels for the timeline (the console's "Chat server > Manufacturer Server > Terminal Device > User Click", §4.4). */
export const STAGE_LABELS: Readonly<Record<StageName, string>> = {
  im: 'IM server',
  offline: 'offline submit',
  channel: 'vendor channel',
  device: 'device',
  click: 'click',
  'online.channel': 'online channel',
  'online.device': 'online device',
};

/** Vendor names by PushPlatform 0–8 (seed 002 field table, §4.2). */
export const PLATFORM_NAMES: readonly string[] = [
  'unknown vendor',
  'Apple APNs',
  'Xiaomi',
  'Huawei',
  'Google FCM',
  'Meizu',
  'OPPO',
  'vivo',
  'Honor',
];

export interface Stage {
  name: StageName;
  status: StageStatus;
  /** EventTime as the server wrote it ("YYYY-MM-DD HH:MM:SS", timezone undocumented, §6); null when not reached. */
  time: string | null;
  /** EventTime − PushTime in ms; null when either is missing. */
  offsetMs: number | null;
  errorCode: number | null;
  errorInfo: string | null;
}

export interface Platform {
  code: number | null;
  name: string;
}

export interface Instance {
  instanceId: string;
  platform: Platform;
  system: string;
  systemVersion: string;
  deviceModel: string;
  sdkVersion: string;
  pushVersion: string;
  pushTime: string | null;
  /** NotificationStatus: 1 on, 0 off, null when absent (polarity follows the field's name, §2.4). */
  notificationEnabled: boolean | null;
  /** Whether a vendor token was bound at dispatch. The token itself is never kept (it identifies a device). */
  tokenPresent: boolean;
  certId: string | null;
  /** false when CertId is "0" or empty: no vendor certificate configured ("certificate id not set", §2.4). */
  certConfigured: boolean | null;
  /** last_active_terminal / LastActiveTerminal: 1 recently active, 0 not, null when absent. */
  lastActive: boolean | null;
  /**
   * all_member_push_trace's EventType: 1 offline, 2 online (the Push.AllMemberPush reading; UNCONFIRMED for
   * this API, reference/push-apis.md §4); null when absent (normal_push_trace) or another value.
   */
  eventType: 'offline' | 'online' | null;
  /** The EventType value as sent when it was neither 1 nor 2 (for the --verbose note), else null. */
  unknownEventType: string | null;
  /** Stages in timeline order: the five offline ones always, the online ones when OnlinePushStat is present. */
  stages: Stage[];
}

export interface Trace {
  pushId: string;
  instances: Instance[];
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function int(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

function flag(v: unknown): boolean | null {
  const n = int(v);
  if (n === null) return typeof v === 'boolean' ? v : null;
  return n !== 0;
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * Parses "YYYY-MM-DD HH:MM:SS" as a naive timestamp (ms, read as if UTC: only differences are used, and both
 * ends share the server's undocumented timezone). Empty strings and the zero/epoch placeholders that
 * back ends emit for "never happened" ("0000-00-00 00:00:00", "1970-01-01 08:00:00") give null.
 *
 * Remembered by text: every instance of a push carries the same PushTime, and their stages' times (to the second)
 * repeat across instances, so a trace has few distinct ones (issue 15).
 */
export const parseEventTime: (text: string) => number | null = memoize(readEventTime, 4096);

function readEventTime(text: string): number | null {
  const t = text.trim();
  // The shape every answer uses, "YYYY-MM-DD HH:MM:SS", read digit by digit: this runs five times per instance,
  // and the regular expression with its match array was a tenth of a 20 000-instance render (issue 15).
  if (t.length === 19) {
    const y = digits(t, 0, 4);
    const mo = digits(t, 5, 2);
    const d = digits(t, 8, 2);
    const h = digits(t, 11, 2);
    const mi = digits(t, 14, 2);
    const s = digits(t, 17, 2);
    const sep = t.charCodeAt(10);
    if (y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && s >= 0 && t.charCodeAt(4) === 0x2d && t.charCodeAt(7) === 0x2d && (sep === 0x20 || sep === 0x54) && t.charCodeAt(13) === 0x3a && t.charCodeAt(16) === 0x3a) {
      return validTime(y, mo, d, h, mi, s, 0);
    }
  }
  const m = TIME_RE.exec(t);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  return validTime(y, mo, d, h, mi, s, ms);
}

/** The value of `len` ASCII digits at `at`, or -1 when any is not a digit. */
function digits(t: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = t.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The timestamp, or null for the zero/epoch placeholders and impossible fields. */
function validTime(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (y < 1971 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), as Date.UTC counts them: a day
 * past the month's end (Feb 31) runs on into the next month. Date.UTC was a third of parsing a time (issue 15).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

// The known vendors' Platform objects, shared by every instance (they are never changed after they are made).
const PLATFORMS: readonly Platform[] = PLATFORM_NAMES.map((name, code) => ({ code, name }));

/** The vendor for a PushPlatform value; unknown numbers render as `vendor#N` (§4.2). */
export function platformOf(value: unknown): Platform {
  const code = int(value);
  if (code === null) return { code: null, name: 'unknown vendor' };
  // -0 (from "-0" or -0.5) keeps its own object, as it always had.
  return (Object.is(code, -0) ? undefined : PLATFORMS[code]) ?? { code, name: PLATFORM_NAMES[code] ?? `vendor#${code}` };
}

/** One `*Stat` object → Stage. PushStatus 1 success, 2 failure, 0/absent/other not reached (§4.2). */
export function buildStage(name: StageName, raw: unknown, pushTimeMs: number | null): Stage {
  if (!isObj(raw)) return { name, status: 'not_reached', time: null, offsetMs: null, errorCode: null, errorInfo: null };
  const ps = int(raw.PushStatus);
  const status: StageStatus = ps === 1 ? 'success' : ps === 2 ? 'failed' : 'not_reached';
  const timeText = str(raw.EventTime).trim();
  const timeMs = parseEventTime(timeText);
  const reached = status !== 'not_reached';
  const code = int(raw.ErrorCode);
  const info = str(raw.ErrorInfo);
  return {
    name,
    status,
    time: reached && timeMs !== null ? timeText : null,
    offsetMs: reached && timeMs !== null && pushTimeMs !== null ? timeMs - pushTimeMs : null,
    // A stage that was not reached may still carry a code/info worth showing; keep it only when it says something.
    errorCode: reached ? (code ?? 0) : code !== null && code !== 0 ? code : null,
    errorInfo: reached ? info : info !== '' ? info : null,
  };
}

/** Reads a field under either spelling (`last_active_terminal` in the example, `LastActiveTerminal` in the table). */
function either(o: Obj, first: string, second: string): unknown {
  if (Object.hasOwn(o, first)) return o[first];
  if (Object.hasOwn(o, second)) return o[second];
  return undefined;
}

/** One InstanceTrace entry → Instance. */
export function buildInstance(raw: Obj, index: number): Instance {
  const pushTimeText = str(raw.PushTime).trim();
  const pushTimeMs = parseEventTime(pushTimeText);
  const im = isObj(raw.IMCommitStat) ? raw.IMCommitStat : {};
  const off = isObj(raw.OfflinePushStat) ? raw.OfflinePushStat : {};
  const stages: Stage[] = [
    buildStage('im', im.IMStat, pushTimeMs),
    buildStage('offline', off.OfflineStat, pushTimeMs),
    buildStage('channel', off.ChannelStat, pushTimeMs),
    buildStage('device', off.DeviceStat, pushTimeMs),
    buildStage('click', off.ClickStat, pushTimeMs),
  ];
  if (isObj(raw.OnlinePushStat)) {
    stages.push(
      buildStage('online.channel', raw.OnlinePushStat.ChannelStat, pushTimeMs),
      buildStage('online.device', raw.OnlinePushStat.DeviceStat, pushTimeMs),
    );
  }
  const certRaw = either(raw, 'CertId', 'CertID');
  const certId = certRaw === undefined ? null : str(certRaw).trim();
  const instanceId = str(either(raw, 'InstanceId', 'InstanceID')).trim();
  const ev = raw.EventType;
  const evN = int(ev);
  const eventType = evN === 1 ? 'offline' : evN === 2 ? 'online' : null;
  return {
    instanceId: instanceId === '' ? `#${index + 1}` : instanceId,
    platform: platformOf(raw.PushPlatform),
    system: str(raw.System).trim(),
    systemVersion: str(raw.SystemVersion).trim(),
    deviceModel: str(raw.DeviceModel).trim(),
    sdkVersion: str(raw.SdkVersion).trim(),
    pushVersion: str(raw.PushVersion).trim(),
    pushTime: pushTimeMs === null ? null : pushTimeText,
    notificationEnabled: flag(raw.NotificationStatus),
    tokenPresent: str(raw.Token).trim() !== '',
    certId,
    certConfigured: certId === null ? null : certId !== '' && certId !== '0',
    lastActive: flag(either(raw, 'last_active_terminal', 'LastActiveTerminal')),
    eventType,
    unknownEventType: eventType === null && ev !== undefined && ev !== null ? (JSON.stringify(ev) ?? String(ev)).slice(0, 40) : null,
    stages,
  };
}

/** The response's InstanceTrace entries as objects (a missing or non-array InstanceTrace is empty: "not found"). */
export function instanceEntries(response: unknown): Obj[] {
  if (!isObj(response)) return [];
  const list = either(response, 'InstanceTrace', 'InstanceTraces');
  return Array.isArray(list) ? list.filter(isObj) : [];
}

/** Builds the Trace for one PushID from a parsed response body. */
export function buildTrace(pushId: string, response: unknown): Trace {
  return { pushId, instances: instanceEntries(response).map(buildInstance) };
}

// Where buildInstance puts each stage (STAGE_NAMES order; the online ones only when present).
const STAGE_INDEX = Object.fromEntries(STAGE_NAMES.map((name, i) => [name, i])) as Readonly<Record<StageName, number>>;

/**
 * Finds a stage of an instance by name: at its place in STAGE_NAMES order, where buildInstance puts it, else by
 * looking (a diagnosis asks for up to five stages per instance; issue 15).
 */
export function stageOf(instance: Instance, name: StageName): Stage | undefined {
  const at = instance.stages[STAGE_INDEX[name]];
  if (at !== undefined && at.name === name) return at;
  for (const s of instance.stages) if (s.name === name) return s;
  return undefined;
}
