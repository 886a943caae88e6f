import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { configDir, configPath, parseConfig, readConfig, readProfile, writeSetting } from '../../src/config/store.js';
import type { ConfigKey } from '../../src/config/resolve.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'chatpush-store-'));
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('configDir', () => {
  it.each([
    ['CHATPUSH_CONFIG_DIR wins everywhere', { CHATPUSH_CONFIG_DIR: '/custom' }, 'linux', '/custom'],
    ['CHATPUSH_CONFIG_DIR on Windows', { CHATPUSH_CONFIG_DIR: 'D:\\cfg' }, 'win32', 'D:\\cfg'],
    ['Linux default', {}, 'linux', '/home/u/.config/chatpush'],
    ['Linux XDG_CONFIG_HOME', { XDG_CONFIG_HOME: '/xdg' }, 'linux', '/xdg/chatpush'],
    ['empty XDG_CONFIG_HOME is ignored', { XDG_CONFIG_HOME: '' }, 'linux', '/home/u/.config/chatpush'],
    ['FreeBSD behaves like Linux', {}, 'freebsd', '/home/u/.config/chatpush'],
    ['macOS', {}, 'darwin', '/home/u/Library/Preferences/chatpush'],
    ['Windows APPDATA', { APPDATA: '/appdata' }, 'win32', '/appdata/chatpush/Config'],
    ['Windows without APPDATA', {}, 'win32', '/home/u/AppData/Roaming/chatpush/Config'],
  ] as const)('%s', (_n, env, platform, dir) => {
    expect(configDir(env, platform, '/home/u')).toBe(dir);
  });

  it('puts config.json in that folder', () => {
    expect(configPath({ CHATPUSH_CONFIG_DIR: '/c' })).toBe(join('/c', 'config.json'));
  });
});

describe('parseConfig', () => {
  it.each([
    ['empty file', '', {}],
    ['whitespace', '  \n', {}],
    ['no profiles key', '{}', {}],
    ['profiles', '{"profiles":{"default":{"sdkappid":"1400000000"}}}', { default: { sdkappid: '1400000000' } }],
    ['unknown top-level keys are kept out', '{"profiles":{},"other":1}', {}],
  ])('accepts %s', async (_n, text, profiles) => {
    expect(await parseConfig(text, '/c/config.json')).toEqual({ profiles });
  });

  it.each([
    ['broken JSON', '{"profiles":', /^config file \/c\/config\.json:1:13 is not valid JSON \(ValueExpected\)\.$/],
    ['a key pasted without quotes (the message must not echo it)', '{"profiles":{"default":{\n  "secretKey": TOPSECRETKEY123\n}}}', /^config file \/c\/config\.json:2:16 is not valid JSON \(InvalidSymbol\)\.$/],
    ['an array', '[]', /must hold a JSON object/],
    ['null', 'null', /must hold a JSON object/],
    ['a string', '"x"', /must hold a JSON object/],
    ['profiles not an object', '{"profiles":[]}', /"profiles" must be an object/],
    ['profiles null', '{"profiles":null}', /"profiles" must be an object/],
  ])('rejects %s with a ConfigError naming the file', async (_n, text, message) => {
    let caught: unknown;
    try {
      await parseConfig(text, '/c/config.json');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toMatch(message);
    expect((caught as ConfigError).hint).toMatch(/Fix or delete it/);
    expect((caught as ConfigError).message).not.toContain('SECRET');
  });
});

describe('readConfig / writeSetting', () => {
  it('reads a missing file as an empty config', async () => {
    expect(await readConfig({ CHATPUSH_CONFIG_DIR: tmp() })).toEqual({ profiles: {} });
    expect(await readProfile({ CHATPUSH_CONFIG_DIR: tmp() }, 'default')).toBeUndefined();
  });

  it('writes 0600, keeps other profiles, and drops a profile when its last key goes', async () => {
    const env = { CHATPUSH_CONFIG_DIR: join(tmp(), 'nested', 'dir') };
    const path = await writeSetting(env, 'default', 'sdkappid', '1400000000');
    expect(path).toBe(configPath(env));
    expect(mode(path)).toBe(0o600);
    await writeSetting(env, 'work', 'region', 'kr');
    await writeSetting(env, 'default', 'secretKey', 'k3y');
    expect((await readConfig(env)).profiles).toEqual({ default: { sdkappid: '1400000000', secretKey: 'k3y' }, work: { region: 'kr' } });
    await writeSetting(env, 'work', 'region', undefined);
    expect((await readConfig(env)).profiles).toEqual({ default: { sdkappid: '1400000000', secretKey: 'k3y' } });
    expect(await readProfile(env, 'default')).toEqual({ sdkappid: '1400000000', secretKey: 'k3y' });
    expect(await readProfile(env, 'toString')).toBeUndefined();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ profiles: { default: { sdkappid: '1400000000', secretKey: 'k3y' } } });
  });

  it('tightens a file that existed with looser permissions back to 0600', async () => {
    const dir = tmp();
    const path = join(dir, 'config.json');
    writeFileSync(path, '{"profiles":{}}');
    chmodSync(path, 0o644);
    await writeSetting({ CHATPUSH_CONFIG_DIR: dir }, 'default', 'region', 'sgp');
    expect(mode(path)).toBe(0o600);
  });

  it('refuses to overwrite a broken file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'config.json'), '{oops');
    await expect(writeSetting({ CHATPUSH_CONFIG_DIR: dir }, 'default', 'region', 'sgp')).rejects.toBeInstanceOf(ConfigError);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{oops');
  });
});

describe('writeSetting under concurrency (locked read-modify-write)', () => {
  it('30 concurrent writers to 30 profiles and 5 keys of one profile lose nothing', async () => {
    const env = { CHATPUSH_CONFIG_DIR: join(tmp(), 'concurrent') };
    const keys: [ConfigKey, string][] = [
      ['sdkappid', '1400000009'],
      ['identifier', 'ops'],
      ['region', 'kr'],
      ['endpoint', 'https://example.invalid'],
      ['secretKey', 'k'.repeat(64)],
    ];
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => writeSetting(env, `p${i}`, 'region', 'sgp')),
      ...keys.map(([k, v]) => writeSetting(env, 'shared', k, v)),
    ]);
    const { profiles } = await readConfig(env);
    expect(Object.keys(profiles)).toHaveLength(31);
    expect(profiles.shared).toEqual(Object.fromEntries(keys));
    expect(existsSync(join(env.CHATPUSH_CONFIG_DIR, 'config.json.lock'))).toBe(false);
    expect(readdirSync(env.CHATPUSH_CONFIG_DIR).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
