import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInstance, buildStage, buildTrace, parseEventTime, platformOf, stageOf } from '../../src/trace/model.js';
import { SEED_EXAMPLE } from '../helpers/trace-samples.js';

describe('parseEventTime', () => {
  it.each([
    ['2025-03-07 10:04:47', Date.UTC(2025, 2, 7, 10, 4, 47)],
    ['2025-03-07T10:04:47', Date.UTC(2025, 2, 7, 10, 4, 47)],
    [' 2025-03-07 10:04:47 ', Date.UTC(2025, 2, 7, 10, 4, 47)],
    ['2025-03-07 10:04:47.5', Date.UTC(2025, 2, 7, 10, 4, 47, 500)],
    ['', null],
    ['0000-00-00 00:00:00', null],
    ['1970-01-01 08:00:00', null],
    ['2025-13-01 00:00:00', null],
    ['yesterday', null],
    ['1741313087', null],
  ])('%j → %s', (text, ms) => {
    expect(parseEventTime(text)).toBe(ms);
  });

  it('property: the digit-by-digit fast path answers as the regular expression does (issue 15)', () => {
    const RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;
    const oracle = (text: string): number | null => {
      const m = RE.exec(text.trim());
      if (!m) return null;
      const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      if (y < 1971 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
      return Date.UTC(y, mo - 1, d, h, mi, s, m[7] ? Number(m[7].padEnd(3, '0')) : 0);
    };
    const ch = fc.constantFrom('0', '1', '2', '5', '9', '-', ':', ' ', 'T', '.', 'a', '٣', '/', '\t');
    const near = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, mo, d, h, mi, s]) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}`);
    const mutated = fc.tuple(near, fc.nat(18), ch).map(([t, i, c]) => t.slice(0, i) + c + t.slice(i + 1));
    fc.assert(
      fc.property(fc.oneof(near, mutated, fc.array(ch, { minLength: 17, maxLength: 21 }).map((a) => a.join(''))), (text) => {
        expect(parseEventTime(text)).toBe(oracle(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseEventTime keeps its answers per text (issue 15)', () => {
  it('answers the same for a text seen before, also after the bounded cache has been emptied', () => {
    const texts = Array.from({ length: 9000 }, (_, i) => `2025-03-07 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`);
    for (const round of [1, 2]) {
      texts.forEach((t, i) => {
        expect(parseEventTime(t), `${t} (round ${round})`).toBe(Date.UTC(2025, 2, 7, Math.floor(i / 3600) % 24, Math.floor(i / 60) % 60, i % 60));
      });
    }
    expect(parseEventTime(' 2025-03-07 10:04:47 ')).toBe(Date.UTC(2025, 2, 7, 10, 4, 47));
    expect(parseEventTime('0000-00-00 00:00:00')).toBeNull();
    expect(parseEventTime('0000-00-00 00:00:00')).toBeNull();
  });
});

describe('platformOf', () => {
  it.each([
    [0, 'unknown vendor'],
    [1, 'Apple APNs'],
    [2, 'Xiaomi'],
    [3, 'Huawei'],
    [4, 'Google FCM'],
    [5, 'Meizu'],
    [6, 'OPPO'],
    [7, 'vivo'],
    [8, 'Honor'],
    [9, 'vendor#9'],
    [42, 'vendor#42'],
    ['3', 'Huawei'],
  ])('PushPlatform %j → %s', (value, name) => {
    expect(platformOf(value).name).toBe(name);
  });

  it.each([[undefined], [null], ['x'], [{}]])('%j → unknown vendor without a code', (value) => {
    expect(platformOf(value)).toEqual({ code: null, name: 'unknown vendor' });
  });
});

describe('buildStage', () => {
  const push = Date.UTC(2025, 0, 1, 12, 0, 0);
  it.each([
    [{ PushStatus: 1, ErrorCode: 0, ErrorInfo: 'success', EventTime: '2025-01-01 12:00:03' }, 'success', '2025-01-01 12:00:03', 3000, 0, 'success'],
    [{ PushStatus: 2, ErrorCode: 1, ErrorInfo: 'regid_invalid', EventTime: '2025-01-01 12:00:01' }, 'failed', '2025-01-01 12:00:01', 1000, 1, 'regid_invalid'],
    [{ PushStatus: '1', ErrorCode: '0', ErrorInfo: 'success', EventTime: '2025-01-01 12:00:00' }, 'success', '2025-01-01 12:00:00', 0, 0, 'success'],
    [{ PushStatus: 0, ErrorCode: 0, ErrorInfo: '', EventTime: '' }, 'not_reached', null, null, null, null],
    [{ PushStatus: 3, ErrorCode: 0, ErrorInfo: '' }, 'not_reached', null, null, null, null],
    [{ PushStatus: 0, ErrorCode: 5, ErrorInfo: 'queued' }, 'not_reached', null, null, 5, 'queued'],
    [{ PushStatus: 1 }, 'success', null, null, 0, ''],
    [undefined, 'not_reached', null, null, null, null],
    ['garbage', 'not_reached', null, null, null, null],
  ])('%j → %s', (raw, status, time, offsetMs, errorCode, errorInfo) => {
    expect(buildStage('channel', raw, push)).toEqual({ name: 'channel', status, time, offsetMs, errorCode, errorInfo });
  });

  it('has no offset when PushTime is unknown', () => {
    expect(buildStage('im', { PushStatus: 1, EventTime: '2025-01-01 12:00:00' }, null).offsetMs).toBeNull();
  });
});

describe('buildInstance', () => {
  it.each([
    [{ last_active_terminal: 1 }, true],
    [{ LastActiveTerminal: 0 }, false],
    [{ LastActiveTerminal: '1' }, true],
    [{}, null],
  ])('reads last active from %j', (fields, lastActive) => {
    expect(buildInstance(fields, 0).lastActive).toBe(lastActive);
  });

  it.each([
    [{ CertId: '0' }, false],
    [{ CertId: '' }, false],
    [{ CertId: '35870' }, true],
    [{ CertId: 35870 }, true],
    [{}, null],
  ])('certificate configured for %j → %s', (fields, configured) => {
    expect(buildInstance(fields, 0).certConfigured).toBe(configured);
  });

  it.each([
    [{ NotificationStatus: 1 }, true],
    [{ NotificationStatus: 0 }, false],
    [{}, null],
  ])('notification switch %j → %s', (fields, enabled) => {
    expect(buildInstance(fields, 0).notificationEnabled).toBe(enabled);
  });

  it('keeps whether a token was bound, never the token', () => {
    const inst = buildInstance({ Token: 'device-token-secretish' }, 0);
    expect(inst.tokenPresent).toBe(true);
    expect(JSON.stringify(inst)).not.toContain('device-token-secretish');
    expect(buildInstance({ Token: '  ' }, 0).tokenPresent).toBe(false);
  });

  it('treats missing stage objects as not reached and adds online stages only with OnlinePushStat', () => {
    const offlineOnly = buildInstance({ PushTime: '2025-01-01 00:00:00' }, 0);
    expect(offlineOnly.stages.map((s) => [s.name, s.status])).toEqual([
      ['im', 'not_reached'],
      ['offline', 'not_reached'],
      ['channel', 'not_reached'],
      ['device', 'not_reached'],
      ['click', 'not_reached'],
    ]);
    const online = buildInstance({ OnlinePushStat: { ChannelStat: { PushStatus: 1 }, DeviceStat: { PushStatus: 2, ErrorCode: 7 } } }, 0);
    expect(online.stages.map((s) => s.name)).toEqual(['im', 'offline', 'channel', 'device', 'click', 'online.channel', 'online.device']);
    expect(stageOf(online, 'online.device')).toMatchObject({ status: 'failed', errorCode: 7 });
    expect(stageOf(offlineOnly, 'online.device')).toBeUndefined();
  });

  it('stageOf finds a stage by name wherever it is in the list (it looks at the usual place first)', () => {
    const built = buildInstance({ OnlinePushStat: { DeviceStat: { PushStatus: 1 } } }, 0);
    const shuffled = { ...built, stages: [...built.stages].reverse() };
    for (const s of built.stages) expect(stageOf(shuffled, s.name)).toBe(s);
    const fewer = { ...built, stages: built.stages.filter((s) => s.name !== 'device') };
    expect(stageOf(fewer, 'device')).toBeUndefined();
    expect(stageOf(fewer, 'click')).toBe(built.stages[4]);
  });

  it('ignores unknown fields and names an instance without an id by position', () => {
    const inst = buildInstance({ Surprise: { deep: [1, 2] }, EventType: 2, PushPlatform: 3 }, 4);
    expect(inst.instanceId).toBe('#5');
    expect(inst.platform).toEqual({ code: 3, name: 'Huawei' });
  });
});

describe('buildTrace', () => {
  it('builds the seed example: five successful stages with offsets from PushTime', () => {
    const trace = buildTrace('p1', SEED_EXAMPLE);
    expect(trace.instances).toHaveLength(1);
    const inst = trace.instances[0]!;
    expect(inst).toMatchObject({
      instanceId: '101205908',
      platform: { code: 1, name: 'Apple APNs' },
      system: 'APNS',
      notificationEnabled: false,
      tokenPresent: false,
      certConfigured: false,
      lastActive: true,
      pushTime: '2025-03-07 10:04:47',
    });
    expect(inst.stages.map((s) => [s.name, s.status, s.offsetMs])).toEqual([
      ['im', 'success', 0],
      ['offline', 'success', 540702000],
      ['channel', 'success', 540702000],
      ['device', 'success', 540702000],
      ['click', 'success', 540702000],
    ]);
  });

  it.each([
    ['no InstanceTrace', { ActionStatus: 'OK', ErrorCode: 0 }],
    ['an empty InstanceTrace', { InstanceTrace: [] }],
    ['InstanceTrace not an array', { InstanceTrace: { a: 1 } }],
    ['not an object', 'nope'],
    ['null', null],
  ])('gives no instances for %s', (_name, body) => {
    expect(buildTrace('p', body).instances).toEqual([]);
  });

  it('skips entries that are not objects', () => {
    expect(buildTrace('p', { InstanceTrace: [null, 3, { InstanceId: 'a' }] }).instances.map((i) => i.instanceId)).toEqual(['a']);
  });
});
