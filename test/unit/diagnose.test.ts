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
  type ExpectOutcome,
} from '../../src/trace/diagnose.js';
import { buildInstance, buildTrace } from '../../src/trace/model.js';
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
