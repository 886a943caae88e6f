/**
 * The config file: `{ "profiles": { "<name>": { "sdkappid": …, "secretKey": …, … } } }` in
 * `$CHATPUSH_CONFIG_DIR/config.json` (else the platform's config folder). This is the one importer of
 * `conf`, and only for writes (atomic, mode 0600); reads are a plain JSON.parse so that commands which only
 * read settings (trace, usersig) don't pay conf's ~80 ms import [gh GH_CONFIG_DIR, stripe profiles].
 */
import { chmodSync, readFileSync } from 'node:fs';
import { homedir, platform as osPlatform } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { describeFsError } from '../fs-error.js';
import type { Env } from '../io.js';
import type { ConfigKey } from './resolve.js';
import { importModule } from '../import-module.js';

export type Profile = Partial<Record<ConfigKey, string>>;
export interface ConfigFile {
  profiles: Record<string, Profile>;
}

/** The config folder: CHATPUSH_CONFIG_DIR, else the platform's per-user config folder. */
export function configDir(env: Env, platform: NodeJS.Platform = osPlatform(), home: string = homedir()): string {
  if (env.CHATPUSH_CONFIG_DIR) return env.CHATPUSH_CONFIG_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'chatpush', 'Config');
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', 'chatpush');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'chatpush');
}

/** The config file's path. */
export function configPath(env: Env): string {
  return join(configDir(env), 'config.json');
}

/** Reads the config file; a missing file is an empty config, a broken one a ConfigError naming the file. */
export async function readConfig(env: Env): Promise<ConfigFile> {
  const path = configPath(env);
  let text: string;
  try {
    // Synchronously: a small file read once per run, and node:fs/promises costs ~1 ms of start-up to load.
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new ConfigError(`cannot read config file ${path}: ${describeFsError(err)}.`, {
      hint: 'Check its permissions, or point CHATPUSH_CONFIG_DIR at another folder.',
    });
  }
  return parseConfig(text, path);
}

/** Parses config text (pure); malformed content is a ConfigError with the file and what to do. */
export async function parseConfig(text: string, path: string): Promise<ConfigFile> {
  let data: unknown;
  try {
    data = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    // Not the engine's message: it quotes the text around the error, which may be the secret key.
    const { findJsonError } = await import('../json-error.js');
    const e = findJsonError(text);
    throw new ConfigError(`config file ${path}${e ? `:${e.line}:${e.col}` : ''} is not valid JSON${e ? ` (${e.what})` : ''}.`, {
      hint: `Fix or delete it, then run 'chatpush config set …' again.`,
    });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`config file ${path} must hold a JSON object.`, { hint: 'Fix or delete it.' });
  }
  const profiles = (data as { profiles?: unknown }).profiles;
  if (profiles === undefined) return { profiles: {} };
  if (profiles === null || typeof profiles !== 'object' || Array.isArray(profiles)) {
    throw new ConfigError(`config file ${path}: "profiles" must be an object.`, { hint: 'Fix or delete it.' });
  }
  return { profiles: profiles as Record<string, Profile> };
}

/** Reads one profile (undefined when it does not exist). */
export async function readProfile(env: Env, name: string): Promise<Profile | undefined> {
  const file = await readConfig(env);
  return Object.hasOwn(file.profiles, name) ? file.profiles[name] : undefined;
}

/**
 * Sets (value given) or removes (value undefined) one key of one profile. Writes go through conf: an atomic
 * write with mode 0600; the mode is re-applied in case the file existed with looser permissions.
 */
export async function writeSetting(env: Env, profile: string, key: ConfigKey, value: string | undefined): Promise<string> {
  const current = await readConfig(env);
  const { default: Conf } = await importModule<typeof import('conf')>('conf');
  const dir = configDir(env);
  const store = new Conf<ConfigFile>({
    cwd: dir,
    configName: 'config',
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
  });
  const profiles = { ...current.profiles };
  const next: Profile = { ...(profiles[profile] ?? {}) };
  if (value === undefined) delete next[key];
  else next[key] = value;
  if (Object.keys(next).length === 0) delete profiles[profile];
  else profiles[profile] = next;
  store.set('profiles', profiles);
  chmodSync(store.path, 0o600);
  return store.path;
}
