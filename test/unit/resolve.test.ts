import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, needsProfile, normalizeKey, resolveProfileName, resolveSetting, type ConfigKey } from '../../src/config/resolve.js';

const profile = { sdkappid: '1400000003', identifier: 'prof-admin', secretKey: 'prof-key', region: 'kr', endpoint: 'http://127.0.0.1:1' };
const env = {
  CHATPUSH_SDKAPPID: '1400000002',
  CHATPUSH_IDENTIFIER: 'env-admin',
  CHATPUSH_SECRET_KEY: 'env-key',
  CHATPUSH_REGION: 'ger',
  CHATPUSH_ENDPOINT: 'http://127.0.0.1:2',
};
const flags = { sdkappid: '1400000001', identifier: 'flag-admin', secretKey: 'flag-key', region: 'usa', endpoint: 'http://127.0.0.1:3' };

describe('resolveSetting precedence: flag > env > profile > default', () => {
  type Row = [string, ConfigKey, Partial<typeof flags>, Record<string, string>, Partial<typeof profile> | undefined, string | undefined, string | undefined, string | undefined];
  it.each<Row>([
    ['flag wins over everything', 'sdkappid', flags, env, profile, '1400000001', 'flag', '--sdkappid'],
    ['env wins over profile', 'sdkappid', {}, env, profile, '1400000002', 'env', 'CHATPUSH_SDKAPPID'],
    ['profile when no flag or env', 'sdkappid', {}, {}, profile, '1400000003', 'profile', 'profile "work"'],
    ['nothing → undefined (no default)', 'sdkappid', {}, {}, undefined, undefined, undefined, undefined],
    ['identifier default', 'identifier', {}, {}, undefined, 'administrator', 'default', 'default'],
    ['identifier from profile beats default', 'identifier', {}, {}, profile, 'prof-admin', 'profile', 'profile "work"'],
    ['region default sgp', 'region', {}, {}, {}, 'sgp', 'default', 'default'],
    ['region from env', 'region', {}, env, profile, 'ger', 'env', 'CHATPUSH_REGION'],
    ['secret key from the key-file flag', 'secretKey', flags, env, profile, 'flag-key', 'flag', '--secret-key-file'],
    ['secret key from env', 'secretKey', {}, env, profile, 'env-key', 'env', 'CHATPUSH_SECRET_KEY'],
    ['endpoint has no default', 'endpoint', {}, {}, {}, undefined, undefined, undefined],
    ['endpoint from flag', 'endpoint', flags, env, profile, 'http://127.0.0.1:3', 'flag', '--endpoint'],
    ['empty flag falls through to env', 'sdkappid', { sdkappid: '' }, env, profile, '1400000002', 'env', 'CHATPUSH_SDKAPPID'],
    ['blank env falls through to profile', 'sdkappid', {}, { CHATPUSH_SDKAPPID: '  ' }, profile, '1400000003', 'profile', 'profile "work"'],
    ['values are trimmed', 'identifier', { identifier: '  admin ' }, {}, undefined, 'admin', 'flag', '--identifier'],
    ['a non-string profile value is ignored', 'sdkappid', {}, {}, { sdkappid: 14 as unknown as string }, undefined, undefined, undefined],
  ])('%s', (_name, key, f, e, p, value, source, origin) => {
    const r = resolveSetting(key, { flags: f, env: e, profile: p, profileName: 'work' });
    expect(r?.value).toBe(value);
    expect(r?.source).toBe(source);
    expect(r?.origin).toBe(origin);
  });
});

describe('normalizeKey', () => {
  it.each([
    ['sdkappid', 'sdkappid'], ['SDKAppID', 'sdkappid'], ['sdk-app-id', 'sdkappid'], ['secretKey', 'secretKey'], ['secret-key', 'secretKey'],
    ['secret_key', 'secretKey'], ['SecretKey', 'secretKey'], ['SECRETKEY', 'secretKey'], ['Region', 'region'], ['endpoint', 'endpoint'],
    ['identifier', 'identifier'], ['usersig', undefined], ['', undefined], ['toString', undefined], ['__proto__', undefined],
  ])('%j → %s', (input, key) => {
    expect(normalizeKey(input)).toBe(key);
  });

  it('covers every key in display order', () => {
    expect(CONFIG_KEYS).toEqual(['sdkappid', 'identifier', 'secretKey', 'region', 'endpoint', 'callbackToken']);
  });
});

describe('resolveProfileName', () => {
  it.each([
    ['flag', 'work', { CHATPUSH_PROFILE: 'ci' }, 'work'],
    ['env', undefined, { CHATPUSH_PROFILE: 'ci' }, 'ci'],
    ['default', undefined, {}, 'default'],
    ['blank flag and env → default', ' ', { CHATPUSH_PROFILE: '' }, 'default'],
  ])('%s', (_n, flag, e, name) => {
    expect(resolveProfileName(flag, e)).toBe(name);
  });
});

describe('needsProfile', () => {
  it('is false only when flags and env decide every key', () => {
    expect(needsProfile(CONFIG_KEYS, { ...flags, callbackToken: 't' }, {})).toBe(false);
    expect(needsProfile(CONFIG_KEYS, {}, { ...env, CHATPUSH_CALLBACK_TOKEN: 't' })).toBe(false);
    expect(needsProfile(CONFIG_KEYS, flags, {})).toBe(true);
    expect(needsProfile(CONFIG_KEYS, { sdkappid: '1' }, { ...env, CHATPUSH_REGION: undefined as unknown as string })).toBe(true);
    expect(needsProfile(['sdkappid'], { sdkappid: '1' }, {})).toBe(false);
  });
});
