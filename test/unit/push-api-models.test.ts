/**
 * The pure response models of src/tencent/apis/: statistics (rates, bad counts), loss (every place the lists
 * may sit, shares, causes from the code table) and online status (State/Status, ErrorList). Hostile input is
 * thrown at each with fast-check: the model never crashes and never lets NaN or Infinity through.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLoss, lossCause, withShares } from '../../src/tencent/apis/loss.js';
import { buildOnlineStatus, onlineStatusBody } from '../../src/tencent/apis/online-status.js';
import { buildStatistics, chunk, rate, statisticsBody } from '../../src/tencent/apis/statistics.js';
import { taskTraceBody } from '../../src/tencent/apis/task-trace.js';
import { buildTrace } from '../../src/trace/model.js';
import { ROOT } from '../helpers/cli.js';

const fixture = (...p: string[]): unknown => JSON.parse(readFileSync(join(ROOT, 'fixtures', ...p), 'utf8'));

/** Every number in a value is finite (JSON.stringify would turn NaN/Infinity into null and hide them). */
function allFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (v && typeof v === 'object') return Object.values(v).every(allFinite);
  return true;
}

describe('request bodies', () => {
  it.each([
    [statisticsBody({ from: 1, to: 2 }), { StartTime: 1, EndTime: 2 }],
    [statisticsBody({ from: 1, to: 2 }, ['a', 'b']), { StartTime: 1, EndTime: 2, TaskID: ['a', 'b'] }],
    [onlineStatusBody(['x']), { IsNeedDetail: 1, To_Account: ['x'] }],
    [taskTraceBody('t', 'u'), { TaskID: 't', UserID: 'u' }],
  ])('%j', (body, want) => expect(body).toEqual(want));

  it.each([
    [0, 5, []],
    [5, 5, [5]],
    [7, 5, [5, 2]],
    [1201, 500, [500, 500, 201]],
  ])('chunk(%i items, %i) → %j', (n, size, want) => {
    expect(chunk(Array.from({ length: n }, (_, i) => i), size).map((c) => c.length)).toEqual(want);
  });
});

describe('statistics model', () => {
  it('reads the shipped normal sample: counts, rates as fractions, one row per vendor', () => {
    const { results, warnings } = buildStatistics(fixture('statistics', 'normal.json'));
    expect(warnings).toEqual([]);
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r).toMatchObject({ taskId: null, total: 48210, sent: 45502, delivered: 39376, clicked: 3120 });
    expect(r.rates.sent).toBeCloseTo(45502 / 48210, 12);
    const honor = r.platforms.find((p) => p.platform.code === 8)!;
    expect(honor.rates).toEqual({ sent: 0, delivered: null, clicked: null });
    expect(Object.keys(r)).toEqual(['taskId', 'total', 'sent', 'delivered', 'clicked', 'rates', 'platforms']);
    expect(Object.keys(r.platforms[0]!)).toEqual(['platform', 'eventType', 'total', 'sent', 'delivered', 'clicked', 'rates']);
  });

  it('reads task results in order with event types, and warns about a task the reply left out', () => {
    const ids = ['1400000000_144115212910570789_1767225600_15723514', 'missing-task'];
    const { results, warnings } = buildStatistics(fixture('statistics', 'tasks.json'), ids);
    expect(results.map((r) => r.taskId)).toEqual(['1400000000_144115212910570789_1767225600_15723514', '1400000000_144115212910570790_1767229200_15723515']);
    expect(results[0]!.platforms.map((p) => p.eventType)).toEqual(['offline', 'offline', 'offline', 'online']);
    expect(warnings).toEqual(['no statistics came back for task missing-task (unknown TaskID, another SDKAppID, or no data in the window).']);
  });

  it.each([
    ['missing field', { SentCount: 1, DeliveredCount: 1, ClickCount: 0 }, { total: null }, /TotalCount is missing/],
    ['string number', { TotalCount: '10', SentCount: 5, DeliveredCount: 5, ClickCount: 0 }, { total: 10 }, /arrived as the string "10"; read as 10/],
    ['negative count', { TotalCount: 10, SentCount: -5, DeliveredCount: 0, ClickCount: 0 }, { sent: null }, /SentCount is negative/],
    ['fraction', { TotalCount: 10, SentCount: 2.5, DeliveredCount: 0, ClickCount: 0 }, { sent: null }, /not a whole number/],
    ['text', { TotalCount: 'lots', SentCount: 1, DeliveredCount: 0, ClickCount: 0 }, { total: null }, /TotalCount is not a whole number/],
    ['sent > total', { TotalCount: 10, SentCount: 12, DeliveredCount: 1, ClickCount: 0 }, { rates: { sent: null, delivered: 1 / 12, clicked: 0 } }, /sent \(12\) is larger than total \(10\)/],
  ])('%s: a warning, and no made-up value', (_name, body, want, warning) => {
    const { results, warnings } = buildStatistics(body);
    expect(results[0]).toMatchObject(want);
    expect(warnings.join('\n')).toMatch(warning);
  });

  it.each([
    [0, 0, null],
    [5, 0, null],
    [null, 5, null],
    [6, 5, null],
    [0, 5, 0],
    [5, 5, 1],
  ])('rate(%s, %s) = %s', (part, whole, want) => expect(rate(part, whole)).toBe(want));

  it('notes the UNCONFIRMED shapes it reads (Results in a normal reply, top-level counters for tasks)', () => {
    expect(buildStatistics({ Results: [{ TotalCount: 1, SentCount: 1, DeliveredCount: 1, ClickCount: 1 }] }).notes.join()).toMatch(/Results list/);
    const top = buildStatistics({ TotalCount: 1, SentCount: 1, DeliveredCount: 1, ClickCount: 1 }, ['a']);
    expect(top.results).toHaveLength(1);
    expect(top.notes.join()).toMatch(/UNCONFIRMED/);
    expect(buildStatistics({ PlatformStatistics: [{ EventType: 7, PushPlatform: 1, TotalCount: 1, SentCount: 1, DeliveredCount: 1, ClickCount: 1 }], TotalCount: 1, SentCount: 1, DeliveredCount: 1, ClickCount: 1 }).notes.join()).toMatch(/unknown EventType 7/);
  });

  it('property: any reply gives rates in [0, 1] or null, never NaN or Infinity', () => {
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.array(fc.string(), { maxLength: 5 }), { nil: undefined }), (body, ids) => {
        const { results } = buildStatistics(body, ids);
        expect(allFinite(results)).toBe(true);
        for (const r of [...results, ...results.flatMap((x) => x.platforms)]) {
          for (const v of Object.values(r.rates)) expect(v === null || (v >= 0 && v <= 1)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    const count = fc.oneof(fc.integer({ min: -5, max: 100 }), fc.constant('7'), fc.constant(null), fc.double());
    fc.assert(
      fc.property(fc.record({ TotalCount: count, SentCount: count, DeliveredCount: count, ClickCount: count }), (body) => {
        const { results } = buildStatistics(body);
        expect(allFinite(results)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('loss model', () => {
  const lists = {
    ReadyToSendLoss: [{ ErrCode: '-1', ErrCount: 167, ErrInfo: 'certificate id not set' }, { ErrCode: '-2', ErrCount: 125, ErrInfo: 'token not uploaded' }],
    PostSendDeliveredLoss: [{ ErrCode: '1', ErrCount: 217, ErrInfo: 'regid_invalid' }, { ErrCode: '410', ErrCount: 35, ErrInfo: 'Unregistered' }],
    PlatformReadyToSendLoss: [{ PushPlatform: 1, ErrCode: '-1', ErrCount: 5, ErrInfo: 'certificate id not set' }, { PushPlatform: 2, ErrCode: '-1', ErrCount: 123, ErrInfo: 'certificate id not set' }],
    PlatformPostSendDeliveredLoss: [{ PushPlatform: 1, ErrCode: '1', ErrCount: 217, ErrInfo: 'regid_invalid' }, { PushPlatform: 3, ErrCode: '410', ErrCount: 35, ErrInfo: 'Unregistered' }],
  };

  it.each([
    ['top level', lists, false],
    ['inside an unnamed-looking nested object (the page sample, §7)', { Data: lists }, true],
    ['inside Results[] (as all_member_push_loss, §8)', { Results: [lists] }, true],
  ])('finds the lists at the %s', (_where, body, noted) => {
    const { results, notes, warnings } = buildLoss({ ActionStatus: 'OK', ErrorCode: 0, ...body });
    expect(warnings).toEqual([]);
    expect(results).toHaveLength(1);
    expect(results[0]!.losses).toHaveLength(8);
    expect(notes.some((n) => /UNCONFIRMED/.test(n))).toBe(noted);
  });

  it('ranks rows and computes shares per stage (all vendors) and per vendor and stage', () => {
    const losses = buildLoss(lists).results[0]!.losses;
    expect(losses.map((l) => [l.stage, l.platform?.code ?? null, l.errorCode, l.count])).toEqual([
      ['before_send', null, -1, 167],
      ['before_send', null, -2, 125],
      ['after_send', null, 1, 217],
      ['after_send', null, 410, 35],
      ['before_send', 1, -1, 5],
      ['before_send', 2, -1, 123],
      ['after_send', 1, 1, 217],
      ['after_send', 3, 410, 35],
    ]);
    const allBefore = losses.filter((l) => l.platform === null && l.stage === 'before_send');
    expect(allBefore.reduce((s, l) => s + l.share!, 0)).toBeCloseTo(1, 12);
    expect(losses[4]!.share).toBe(1);
    expect(Object.keys(losses[0]!)).toEqual(['stage', 'platform', 'eventType', 'errorCode', 'errorInfo', 'count', 'share', 'cause', 'next']);
  });

  it.each([
    [-1, 'certificate id not set', /no vendor certificate is configured/, /Upload the vendor certificate/],
    [-1, 'Certificate id not set', /no vendor certificate is configured/, /Upload the vendor certificate/],
    [-2, 'token not uploaded', /never uploaded a vendor token/, /800009/],
    [1, 'regid_invalid', /token \(regId\) is invalid/, /register again/],
    [410, 'Unregistered', /^UNCONFIRMED: the token is no longer registered with the vendor/, /fresh token/],
    [80300007, 'all tokens are invalid', /^token invalid$/, /fresh token/],
    [10070, 'total push amount exceeded the daily limit', /^vendor quota$/, /daily quota/],
    [424242, 'something new', /^something new$/, /chatpush explain 424242/],
    ['E_STRANGE', '', /^unknown loss reason$/, /vendor's push documentation/],
  ])('cause of %s "%s" comes from the one code table (or the trace patterns)', (code, info, cause, next) => {
    const c = lossCause(code, info);
    expect(c.cause).toMatch(cause);
    expect(c.next).toMatch(next);
  });

  it('keeps a code that is not an integer as sent, with a warning; a bad count is null with a warning', () => {
    const { results, warnings } = buildLoss({ ReadyToSendLoss: [{ ErrCode: 'abc', ErrCount: 3, ErrInfo: 'x' }, { ErrCode: '-2', ErrCount: -4, ErrInfo: 'token not uploaded' }, { ErrCode: 1.5, ErrCount: 2 }] });
    expect(results[0]!.losses.map((l) => l.errorCode)).toEqual(['abc', '1.5', -2]);
    expect(results[0]!.losses.find((l) => l.errorCode === -2)!.share).toBeNull();
    expect(warnings.join('\n')).toMatch(/loss code "abc" is not an integer/);
    expect(warnings.join('\n')).toMatch(/ErrCount is negative/);
    expect(warnings.join('\n')).toMatch(/loss code 1.5 is not an integer/);
  });

  it('an empty reply is "no loss", with a note', () => {
    const r = buildLoss({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(r.results).toEqual([{ taskId: null, losses: [] }]);
    expect(r.notes.join()).toMatch(/no loss recorded/);
  });

  it('reads the shipped task sample with event types', () => {
    const r = buildLoss(fixture('loss', 'tasks.json'), ['1400000000_144115212910570789_1767225600_15723514', '1400000000_144115212910570790_1767229200_15723515']);
    expect(r.warnings).toEqual([]);
    expect(r.results.map((x) => x.taskId)).toHaveLength(2);
    expect(r.results[0]!.losses.filter((l) => l.platform).every((l) => l.eventType === 'offline')).toBe(true);
  });

  it('property: any reply gives shares in [0, 1] or null and no NaN', () => {
    const entry = fc.record({ ErrCode: fc.oneof(fc.string(), fc.integer(), fc.constant('-1')), ErrCount: fc.oneof(fc.integer({ min: -3, max: 50 }), fc.string(), fc.double()), ErrInfo: fc.string(), PushPlatform: fc.integer({ min: -1, max: 12 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.record({ ReadyToSendLoss: fc.array(entry), PlatformPostSendDeliveredLoss: fc.array(entry) }, { requiredKeys: [] }), fc.anything(), (lists2, junk) => {
        for (const body of [lists2, junk, { Results: [lists2] }]) {
          const { results } = buildLoss(body);
          expect(allFinite(results)).toBe(true);
          for (const l of results.flatMap((r) => r.losses)) expect(l.share === null || (l.share >= 0 && l.share <= 1)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('withShares leaves the rows unchanged but for share and order', () => {
    const rows = buildLoss(lists).results[0]!.losses;
    expect(withShares([...rows].reverse())).toEqual(rows);
  });
});

describe('online status model', () => {
  it('reads the sample shape: State, Status per platform, ErrorList, order asked', () => {
    const body = { ActionStatus: 'OK', ErrorCode: 0, QueryResult: [{ To_Account: 'id1', State: 'Online', Detail: [{ Platform: 'IPhone', Status: 'PushOnline' }, { Platform: 'Web', Status: 'Online' }] }, { To_Account: 'id2', State: 'Offline' }], ErrorList: [{ To_Account: 'id4', ErrorCode: 70107 }] };
    const r = buildOnlineStatus(body, ['id4', 'id1', 'id2']);
    expect(r.users).toEqual([
      { userId: 'id4', state: null, platforms: [], errorCode: 70107 },
      { userId: 'id1', state: 'online', platforms: [{ platform: 'iPhone', state: 'push_online' }, { platform: 'Web', state: 'online' }], errorCode: null },
      { userId: 'id2', state: 'offline', platforms: [], errorCode: null },
    ]);
    expect(r.notes).toEqual([]);
    expect(r.unanswered).toEqual([]);
  });

  it.each([
    ['Status instead of State', { To_Account: 'a', Status: 'PushOnline' }, 'push_online', /other spelling/],
    ['State inside Detail', { To_Account: 'a', State: 'Online', Detail: [{ Platform: 'Web', State: 'Online' }] }, 'online', /other spelling/],
    ['unknown state', { To_Account: 'a', State: 'Busy' }, null, /unknown state "Busy"/],
    ['lower case', { To_Account: 'a', State: 'pushonline' }, 'push_online', null],
  ])('%s degrades gracefully and says so under --verbose', (_n, entry, state, note) => {
    const r = buildOnlineStatus({ QueryResult: [entry] }, ['a']);
    expect(r.users[0]!.state).toBe(state);
    if (note) expect(r.notes.join()).toMatch(note);
    else expect(r.notes).toEqual([]);
  });

  it('an account in neither list is unknown, with a warning', () => {
    const r = buildOnlineStatus({ QueryResult: [] }, ['ghost']);
    expect(r.users[0]).toEqual({ userId: 'ghost', state: null, platforms: [], errorCode: null });
    expect(r.unanswered).toEqual(['ghost']);
    expect(r.warnings.join()).toMatch(/did not answer for account ghost/);
  });

  it('property: any reply maps every asked account, in order, to a known state or null', () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.string(), { maxLength: 10 }), (body, asked) => {
        const r = buildOnlineStatus(body, asked);
        expect(r.users.map((u) => u.userId)).toEqual(asked);
        for (const u of r.users) expect([null, 'online', 'push_online', 'offline']).toContain(u.state);
      }),
      { numRuns: 500 },
    );
  });
});

describe('task trace model', () => {
  it.each([
    [1, 'offline', null],
    [2, 'online', null],
    ['2', 'online', null],
    [3, null, '3'],
    [undefined, null, null],
  ])('EventType %s → %s', (ev, eventType, unknown) => {
    const t = buildTrace('t/u', { InstanceTrace: [{ InstanceId: '1', EventType: ev }] });
    expect(t.instances[0]).toMatchObject({ eventType, unknownEventType: unknown });
  });
});
