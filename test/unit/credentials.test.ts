import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { ConfigError, UsageError, type ChatpushError } from '../../src/errors.js';
import { IO } from '../../src/io.js';
import { loadCredentials, parseSdkAppId, readSecretFile, resolveBaseUrl, type CredentialFlags } from '../../src/config/credentials.js';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

function configDir(profiles: Record<string, Record<string, string>> | string = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatpush-cred-'));
  writeFileSync(join(dir, 'config.json'), typeof profiles === 'string' ? profiles : JSON.stringify({ profiles }));
  return dir;
}

/** A small fake Context: real IO over in-memory streams, pinned clock and random. */
function fakeCtx(env: Record<string, string>, profile?: string): Context {
  const io = new IO({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() }, env, {
    json: false,
    quiet: false,
    verbose: false,
    colorFlag: false,
  });
  return {
    io,
    env,
    cwd: '/',
    globals: { json: false, quiet: false, verbose: false, color: false, profile },
    now: () => 1_700_000_000_000,
    random: () => 42,
    signal: new AbortController().signal,
    sleep: async () => {},
  };
}

async function failure(p: Promise<unknown>): Promise<ChatpushError> {
  try {
    await p;
  } catch (err) {
    return err as ChatpushError;
  }
  throw new Error('expected a rejection');
}

const signer = { needSigner: true, allowUsersig: false };

describe('loadCredentials', () => {
  it('resolves everything from the profile, with defaults, and registers the key as a secret', async () => {
    const ctx = fakeCtx({ CHATPUSH_CONFIG_DIR: configDir({ default: { sdkappid: '1400000000', secretKey: KEY } }) });
    const c = await loadCredentials(ctx, {}, signer);
    expect(c).toMatchObject({ sdkappid: 1400000000, identifier: 'administrator', secretKey: KEY, usersig: undefined, baseUrl: 'https://adminapisgp.im.qcloud.com', profileName: 'default' });
    expect(c.region?.id).toBe('sgp');
    expect(c.origins.sdkappid?.source).toBe('profile');
    expect(ctx.io.redact(`key ${KEY}`)).toBe('key [REDACTED]');
  });

  it.each([
    [{ region: 'mars' }, 2, /unknown region "mars"/],
    [{ endpoint: 'ftp://x' }, 2, /must be an http\(s\) URL/],
    [{}, 3, /SDKAppID is not set/],
  ])('reports a bad flag before a missing SDKAppID: %o → exit %i', async (flags, exitCode, message) => {
    const err = await failure(loadCredentials(fakeCtx({ CHATPUSH_CONFIG_DIR: configDir() }), flags as CredentialFlags, signer));
    expect(err.exitCode).toBe(exitCode);
    expect(err.message).toMatch(message);
  });

  it('takes flag > env > profile per key', async () => {
    const dir = configDir({ work: { sdkappid: '1400000003', identifier: 'p-admin', secretKey: 'profile-key', region: 'kr' } });
    const ctx = fakeCtx({ CHATPUSH_CONFIG_DIR: dir, CHATPUSH_PROFILE: 'work', CHATPUSH_IDENTIFIER: 'e-admin', CHATPUSH_REGION: 'ger' }, undefined);
    const c = await loadCredentials(ctx, { sdkappid: '1400000001', region: 'cn' }, signer);
    expect([c.sdkappid, c.identifier, c.secretKey, c.region?.id, c.profileName]).toEqual([1400000001, 'e-admin', 'profile-key', 'cn', 'work']);
    expect(c.baseUrl).toBe('https://console.tim.qq.com');
  });

  it('reads the key from --secret-key-file, trimmed', async () => {
    const dir = configDir({ default: { sdkappid: '1400000000', secretKey: 'profile-key' } });
    const file = join(dir, 'key.txt');
    writeFileSync(file, `  ${KEY}\n`);
    const c = await loadCredentials(fakeCtx({ CHATPUSH_CONFIG_DIR: dir }), { secretKeyFile: file }, signer);
    expect(c.secretKey).toBe(KEY);
    expect(c.origins.secretKey?.origin).toBe('--secret-key-file');
  });

  it('does not read the profile when flags and env decide every key (a broken file is then harmless)', async () => {
    const env = {
      CHATPUSH_CONFIG_DIR: configDir('{broken'),
      CHATPUSH_SECRET_KEY: KEY,
      CHATPUSH_IDENTIFIER: 'admin',
      CHATPUSH_REGION: 'sgp',
      CHATPUSH_ENDPOINT: 'http://127.0.0.1:5410/',
    };
    const c = await loadCredentials(fakeCtx(env), { sdkappid: '1400000000' }, signer);
    expect(c.baseUrl).toBe('http://127.0.0.1:5410');
    await expect(loadCredentials(fakeCtx(env), {}, signer)).rejects.toBeInstanceOf(ConfigError);
  });

  it.each<[string, Record<string, Record<string, string>>, Record<string, string>, string | undefined, CredentialFlags, RegExp, RegExp]>([
    ['no SDKAppID', {}, {}, undefined, {}, /SDKAppID is not set/, /chatpush config set sdkappid 1400….*CHATPUSH_SDKAPPID/],
    ['no SDKAppID in a named profile', { ci: { region: 'sgp' } }, {}, 'ci', {}, /SDKAppID is not set/, /--profile ci/],
    ['no key', { default: { sdkappid: '1400000000' } }, {}, undefined, {}, /secret key is not set/, /chatpush config set secretKey.*CHATPUSH_SECRET_KEY.*--secret-key-file/],
    ['SDKAppID not a number in env', {}, { CHATPUSH_SDKAPPID: 'abc' }, undefined, {}, /SDKAppID from CHATPUSH_SDKAPPID must be a number/, /console/],
    ['unknown profile given explicitly', { a: {}, b: {} }, {}, 'nope', {}, /profile "nope" does not exist \(known: a, b\)/, /--profile nope/],
  ])('%s → ConfigError (exit 3) naming the fix', async (_n, profiles, env, profile, flags, message, hint) => {
    const err = await failure(loadCredentials(fakeCtx({ CHATPUSH_CONFIG_DIR: configDir(profiles), ...env }, profile), flags, signer));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toMatch(message);
    expect(err.hint).toMatch(hint);
  });

  it.each<[string, CredentialFlags, RegExp]>([
    ['a bad --sdkappid', { sdkappid: '14x' }, /SDKAppID from --sdkappid must be a number/],
    ['an unknown region', { region: 'mars' }, /unknown region "mars" \(from --region\)/],
    ['an endpoint that is not a URL', { endpoint: 'not a url' }, /endpoint "not a url" \(from --endpoint\) is not a URL/],
    ['an ftp endpoint', { endpoint: 'ftp://127.0.0.1' }, /must be an http\(s\) URL/],
    ['a missing key file', { secretKeyFile: '/nonexistent/key' }, /cannot read --secret-key-file \/nonexistent\/key: no such file\./],
  ])('%s → UsageError (exit 2) that says what to do next', async (_n, flags, message) => {
    const ctx = fakeCtx({ CHATPUSH_CONFIG_DIR: configDir({ default: { sdkappid: '1400000000', secretKey: KEY } }) });
    const err = await failure(loadCredentials(ctx, flags, signer));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(message);
    expect(err.hint).toMatch(/\w/);
  });

  it('accepts a ready-made UserSig instead of a key only when allowed, and registers it as a secret', async () => {
    const env = { CHATPUSH_CONFIG_DIR: configDir({ default: { sdkappid: '1400000000' } }), CHATPUSH_USERSIG: 'eJy-ready-made' };
    const ctx = fakeCtx(env);
    const c = await loadCredentials(ctx, {}, { needSigner: true, allowUsersig: true });
    expect(c.usersig).toBe('eJy-ready-made');
    expect(ctx.io.redact('usersig=eJy-ready-made')).toBe('usersig=[REDACTED]');
    await expect(loadCredentials(fakeCtx(env), {}, signer)).rejects.toBeInstanceOf(ConfigError);
    expect((await loadCredentials(fakeCtx(env), { usersig: 'flag-sig' }, { needSigner: true, allowUsersig: true })).usersig).toBe('flag-sig');
  });

  it('needs no key when no signer is needed', async () => {
    const c = await loadCredentials(fakeCtx({ CHATPUSH_CONFIG_DIR: configDir(), CHATPUSH_SDKAPPID: '1400000000' }), {}, { needSigner: false, allowUsersig: false });
    expect(c.secretKey).toBeUndefined();
  });
});

describe('parseSdkAppId', () => {
  it.each([
    ['1400000000', 1400000000],
    ['1', 1],
    ['4294967295', 4294967295],
  ])('accepts %s', (text, n) => {
    expect(parseSdkAppId(text, '--sdkappid')).toBe(n);
  });

  it.each(['0', '-1', '1.5', '4294967296', '12345678901', 'abc', '', ' 1'])('rejects %j', (text) => {
    expect(() => parseSdkAppId(text, '--sdkappid')).toThrow(UsageError);
    expect(() => parseSdkAppId(text, 'CHATPUSH_SDKAPPID')).toThrow(ConfigError);
  });
});

describe('resolveBaseUrl', () => {
  const r = (value: string, source: 'flag' | 'env' = 'flag') => ({ value, source, origin: source === 'flag' ? '--x' : 'CHATPUSH_X' });
  it.each([
    ['default region', {}, 'https://adminapisgp.im.qcloud.com'],
    ['region id', { region: r('kr') }, 'https://adminapikr.im.qcloud.com'],
    ['region long name', { region: r('Silicon-Valley') }, 'https://adminapiusa.im.qcloud.com'],
    ['endpoint beats region', { region: r('cn'), endpoint: r('http://127.0.0.1:5410///') }, 'http://127.0.0.1:5410'],
    ['endpoint with a path', { endpoint: r('https://proxy.example/tim/') }, 'https://proxy.example/tim'],
  ])('%s', (_n, settings, url) => {
    expect(resolveBaseUrl(settings).baseUrl).toBe(url);
  });
});

describe('readSecretFile', () => {
  it('rejects an empty file', async () => {
    const dir = configDir();
    writeFileSync(join(dir, 'empty'), '\n');
    await expect(readSecretFile(join(dir, 'empty'), '--secret-key-file')).rejects.toThrow(/is empty/);
  });
});
