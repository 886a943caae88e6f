/**
 * The shared hardening mechanisms, pure: redaction (src/redact.ts), the output escaping rule
 * (render/sanitize.ts), depth-checked JSON (json-safe.ts), strict UTF-8 (bounded-read.ts) and text-edit
 * --set (replay/overrides.ts). Table-driven cases plus fast-check properties.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, firstInvalidUtf8, formatLimit, readFileBounded, TooLargeError } from '../../src/bounded-read.js';
import { findTooDeep, LineIndex, lineColAt, MAX_JSON_DEPTH, parseUntrustedJsonSync, setOwn } from '../../src/json-safe.js';
import { clip, formEncoded, REDACTED, Redactor, redactShapes } from '../../src/redact.js';
import { escapeUnsafeJson, stripUnsafeControls } from '../../src/render/sanitize.js';
import { applySets, parseSet } from '../../src/replay/overrides.js';
import { parseFixture } from '../../src/replay/fixture.js';
import { UsageError } from '../../src/errors.js';
import { assertNoUserinfo, isLoopbackAddress, loopbackOnlyLookup, NotLoopbackError, refusedByGuard } from '../../src/net/loopback.js';

const SIG = 'eJwtzEELgjAYxvHvsrPIu7k5J3QrCrFDJJ2LbFv2oqZsK4Lou6d23PN_-L5I3Rzjl7akJCIGsl5uVPsQ1GVMLpK2jqa4JtT5QQ7hjdexrl8VvZkpq';

describe('Redactor', () => {
  const r = new Redactor();
  r.add(SIG);
  r.add('wrong');
  r.add('p@ss"w&rd<>');
  it.each([
    ['a long secret anywhere', `ErrorInfo: bad ${SIG} here`, `ErrorInfo: bad ${REDACTED} here`],
    ['a long secret glued to text', `x${SIG}y`, `x${REDACTED}y`],
    ['a short secret in prose is left alone (issue 11)', 'Sign does not match sha256(token + RequestTime): wrong token?', 'Sign does not match sha256(token + RequestTime): wrong token?'],
    ['a short secret as a query value', 'token=wrong&x=1', `token=${REDACTED}&x=1`],
    ['a short secret as a quoted value', '{"got":"wrong"}', `{"got":"${REDACTED}"}`],
    ['a secret JSON-escaped', JSON.stringify({ v: 'p@ss"w&rd<>' }), `{"v":"${REDACTED}"}`],
    ['a secret URL-encoded', `u=${encodeURIComponent('p@ss"w&rd<>')}`, `u=${REDACTED}`],
    ['a secret XML-escaped', 'p@ss&quot;w&amp;rd&lt;&gt;', REDACTED],
    ['Sign= whoever wrote it', '/cb?SdkAppid=1&Sign=abcdef0123&RequestTime=9', `/cb?SdkAppid=1&Sign=${REDACTED}&RequestTime=9`],
    ['usersig= in a URL', 'https://h/v4?usersig=eJw123&random=1', `https://h/v4?usersig=${REDACTED}&random=1`],
    ['a JSON Sign member', '{"Sign": "deadbeef", "x": 1}', `{"Sign": "${REDACTED}", "x": 1}`],
    ['URL userinfo', 'GET http://admin:hunter2@127.0.0.1:80/x', `GET http://admin:${REDACTED}@127.0.0.1:80/x`],
    ['Authorization', 'Authorization: Bearer abc.def', `Authorization: Bearer ${REDACTED}`],
    ['nothing secret', 'ActionStatus OK, ErrorCode 0', 'ActionStatus OK, ErrorCode 0'],
  ])('%s', (_name, input, output) => {
    expect(r.redact(input)).toBe(output);
  });

  it('redacts a per-call extra secret (one request’s Sign)', () => {
    expect(new Redactor().redact('echo 0123456789abcdef', ['0123456789abcdef'])).toBe(`echo ${REDACTED}`);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const once = r.redact(s);
        expect(r.redact(once)).toBe(once);
      }),
    );
  });

  it('property: no registered secret survives, wherever and however it is embedded', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 60 }).filter((s) => s.trim().length >= 8), fc.string({ maxLength: 50 }), fc.string({ maxLength: 50 }), fc.constantFrom('raw', 'json', 'url'), (secret, before, after, how) => {
        const red = new Redactor();
        red.add(secret);
        const shown = how === 'json' ? JSON.stringify(secret).slice(1, -1) : how === 'url' ? encodeURIComponent(secret) : secret;
        const out = red.redact(`${before}${shown}${after}`);
        expect(out.includes(secret.trim()) && !`${before}${after}`.includes(secret.trim())).toBe(false);
      }),
    );
  });

  it('property: the pre-checks that skip a pattern (issue 15) never skip one that would match', () => {
    // The four patterns of redact.ts run unconditionally, in the same order.
    const oracle = (t: string): string =>
      t
        .replace(/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/@:"'<>]{0,256}):([^\s/@"'<>]{0,256})@/gi, `$1:${REDACTED}@`)
        .replace(/(^|[?&;\s"'(,])(sign|usersig|user_sig|token|access_token|callback_token|secret|secretkey|secret_key|password|passwd|pwd)=([^&\s"'<>#,)]*)/gi, `$1$2=${REDACTED}`)
        .replace(/("(?:sign|usersig|user_sig|secretkey|secret_key|token|callbacktoken|callback_token|password|passwd)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`)
        .replace(/(authorization["']?\s{0,8}[:=]\s{0,8}["']?(?:bearer|basic|token)?\s{0,8})[^\s"',;]+/gi, `$1${REDACTED}`);
    const word = fc.constantFrom('"', '"Sign"', '"UserSig"', '"user_sig"', '"SecretKey"', '"secret_key"', '"TOKEN"', '"CallbackToken"', '"password"', '"Passwd"', '"pAssWorD"', '"SECRETKEY"', '"tokenPresent"', ': ', ':', ' ', '"x"', '\\"', 'sign=', 'Token=', '://', 'http://u:p@h/', '/', 'Authorization: Bearer ', 'key', 'a');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 16 }).map((a) => a.join('')), (t) => {
        expect(redactShapes(t)).toBe(oracle(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('is linear on long hostile text (a 1.5 MB run of letters used to backtrack for minutes)', () => {
    const started = performance.now();
    for (const text of ['x'.repeat(1_500_000), `${'a'.repeat(700_000)}://${'b'.repeat(700_000)}`, `token=${'y'.repeat(1_000_000)}`]) redactShapes(text);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('formEncoded', () => {
  it('writes any text as URLSearchParams does (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(' ', '!', "'", '(', ')', '~', '*', '+', '%', '&', '=', '\ud800', 'a') })), (text) => {
        expect(formEncoded(encodeURIComponent(text.toWellFormed()))).toBe(new URLSearchParams({ s: text }).toString().slice(2));
      }),
      { numRuns: 2000 },
    );
  });

  it('redacts a secret with a lone surrogate in every spelling without throwing', () => {
    const r = new Redactor();
    r.add('abc\ud800defghij k');
    expect(r.redact(`x=${new URLSearchParams({ s: 'abc\ud800defghij k' }).toString().slice(2)}`)).toBe(`x=${REDACTED}`);
  });
});

describe('clip: redact first, then cut', () => {
  it('never leaves the start of a secret', () => {
    const r = new Redactor();
    r.add(SIG);
    const text = `${'x'.repeat(40)} bad usersig: ${SIG}`;
    const cut = clip(text, 120, r);
    expect(cut).not.toContain(SIG.slice(0, 12));
    expect(cut.length).toBeLessThanOrEqual(120);
  });
  it('does not end inside a [REDACTED] marker', () => {
    const r = new Redactor();
    r.add(SIG);
    expect(clip(`abc ${SIG} def`, 8, r)).toBe('abc …');
  });
});

describe('one escaping rule', () => {
  it('property: escapeUnsafeJson leaves no raw DEL/C1/bidi and parses to the same data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = escapeUnsafeJson(JSON.stringify(v));
        expect(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)).toBe(false);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
  it('stripUnsafeControls keeps newlines, tabs and colour escapes', () => {
    expect(stripUnsafeControls('a\tb\n\u001b[31mred\u001b[39m\u0085\u202e\u0007')).toBe('a\tb\n\u001b[31mred\u001b[39m');
  });
  it('property: the ASCII fast paths (issue 15) answer as the full character classes do', () => {
    const full = (t: string): string => t.replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    // eslint-disable-next-line no-control-regex
    const strip = (t: string): string => t.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
    const ch = fc.constantFrom('a', ' ', '"', '\n', '\t', '\r', '\u001b', '\u0000', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f', '\u00a0', 'é', '\u2028', '\u202e', '\u2069', '\ud800', '推');
    fc.assert(
      fc.property(fc.oneof(fc.array(ch, { maxLength: 40 }).map((a) => a.join('')), fc.string({ unit: 'binary', maxLength: 40 })), (t) => {
        expect(escapeUnsafeJson(t)).toBe(full(t));
        expect(stripUnsafeControls(t)).toBe(strip(t));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('depth-checked JSON', () => {
  it.each([
    ['shallow', '{"a":[1,{"b":2}]}', undefined],
    ['brackets in strings do not count', `{"a":"${'['.repeat(1000)}"}`, undefined],
    ['escaped quotes', `{"a":"\\"${'['.repeat(1000)}"}`, undefined],
    ['too deep', '['.repeat(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH],
  ])('%s', (_name, text, offset) => {
    expect(findTooDeep(text)).toBe(offset);
  });
  it('skips comments when asked', () => {
    expect(findTooDeep(`// ${'['.repeat(600)}\n{}`, MAX_JSON_DEPTH, true)).toBeUndefined();
    expect(findTooDeep(`/* ${'{'.repeat(600)} */{}`, MAX_JSON_DEPTH, true)).toBeUndefined();
  });
  it('200 000 levels: a problem at line:col, no stack overflow', () => {
    const r = parseUntrustedJsonSync(`\n${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ line: 2, col: MAX_JSON_DEPTH + 1, tooDeep: true });
  });
  it('property: agrees with JSON.parse on shallow documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        const r = parseUntrustedJsonSync(JSON.stringify(v));
        expect(r.ok && JSON.stringify(r.value)).toBe(JSON.stringify(v));
      }),
    );
  });
  it('property: parse first, then measure the tree, answers as scanning the text first did (issue 15)', () => {
    // The rule it replaced: the text scanned for depth, then parsed.
    const scanFirst = (text: string, max: number): { ok: boolean; offset?: number; tooDeep?: boolean } => {
      const deep = findTooDeep(text, max);
      if (deep !== undefined) return { ok: false, offset: deep, tooDeep: true };
      try {
        JSON.parse(text);
        return { ok: true };
      } catch {
        return { ok: false, offset: 0, tooDeep: false };
      }
    };
    const nest = fc.record({ depth: fc.integer({ min: 0, max: 12 }), open: fc.array(fc.constantFrom('[', '{"k":', '[1,', '{"a":1,"b":', '["x",{"c":'), { minLength: 1, maxLength: 3 }), inner: fc.jsonValue({ maxDepth: 3 }), cut: fc.integer({ min: 0, max: 30 }), broken: fc.boolean() });
    fc.assert(
      fc.property(nest, fc.integer({ min: 1, max: 10 }), ({ depth, open, inner, cut, broken }, max) => {
        // A well-formed nest of `depth` openers around a value, each closed in turn; broken: cut short.
        let text = JSON.stringify(inner);
        for (let i = 0; i < depth; i++) {
          const o = open[i % open.length]!;
          const close = [...o].filter((c) => c === '[' || c === '{').reverse().map((c) => (c === '[' ? ']' : '}')).join('');
          text = `${o}${text}${close}`;
        }
        if (broken) text = text.slice(0, Math.max(0, text.length - cut));
        const r = parseUntrustedJsonSync(text, max);
        const expected = scanFirst(text, max);
        expect(r.ok).toBe(expected.ok);
        if (!r.ok) expect({ offset: r.problem.offset, tooDeep: r.problem.tooDeep }).toEqual({ offset: expected.offset, tooDeep: expected.tooDeep });
      }),
      { numRuns: 3000 },
    );
  });

  it('__proto__ stays an own field', () => {
    const o: Record<string, unknown> = {};
    setOwn(o, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__']);
  });
  it('LineIndex agrees with a scan', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(), (text, n) => {
        const offset = text.length === 0 ? 0 : n % text.length;
        expect(new LineIndex(text).at(offset)).toEqual(lineColAt(text, offset));
      }),
    );
  });
});

describe('fixture parsing is linear and never throws anything but a UsageError', () => {
  it('20 000 envelope entries parse in well under the old minutes', () => {
    const entries = Array.from({ length: 20_000 }, (_, i) => `{"name":"n${i}","body":{"CallbackCommand":"C2C.CallbackAfterSendMsg","MsgSeq":${i}}}`);
    const started = performance.now();
    expect(parseFixture('big.json', `{"callbacks":[\n${entries.join(',\n')}\n]}`)).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
  it('property: random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 4 }), fc.nat({ max: 5000 }).map((n) => '['.repeat(n))), (text) => {
        try {
          parseFixture('f.json', text);
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('strict UTF-8', () => {
  it.each([
    ['ASCII', [0x61], -1],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['latin-1 é', [0x63, 0xe9, 0x22], 1],
    ['an overlong slash', [0xc0, 0xaf], 0],
    ['a surrogate', [0xed, 0xa0, 0x80], 0],
    ['a cut sequence at the end', [0x61, 0xe2, 0x82], 1],
    ['€', [0xe2, 0x82, 0xac], -1],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('%s', (_name, bytes, index) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(index);
  });
  it('property: agrees with a fatal TextDecoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
  it('names line and column', () => {
    expect(() => decodeUtf8Strict(Buffer.from([0x7b, 0x0a, 0x20, 0xff]), 'f.json')).toThrow(/^f\.json:2:2: not valid UTF-8 \(byte 0xff\)/);
  });
});

describe('bounded reads', () => {
  it.each([
    [1024, '1 KiB'],
    [16 * 1024 * 1024, '16 MiB'],
    [1000, '1000 bytes'],
  ])('formatLimit(%d)', (n, text) => {
    expect(formatLimit(n)).toBe(text);
  });
  it('stops /dev/zero at the limit', () => {
    expect(() => readFileBounded('/dev/zero', 100_000, 'zero')).toThrow(TooLargeError);
  });
  it.each([0, 1, 4095, 65_536, 65_537, 300_001])('reads a regular file of %d bytes whole, in one buffer of its own', (size) => {
    const dir = mkdtempSync(join(tmpdir(), 'chatpush-read-'));
    try {
      const file = join(dir, 'f.bin');
      const bytes = Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + 7) % 256));
      writeFileSync(file, bytes);
      const got = readFileBounded(file, 300_001, 'f');
      expect(got.equals(bytes)).toBe(true);
      // Not a view of a shared pool: the buffer's memory is its own (as the chunked reads' was).
      if (size > 0) expect(got.buffer.byteLength).toBeLessThanOrEqual(Math.max(size + 1, 65_536));
      expect(() => readFileBounded(file, size - 1, 'f')).toThrow(size === 0 ? Error : TooLargeError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--set edits text', () => {
  const body = '{"CallbackCommand":"C2C.CallbackAfterSendMsg","MsgSeq":1,"Ev":[{"a":1},{"a":2}],"K":"x","K":"y"}';
  const value = JSON.parse(body) as unknown;
  it.each([
    ['MsgSeq=18446744073709551617', '"MsgSeq":18446744073709551617'],
    ['MsgSeq=1e400', '"MsgSeq":1e400'],
    ['MsgSeq=-0.000000000000000000000000123', '"MsgSeq":-0.000000000000000000000000123'],
    ['Ev.*.a=9007199254740993', '"Ev":[{"a":9007199254740993},{"a":9007199254740993}]'],
    ['K=z', '"K":"x","K":"z"'],
    ['MsgSeq= 42 ', '"MsgSeq":42'],
  ])('%s', (set, expected) => {
    const r = applySets(body, value, [parseSet(set)], 'cb');
    expect(r.body).toContain(expected);
  });
  it('warns about a duplicate key', () => {
    expect(applySets(body, value, [parseSet('K=z')], 'cb').warnings.join('\n')).toMatch(/"K" appears 2 times/);
  });
  it('property: any integer text is sent digit for digit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), (n) => {
        expect(applySets(body, value, [parseSet(`MsgSeq=${n}`)], 'cb').body).toContain(`"MsgSeq":${n},`);
      }),
    );
  });
});

describe('loopback decided from addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['10.0.0.5', false],
    ['::ffff:10.0.0.5', false],
    ['localhost', false], // a name, not an address: it must be resolved first
    ['anything.localhost', false],
  ])('isLoopbackAddress(%s) = %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it.each([
    ['http://user:pw@127.0.0.1/', true],
    ['http://user@127.0.0.1/', true],
    ['http://127.0.0.1/', false],
  ])('assertNoUserinfo(%s) refuses: %s', (url, refused) => {
    const run = (): void => assertNoUserinfo(new URL(url), '--url');
    if (refused) expect(run).toThrow(/must not contain a user name or password/);
    else expect(run).not.toThrow();
  });

  it('refusedByGuard turns a NotLoopbackError anywhere in the cause chain into exit 2', () => {
    const err = new Error('connect failed', { cause: new NotLoopbackError('evil.localhost', '10.0.0.5') });
    expect(refusedByGuard(err)?.exitCode).toBe(2);
    expect(refusedByGuard(new Error('other'))).toBeUndefined();
  });

  it('loopbackOnlyLookup resolves localhost and answers in both callback shapes', async () => {
    const one = await new Promise<[unknown, unknown]>((resolve) => loopbackOnlyLookup('localhost', {}, (e, a) => resolve([e, a])));
    expect(one[0]).toBeNull();
    expect(isLoopbackAddress(one[1] as string)).toBe(true);
    const all = await new Promise<[unknown, unknown]>((resolve) => loopbackOnlyLookup('localhost', { all: true }, (e, a) => resolve([e, a])));
    expect(all[0]).toBeNull();
    expect((all[1] as { address: string }[]).every((a) => isLoopbackAddress(a.address))).toBe(true);
  });
});
