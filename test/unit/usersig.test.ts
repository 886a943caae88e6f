import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/width.js';
import { decodeUserSig, genUserSig, signingContent, verifyUserSig } from '../../src/tencent/usersig.js';

const require = createRequire(import.meta.url);
const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const TIME = 1700000000;
const EXPIRE = 86400 * 180;

/** The official package reads Date.now() inside genUserSig; pin it for one call. */
function oracle(identifier: string, expire: number, time: number, sdkappid = 1400000000, key = KEY): string {
  const { Api } = require('tls-sig-api-v2') as { Api: new (id: number, key: string) => { genUserSig(id: string, exp: number): string } };
  const realNow = Date.now;
  Date.now = () => time * 1000;
  try {
    return new Api(sdkappid, key).genUserSig(identifier, expire);
  } finally {
    Date.now = realNow;
  }
}

describe('genUserSig', () => {
  it('matches the published vector V1 (reference/protocols.md §1.3)', () => {
    expect(genUserSig({ sdkappid: 1400000000, key: KEY, identifier: 'administrator', expire: EXPIRE, time: TIME })).toBe(
      'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJEpycxNVbIyNEcVTa0oyCwCiZuamhrBRYsz05WslLycqyoS89ws-EJCIhJLTXK1jTIsy8vM0yO98ir9sotzDSpyDf1cI0KNzE1slWoBQr40pw__',
    );
  });

  it.each([
    ['administrator', EXPIRE, TIME, 1400000000, KEY],
    ['admin', 86400, 1750000000, 1600012345, 'another-key'],
    ['用户😀', 1, 1, 1, 'k'],
    ['a"b\\c', 604800, 1893456000, 4294967295, KEY],
  ])('is byte-equal to the official tls-sig-api-v2 for %s', (identifier, expire, time, sdkappid, key) => {
    expect(genUserSig({ sdkappid, key, identifier, expire, time })).toBe(oracle(identifier, expire, time, sdkappid, key));
  });

  // The HMAC is computed by @noble/hashes, the official package's by node:crypto: any identifier, key (UTF-8,
  // any length, also longer than SHA-256's 64-byte block, which HMAC hashes first) and time must agree.
  it('is byte-equal to the official package for random identifiers, keys, times and expiries', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 2 ** 32 - 1 }),
        (identifier, key, time, expire, sdkappid) => {
          expect(genUserSig({ sdkappid, key, identifier, expire, time })).toBe(oracle(identifier, expire, time, sdkappid, key));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('includes TLS.userbuf in the HMAC input when present (vector with userbuf "abc")', () => {
    const sig = genUserSig({ sdkappid: 1400000000, key: KEY, identifier: 'administrator', expire: 15552000, time: TIME, userbuf: Buffer.from('abc') });
    expect(sig).toBe(
      'eJxVzM0OgjAQBOB32bMhgFSSJh5QTspJCOoRbSELFJv*IGp8dyOiiXubbyb7gCxJnZ4roOA7LszGjIx3BkscuWACO9RGFeaipoFmTSElMqBe4E73aQwKDtQL-5UPEtXbCSH*T63m6mRLoHDcb*rva6yAwi3Oz56fNtXByla2eXgnUb2O0sS6fZkNYnXdxmLB5sFOL*H5AtNYO3g_',
    );
    expect(decodeUserSig(sig).userbuf).toBe('YWJj');
  });

  it('builds the HMAC input line by line', () => {
    expect(signingContent({ identifier: 'administrator', sdkappid: 1400000000, time: TIME, expire: 15552000 })).toBe(
      'TLS.identifier:administrator\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:15552000\n',
    );
  });
});

describe('decodeUserSig / verifyUserSig', () => {
  const sig = genUserSig({ sdkappid: 1400000000, key: KEY, identifier: 'administrator', expire: 3600, time: TIME });
  const expect0 = { sdkappid: 1400000000, key: KEY, identifier: 'administrator', now: TIME + 10 };

  it('decodes the fields', () => {
    expect(decodeUserSig(sig)).toEqual({
      version: '2.0',
      identifier: 'administrator',
      sdkappid: 1400000000,
      time: TIME,
      expire: 3600,
      userbuf: undefined,
      sig: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
  });

  it('accepts a fresh signature made with the same key (round trip), up to the last second', () => {
    expect(verifyUserSig(sig, expect0)).toMatchObject({ valid: true, expiresAt: TIME + 3600 });
    expect(verifyUserSig(sig, { ...expect0, now: TIME + 3600 }).valid).toBe(true);
  });

  it('verifies a signature made by the official package', () => {
    expect(verifyUserSig(oracle('administrator', 600, TIME), expect0).valid).toBe(true);
  });

  it.each([
    ['malformed: empty', '', expect0, 'malformed', 70003],
    ['malformed: bad characters', 'abc$%^', expect0, 'malformed', 70003],
    ['malformed: truncated', sig.slice(0, 40), expect0, 'malformed', 70003],
    ['malformed: not zlib', 'aGVsbG8gd29ybGQ_', expect0, 'malformed', 70003],
    ['SDKAppID mismatch', sig, { ...expect0, sdkappid: 1400000001 }, 'sdkappid_mismatch', 70014],
    ['identifier mismatch', sig, { ...expect0, identifier: 'admin' }, 'identifier_mismatch', 70013],
    ['expired', sig, { ...expect0, now: TIME + 3601 }, 'expired', 70001],
    ['wrong key', sig, { ...expect0, key: 'not-the-key' }, 'signature_mismatch', 70009],
  ])('reports %s', (_name, token, expectation, problem, code) => {
    const r = verifyUserSig(token, expectation);
    expect(r.valid).toBe(false);
    if (!r.valid) {
      expect(r.problem).toBe(problem);
      expect(r.code).toBe(code);
      expect(r.reason).not.toContain(KEY);
    }
  });
});

describe('usersig verify report (src/commands/usersig.ts)', async () => {
  const { buildUsersigReport, relativeTime, renderUsersigReport } = await import('../../src/commands/usersig.js');
  const sig = genUserSig({ sdkappid: 1400000000, key: KEY, identifier: 'administrator', expire: 3600, time: TIME });
  const ok = { sdkappid: 1400000000, key: KEY, identifier: 'administrator', now: TIME + 10 };
  const plain = { green: (s: string) => s, red: (s: string) => s, bold: (s: string) => s };

  it.each([
    ['valid', ok, true, undefined, { sdkappid: 'pass', identifier: 'pass', expiry: 'pass', signature: 'pass' }],
    ['expired but signed with this key', { ...ok, now: TIME + 4000 }, false, 'expired', { sdkappid: 'pass', identifier: 'pass', expiry: 'fail', signature: 'pass' }],
    ['expired and signed with another key', { ...ok, now: TIME + 4000, key: 'other' }, false, 'expired', { sdkappid: 'pass', identifier: 'pass', expiry: 'fail', signature: 'fail' }],
    ['SDKAppID and identifier both wrong: the server reports the SDKAppID first', { ...ok, sdkappid: 1, identifier: 'x' }, false, 'sdkappid_mismatch', { sdkappid: 'fail', identifier: 'fail', expiry: 'pass', signature: 'pass' }],
    ['wrong key only', { ...ok, key: 'other' }, false, 'signature_mismatch', { sdkappid: 'pass', identifier: 'pass', expiry: 'pass', signature: 'fail' }],
  ] as const)('%s', (_n, expectation, valid, problem, checks) => {
    const r = buildUsersigReport(sig, expectation);
    expect(r.valid).toBe(valid);
    expect(r.problem).toBe(problem);
    expect(r.checks).toEqual(checks);
    expect(r.decoded).toEqual({ version: '2.0', identifier: 'administrator', sdkappid: 1400000000, time: TIME, expire: 3600, userbuf: undefined });
    expect(r.expiresAt).toBe(TIME + 3600);
    if (!valid) expect(r.next).toMatch(/\S/);
  });

  it('reports a malformed sig with no decoded fields and no checks', () => {
    const r = buildUsersigReport('not-a-sig', ok);
    expect(r).toMatchObject({ valid: false, problem: 'malformed', code: 70003, decoded: undefined, checks: {} });
  });

  it('never carries the HMAC', () => {
    const hmac = decodeUserSig(sig).sig;
    const r = buildUsersigReport(sig, { ...ok, key: 'other' });
    expect(JSON.stringify(r)).not.toContain(hmac);
    const text = renderUsersigReport(r, ok, TIME + 10, plain);
    expect(text).not.toContain(hmac);
    expect(text).not.toContain(sig);
  });

  it.each([60, 80])('on a terminal of %i columns the report fits, values wrapped under their column', (width) => {
    for (const r of [buildUsersigReport(sig, ok), buildUsersigReport(sig, { ...ok, identifier: 'admin', key: 'other' })]) {
      const text = renderUsersigReport(r, ok, TIME + 10, plain, width);
      expect(text.split('\n').filter((l) => displayWidth(l) > width)).toEqual([]);
      for (const l of text.split('\n').slice(1)) expect(l).toMatch(/^ {2}[a-z]+ +\S|^ {13}\S|^$/);
    }
  });

  it('renders the whole report with colour off', () => {
    const r = buildUsersigReport(sig, { ...ok, identifier: 'admin' });
    expect(renderUsersigReport(r, { sdkappid: 1400000000, identifier: 'admin' }, TIME + 10, plain)).toBe(
      [
        'UserSig',
        '  identifier administrator ✗ (expected admin)',
        '  sdkappid   1400000000',
        '  issued     2023-11-14T22:13:20Z (10 s ago)',
        '  expires    2023-11-14T23:13:20Z (in 59 min; validity 3600 s)',
        '  signature  made with the configured key',
        '  verdict    INVALID: it was issued for identifier "administrator", not "admin" → the server answers 70013 MISMATCH_ID',
        "  next       Sign for the identifier you send ('chatpush usersig gen --identifier <admin>'), or fix --identifier.",
        '',
      ].join('\n'),
    );
  });

  it('strips control characters from a hostile identifier before it reaches the terminal', () => {
    const evil = genUserSig({ sdkappid: 1400000000, key: KEY, identifier: 'adm\u001b[2Jin', expire: 3600, time: TIME });
    const text = renderUsersigReport(buildUsersigReport(evil, ok), ok, TIME, plain);
    expect(text).not.toContain('\u001b');
  });

  it.each([
    [0, 'just now'],
    [-10, '10 s ago'],
    [59, 'in 59 s'],
    [3599, 'in 59 min'],
    [-7200, '2 h ago'],
    [86400 * 180, 'in 180 d'],
  ])('relativeTime(%i) = %s', (delta, text) => {
    expect(relativeTime(delta)).toBe(text);
  });
});
