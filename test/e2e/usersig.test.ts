/** `chatpush usersig gen|verify` end to end: output decoded and verified, and every failure cause of verify. */
import { describe, expect, it } from 'vitest';
import { decodeUserSig, genUserSig, verifyUserSig } from '../../src/tencent/usersig.js';
import { baseEnv, runCli } from '../helpers/cli.js';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const SDKAPPID = 1400000000;
const env = (extra: Record<string, string | undefined> = {}) => baseEnv({ CHATPUSH_SDKAPPID: String(SDKAPPID), CHATPUSH_SECRET_KEY: KEY, ...extra });
const nowS = (): number => Math.floor(Date.now() / 1000);
const sign = (over: Partial<{ identifier: string; sdkappid: number; key: string; time: number; expire: number }> = {}): string =>
  genUserSig({ sdkappid: SDKAPPID, key: KEY, identifier: 'administrator', time: nowS() - 60, expire: 3600, ...over });

describe.concurrent('usersig gen', () => {
  it('prints only a UserSig that decodes and verifies for the configured app at the real time', async () => {
    const before = nowS();
    const r = await runCli(['usersig', 'gen', '--expire', '86400'], { env: env() });
    const after = nowS();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^[A-Za-z0-9*\-_]+\n$/);
    const sig = r.stdout.trim();
    const d = decodeUserSig(sig);
    expect([d.sdkappid, d.identifier, d.expire, d.version]).toEqual([SDKAPPID, 'administrator', 86400, '2.0']);
    expect(d.time).toBeGreaterThanOrEqual(before);
    expect(d.time).toBeLessThanOrEqual(after);
    expect(verifyUserSig(sig, { sdkappid: SDKAPPID, key: KEY, identifier: 'administrator', now: after }).valid).toBe(true);
  });

  it('defaults to 180 days and honours --identifier; --json has the documented shape', async () => {
    const r = await runCli(['usersig', 'gen', '--json', '--identifier', 'ops'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'usersig', 'sdkappid', 'identifier', 'time', 'expire', 'expiresAt']);
    expect(doc).toMatchObject({ schemaVersion: 1, sdkappid: SDKAPPID, identifier: 'ops', expire: 15552000 });
    expect(doc.expiresAt).toBe(new Date(((doc.time as number) + 15552000) * 1000).toISOString().replace('.000Z', 'Z'));
    expect(decodeUserSig(doc.usersig as string).identifier).toBe('ops');
  });

  it.each([['0'], ['1.5'], ['-1'], ['soon']])('--expire %s → exit 2', async (v) => {
    const r = await runCli(['usersig', 'gen', `--expire=${v}`], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('never prints the key, even with --verbose', async () => {
    const r = await runCli(['usersig', 'gen', '--verbose'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('key=[REDACTED] (from CHATPUSH_SECRET_KEY)');
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });
});

describe.concurrent('usersig verify', () => {
  it('a valid UserSig → exit 0, decoded fields and verdict, the sig itself not echoed', async () => {
    const sig = sign();
    const r = await runCli(['usersig', 'verify', sig], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^UserSig\n  identifier administrator\n  sdkappid   1400000000\n  issued     \S+Z \([12] min ago\)\n  expires    \S+Z \(in 5[789] min; validity 3600 s\)\n  signature  made with the configured key\n  verdict    valid for SDKAppID 1400000000 and identifier "administrator"\n$/);
    expect(r.stdout + r.stderr).not.toContain(sig);
  });

  it('reads the sig from stdin with "-"', async () => {
    const r = await runCli(['--json', 'usersig', 'verify', '-'], { env: env(), input: `${sign()}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, problem: null, code: null });
  });

  // Each cause of 70001 / 70003 / 70009 / 70013 / 70014 (reference/protocols.md §1.2, §2.3).
  it.each([
    ['expired', (): string => sign({ time: nowS() - 7200, expire: 3600 }), {}, 'expired', 70001, /it expired at .* → the server answers 70001 USERSIG_EXPIRED/, { expiry: 'fail', signature: 'pass' }],
    ['malformed (truncated)', (): string => sign().slice(0, 30), {}, 'malformed', 70003, /the UserSig is malformed: .* → the server answers 70003 USERSIG_CHECK_FAILED/, {}],
    ['malformed (not base64)', (): string => 'hello world!', {}, 'malformed', 70003, /contains characters a UserSig never has/, {}],
    ['wrong key', (): string => sign({ key: 'another-key-entirely' }), {}, 'signature_mismatch', 70009, /it was not signed with this secret key → the server answers 70009 MISMATCH_PUBLICKEY/, { signature: 'fail' }],
    ['identifier mismatch', (): string => sign({ identifier: 'someone-else' }), {}, 'identifier_mismatch', 70013, /issued for identifier "someone-else", not "administrator" → the server answers 70013 MISMATCH_ID/, { identifier: 'fail' }],
    ['identifier mismatch (flag)', (): string => sign(), { flags: ['--identifier', 'ops'] }, 'identifier_mismatch', 70013, /not "ops"/, { identifier: 'fail' }],
    ['SDKAppID mismatch', (): string => sign({ sdkappid: 1400000099 }), {}, 'sdkappid_mismatch', 70014, /issued for SDKAppID 1400000099, not 1400000000 → the server answers 70014 MISMATCH_SDKAPPID/, { sdkappid: 'fail' }],
  ] as const)('%s → exit 1 with the cause and the REST code', async (_n, make, opts, problem, code, text, checks) => {
    const sig = make();
    const flags = 'flags' in opts ? opts.flags : [];
    const human = await runCli(['usersig', 'verify', ...flags, sig], { env: env() });
    expect(human.code, human.stderr).toBe(1);
    expect(human.stdout).toMatch(text);
    expect(human.stdout).toMatch(/\n  next       \S/);
    const json = await runCli(['--json', 'usersig', 'verify', ...flags, sig], { env: env() });
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ schemaVersion: 1, valid: false, problem, code, checks });
    expect(typeof doc.reason).toBe('string');
    expect(typeof doc.next).toBe('string');
    for (const r of [human, json]) {
      expect(r.stdout + r.stderr).not.toContain(KEY);
      if (sig.length > 20) expect(r.stdout + r.stderr).not.toContain(sig);
    }
    if (problem !== 'malformed') {
      expect(doc.decoded).toMatchObject({ version: '2.0', hasUserbuf: false });
      expect(JSON.stringify(doc)).not.toContain(decodeUserSig(sig).sig);
    } else {
      expect(doc.decoded).toBeNull();
    }
  });

  it('an expired sig signed with another key says both', async () => {
    const r = await runCli(['--json', 'usersig', 'verify', sign({ time: nowS() - 7200, key: 'other-key-0000' })], { env: env() });
    expect(JSON.parse(r.stdout)).toMatchObject({ problem: 'expired', checks: { sdkappid: 'pass', identifier: 'pass', expiry: 'fail', signature: 'fail' } });
  });

  it.each([
    ['empty stdin', ['-'], ''],
    ['blank stdin', ['-'], '  \n'],
    ['an empty argument', [''], undefined],
  ])('%s → exit 2 (unreadable input)', async (_n, args, input) => {
    const r = await runCli(['usersig', 'verify', ...args], { env: env(), input });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^chatpush: (no UserSig was given on stdin|the UserSig is empty)/);
  });

  it('missing configuration → exit 3 naming the fix', async () => {
    const r = await runCli(['usersig', 'verify', sign()], { env: baseEnv({ CHATPUSH_SDKAPPID: '1400000000' }) });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/the secret key is not set\. Run 'chatpush config set secretKey'/);
  });
});
