/**
 * Trace API responses for tests: the seed page's example verbatim, a small builder for instances, and a
 * generator for large responses. Shipped samples live in fixtures/traces/ (the sandbox's data).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** The response example of the normal_push_trace page, verbatim (seed 002, reference/protocols.md §2.4). */
export const SEED_EXAMPLE = {
  ActionStatus: 'OK',
  ErrorCode: 0,
  ErrorInfo: 'sucess',
  InstanceTrace: [
    {
      InstanceId: '101205908',
      PushTime: '2025-03-07 10:04:47',
      DeviceModel: '',
      System: 'APNS',
      SystemVersion: '',
      PushPlatform: 1,
      Token: '',
      CertId: '0',
      SdkVersion: '',
      PushVersion: '',
      NotificationStatus: 0,
      last_active_terminal: 1,
      IMCommitStat: { IMStat: { PushStatus: 1, ErrorCode: 0, ErrorInfo: 'success', EventTime: '2025-03-07 10:04:47' } },
      OfflinePushStat: {
        OfflineStat: { PushStatus: 1, ErrorCode: 0, ErrorInfo: 'success', EventTime: '2025-03-13 16:16:29' },
        ChannelStat: { PushStatus: 1, ErrorCode: 0, ErrorInfo: 'success', EventTime: '2025-03-13 16:16:29' },
        DeviceStat: { PushStatus: 1, ErrorCode: 0, ErrorInfo: 'success', EventTime: '2025-03-13 16:16:29' },
        ClickStat: { PushStatus: 1, ErrorCode: 0, ErrorInfo: 'success', EventTime: '2025-03-13 16:16:29' },
      },
    },
  ],
};

export type StatSpec = 1 | 2 | 0 | undefined | { PushStatus: number; ErrorCode?: number; ErrorInfo?: string; EventTime?: string };

const PUSH_TIME = '2025-11-04 08:45:10';

function stat(spec: StatSpec, second: number): Record<string, unknown> | undefined {
  if (spec === undefined) return undefined;
  if (typeof spec === 'object') return { ErrorCode: 0, ErrorInfo: '', EventTime: `2025-11-04 08:45:${String(10 + second).padStart(2, '0')}`, ...spec };
  if (spec === 0) return { PushStatus: 0, ErrorCode: 0, ErrorInfo: '', EventTime: '' };
  return {
    PushStatus: spec,
    ErrorCode: spec === 1 ? 0 : 1,
    ErrorInfo: spec === 1 ? 'success' : 'error',
    EventTime: `2025-11-04 08:45:${String(10 + second).padStart(2, '0')}`,
  };
}

export interface InstanceSpec {
  im?: StatSpec;
  offline?: StatSpec;
  channel?: StatSpec;
  device?: StatSpec;
  click?: StatSpec;
  online?: { channel?: StatSpec; device?: StatSpec };
  fields?: Record<string, unknown>;
}

/** One InstanceTrace entry: stages by status (1 success, 2 failure, 0 not reached, undefined absent). */
export function instance(spec: InstanceSpec): Record<string, unknown> {
  const off: Record<string, unknown> = {};
  const put = (o: Record<string, unknown>, k: string, v: Record<string, unknown> | undefined): void => {
    if (v) o[k] = v;
  };
  put(off, 'OfflineStat', stat(spec.offline, 0));
  put(off, 'ChannelStat', stat(spec.channel, 1));
  put(off, 'DeviceStat', stat(spec.device, 2));
  put(off, 'ClickStat', stat(spec.click, 30));
  const out: Record<string, unknown> = {
    InstanceId: '109921377',
    PushTime: PUSH_TIME,
    DeviceModel: '23049RAD8C',
    System: 'Android',
    SystemVersion: '14',
    PushPlatform: 2,
    Token: 'tok',
    CertId: '35870',
    SdkVersion: '8.3.6498',
    PushVersion: '8.3.6498',
    NotificationStatus: 1,
    last_active_terminal: 1,
    IMCommitStat: { IMStat: stat(spec.im ?? 1, 0) },
    OfflinePushStat: off,
    ...spec.fields,
  };
  if (spec.online) {
    const on: Record<string, unknown> = {};
    put(on, 'ChannelStat', stat(spec.online.channel, 0));
    put(on, 'DeviceStat', stat(spec.online.device, 0));
    out.OnlinePushStat = on;
  }
  return out;
}

/** A full OK response around some instances. */
export function response(...instances: Record<string, unknown>[]): Record<string, unknown> {
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: 'sucess', InstanceTrace: instances };
}

/** A response with `n` instances (a user with many devices / a large group), for render-scale tests. */
export function largeResponse(n: number): Record<string, unknown> {
  const list = [];
  for (let i = 0; i < n; i++) {
    list.push(
      instance({
        offline: 1,
        channel: i % 7 === 0 ? { PushStatus: 2, ErrorCode: 1, ErrorInfo: 'regid_invalid' } : 1,
        device: i % 7 === 0 ? 0 : 1,
        click: i % 3 === 0 ? 1 : 0,
        fields: { InstanceId: String(100000000 + i), PushPlatform: i % 9 },
      }),
    );
  }
  return response(...list);
}

/** The shipped sandbox samples: PushID → parsed response. */
export function shippedTraces(): Map<string, unknown> {
  const dir = join(ROOT, 'fixtures', 'traces');
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]),
  );
}

/** The shipped samples by case (fixtures/traces/<PushID>.json). */
export const SAMPLE = {
  clickedApns: '69080165_7c2fc07f_a518f930_20000819f001777_2000c6c6c31008c',
  deliveredHuawei: '69084b67_5e43f576_d10bf7fb_2000dd83a1ad8f0_2000ffdc06c91d2',
  xiaomiTokenInvalid: '69094c96_d011d473_db634e04_20003643eb2a2af_2000ebba51bc197',
  vivoNotificationOff: '6909f9a5_6710a4f7_982118a2_20003d6a1496c1b_20001efe44625eb',
  oppoNoCertificate: '690ab6b9_8251808a_fca818be_20009b6b03edfbe_20001b834dbab02',
  multiOnline: '690b397c_4aab74f7_e91bb660_200054ed2a6229e_200068d4c6eab7c',
  empty: '690c0fd5_fd1a0fd2_adc2505d_200042af69ec831_20009ebe2307bad',
} as const;
