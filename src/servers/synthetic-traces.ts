/**
 * Synthetic push traces for the sandbox (pure, deterministic): a PushID whose last segment starts with `sbx`
 * gets a normal_push_trace answer derived from the ID itself — the two hex digits after `sbx` pick the scenario
 * (vendor and outcome), the rest seeds the timings. So a capture of hundreds of Push.OfflinePush events can be
 * traced against the sandbox without shipping hundreds of fixture files, and every run answers the same.
 * The shapes follow the real response (seed 002, reference/protocols.md §2.4); the failure texts are the ones
 * diagnose.ts recognises from Tencent's loss analysis and the vendors' documented errors (§4.3). These are
 * samples for demos and tests, not recorded production data.
 */

/** The marker that makes a PushID synthetic: its last `_` segment starts with it. */
export const SYNTHETIC_MARK = 'sbx';

interface StageSpec {
  status: 1 | 2;
  code?: number;
  info?: string;
}

export interface Scenario {
  name: string;
  platform: number;
  system: 'iOS' | 'Android';
  model: string;
  /** The stages reached, in order; a missing stage is "not reached". */
  stages: Partial<Record<'im' | 'offline' | 'channel' | 'device' | 'click', StageSpec>>;
  notification?: 0 | 1;
  token?: boolean;
  certId?: string;
  /** ErrCode / ErrInfo of the Push.OfflinePush callback event for this push. */
  event: { errCode: number; errInfo: string };
  /** Relative weight in a generated capture (0: only when asked for by index). */
  weight: number;
  /** A second instance (another device of the same user), when the scenario has one. */
  second?: number;
}

const OK: StageSpec = { status: 1, code: 0, info: 'success' };

/** The scenarios, by index (the two hex digits after `sbx`). */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'clicked · APNs', platform: 1, system: 'iOS', model: 'iPhone15,2', stages: { im: OK, offline: OK, channel: OK, device: OK, click: OK }, event: { errCode: 0, errInfo: 'OK' }, weight: 10 },
  { name: 'delivered · Xiaomi', platform: 2, system: 'Android', model: '23049RAD8C', stages: { im: OK, offline: OK, channel: OK, device: OK }, event: { errCode: 0, errInfo: 'OK' }, weight: 10 },
  { name: 'delivered · Huawei', platform: 3, system: 'Android', model: 'ALN-AL00', stages: { im: OK, offline: OK, channel: OK, device: OK }, event: { errCode: 0, errInfo: 'OK' }, weight: 8 },
  {
    name: 'failed at vendor channel · Xiaomi · token invalid',
    platform: 2, system: 'Android', model: '2201123C',
    stages: { im: OK, offline: OK, channel: { status: 2, code: 20301, info: 'regid_invalid: the device token is not valid' } },
    event: { errCode: 20301, errInfo: 'regid_invalid' }, weight: 14,
  },
  {
    name: 'failed at vendor channel · Huawei · token invalid',
    platform: 3, system: 'Android', model: 'NOH-AN00',
    stages: { im: OK, offline: OK, channel: { status: 2, code: 80300007, info: 'all tokens are invalid' } },
    event: { errCode: 80300007, errInfo: 'all tokens are invalid' }, weight: 9,
  },
  {
    name: 'failed at offline submit · APNs · certificate not configured',
    platform: 1, system: 'iOS', model: 'iPhone14,5', certId: '0',
    stages: { im: OK, offline: { status: 2, code: 800012, info: 'certificate id not set' } },
    event: { errCode: 800012, errInfo: 'certificate id not set' }, weight: 5,
  },
  {
    name: 'failed at device · vivo · notifications off',
    platform: 7, system: 'Android', model: 'V2241A', notification: 0,
    stages: { im: OK, offline: OK, channel: OK, device: { status: 2, code: 800016, info: 'notification switch is off' } },
    event: { errCode: 800016, errInfo: 'notification switch is off' }, weight: 6,
  },
  {
    name: 'failed at vendor channel · Google FCM · quota',
    platform: 4, system: 'Android', model: 'Pixel 8',
    stages: { im: OK, offline: OK, channel: { status: 2, code: 429, info: 'QUOTA_EXCEEDED: sending rate exceeded' } },
    event: { errCode: 429, errInfo: 'QUOTA_EXCEEDED' }, weight: 4,
  },
  { name: 'pending at device · OPPO', platform: 6, system: 'Android', model: 'PHB110', stages: { im: OK, offline: OK, channel: OK }, event: { errCode: 0, errInfo: 'OK' }, weight: 6 },
  {
    name: 'failed at offline submit · Honor · no token',
    platform: 8, system: 'Android', model: 'ANY-AN00', token: false,
    stages: { im: OK, offline: { status: 2, code: 800009, info: 'push token is empty' } },
    event: { errCode: 800009, errInfo: 'push token is empty' }, weight: 5,
  },
  {
    name: 'failed at vendor channel · Meizu · vendor credentials',
    platform: 5, system: 'Android', model: 'MEIZU 20',
    stages: { im: OK, offline: OK, channel: { status: 2, code: 110002, info: 'invalid app secret' } },
    event: { errCode: 110002, errInfo: 'invalid app secret' }, weight: 3,
  },
  { name: 'clicked · Google FCM', platform: 4, system: 'Android', model: 'SM-S918B', stages: { im: OK, offline: OK, channel: OK, device: OK, click: OK }, event: { errCode: 0, errInfo: 'OK' }, weight: 6 },
  {
    name: 'clicked on an iPhone, token invalid on a Xiaomi phone',
    platform: 2, system: 'Android', model: 'M2012K11AC',
    stages: { im: OK, offline: OK, channel: { status: 2, code: 20301, info: 'regid_invalid' } },
    event: { errCode: 20301, errInfo: 'regid_invalid' }, weight: 4, second: 0,
  },
  {
    name: 'hostile ErrorInfo (markup) · APNs',
    platform: 1, system: 'iOS', model: 'iPhone13,2',
    stages: { im: OK, offline: OK, channel: { status: 2, code: 400, info: '<script>alert("xss")</script><img src=x onerror="alert(1)"> BadDeviceToken' } },
    event: { errCode: 400, errInfo: '<b>BadDeviceToken</b>' }, weight: 0,
  },
];

/** Index of the hostile-text scenario (never in a generated mix; tests ask for it). */
export const HOSTILE_SCENARIO = SCENARIOS.findIndex((s) => s.name.startsWith('hostile'));

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A small deterministic generator (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

/** A synthetic PushID for scenario `index` at `timeS` (unix seconds; the first segment, as in real PushIDs). */
export function syntheticPushId(index: number, timeS: number, rand: () => number): string {
  const r = (): number => Math.floor(rand() * 0x100000000);
  return `${hex(timeS, 8)}_${hex(r(), 8)}_${hex(r(), 8)}_2000${hex(r(), 8)}${hex(r(), 3)}_${SYNTHETIC_MARK}${hex(index, 2)}${hex(r(), 8)}${hex(r(), 2)}`;
}

/** The scenario index a synthetic PushID names, or undefined for any other PushID. */
export function scenarioOf(pushId: string): number | undefined {
  const last = pushId.slice(pushId.lastIndexOf('_') + 1);
  if (!last.startsWith(SYNTHETIC_MARK)) return undefined;
  const index = Number.parseInt(last.slice(SYNTHETIC_MARK.length, SYNTHETIC_MARK.length + 2), 16);
  return Number.isInteger(index) && index >= 0 && index < SCENARIOS.length ? index : undefined;
}

/** "YYYY-MM-DD HH:MM:SS" of a unix time in ms (UTC: the trace API's timezone is undocumented, §6). */
function eventTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function instance(s: Scenario, pushMs: number, rand: () => number, n: number): Record<string, unknown> {
  const offsets = { im: 0, offline: 200 + rand() * 800, channel: 900 + rand() * 2500, device: 1500 + rand() * 6000, click: 60_000 + rand() * 3_000_000 };
  let at = pushMs;
  const stat = (name: keyof typeof offsets): Record<string, unknown> | undefined => {
    const spec = s.stages[name];
    if (!spec) return undefined;
    at = Math.max(at, pushMs + offsets[name]);
    return { PushStatus: spec.status, ErrorCode: spec.code ?? 0, ErrorInfo: spec.info ?? '', EventTime: eventTime(at) };
  };
  const im = stat('im');
  const off: Record<string, unknown> = {};
  for (const [key, name] of [['OfflineStat', 'offline'], ['ChannelStat', 'channel'], ['DeviceStat', 'device'], ['ClickStat', 'click']] as const) {
    const v = stat(name);
    if (v) off[key] = v;
  }
  return {
    InstanceId: String(100000000 + Math.floor(rand() * 899999999) + n),
    PushTime: eventTime(pushMs),
    DeviceModel: s.model,
    System: s.system,
    SystemVersion: s.system === 'iOS' ? '17.5.1' : '14',
    PushPlatform: s.platform,
    Token: s.token === false ? '' : 'synthetic-token',
    CertId: s.certId ?? String(40000 + s.platform),
    SdkVersion: '8.4.6667',
    PushVersion: '8.4.6667',
    NotificationStatus: s.notification ?? 1,
    last_active_terminal: 1,
    ...(im ? { IMCommitStat: { IMStat: im } } : {}),
    OfflinePushStat: off,
  };
}

/** The normal_push_trace response for a synthetic PushID, or undefined when the PushID is not synthetic. */
export function syntheticTrace(pushId: string): Record<string, unknown> | undefined {
  const index = scenarioOf(pushId);
  if (index === undefined) return undefined;
  const s = SCENARIOS[index]!;
  const rand = prng(hash(pushId));
  const timeS = Number.parseInt(pushId.slice(0, 8), 16);
  const pushMs = (Number.isFinite(timeS) ? timeS : 1_762_160_000) * 1000;
  const list = [instance(s, pushMs, rand, 0)];
  if (s.second !== undefined) list.push(instance(SCENARIOS[s.second]!, pushMs, rand, 1));
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: 'sucess', InstanceTrace: list };
}

/** Picks scenarios by weight. */
function pickScenario(rand: () => number): number {
  const total = SCENARIOS.reduce((n, s) => n + s.weight, 0);
  let x = rand() * total;
  for (let i = 0; i < SCENARIOS.length; i++) {
    x -= SCENARIOS[i]!.weight;
    if (x < 0) return i;
  }
  return 0;
}

/**
 * `count` Push.OfflinePush events (the callback's fields, seed 000) for synthetic pushes with a mix of vendors
 * and outcomes, from `seed`; each event's ErrCode agrees with its trace. Events are one second apart from `startS`.
 */
export function syntheticOfflinePushEvents(count: number, opts: { seed: number; startS: number }): Record<string, unknown>[] {
  const rand = prng(opts.seed);
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const index = pickScenario(rand);
    const s = SCENARIOS[index]!;
    const t = opts.startS + i;
    const seq = 10000 + i;
    const msgRandom = Math.floor(rand() * 1e9);
    events.push({
      CallbackCommand: 'Push.OfflinePush',
      EventType: 1,
      EventTime: t + 1,
      From_Account: 'support_bot',
      To_Account: `user${String(i + 1).padStart(4, '0')}`,
      PushPlatform: s.platform,
      PushStage: 1,
      MsgKey: `${seq}_${msgRandom}_${t}`,
      MsgSeq: seq,
      MsgRandom: msgRandom,
      MsgTime: t,
      PushID: syntheticPushId(index, t, rand),
      ErrCode: s.event.errCode,
      ErrInfo: s.event.errInfo,
    });
  }
  return events;
}
