import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { displayWidth } from '../../src/render/width.js';
import {
  CATEGORY_LABELS,
  CODE_RANGES,
  CODES,
  codeFamily,
  isAuthCode,
  isRetryableCode,
  lookupCode,
  lookupCodes,
  lookupReason,
  RETRYABLE_CODES,
} from '../../src/tencent/codes.js';

describe('the code table', () => {
  it('is sorted by code and every entry has a meaning, a next step and a source', () => {
    const codes = CODES.map((c) => c.code);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    for (const c of CODES) {
      expect(c.meaning.length, `${c.code} meaning`).toBeGreaterThan(5);
      expect(c.next.length, `${c.code} next`).toBeGreaterThan(5);
      // Something a user can open (a public page or the SDK's header), never this project's own notes.
      expect(c.source, `${c.code} source`).toMatch(/^(https:\/\/|V2TIMErrorCode\.h |no public description found$)/);
      expect(c.source, `${c.code} source`).not.toMatch(/protocols\.md|seeds\/|reference\//);
      expect(CATEGORY_LABELS[c.category]).toBeDefined();
    }
  });

  it('has no duplicate (code, category) pair', () => {
    const keys = CODES.map((c) => `${c.code}/${c.category}/${c.name ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  // Every REST row of reference/protocols.md §2.3, with its V2TIM name where the table gives one.
  it.each([
    [60002, 'ERR_SVR_COMM_INVALID_HTTP_URL'], [60003, 'REQ_JSON_PARSE_FAILED'], [60004, 'INVALID_ACCOUNT'], [60005, 'INVALID_ACCOUNT_EX'],
    [60006, 'INVALID_SDKAPPID'], [60007, 'REST_FREQ_LIMIT'], [60008, 'REQUEST_TIMEOUT'], [60009, 'INVALID_RES'], [60010, 'ID_NOT_ADMIN'],
    [60011, 'SDKAPPID_FREQ_LIMIT'], [60012, 'SDKAPPID_MISS'], [60013, 'RSP_JSON_PARSE_FAILED'], [60014, 'EXCHANGE_ACCOUNT_TIMEOUT'],
    [60015, 'INVALID_ID_FORMAT'], [60016, 'SDKAPPID_FORBIDDEN'], [60017, 'REQ_FORBIDDEN'], [60018, 'REQ_FREQ_LIMIT'], [60019, 'REQ_FREQ_LIMIT_EX'],
    [60020, 'INVALID_SERVICE'], [70001, 'USERSIG_EXPIRED'], [70002, 'USERSIG_EMPTY'], [70003, 'USERSIG_CHECK_FAILED'],
    [70005, 'USERSIG_CHECK_FAILED_EX'], [70009, 'MISMATCH_PUBLICKEY'], [70013, 'MISMATCH_ID'], [70014, 'MISMATCH_SDKAPPID'],
    [70016, 'PUBLICKEY_NOT_FOUND'], [70020, 'SDKAPPID_NOT_FOUND'], [70050, 'ACCOUNT_FREQ_LIMIT'], [70051, 'ACCOUNT_BLACKLIST'],
    [70052, 'INVALID_USERSIG'], [70107, 'ACCOUNT_NOT_FOUND'], [70114, 'SEC_RSTR'], [70169, 'INTERNAL_TIMEOUT'], [70206, 'INVALID_COUNT'],
    [70398, 'ACCOUNT_COUNT_LIMIT'], [70402, 'INVALID_PARAMETERS'], [70403, 'ADMIN_REQUIRED'], [70500, 'INTERNAL_ERROR'],
    [72001, 'USER_STATUS_DISABLED'], [80001, 'COMM_SENSITIVE_TEXT'], [80002, 'BODY_SIZE_LIMIT'], [20006, 'MSG_PUSH_DENY'],
    [10016, 'GROUP_REJECT_FROM_THIRDPARTY'], [90992, 'MSG_INTERNAL_ERROR5'], [91000, 'MSG_INTERNAL_ERROR4'],
  ])('knows REST code %i as %s', (code, name) => {
    const info = lookupCode(code);
    expect(info?.name).toBe(name);
    expect(info?.confirmed).toBe(true);
  });

  it.each([60021, 60022, 60023])('lists %i (sourced only by the 679 table, or not at all)', (code) => {
    expect(lookupCode(code)).toBeDefined();
  });

  it.each([60022, 60023])('marks %i UNCONFIRMED without inventing a meaning', (code) => {
    const info = lookupCode(code)!;
    expect(info.confirmed).toBe(false);
    expect(info.meaning).toMatch(/^UNCONFIRMED/);
  });

  // §4.3 server table, client table, and the normal_push_trace private codes of §2.4.
  it.each([
    90001, 90005, 90009, 90018, 90020, 90022, 90024, 90026, 90032, 90033, 90039, 90040, 90045, 90047, 90049, 90050, 90051, 90052, 90053, 90056,
  ])('knows TIMPush server code %i', (code) => {
    expect(lookupCodes(code).some((c) => c.category === 'timpush')).toBe(true);
  });

  it.each(Array.from({ length: 16 }, (_, i) => 800001 + i).concat([6014, 9523]))('knows TIMPush client code %i', (code) => {
    expect(lookupCodes(code).some((c) => c.category === 'push-client')).toBe(true);
  });

  it.each([
    [90100, 'Invalid request parameters.'],
    [90102, 'Internal error, please try again later.'],
    [90103, 'Failed to switch accounts.'],
  ])('quotes the seed page for private trace code %i and marks it UNCONFIRMED', (code, wording) => {
    const info = lookupCode(code)!;
    expect(info.confirmed).toBe(false);
    expect(info.name).toBe('private trace error');
    expect(info.meaning).toContain('UNCONFIRMED');
    expect(info.meaning).toContain(wording);
    expect(info.source).toBe('https://www.tencentcloud.com/document/product/1047/71896');
  });

  it('gives 70016 both its REST and its TIMPush client meaning, REST first', () => {
    expect(lookupCodes(70016).map((c) => c.category)).toEqual(['rest', 'push-client']);
    expect(lookupCode(70016)?.name).toBe('PUBLICKEY_NOT_FOUND');
  });

  it.each([90004, 90007])('gives %i its OpenIM meaning and says the Tencent REST one is not documented', (code) => {
    const all = lookupCodes(code);
    expect(all.map((c) => c.category)).toEqual(['rest', 'callback']);
    expect(all[0]!.confirmed).toBe(false);
    expect(all[0]!.meaning).toMatch(/per-API range.*does not list/);
    expect(all[1]!.name).toBe(code === 90004 ? 'OpenIM ErrNetwork' : 'OpenIM ErrData');
    expect(all[1]!.meaning).toMatch(/blocked/);
    expect(isAuthCode(code) || isRetryableCode(code)).toBe(false);
  });

  it.each([
    [1, 'callback', 'forbid'],
    [2, 'callback', 'discard'],
  ])('knows before-send reply ErrorCode %i (%s: %s)', (code, category, name) => {
    expect(lookupCodes(code).find((c) => c.category === category)?.name).toBe(name);
  });
});

describe('ranges and families', () => {
  it.each([
    [120001, 'custom before-send code'],
    [125000, 'custom before-send code'],
    [130000, 'custom before-send code'],
    [5000, 'OpenIM custom errCode'],
    [9999, 'OpenIM custom errCode'],
  ])('%i falls in a range entry (%s) carrying the looked-up code', (code, name) => {
    const info = lookupCode(code)!;
    expect(info.name).toBe(name);
    expect(info.code).toBe(code);
    expect(info.range).toBeDefined();
  });

  it.each([120000, 130001, 4999, 10000])('%i is outside every range', (code) => {
    expect(CODE_RANGES.some((r) => code >= r.range[0] && code <= r.range[1])).toBe(false);
  });

  it.each([
    [70999, /common REST range/],
    [60000, /common REST range/],
    [79999, /common REST range/],
    [90999, /per-API range/],
    [801234, /TIMPush client/],
  ])('an unknown %i is placed in its family', (code, family) => {
    expect(lookupCode(code)).toBeUndefined();
    expect(codeFamily(code)?.name).toMatch(family);
    expect(codeFamily(code)?.where).toMatch(/\S/);
  });

  it('has no family for a code from nowhere', () => {
    expect(codeFamily(42)).toBeUndefined();
  });
});

describe('handling', () => {
  it.each([
    [60004, true], [60005, true], [60010, true], [90009, true], [70001, true], [70052, true],
    [70053, false], [60006, false], [70107, false], [91000, false], [0, false],
  ])('isAuthCode(%i) is %s', (code, auth) => {
    expect(isAuthCode(code)).toBe(auth);
  });

  it.each([60007, 60008, 60011, 60018, 60019, 70169, 70500, 91000])('retries %i', (code) => {
    expect(isRetryableCode(code)).toBe(true);
  });

  it.each([70001, 70009, 60006, 90045, 90102])('does not retry %i', (code) => {
    expect(isRetryableCode(code)).toBe(false);
  });

  it('says "retries this code with backoff" exactly for the retryable codes', () => {
    const saying = new Set(CODES.filter((c) => /retries this code with backoff/.test(c.next)).map((c) => c.code));
    expect([...saying].sort()).toEqual([...RETRYABLE_CODES].sort());
  });

  it('never suggests retrying an auth code', () => {
    for (const c of CODES.filter((x) => isAuthCode(x.code) && x.category === 'rest')) expect(c.next).not.toMatch(/retries this code/);
  });
});

describe('lookupReason', () => {
  it.each([
    ['certificate id not set', -1],
    ['  Token   not uploaded ', -2],
    ['REGID_INVALID', 1],
  ])('finds the push-loss reason %j', (text, code) => {
    const info = lookupReason(text)!;
    expect(info.category).toBe('loss');
    expect(info.code).toBe(code);
  });

  it('returns undefined for other text', () => {
    expect(lookupReason('no such reason')).toBeUndefined();
  });
});

describe('explain (src/commands/explain.ts)', async () => {
  const { explainInput, renderExplanation } = await import('../../src/commands/explain.js');
  const plain = { bold: (s: string) => s, yellow: (s: string) => s };

  it.each([
    ['70009', 70009, 1],
    [' 70016 ', 70016, 2],
    ['+91000', 91000, 1],
    ['-1', -1, 2],
    ['125000', 125000, 1],
    ['70999', 70999, 0],
    ['certificate id not set', -1, 1],
  ])('%j → code %i with %i meaning(s)', (input, code, n) => {
    const e = explainInput(input);
    expect(e.code).toBe(code);
    expect(e.matches).toHaveLength(n);
  });

  it.each(['abc', '70009x', '1e5', '0x10', '', '7000.9'])('%j is not a code (usage error)', (input) => {
    expect(() => explainInput(input)).toThrow(UsageError);
  });

  it('renders a whole explanation with colour off', () => {
    expect(renderExplanation(explainInput('70001'), plain)).toBe(
      [
        '70001  USERSIG_EXPIRED  REST API, common code',
        '  meaning  The UserSig has expired.',
        "  next     Generate a new one ('chatpush usersig gen'); a validity of at least 24 h is advised.",
        '  source   V2TIMErrorCode.h in the Chat (IM) SDK; https://cloud.tencent.com/document/product/679/131708',
        '',
        'chatpush treats it as an authentication error (exit 4) and never retries it.',
        '',
      ].join('\n'),
    );
  });

  it.each([60, 80])('on a terminal of %i columns no line is wider and every source URL stays whole', (width) => {
    for (const code of ['70016', '90004', '90102', '125000', '-1', '800016', '5001']) {
      const e = explainInput(code);
      const out = renderExplanation(e, plain, width);
      expect(out.split('\n').filter((l) => displayWidth(l) > width)).toEqual([]);
      expect(out).not.toMatch(/ $/m);
      const tokens = new Set(out.split(/\s+/));
      const urls = e.matches.flatMap((m) => m.source.match(/https:\/\/\S+/g) ?? []);
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.filter((u) => !tokens.has(u) && !tokens.has(u.replace(/;$/, '')))).toEqual([]);
      expect(out.replace(/\s+/g, ' ')).toContain(e.matches[0]!.meaning);
    }
  });

  it('marks UNCONFIRMED entries', () => {
    expect(renderExplanation(explainInput('90102'), plain)).toMatch(/^90102  private trace error  Push \(TIMPush\) server \/ REST API  UNCONFIRMED\n/);
  });
});
