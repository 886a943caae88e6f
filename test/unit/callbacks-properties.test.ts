/**
 * Property-based tests (fast-check) for the parsers and rules behind platform-faithful verdicts: the emulation
 * of Go's encoding/json (go-json.ts) and OpenIM's Parse() rule (decide-openim.ts), and the callback Sign
 * (sign.ts). Hostile input must never throw; the emulation must agree with JSON's grammar and Go's int32 rules.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideOpenIm } from '../../src/callbacks/decide-openim.js';
import { foldKey, goUnmarshal, goValid } from '../../src/callbacks/go-json.js';
import { signCallback, verifySign } from '../../src/callbacks/sign.js';

const COMMON = { actionCode: 'int32', errCode: 'int32', errMsg: 'string', errDlt: 'string', nextCode: 'int32' };
const STRUCTS = {
  Resp: { ...COMMON, userIDList: '[]string', offlinePushInfo: '*OfflinePushInfo' },
  OfflinePushInfo: { title: 'string', desc: 'string', ex: 'string', iOSPushSound: 'string', iOSBadgeCount: 'bool', signalInfo: 'string' },
};
const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const RULE = { command: 'callbackBeforeOfflinePushCommand', kind: 'before' as const, response: { userIDList: '[]string', offlinePushInfo: '*OfflinePushInfo' } };
const decide = (body: string) => decideOpenIm(RULE, { status: 200, body: enc(body), latencyMs: 1 }, { budgetMs: 5000, goTypes: STRUCTS });

/** JSON texts and near-JSON texts (JSON with a character cut, doubled or inserted). */
const jsonish = fc.oneof(
  fc.json(),
  fc.string(),
  fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', '\\', '0', '-', 'e', '.', ' ', '\u0001')).map(([j, i, c]) => {
    const at = j.length === 0 ? 0 : i % j.length;
    return j.slice(0, at) + c + j.slice(at + (c === '' ? 1 : 0));
  }),
);

describe('Go encoding/json emulation (go-json.ts)', () => {
  it('never throws, on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = goUnmarshal(bytes, 'Resp', STRUCTS);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly the texts JSON.parse accepts (same grammar, RFC 8259)', () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        let js = true;
        try {
          JSON.parse(text);
        } catch {
          js = false;
        }
        expect(goValid(enc(text))).toBe(js);
      }),
      { numRuns: 3000 },
    );
  });

  it('an int32 field takes every integer in range and rejects everything outside it, from the literal text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), (n) => {
        const r = goUnmarshal(enc(`{"nextCode":${n}}`), 'Resp', STRUCTS);
        const inRange = n >= -(2n ** 31n) && n <= 2n ** 31n - 1n;
        expect(r.ok).toBe(inRange);
        if (r.ok) expect(r.value.nextCode).toBe(Number(n));
      }),
    );
  });

  it('an int32 field rejects any fraction or exponent, even of a whole number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom('.0', 'e0', 'E0', 'e+0', '.5', 'e-0', '.00e1'), (n, tail) => {
        expect(goUnmarshal(enc(`{"actionCode":${n}${tail}}`), 'Resp', STRUCTS).ok).toBe(false);
      }),
    );
  });

  it('matches keys in any letter case; of duplicate keys the last wins', () => {
    const anyCase = (key: string): fc.Arbitrary<string> =>
      fc.array(fc.boolean(), { minLength: key.length, maxLength: key.length }).map((flags) => [...key].map((c, i) => (flags[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
    fc.assert(
      fc.property(anyCase('nextCode'), anyCase('nextCode'), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (k1, k2, a, b) => {
        const r = goUnmarshal(enc(`{"${k1}":${a},"${k2}":${b}}`), 'Resp', STRUCTS);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.nextCode).toBe(b);
        expect(foldKey(k1)).toBe(foldKey('nextCode'));
      }),
    );
  });

  it('a value of the wrong type in any known field fails the whole decode', () => {
    const wrong: Record<string, fc.Arbitrary<string>> = {
      actionCode: fc.constantFrom('"0"', 'true', '[]', '{}', '1.5'),
      errMsg: fc.constantFrom('0', 'true', '[]', '{}'),
      userIDList: fc.constantFrom('"u"', '1', '{}', '[1]', '[true]'),
      offlinePushInfo: fc.constantFrom('"x"', '1', '[]', '{"title":1}', '{"iOSBadgeCount":"1"}'),
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(wrong)), fc.integer({ min: 0, max: 3 }), (field, pad) =>
        fc.assert(
          fc.property(wrong[field]!, (v) => {
            const body = `{${'"x":1,'.repeat(pad)}"${field}":${v}}`;
            expect(goUnmarshal(enc(body), 'Resp', STRUCTS).ok).toBe(false);
          }),
          { numRuns: 10 },
        ),
      ),
      { numRuns: 40 },
    );
  });
});

describe("OpenIM's decision (decide-openim.ts, common.go:67-72)", () => {
  it('refused exactly when actionCode is 0 and nextCode is 1, whatever errCode says', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (a, n, e) => {
        const v = decide(`{"actionCode":${a},"nextCode":${n},"errCode":${e}}`);
        expect(v.decision).toBe(a === 0 && n === 1 ? 'refused' : 'continue');
        expect(v.pass).toBe(v.decision === 'continue');
      }),
    );
  });

  it('any reply gets a decision and a reason, never a throw', () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        const v = decide(text);
        expect(['continue', 'refused', 'blocked']).toContain(v.decision);
        expect(v.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('callback Sign (sign.ts, reference/callbacks.md §A4)', () => {
  it('is the lower-case hex sha256 of token + RequestTime that node:crypto computes, for any token', () => {
    // sign.ts hashes with @noble/hashes (start-up, issue 15); receivers check with their platform's sha256.
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.oneof(fc.integer({ min: 0, max: 99_999_999_999 }), fc.string({ maxLength: 12 })), (token, t) => {
        expect(signCallback(token, t)).toBe(createHash('sha256').update(`${token}${t}`).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('a fresh signature verifies within ±60 s and not beyond; the skew is reported in seconds', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }), fc.integer({ min: -200, max: 200 }), (token, t, skew) => {
        const q = new URLSearchParams({ RequestTime: String(t), Sign: signCallback(token, t) });
        const r = verifySign(q, token, (t + skew) * 1000 + 999);
        expect(r.valid).toBe(Math.abs(skew) <= 60);
        expect(r.skewS).toBe(skew);
        if (!r.valid) expect(r.why).toBe(skew > 0 ? 'expired' : 'future');
      }),
    );
  });

  it('another token never verifies', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 99_999_999_999 }), (a, b, t) => {
        fc.pre(a !== b);
        const q = new URLSearchParams({ RequestTime: String(t), Sign: signCallback(a, t) });
        expect(verifySign(q, b, t * 1000)).toMatchObject({ valid: false, why: 'wrong-token' });
      }),
    );
  });

  it('any query string gets a verdict, never a throw; a malformed Sign or time is "malformed"', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const r = verifySign(new URLSearchParams(raw), 'tok', 1_700_000_000_000);
        expect(typeof r.valid).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string().filter((s) => !/^[0-9a-fA-F]{64}$/.test(s) && s !== ''), (sign) => {
        expect(verifySign(new URLSearchParams({ RequestTime: '1700000000', Sign: sign }), 'tok', 1_700_000_000_000)).toMatchObject({ valid: false, why: 'malformed' });
      }),
    );
  });

  it('the documented vector (token xxxxyyyy; the docs print xxxyyy, a doc error)', () => {
    expect(signCallback('xxxxyyyy', 1669872112)).toBe('17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061');
  });
});
