import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diagnoseInstance,
  diagnoseTrace,
  EXPECT_STAGES,
  expectOutcome,
  explainTraceApiCode,
  formatOffset,
  instanceExpectOutcome,
  matchCause,
  TraceJudgement,
  type ExpectOutcome,
} from '../../src/trace/diagnose.js';
import { buildInstance, buildTrace, STAGE_LABELS, type Trace } from '../../src/trace/model.js';
import { instance, response, SAMPLE, SEED_EXAMPLE, shippedTraces } from '../helpers/trace-samples.js';

const samples = shippedTraces();

describe('matchCause', () => {
  it.each([
    [-1, 'certificate id not set', 'cert_missing'],
    [-2, 'token not uploaded', 'no_token'],
    [1, 'regid_invalid', 'token_invalid'],
    [400, 'BadDeviceToken', 'token_invalid'],
    [410, 'Unregistered', 'token_invalid'],
    [404, 'UNREGISTERED', 'token_invalid'],
    [80300007, 'All the tokens are invalid', 'token_invalid'],
    [403, 'InvalidProviderToken', 'vendor_auth'],
    [0, 'SenderId mismatch', 'vendor_auth'],
    [429, 'QUOTA_EXCEEDED', 'vendor_quota'],
    [0, 'daily limit reached', 'vendor_quota'],
    [90045, 'push not enabled', 'push_not_enabled'],
    [0, 'notification switch is off', 'notification_off'],
    [800016, '', 'notification_off'],
    [800009, '', 'no_token'],
    [5, 'internal error', undefined],
    [null, '', undefined],
  ])('%s %j → %s', (code, info, cause) => {
    expect(matchCause(code, info)).toBe(cause);
  });

  // The patterns as they were, case-insensitive (the \`i\` flag): matchCause now lowers A–Z itself and matches
  // lower-case patterns, which must give the same cause for any text (issue 15).
  const CASE_INSENSITIVE: ReadonlyArray<[string, RegExp]> = [
    ['push_not_enabled', /\b90045\b|push (service |feature )?(is )?not (enabled|activated|opened)/i],
    ['notification_off', /notification[\w ]{0,20}(off|disabled|closed|denied|not enabled)|\b800016\b/i],
    ['cert_missing', /cert(ificate)?[ _]?id[ _]?(is )?not set|cert(ificate)? (is )?(not|isn'?t) (set|configured|found|uploaded)|no cert(ificate)?\b/i],
    ['no_token', /token (is )?not (uploaded|bound|registered)|token (is )?(empty|missing|null)|no (device |push )?token|\b800009\b/i],
    [
      'token_invalid',
      /regid[_ ]?invalid|invalid[_ ]?(reg(istration)?[_ ]?id|registration|token|device[_ ]?token)|not[_ ]?registered|unregistered|bad[_ ]?device[_ ]?token|token (is )?(invalid|expired|not for topic)|\b80300007\b/i,
    ],
    [
      'vendor_auth',
      /bad[_ ]?certificate|(invalid|expired)[_ ]?provider[_ ]?token|mismatch[_ ]?sender[_ ]?id|sender[_ ]?id[_ ]?mismatch|third[_ ]?party[_ ]?auth|unauthori[sz]ed|auth(entication|orization)? (failed|error)|invalid (app ?secret|app ?key|client)/i,
    ],
    ['vendor_quota', /quota|exceed|daily limit|too many|rate limit|frequency/i],
  ];
  const words = ['token', 'TOKEN', 'Not', 'uploaded', 'Invalid', 'REGID', '_', ' ', 'cert', 'Certificate', 'id', 'is', 'set', 'Quota', 'Unregistered', 'BadDeviceToken', 'notification', 'OFF', 'push', 'enabled', '80300007', '800016', 'to', 'en', 'ta', '\u212a', 'ſ', 'İ', 'ı', 'é', 'K', 'k', 'S', 's', 'I', 'i'];
  it('gives the cause the case-insensitive patterns gave, for any text', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: -2, max: 90_000_000 }), { nil: null }),
        fc.oneof(fc.string({ unit: 'grapheme' }), fc.array(fc.constantFrom(...words)).map((w) => w.join('')), fc.array(fc.constantFrom(...words)).map((w) => w.join(' '))),
        (code, info) => {
          const text = `${code ?? ''} ${info}`;
          expect(matchCause(code, info)).toBe(CASE_INSENSITIVE.find(([, re]) => re.test(text))?.[0]);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('formatOffset', () => {
  it.each([
    [0, '+0s'],
    [1000, '+1s'],
    [1500, '+1.5s'],
    [59_000, '+59s'],
    [185_000, '+3m05s'],
    [7_620_000, '+2h07m'],
    [540_702_000, '+6d06h'],
    [-2000, '-2s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatOffset(ms)).toBe(text);
  });
});

describe('diagnoseTrace on the shipped samples', () => {
  it.each([
    [SAMPLE.clickedApns, 'clicked', null, 'clicked'],
    [SAMPLE.deliveredHuawei, 'delivered', null, 'delivered'],
    [SAMPLE.xiaomiTokenInvalid, 'failed', 'channel', 'token_invalid'],
    [SAMPLE.vivoNotificationOff, 'pending', null, 'notification_off'],
    [SAMPLE.oppoNoCertificate, 'failed', 'offline', 'cert_missing'],
    [SAMPLE.multiOnline, 'delivered', null, 'delivered_online'],
    [SAMPLE.empty, 'not_found', null, 'not_found'],
  ])('%s → %s at %s (%s)', (pushId, verdict, failedStage, cause) => {
    const d = diagnoseTrace(buildTrace(pushId, samples.get(pushId)));
    expect({ verdict: d.verdict, failedStage: d.failedStage, cause: d.cause }).toEqual({ verdict, failedStage, cause });
    expect(d.hint.length).toBeGreaterThan(10);
  });

  it('names the vendor, code and next step for a vendor token failure', () => {
    const d = diagnoseTrace(buildTrace('x', samples.get(SAMPLE.xiaomiTokenInvalid)));
    expect(d.summary).toBe('Xiaomi rejected the device token as invalid or expired (1: regid_invalid).');
    expect(d.next).toMatch(/log(s)? in and uploads a fresh token/);
    expect(d.hint).toBe(`${d.summary} ${d.next}`);
    expect(d.instances[0]!.stageHints).toEqual({ channel: 'token invalid' });
  });

  it('mentions another instance that failed when a better one decides the verdict', () => {
    const d = diagnoseTrace(buildTrace('x', samples.get(SAMPLE.multiOnline)));
    expect(d.note).toBe('Another instance failed: Google FCM at offline submit (no token).');
    expect(d.instances.map((i) => i.verdict)).toEqual(['delivered', 'delivered', 'failed']);
  });

  it('ships at least one sample per required case', () => {
    const verdicts = [...samples].map(([id, body]) => diagnoseTrace(buildTrace(id, body)).verdict);
    expect(new Set(verdicts)).toEqual(new Set(['clicked', 'delivered', 'failed', 'pending', 'not_found']));
    expect(samples.size).toBeGreaterThanOrEqual(7);
  });
});

describe('diagnoseInstance', () => {
  const diag = (spec: Parameters<typeof instance>[0]) => diagnoseInstance(buildInstance(instance(spec), 0));

  it.each([
    ['clicked although APNs reported no device arrival', { offline: 1, channel: 1, device: 0, click: 1 }, 'clicked', null, 'clicked'],
    ['failed offline submit with CertId 0 and no telling info', { offline: { PushStatus: 2, ErrorCode: -1, ErrorInfo: '' }, fields: { CertId: '0' } }, 'failed', 'offline', 'cert_missing'],
    ['failed offline submit without a token', { offline: { PushStatus: 2, ErrorCode: -3, ErrorInfo: 'x' }, fields: { Token: '' } }, 'failed', 'offline', 'no_token'],
    ['vendor rejected with an unknown error', { offline: 1, channel: { PushStatus: 2, ErrorCode: 10001, ErrorInfo: 'system error' } }, 'failed', 'channel', 'vendor_rejected'],
    ['IM server failed with push not enabled', { im: { PushStatus: 2, ErrorCode: 90045, ErrorInfo: '' } }, 'failed', 'im', 'push_not_enabled'],
    ['device failure with notifications off', { offline: 1, channel: 1, device: 2, fields: { NotificationStatus: 0 } }, 'failed', 'device', 'notification_off'],
    ['waiting for the device', { offline: 1, channel: 1, device: 0 }, 'pending', null, 'awaiting_device'],
    ['waiting for the vendor', { offline: 1, channel: 0 }, 'pending', null, 'awaiting_vendor'],
    ['no offline push (user online)', { offline: 0 }, 'pending', null, 'offline_not_submitted'],
    ['stalled at the vendor without a token', { offline: 1, fields: { Token: '' } }, 'pending', null, 'no_token'],
    ['stalled at the device, device inactive', { offline: 1, channel: 1, fields: { last_active_terminal: 0 } }, 'pending', null, 'device_inactive'],
    ['IM server has nothing yet', { im: 0 }, 'pending', null, 'awaiting_im'],
    ['delivered online only', { offline: 0, online: { channel: 1, device: 1 } }, 'delivered', null, 'delivered_online'],
  ])('%s', (_name, spec, verdict, failedStage, cause) => {
    const d = diag(spec as Parameters<typeof instance>[0]);
    expect({ verdict: d.verdict, failedStage: d.failedStage, cause: d.cause }).toEqual({ verdict, failedStage, cause });
  });

  it('gives the seed example (filler device fields) the clicked verdict without blaming them', () => {
    const d = diagnoseTrace(buildTrace('seed', SEED_EXAMPLE));
    expect(d.verdict).toBe('clicked');
    expect(d.hint).toBe('Delivered and opened by the user at +6d06h.');
  });
});

describe('expectOutcome', () => {
  const outcomes = (pushId: string): Record<string, ExpectOutcome> =>
    Object.fromEntries(EXPECT_STAGES.map((s) => [s, expectOutcome(buildTrace(pushId, samples.get(pushId)), s)]));

  it.each([
    [SAMPLE.clickedApns, { im: 'reached', offline: 'reached', channel: 'reached', device: 'reached', click: 'reached' }],
    [SAMPLE.deliveredHuawei, { im: 'reached', offline: 'reached', channel: 'reached', device: 'reached', click: 'pending' }],
    [SAMPLE.xiaomiTokenInvalid, { im: 'reached', offline: 'reached', channel: 'failed', device: 'failed', click: 'failed' }],
    [SAMPLE.vivoNotificationOff, { im: 'reached', offline: 'reached', channel: 'reached', device: 'pending', click: 'pending' }],
    [SAMPLE.oppoNoCertificate, { im: 'reached', offline: 'failed', channel: 'failed', device: 'failed', click: 'failed' }],
    [SAMPLE.multiOnline, { im: 'reached', offline: 'reached', channel: 'reached', device: 'reached', click: 'pending' }],
    [SAMPLE.empty, { im: 'not_found', offline: 'not_found', channel: 'not_found', device: 'not_found', click: 'not_found' }],
  ])('%s', (pushId, expected) => {
    expect(outcomes(pushId)).toEqual(expected);
  });

  it.each([
    ['online delivery satisfies device', { offline: 0, online: { channel: 1, device: 1 } }, 'device', 'reached'],
    ['online delivery does not satisfy offline', { offline: 0, online: { channel: 1, device: 1 } }, 'offline', 'pending'],
    ['offline failed, online still possible', { offline: 2, online: { channel: 1, device: 0 } }, 'device', 'pending'],
    ['offline failed, online failed too', { offline: 2, online: { channel: 2 } }, 'device', 'failed'],
    ['click failed after delivery', { offline: 1, channel: 1, device: 1, click: 2 }, 'click', 'failed'],
    ['failure after the expected stage does not matter', { offline: 1, channel: 1, device: 2 }, 'channel', 'reached'],
  ])('%s', (_name, spec, stage, outcome) => {
    expect(instanceExpectOutcome(buildInstance(instance(spec as Parameters<typeof instance>[0]), 0), stage as 'device')).toBe(outcome);
  });

  it('is reached when any instance reached the stage', () => {
    const trace = buildTrace('x', response(instance({ offline: 2 }), instance({ offline: 1, channel: 1, device: 1 })));
    expect(expectOutcome(trace, 'device')).toBe('reached');
  });
});

describe('explainTraceApiCode', () => {
  it.each([
    [90045, /not enabled/],
    [90100, /invalid request parameters/],
    [90103, /switch accounts/],
    [90009, /administrator/],
  ])('%d → %s', (code, meaning) => {
    expect(explainTraceApiCode(code)?.meaning).toMatch(meaning);
  });

  it('knows nothing about other codes', () => {
    expect(explainTraceApiCode(70009)).toBeUndefined();
  });
});

describe('TraceJudgement (issue 15: one instance at a time)', () => {
  // The whole-trace rule it replaced: the first instance with the best verdict decides; the others that failed
  // are noted (the first of them by vendor, stage and cause); the outcome as expectOutcome gives it.
  const RANK = { clicked: 4, delivered: 3, pending: 2, failed: 1, not_found: 0 } as const;
  const reference = (trace: Trace) => {
    const instances = trace.instances.map(diagnoseInstance);
    if (instances.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < instances.length; i++) if (RANK[instances[i]!.verdict] > RANK[instances[best]!.verdict]) best = i;
    const decided = instances[best]!;
    const others = instances.map((d, i) => [d, i] as const).filter(([d, i]) => i !== best && d.verdict === 'failed');
    let note = '';
    if (others.length > 0 && decided.verdict !== 'failed') {
      const [first, at] = others[0]!;
      note = `Another instance failed${others.length > 1 ? ` (and ${others.length - 1} more)` : ''}: ${trace.instances[at]!.platform.name} at ${STAGE_LABELS[first.failedStage!]} (`;
    }
    return { decided, note, instances };
  };
  // The whole-trace outcome rule: reached on any instance, failed on all, else pending; no instance, not found.
  const referenceOutcome = (trace: Trace, stage: (typeof EXPECT_STAGES)[number]): ExpectOutcome => {
    if (trace.instances.length === 0) return 'not_found';
    const each = trace.instances.map((inst) => instanceExpectOutcome(inst, stage));
    return each.includes('reached') ? 'reached' : each.every((o) => o === 'failed') ? 'failed' : 'pending';
  };
  const stat = fc.option(fc.record({ PushStatus: fc.constantFrom(0, 1, 2), ErrorCode: fc.constantFrom(0, 1, 1001, 70009, 80001), ErrorInfo: fc.constantFrom('', 'token invalid', 'x'), EventTime: fc.constantFrom('2025-03-07 10:04:46', '') }), { nil: undefined });
  const raw = fc.record({ PushPlatform: fc.integer({ min: 0, max: 9 }), PushTime: fc.constant('2025-03-07 10:04:45'), NotificationStatus: fc.constantFrom(0, 1), Token: fc.constantFrom('', 't'), CertId: fc.constantFrom('0', '1'), IMCommitStat: fc.record({ IMStat: stat }), OfflinePushStat: fc.record({ OfflineStat: stat, ChannelStat: stat, DeviceStat: stat, ClickStat: stat }), OnlinePushStat: fc.option(fc.record({ ChannelStat: stat, DeviceStat: stat }), { nil: undefined }) });

  it('property: the verdict, note and outcome of the whole-trace rule, for any instances and --expect', () => {
    fc.assert(
      fc.property(fc.array(raw, { maxLength: 8 }), fc.constantFrom(...EXPECT_STAGES), (entries, stage) => {
        const trace = buildTrace('p', { InstanceTrace: entries });
        const judgement = new TraceJudgement(stage);
        for (const inst of trace.instances) judgement.add(inst);
        const got = judgement.diagnosis();
        const want = reference(trace);
        expect(judgement.outcome()).toBe(referenceOutcome(trace, stage));
        expect(expectOutcome(trace, stage)).toBe(referenceOutcome(trace, stage));
        expect(got.instances).toEqual(trace.instances.map(diagnoseInstance));
        if (!want) {
          expect(got.verdict).toBe('not_found');
          return;
        }
        expect({ verdict: got.verdict, cause: got.cause, failedStage: got.failedStage, summary: got.summary }).toEqual({ verdict: want.decided.verdict, cause: want.decided.cause, failedStage: want.decided.failedStage, summary: want.decided.summary });
        expect(got.note.startsWith(want.note)).toBe(true);
        expect(got.note === '').toBe(want.note === '');
      }),
      { numRuns: 1500 },
    );
  });
});
