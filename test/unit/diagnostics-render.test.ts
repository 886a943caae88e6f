/**
 * Renderers of the push diagnostics views (funnel, loss, online, doctor) and the verdict additions of
 * `trace --task --online`: whole strings with colour off and a pinned window; one test proves ANSI codes
 * appear only when colour is on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { checkClock, checkKeyShape, doctorExitCode, fail, judgeCredentials, pass, skip, warn } from '../../src/doctor/checks.js';
import { AuthError, InterruptedError, NetworkError, ServiceError } from '../../src/errors.js';
import { renderDoctor } from '../../src/render/doctor.js';
import { bar, formatCount, renderFunnelChart, renderStats } from '../../src/render/funnel.js';
import { renderLoss } from '../../src/render/loss-table.js';
import { renderOnline } from '../../src/render/online.js';
import { evaluateThresholds, parseThreshold } from '../../src/stats/threshold.js';
import { buildLoss } from '../../src/tencent/apis/loss.js';
import { buildOnlineStatus } from '../../src/tencent/apis/online-status.js';
import { buildStatistics } from '../../src/tencent/apis/statistics.js';
import { diagnoseTrace } from '../../src/trace/diagnose.js';
import { buildTrace } from '../../src/trace/model.js';
import { describeOnline, forTask, withOnlineState } from '../../src/trace/online-verdict.js';
import { displayWidth } from '../../src/render/width.js';
import { ROOT } from '../helpers/cli.js';

const plain = new Chalk({ level: 0 });
const WINDOW = { from: 1772323200, to: 1772409600 }; // 2026-03-01 → 2026-03-02 UTC

describe('bar and counts', () => {
  it.each([
    [null, 8, ''],
    [0, 8, ''],
    [1, 8, '████████'],
    [0.5, 8, '████'],
    [1 / 16, 8, '▌'],
    [2, 4, '████'],
    [Number.NaN, 4, ''],
  ])('bar(%s, %i) = %j', (f, w, want) => expect(bar(f, w)).toBe(want));

  it.each([
    [null, '-'],
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [933478, '933,478'],
  ])('formatCount(%s) = %s', (n, want) => expect(formatCount(n)).toBe(want));
});

describe('renderStats', () => {
  const { results } = buildStatistics({
    TotalCount: 1000,
    SentCount: 800,
    DeliveredCount: 400,
    ClickCount: 0,
    PlatformStatistics: [
      { PushPlatform: 3, TotalCount: 600, SentCount: 500, DeliveredCount: 100, ClickCount: 0 },
      { PushPlatform: 2, TotalCount: 400, SentCount: 300, DeliveredCount: 300, ClickCount: 0 },
    ],
  });

  it('draws the funnel, the vendor table and the thresholds', () => {
    const t = evaluateThresholds([parseThreshold('delivered>=50%'), parseThreshold('delivered[huawei]>=80%')], results);
    expect(renderStats(results, WINDOW, t, { chalk: plain, width: 8 })).toBe(
      [
        'One-to-one and group pushes · 2026-03-01 00:00:00Z → 2026-03-02 00:00:00Z (24 h)',
        '  total      1,000  ████████',
        '  sent         800  ██████▍   80.0 % of total',
        '  delivered    400  ███▎      50.0 % of sent',
        '  clicked        0            0 % of delivered',
        '',
        '  VENDOR  TOTAL  SENT  SENT %  DELIVERED  DELIVERED %  CLICKED  CLICKED %',
        '  Huawei    600   500  83.3 %        100       20.0 %        0        0 %  ██',
        '  Xiaomi    400   300  75.0 %        300        100 %        0        0 %  ██████████',
        '  total   1,000   800  80.0 %        400       50.0 %        0        0 %  █████',
        '',
        'Thresholds',
        '  pass  delivered>=50%          actual 50.0 %',
        '  FAIL  delivered[huawei]>=80%  actual 20.0 %',
        '',
      ].join('\n'),
    );
  });

  it('prints "-" for unknown rates, never NaN', () => {
    const out = renderFunnelChart({ total: 0, sent: 0, delivered: null, clicked: 0 }, { sent: null, delivered: null, clicked: null }, { chalk: plain, width: 4 });
    expect(out).not.toMatch(/NaN|Infinity/);
    expect(out).toBe(['  total      0', '  sent       0        - of total', '  delivered  -        - of sent', '  clicked    0        - of delivered'].join('\n'));
  });

  it('shows the event type column and names online pushes for tasks', () => {
    const tasks = buildStatistics({ Results: [{ TaskID: 'T', TotalCount: 2, SentCount: 2, DeliveredCount: 2, ClickCount: 1, PlatformStatistics: [{ EventType: 1, PushPlatform: 1, TotalCount: 1, SentCount: 1, DeliveredCount: 1, ClickCount: 1 }, { EventType: 2, PushPlatform: 0, TotalCount: 1, SentCount: 1, DeliveredCount: 1, ClickCount: 0 }] }] }, ['T']).results;
    const out = renderStats(tasks, WINDOW, [], { chalk: plain });
    expect(out).toMatch(/^Task T · /);
    expect(out).toMatch(/VENDOR\s+EVENT\s+TOTAL/);
    expect(out).toMatch(/Apple APNs\s+offline/);
    expect(out).toMatch(/online channel\s+online/);
  });

  it('uses colour only when chalk has it', () => {
    const coloured = renderStats(results, WINDOW, [], { chalk: new Chalk({ level: 1 }) });
    // eslint-disable-next-line no-control-regex
    expect(coloured).toMatch(/\u001b\[/);
    // eslint-disable-next-line no-control-regex
    expect(renderStats(results, WINDOW, [], { chalk: plain })).not.toMatch(/\u001b\[/);
  });
});

describe('renderLoss', () => {
  it('ranks causes with share bars and lists each next step once', () => {
    const { results } = buildLoss({
      ReadyToSendLoss: [{ ErrCode: '-2', ErrCount: 3, ErrInfo: 'token not uploaded' }, { ErrCode: '-1', ErrCount: 1, ErrInfo: 'certificate id not set' }],
      PlatformPostSendDeliveredLoss: [{ PushPlatform: 3, ErrCode: '80300007', ErrCount: 2, ErrInfo: 'all tokens are invalid' }, { PushPlatform: 4, ErrCode: 'UNREGISTERED', ErrCount: 1, ErrInfo: '' }],
    });
    expect(renderLoss(results, WINDOW, { chalk: plain })).toBe(
      [
        'Push loss, one-to-one and group pushes · 2026-03-01 00:00:00Z → 2026-03-02 00:00:00Z (24 h)',
        '  STAGE        VENDOR              CODE  COUNT   SHARE            CAUSE',
        '  before send  all                   -2      3  75.0 %  ██████    the device never uploaded a vendor token (token not uploaded)',
        '  before send  all                   -1      1  25.0 %  ██        no vendor certificate is configured for this app and vendor (certificate id not…',
        '  after send   Huawei          80300007      2   100 %  ████████  token invalid (all tokens are invalid)',
        '  after send   Google FCM  UNREGISTERED      1   100 %  ████████  token invalid',
        '',
        '  Next steps',
        '  -2                      Check that the Push SDK registers with the vendor on the device and reports its token after IM login (see 800009).',
        '  -1                      Upload the vendor certificate / credentials in the Chat console (Push > Access Settings) and pass its certificate ID.',
        '  80300007, UNREGISTERED  The app was probably uninstalled, reinstalled or its token rotated: the user must open the app so it logs in and uploads a fresh token.',
        '',
      ].join('\n'),
    );
  });

  it('says when nothing was lost', () => {
    expect(renderLoss([{ taskId: 'T', losses: [] }], WINDOW, { chalk: plain })).toBe('Push loss, task T · 2026-03-01 00:00:00Z → 2026-03-02 00:00:00Z (24 h)\n  No loss recorded.\n');
  });
});

describe('renderOnline', () => {
  it('one row per account, ErrorList accounts with their code', () => {
    const { users } = buildOnlineStatus(
      { QueryResult: [{ To_Account: 'carol', State: 'Online', Detail: [{ Platform: 'IPhone', Status: 'PushOnline' }, { Platform: 'Web', Status: 'Online' }] }, { To_Account: 'dave', State: 'Offline' }], ErrorList: [{ To_Account: 'ghost', ErrorCode: 70107 }] },
      ['carol', 'dave', 'ghost'],
    );
    expect(renderOnline(users, plain)).toBe(
      ['USER   STATE    PLATFORMS', 'carol  Online   iPhone PushOnline, Web Online', 'dave   Offline  -', 'ghost  error    70107: no such account', '', '3 accounts: 1 Online, 1 Offline, 1 error', ''].join('\n'),
    );
  });
});

describe('doctor checks', () => {
  const KEY = 'a'.repeat(64);
  it.each([
    [KEY, false, 'pass'],
    [KEY.toUpperCase(), false, 'pass'],
    ['abc', false, 'warn'],
    [`${KEY}zz`.slice(0, 64).replace(/a$/, 'z'), false, 'warn'],
    [undefined, true, 'skip'],
    [undefined, false, 'skip'],
  ])('key %j → %s', (key, usersig, status) => expect(checkKeyShape(key, usersig).status).toBe(status));

  const T = Date.UTC(2026, 2, 1, 12, 0, 0);
  it.each([
    [new Date(T).toUTCString(), T, T + 200, 'pass', /in step/],
    [new Date(T - 20_000).toUTCString(), T, T + 100, 'pass', /20 s ahead/],
    [new Date(T - 300_000).toUTCString(), T, T + 100, 'warn', /5 min ahead of the service/],
    [new Date(T + 300_000).toUTCString(), T, T + 100, 'warn', /5 min behind the service/],
    [undefined, T, T, 'skip', /no Date header/],
    ['yesterday', T, T, 'skip', /not an HTTP date/],
  ])('Date %j → %s', (date, sent, received, status, detail) => {
    const c = checkClock(date, sent, received);
    expect(c.status).toBe(status);
    expect(c.detail).toMatch(detail);
    expect(c.exitCode).toBe(0);
  });

  it.each([
    [undefined, 'pass', 0, /answered ErrorCode 0/],
    [new AuthError('x', 70009), 'fail', 4, /UserSig rejected \(70009: UserSig verification with the key failed/],
    [new AuthError('x', 70016), 'fail', 4, /wrong region/],
    [new AuthError('x', 70020), 'fail', 4, /wrong region/],
    [new AuthError('x', 60010), 'fail', 4, /identifier or UserSig rejected/],
    [new ServiceError('x', 90045), 'fail', 5, /Push is not enabled/],
    [new ServiceError('HTTP 502 from host.', undefined), 'fail', 5, /HTTP 502/],
    [new NetworkError('connection refused by h.'), 'fail', 6, /connection refused/],
  ])('credentials outcome %s → %s, exit %i', (err, status, exit, detail) => {
    const c = judgeCredentials(err, 'h');
    expect(c).toMatchObject({ status, exitCode: exit });
    expect(c.detail).toMatch(detail);
    if (status === 'fail') expect(c.next).toBeTruthy();
  });

  it('rethrows what is not a chatpush error', () => {
    expect(() => judgeCredentials(new TypeError('bug'), 'h')).toThrow(TypeError);
    expect(judgeCredentials(new InterruptedError(), 'h').exitCode).toBe(130);
  });

  it.each([
    [[pass('settings', 'ok'), skip('callback', 'none')], 0],
    [[pass('settings', 'ok'), warn('clock', 'off', 'sync')], 0],
    [[fail('settings', 'x', 'y', 3), fail('credentials', 'x', 'y', 4)], 4],
    [[fail('callback', 'x', 'y', 6), fail('credentials', 'x', 'y', 5)], 6],
  ])('exit code of %j is %i', (checks, code) => expect(doctorExitCode(checks)).toBe(code));

  it('renders one line per check, next steps under failures and warnings, and a summary', () => {
    const out = renderDoctor([pass('settings', 'SDKAppID 1 (default)'), warn('clock', 'the local clock is 5 min ahead', 'Sync it.'), fail('credentials', '70009: wrong key', 'Check the key.', 4), skip('callback', 'no --callback-url given')], plain);
    expect(out).toBe(
      [
        '✓ settings      SDKAppID 1 (default)',
        '! clock         the local clock is 5 min ahead',
        '                → Sync it.',
        '✗ credentials   70009: wrong key',
        '                → Check the key.',
        '– callback URL  no --callback-url given',
        '',
        '1 check failed, 1 warning.',
        '',
      ].join('\n'),
    );
  });
});

describe('trace --task verdicts', () => {
  const stalled = diagnoseTrace(buildTrace('T/carol', { InstanceTrace: [{ InstanceId: '1', PushPlatform: 1, Token: 't', CertId: '1', NotificationStatus: 1, last_active_terminal: 1, IMCommitStat: { IMStat: { PushStatus: 1, EventTime: '2026-01-01 08:00:00' } } }] }));
  const user = (state: 'online' | 'push_online' | 'offline' | null, errorCode: number | null = null) => ({ userId: 'carol', state, platforms: state ? [{ platform: 'Web', state }] : [], errorCode });

  it.each([
    [user('online'), 'Online on Web', /so no offline push was needed/],
    [user('push_online'), 'PushOnline on Web', /reachable only through vendor push/],
    [user('offline'), 'Offline on Web', /inactive for 7 days or more/],
    [user(null, 70107), 'no such account (70107)', /does not exist/],
  ])('%j', (u, described, sentence) => {
    expect(describeOnline(u)).toBe(described);
    const d = withOnlineState(stalled, u);
    expect(d.summary).toMatch(sentence);
    expect(d.hint.startsWith(d.summary)).toBe(true);
    expect(d.verdict).toBe(stalled.verdict);
  });

  it('an unknown state adds nothing', () => {
    expect(withOnlineState(stalled, user(null))).toBe(stalled);
  });

  it('not-found speaks of the task and user, not of a PushID', () => {
    const d = forTask(diagnoseTrace(buildTrace('T/u', { InstanceTrace: [] })), 'T', 'u');
    expect(d.summary).toMatch(/^No trace data for user u in task T/);
    expect(d.hint).not.toMatch(/PushID/);
  });
});

describe('fitting the terminal (no line wider than it on a TTY; untouched off one)', () => {
  const stats = buildStatistics(JSON.parse(readFileSync(join(ROOT, 'fixtures', 'statistics', 'normal.json'), 'utf8'))).results;
  const tasks = buildStatistics(JSON.parse(readFileSync(join(ROOT, 'fixtures', 'statistics', 'tasks.json'), 'utf8')), ['1400000000_144115212910570789_1767225600_15723514']).results;
  const loss = buildLoss(JSON.parse(readFileSync(join(ROOT, 'fixtures', 'loss', 'normal.json'), 'utf8'))).results;
  const lossTasks = buildLoss(JSON.parse(readFileSync(join(ROOT, 'fixtures', 'loss', 'tasks.json'), 'utf8')), ['1400000000_144115212910570789_1767225600_15723514']).results;
  const online = buildOnlineStatus(JSON.parse(readFileSync(join(ROOT, 'fixtures', 'online', 'accounts.json'), 'utf8')), ['alice', 'bob', 'carol', 'dave', 'erin', 'ghost']).users;
  const checks = [pass('settings', `SDKAppID 1400000000 (env CHATPUSH_SDKAPPID) · identifier administrator (default) · key set (env CHATPUSH_SECRET_KEY) · endpoint http://127.0.0.1:5410 (env CHATPUSH_ENDPOINT)`), fail('credentials', '70016: the SDKAppID is not known at adminapisgp.im.qcloud.com — wrong region', 'Use the data centre the app was created in: --region cn|sgp|kr|ger|usa|idn (or CHATPUSH_REGION), or check --endpoint.', 4)];
  const t = evaluateThresholds([parseThreshold('delivered[huawei]>=80%')], stats);
  const views: [string, (w: number | undefined) => string][] = [
    ['stats', (w) => renderStats(stats, WINDOW, t, { chalk: plain, columns: w })],
    ['stats --task', (w) => renderStats(tasks, WINDOW, [], { chalk: plain, columns: w })],
    ['loss', (w) => renderLoss(loss, WINDOW, { chalk: plain, columns: w })],
    ['loss --task', (w) => renderLoss(lossTasks, WINDOW, { chalk: plain, columns: w })],
    ['online', (w) => renderOnline(online, plain, w)],
    ['doctor', (w) => renderDoctor(checks, plain, w)],
  ];
  it.each(views.flatMap(([name, view]) => [60, 80, 100].map((w) => [name, w, view] as const)))('%s at %i columns', (_name, width, view) => {
    const out = view(width);
    const wide = out.split('\n').filter((l) => displayWidth(l) > width);
    expect(wide).toEqual([]);
    expect(out).not.toMatch(/NaN|Infinity/);
  });

  it.each(views)('%s off a TTY keeps every column', (_name, view) => {
    const out = view(undefined);
    expect(view(10_000)).toBe(out);
  });

  it('keeps the Huawei delivery rate visible at 60 columns', () => {
    const out = renderStats(stats, WINDOW, t, { chalk: plain, columns: 60 });
    expect(out).toMatch(/Huawei .*41\.0 %/);
  });
});

describe('doctor at a narrow width', () => {
  const coloured = new Chalk({ level: 1 });
  // eslint-disable-next-line no-control-regex
  const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');
  const checks = [
    pass('settings', 'SDKAppID 1400000000 (env CHATPUSH_SDKAPPID) · identifier administrator (env CHATPUSH_IDENTIFIER) · key set (env CHATPUSH_SECRET_KEY)'),
    fail('credentials', '70016: the SDKAppID is not known at adminapisgp.im.qcloud.com — wrong region', 'Use the data centre the app was created in: --region cn|sgp|kr|ger|usa|idn (or CHATPUSH_REGION).', 4),
  ];
  it.each([[undefined], [60], [80]])('keeps the label column and colours only the marks at %s columns', (width) => {
    const out = renderDoctor(checks, coloured, width);
    const lines = out.split('\n');
    expect(strip(lines[0]!)).toMatch(/^✓ settings {5}SDKAppID 1400000000/);
    expect(strip(lines.find((l) => strip(l).startsWith('✗'))!)).toMatch(/^\S+ credentials {2}70016/);
    for (const l of lines.filter((x) => x.startsWith(' '))) {
      expect(strip(l)).toMatch(/^ {15}(→ | {2})?\S/);
      expect(l.trimStart().startsWith('\u001b[')).toBe(l.trimStart().startsWith('\u001b[2m→'));
    }
    if (width !== undefined) expect(lines.filter((l) => displayWidth(strip(l)) > width)).toEqual([]);
    expect(strip(out).replace(/\s+/g, ' ')).toContain('wrong region → Use the data centre the app was created in: --region cn|sgp|kr|ger|usa|idn (or CHATPUSH_REGION).');
  });
});
