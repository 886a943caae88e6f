import fc from 'fast-check';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { plainChalk } from '../../src/render/plain-chalk.js';
import { alignColumns } from '../../src/render/columns.js';
import { renderTrace, renderVerdict, TABLE_INSTANCE_LIMIT } from '../../src/render/timeline.js';
import { displayWidth, truncate } from '../../src/render/width.js';
import { diagnoseTrace } from '../../src/trace/diagnose.js';
import { buildTrace } from '../../src/trace/model.js';
import { escapeUnsafeJson } from '../../src/render/sanitize.js';
import { traceToJson } from '../../src/trace/report.js';
import { instance, largeResponse, response, SAMPLE, shippedTraces } from '../helpers/trace-samples.js';

const plain = new Chalk({ level: 0 });
const colour = new Chalk({ level: 1 });
const samples = shippedTraces();

function render(pushId: string, body: unknown, opts: Partial<Parameters<typeof renderTrace>[2]> = {}): string {
  const trace = buildTrace(pushId, body);
  return renderTrace(trace, diagnoseTrace(trace), { chalk: plain, ...opts });
}

describe('renderTrace (plain, off a TTY)', () => {
  it('renders the Xiaomi token failure as header, aligned columns and verdict', () => {
    expect(render(SAMPLE.xiaomiTokenInvalid, samples.get(SAMPLE.xiaomiTokenInvalid))).toBe(
      [
        `PushID ${SAMPLE.xiaomiTokenInvalid} · 1 instance`,
        '',
        'Instance 109921377 · Xiaomi · Android 14 · 23049RAD8C',
        '  SDK 8.3.6498 · push 8.3.6498 · notifications on · token yes · cert 35870 · last active yes · pushed 2025-11-04 08:45:10',
        '  STAGE           STATUS       TIME                 OFFSET  CODE  INFO           HINT',
        '  IM server       success      2025-11-04 08:45:10  +0s     0     success',
        '  offline submit  success      2025-11-04 08:45:10  +0s     0     success',
        '  vendor channel  failed       2025-11-04 08:45:11  +1s     1     regid_invalid  token invalid',
        '  device          not reached  -                    -       -',
        '  click           not reached  -                    -       -',
        '',
        'Verdict: failed at vendor channel — Xiaomi rejected the device token as invalid or expired (1: regid_invalid). Next: The app was probably uninstalled, reinstalled or its token rotated: the user must open the app so it logs in and uploads a fresh token.',
        '',
      ].join('\n'),
    );
  });

  it('renders an empty trace as zero instances and the not-found verdict', () => {
    expect(render('p', { InstanceTrace: [] })).toBe(
      'PushID p · 0 instances\n\nVerdict: not found — No trace data for this PushID: it is unknown to this SDKAppID, older than 7 days, or not recorded yet. Next: Check the PushID (from the Push.OfflinePush callback or the push records) and the SDKAppID/region; new pushes can take a few seconds to appear (try --watch).\n',
    );
  });

  it('adds the online rows when OnlinePushStat is present', () => {
    const out = render(SAMPLE.multiOnline, samples.get(SAMPLE.multiOnline));
    expect(out.match(/^ {2}online (channel|device) +success/gm)).toHaveLength(2);
    expect(out.match(/^Instance /gm)).toHaveLength(3);
  });

  it('never emits ANSI codes with colour off, and does with colour on', () => {
    for (const [id, body] of samples) expect(render(id, body)).not.toMatch(/\u001b/);
    expect(render(SAMPLE.xiaomiTokenInvalid, samples.get(SAMPLE.xiaomiTokenInvalid), { chalk: colour })).toMatch(/\u001b\[31m/);
  });

  it('strips escape sequences and line breaks from server text', () => {
    const evil = response(
      instance({
        offline: 1,
        channel: { PushStatus: 2, ErrorCode: 1, ErrorInfo: 'bad\u001b[2J\u001b]0;owned\u0007\nVerdict: clicked\r\u009b31m' },
        fields: { DeviceModel: 'Pixel\u001b[31m 8', InstanceId: 'id\u0000\u202e1', SystemVersion: '14\u0007' },
      }),
    );
    const out = render('p', evil);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out.match(/^Verdict:/gm)).toHaveLength(1);
    expect(out).toContain('bad Verdict: clicked 31m');
    expect(out).toContain('Pixel 8');
  });

  it('cuts long error info in the table but keeps it whole in JSON', () => {
    const long = 'x'.repeat(200);
    const body = response(instance({ offline: 1, channel: { PushStatus: 2, ErrorCode: 9, ErrorInfo: long } }));
    const trace = buildTrace('p', body);
    expect(renderTrace(trace, diagnoseTrace(trace), { chalk: plain, maxInfo: 20 })).toContain(`${'x'.repeat(19)}…`);
    const json = traceToJson(trace, diagnoseTrace(trace), { stage: 'device', outcome: 'failed' });
    expect(json.instances[0]!.stages[2]!.errorInfo).toBe(long);
  });

  it('renders 2000 instances', () => {
    const out = render('big', largeResponse(2000));
    expect(out.match(/^Instance /gm)).toHaveLength(2000);
  });
});

describe('renderTrace with cli-table3 (TTY)', () => {
  it('draws a borderless table with status marks and the same columns', () => {
    const out = render(SAMPLE.xiaomiTokenInvalid, samples.get(SAMPLE.xiaomiTokenInvalid), { Table });
    expect(out).toContain('✔ success');
    expect(out).toContain('✖ failed');
    expect(out).toContain('· not reached');
    expect(out).not.toMatch(/[┌─│└]/);
    expect(out).toMatch(/^ {2}STAGE +STATUS +TIME +OFFSET +CODE +INFO +HINT$/m);
  });

  it('pads the columns itself above TABLE_INSTANCE_LIMIT instances, with the same marks and alignment', () => {
    const body = largeResponse(TABLE_INSTANCE_LIMIT + 1);
    const big = render('big', body, { Table, chalk: colour });
    expect(big.match(/^Instance /gm)).toBeNull();
    expect(big.match(/Instance\u001b\[22m /g)).toHaveLength(TABLE_INSTANCE_LIMIT + 1);
    const small = render('small', response(...(body.InstanceTrace as Record<string, unknown>[]).slice(0, 1)), { Table, chalk: colour });
    const firstTable = (text: string): string => text.split('\n').slice(4, 10).join('\n');
    expect(firstTable(big)).toBe(firstTable(small));
  });

  it('colours the marks only when chalk has a level', () => {
    const out = render(SAMPLE.clickedApns, samples.get(SAMPLE.clickedApns), { Table, chalk: colour });
    expect(out).toContain('\u001b[32m✔ success');
  });
});

describe('renderVerdict', () => {
  it.each([
    [SAMPLE.clickedApns, 'Verdict: clicked — Delivered and opened by the user at +36s.'],
    [SAMPLE.vivoNotificationOff, 'Verdict: pending at device — Notifications for the app were switched off on the device (vivo). Next: Ask the user'],
    [SAMPLE.oppoNoCertificate, 'Verdict: failed at offline submit — No OPPO push certificate is configured for the app (-1: certificate id not set). Next: Add'],
  ])('%s', (id, start) => {
    const trace = buildTrace(id, samples.get(id));
    expect(renderVerdict(diagnoseTrace(trace), plain).startsWith(start)).toBe(true);
  });
});

describe('column helpers', () => {
  it.each([
    ['abc', 3],
    ['证书未配置', 10],
    ['e\u0301', 1],
    ['\u001b[32m✔ ok\u001b[39m', 4],
    ['', 0],
  ])('displayWidth(%j) = %d', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['a bit too long', 10, 'a bit too…'],
    ['证书未配置证书', 7, '证书未…'],
  ])('truncate(%j, %d) = %j', (text, max, out) => {
    expect(truncate(text, max)).toBe(out);
  });

  it('aligns wide characters by display width', () => {
    expect(alignColumns([['证书', 'x'], ['ab', 'y']])).toBe('证书  x\nab    y');
  });
});

describe('escapeUnsafeJson', () => {
  it.each([
    ['"\u009b31m"', '"\\u009b31m"'],
    ['"\u202e"', '"\\u202e"'],
    ['"plain ü 证"', '"plain ü 证"'],
  ])('%j → %j and parses back to the same data', (input, output) => {
    expect(escapeUnsafeJson(input)).toBe(output);
    expect(JSON.parse(escapeUnsafeJson(input))).toBe(JSON.parse(input));
  });
});

describe('renderTrace on a terminal of a given width (issue 11)', () => {
  it.each([60, 80, 100, 120])('every shipped sample fits %i columns, colour on', (width) => {
    for (const [id, body] of samples) {
      const out = render(id, body, { chalk: colour, Table, width });
      for (const line of out.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    }
  });

  it('at 60 columns: time of day only, the info and hint under their row, the verdict wrapped at words', () => {
    expect(render(SAMPLE.xiaomiTokenInvalid, samples.get(SAMPLE.xiaomiTokenInvalid), { width: 60 })).toBe(
      [
        'PushID · 1 instance',
        `  ${SAMPLE.xiaomiTokenInvalid}`,
        '',
        'Instance 109921377 · Xiaomi · Android 14 · 23049RAD8C',
        '  SDK 8.3.6498 · push 8.3.6498 · notifications on',
        '  token yes · cert 35870 · last active yes',
        '  pushed 2025-11-04 08:45:10',
        '  STAGE           STATUS       TIME      OFFSET  CODE',
        '  IM server       success      08:45:10  +0s     0',
        '  offline submit  success      08:45:10  +0s     0',
        '  vendor channel  failed       08:45:11  +1s     1',
        '      regid_invalid · token invalid',
        '  device          not reached  -         -       -',
        '  click           not reached  -         -       -',
        '',
        'Verdict: failed at vendor channel — Xiaomi rejected the',
        'device token as invalid or expired (1: regid_invalid). Next:',
        'The app was probably uninstalled, reinstalled or its token',
        'rotated: the user must open the app so it logs in and',
        'uploads a fresh token.',
        '',
      ].join('\n'),
    );
  });

  it('a width the table already fits changes nothing', () => {
    const id = SAMPLE.xiaomiTokenInvalid;
    expect(render(id, samples.get(id), { width: 400 })).toBe(render(id, samples.get(id)));
  });
});

describe('alignColumns (issue 15: loops instead of map/join)', () => {
  it('property: the same text as the map/join layout it replaced', () => {
    const reference = (rows: readonly (readonly string[])[], indent = ''): string => {
      const cellWidths = rows.map((row) => row.map(displayWidth));
      const widths: number[] = [];
      for (const row of cellWidths) row.forEach((w, i) => (widths[i] = Math.max(widths[i] ?? 0, w)));
      return rows.map((row, r) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - cellWidths[r]![i]! + 2))).join('').trimEnd()).join('\n');
    };
    const cell = fc.oneof(fc.constantFrom('', ' ', 'a ', 'success', '证书', 'x\u3000', '\u001b[31mred\u001b[39m', '✔ ok', 'é'), fc.string({ maxLength: 90 }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 6 }), fc.constantFrom('', '  '), (rows, indent) => {
        expect(alignColumns(rows, indent)).toBe(reference(rows, indent));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the plain stage table (issue 15: widths known as cells are made)', () => {
  // A chalk that paints nothing but does not say level 0, which sends renderTrace down the general path
  // (stageRow cells laid out by alignColumns): the text both paths must give.
  const general = new Proxy(plain, { get: (t, k) => (k === 'level' ? 1 : Reflect.get(t, k)) });
  const text = fc.oneof(
    fc.constantFrom('', ' ', 'success', 'token invalid', '证书无效', 'x\u3000', 'a\u001b[31mb', 'tab\tx', 'nl\ny', '\u202eevil', 'é', '😀', '2025-03-07 10:04:47', '0000-00-00 00:00:00', '2025-03-07 10:04:47.25'),
    fc.string({ maxLength: 90 }),
    fc.string({ unit: 'grapheme', maxLength: 70 }),
  );
  const value = fc.oneof(text, fc.integer({ min: -3, max: 90_000 }), fc.constant(null), fc.boolean());
  const stat = fc.option(fc.record({ PushStatus: fc.constantFrom(0, 1, 2, '1', '2', 3), ErrorCode: value, ErrorInfo: value, EventTime: value }, { requiredKeys: [] }), { nil: undefined });
  const raw = fc.record(
    {
      InstanceId: value,
      PushTime: fc.oneof(fc.constant('2025-03-07 10:04:45'), value),
      PushPlatform: value,
      IMCommitStat: fc.record({ IMStat: stat }),
      OfflinePushStat: fc.record({ OfflineStat: stat, ChannelStat: stat, DeviceStat: stat, ClickStat: stat }),
      OnlinePushStat: fc.record({ ChannelStat: stat, DeviceStat: stat }),
      DeviceModel: value,
      Token: value,
      System: value,
      SystemVersion: value,
      SdkVersion: value,
      PushVersion: value,
      CertId: value,
      NotificationStatus: fc.constantFrom(0, 1, '1', true, 'x'),
      last_active_terminal: fc.constantFrom(0, 1, '0'),
      EventType: fc.constantFrom(1, 2, 3, '2'),
    },
    { requiredKeys: ['IMCommitStat', 'OfflinePushStat'] },
  );

  it('property: the same text as stageRow + alignColumns, for any instances', () => {
    fc.assert(
      fc.property(fc.array(raw, { maxLength: 4 }), fc.option(fc.integer({ min: 1, max: 80 }), { nil: undefined }), (instances, maxInfo) => {
        const trace = buildTrace('p', response(...instances));
        const diag = diagnoseTrace(trace);
        expect(renderTrace(trace, diag, { chalk: plainChalk(), maxInfo })).toBe(renderTrace(trace, diag, { chalk: general, maxInfo }));
      }),
      { numRuns: 1500 },
    );
  });

  it('is the path taken off a terminal without colour', () => {
    const trace = buildTrace('p', largeResponse(3));
    expect(renderTrace(trace, diagnoseTrace(trace), { chalk: plainChalk() })).toBe(renderTrace(trace, diagnoseTrace(trace), { chalk: general }));
  });
});
