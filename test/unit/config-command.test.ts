import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/width.js';
import { checkProfileName, describeSource, listRows, normalizeValue, parseKey, renderList } from '../../src/commands/config.js';
import { UsageError } from '../../src/errors.js';

describe('parseKey', () => {
  it.each([['secret-key', 'secretKey'], ['SDKAPPID', 'sdkappid'], ['region', 'region']])('%s → %s', (input, key) => {
    expect(parseKey(input)).toBe(key);
  });

  it('rejects an unknown key listing the keys', () => {
    expect(() => parseKey('usersig')).toThrow(/unknown config key "usersig"/);
    try {
      parseKey('x');
    } catch (err) {
      expect((err as UsageError).hint).toBe('Keys: sdkappid, identifier, secretKey, region, endpoint, callbackToken.');
    }
  });
});

describe('normalizeValue', () => {
  it.each([
    ['sdkappid', ' 1400000000 ', '1400000000'],
    ['sdkappid', '0014', '14'],
    ['identifier', 'administrator', 'administrator'],
    ['region', 'Singapore', 'sgp'],
    ['region', 'frankfurt', 'ger'],
    ['region', 'cn', 'cn'],
    ['endpoint', 'http://127.0.0.1:5410/', 'http://127.0.0.1:5410'],
    ['endpoint', 'https://adminapisgp.im.qcloud.com', 'https://adminapisgp.im.qcloud.com'],
    ['endpoint', 'https://proxy.example/tim/', 'https://proxy.example/tim'],
    ['secretKey', ' abc123 \n', 'abc123'],
  ] as const)('%s %j → %j', (key, raw, stored) => {
    expect(normalizeValue(key, raw).value).toBe(stored);
  });

  it('warns when an http endpoint is not loopback (the UserSig would not be sent there)', () => {
    expect(normalizeValue('endpoint', 'http://10.0.0.1:8080').warning).toMatch(/only over https or to a loopback address/);
    expect(normalizeValue('endpoint', 'http://localhost:1').warning).toBeUndefined();
  });

  it.each([
    ['sdkappid', 'abc', /^SDKAppID must be a number such as 1400000000, got "abc"\./],
    ['sdkappid', '0', /must be a number/],
    ['identifier', 'two words', /without spaces/],
    ['identifier', '', /non-empty/],
    ['region', 'mars', /unknown region "mars"/],
    ['endpoint', 'not a url', /is not a URL/],
    ['endpoint', 'ftp://127.0.0.1', /must be an http\(s\) URL/],
    ['endpoint', 'https://user:pw@host', /without credentials/],
    ['endpoint', 'https://host/?usersig=x', /without credentials, query/],
    ['secretKey', 'has space', /one line without spaces/],
  ] as const)('rejects %s %j as a usage error (exit 2)', (key, raw, message) => {
    let caught: unknown;
    try {
      normalizeValue(key, raw);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toMatch(message);
  });
});

describe('checkProfileName', () => {
  it.each(['default', 'staging', 'ci-1', 'a.b_c'])('accepts %s', (name) => {
    expect(checkProfileName(name)).toBe(name);
  });

  it.each(['__proto__', '', '-x', 'two words', 'a/b', 'x'.repeat(65)])('rejects %j', (name) => {
    expect(() => checkProfileName(name)).toThrow(UsageError);
  });
});

describe('config list rows', () => {
  const settings = {
    sdkappid: { value: '1400000000', source: 'profile', origin: 'profile "default"' },
    identifier: { value: 'administrator', source: 'default', origin: 'default' },
    secretKey: { value: 'the-secret', source: 'env', origin: 'CHATPUSH_SECRET_KEY' },
    region: { value: 'sgp', source: 'default', origin: 'default' },
  } as const;

  it('redacts the secret and shows unset keys', () => {
    const rows = listRows(settings);
    expect(JSON.stringify(rows)).not.toContain('the-secret');
    expect(rows.find((r) => r.key === 'secretKey')).toEqual({ key: 'secretKey', value: '[REDACTED]', set: true, secret: true, source: 'env', origin: 'CHATPUSH_SECRET_KEY' });
    expect(rows.find((r) => r.key === 'endpoint')).toEqual({ key: 'endpoint', value: null, set: false, secret: false, source: null, origin: null });
  });

  it.each([60, 80])('on a terminal of %i columns no line of the list is wider', (width) => {
    const long = listRows({ ...settings, endpoint: { value: 'https://adminapisgp.im.qcloud.com/some/long/proxy/path/for/tests', source: 'env', origin: 'CHATPUSH_ENDPOINT' } } as typeof settings);
    const out = renderList(long, (s) => s, width);
    expect(out.split('\n').filter((l) => displayWidth(l) > width)).toEqual([]);
    expect(out).toMatch(/^KEY +VALUE +SOURCE$/m);
    expect(out).toMatch(/^secretKey +\[REDACTED\] +env\b/m);
  });

  it('renders aligned plain columns', () => {
    expect(renderList(listRows(settings))).toBe(
      [
        'KEY            VALUE          SOURCE',
        'sdkappid       1400000000     profile "default"',
        'identifier     administrator  default',
        'secretKey      [REDACTED]     env CHATPUSH_SECRET_KEY',
        'region         sgp            default',
        'endpoint       (not set)      —',
        'callbackToken  (not set)      —',
        '',
      ].join('\n'),
    );
  });

  it('flags values that commands will refuse, in the words of config set', () => {
    const rows = listRows({
      sdkappid: { value: '14e9', source: 'env', origin: 'CHATPUSH_SDKAPPID' },
      identifier: { value: 'ops team', source: 'profile', origin: 'profile "default"' },
      region: { value: 'Singapore', source: 'profile', origin: 'profile "default"' },
      endpoint: { value: 'http://10.0.0.1:8080', source: 'env', origin: 'CHATPUSH_ENDPOINT' },
    });
    expect(Object.fromEntries(rows.map((r) => [r.key, r.problem]))).toEqual({
      sdkappid: 'SDKAppID must be a number such as 1400000000, got "14e9". Copy it from the Chat console (Applications > SDKAppID).',
      identifier: 'identifier "ops team" must be a non-empty App admin UserID without spaces. Copy it from the console (Account Management), e.g. \'administrator\'.',
      secretKey: undefined,
      region: undefined, // an alias: commands accept it
      endpoint: 'chatpush sends the UserSig only over https or to a loopback address, so trace will refuse http://10.0.0.1:8080.',
    });
    expect(listRows(settings).some((r) => 'problem' in r)).toBe(false);
  });

  it('describes sources', () => {
    expect(describeSource(undefined)).toBe('—');
    expect(describeSource({ value: 'x', source: 'env', origin: 'CHATPUSH_REGION' })).toBe('env CHATPUSH_REGION');
    expect(describeSource({ value: 'x', source: 'flag', origin: '--region' })).toBe('--region');
  });
});
