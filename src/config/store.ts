/**
 * The config file: `{ "profiles": { "<name>": { "sdkappid": ..., "secretKey": ..., ... } } }` in
 * `$CHATPUSH_CONFIG_DIR/config.json` (else the platform's config folder) [gh GH_CONFIG_DIR, stripe profiles].
 * Reads are a bounded, depth-checked JSON.parse. Writes are a read-modify-write under a lock
 * (proper-lockfile: an exclusive `config.json.lock` folder, created atomically by mkdir, refreshed while
 * held, taken over when stale) and land by rename from a 0600 temporary file, so 20 concurrent
 * `config set --profile pN` keep all 20 profiles and two keys set at once in one profile both survive: a
 * lost update is impossible, not unlikely.
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readlinkSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readFileBounded, LIMITS, formatLimit, TooLargeError } from '../bounded-read.js';
import { ConfigError } from '../errors.js';
import { describeFsError } from '../fs-error.js';
import type { Env } from '../io.js';
import { CONFIG_KEYS, type ConfigKey } from './resolve.js';
import { findTooDeep, lineColAt, setOwn, tooDeepText } from '../json-safe.js';
import { importModule } from '../import-module.js';

export type Profile = Partial<Record<ConfigKey, string>>;
export interface ConfigFile {
  profiles: Record<string, Profile>;
}

const FIX_DIR_HINT = 'Set CHATPUSH_CONFIG_DIR to a folder you can write to, or fix the permissions of this one.';

/** The config folder: CHATPUSH_CONFIG_DIR, else the platform's per-user config folder. */
export function configDir(env: Env, platform: NodeJS.Platform = process.platform, home?: string): string {
  if (env.CHATPUSH_CONFIG_DIR) return env.CHATPUSH_CONFIG_DIR;
  // Asked only here, with node:os loaded only here: ~0.5 ms of every start-up that sets CHATPUSH_CONFIG_DIR.
  home ??= process.getBuiltinModule('node:os').homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'chatpush', 'Config');
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', 'chatpush');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'chatpush');
}

/** The config file's path. */
export function configPath(env: Env): string {
  return join(configDir(env), 'config.json');
}

/** Reads the config file's text (bounded, BOM removed); undefined when it does not exist. */
function readConfigText(path: string): string | undefined {
  let bytes: Buffer;
  try {
    // Synchronously: a small file read once per run, and node:fs/promises costs ~1 ms of start-up to load.
    bytes = readFileBounded(path, LIMITS.configFile, `config file ${path}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (err instanceof TooLargeError) {
      throw new ConfigError(`config file ${path} is too large (limit ${formatLimit(LIMITS.configFile)}).`, { hint: 'Fix or delete it.' });
    }
    throw new ConfigError(`cannot read config file ${path}: ${describeFsError(err)}.`, { hint: FIX_DIR_HINT });
  }
  const text = bytes.toString('utf8');
  // A UTF-8 BOM (Windows editors add one) is not part of the JSON.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads the config file; a missing file is an empty config, a broken one a ConfigError naming the file. */
export async function readConfig(env: Env): Promise<ConfigFile> {
  const path = configPath(env);
  const text = readConfigText(path);
  return text === undefined ? { profiles: {} } : parseConfig(text, path);
}

/** The whole parsed document (other top-level keys kept for writes). */
async function parseDocument(text: string, path: string): Promise<Record<string, unknown>> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const deep = findTooDeep(text);
  if (deep !== undefined) {
    const { line, col } = lineColAt(text, deep);
    throw new ConfigError(`config file ${path}:${line}:${col} is ${tooDeepText()}.`, { hint: 'Fix or delete it.' });
  }
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
  return data as Record<string, unknown>;
}

/**
 * Parses config text (pure); malformed content is a ConfigError with the file and what to do. An empty file
 * is an empty config. A number where a string is expected (`"sdkappid": 1400000001`, as people write it) is
 * read as its digits; any other non-string value is an error naming the key.
 */
export async function parseConfig(text: string, path: string): Promise<ConfigFile> {
  const data = await parseDocument(text, path);
  const profiles = data.profiles;
  if (profiles === undefined) return { profiles: {} };
  if (profiles === null || typeof profiles !== 'object' || Array.isArray(profiles)) {
    throw new ConfigError(`config file ${path}: "profiles" must be an object.`, { hint: 'Fix or delete it.' });
  }
  const out: Record<string, Profile> = {};
  for (const [name, profile] of Object.entries(profiles as Record<string, unknown>)) {
    if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) {
      throw new ConfigError(`config file ${path}: profile "${name}" must be an object.`, { hint: 'Fix or delete it.' });
    }
    const p: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(profile as Record<string, unknown>)) {
      const known = (CONFIG_KEYS as readonly string[]).includes(k);
      if (typeof v === 'number' && Number.isSafeInteger(v)) p[k] = String(v);
      else if (typeof v === 'string' || !known) p[k] = v;
      else {
        throw new ConfigError(`config file ${path}: profiles.${name}.${k} must be a string, found ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}.`, {
          hint: `Fix it, or run 'chatpush config set ${k} … --profile ${name}'.`,
        });
      }
    }
    setOwn(out, name, p);
  }
  return { profiles: out };
}

/** Reads one profile (undefined when it does not exist). */
export async function readProfile(env: Env, name: string): Promise<Profile | undefined> {
  const file = await readConfig(env);
  return Object.hasOwn(file.profiles, name) ? file.profiles[name] : undefined;
}

/** A ConfigError for a failed write step, with the path and what to do. */
function writeError(what: string, path: string, err: unknown): ConfigError {
  return new ConfigError(`cannot ${what} ${path}: ${describeFsError(err)}.`, { hint: FIX_DIR_HINT, cause: err });
}

/** Writes text to path atomically: a 0600 temporary file in the same folder, fsync, then rename over. */
function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created
    }
    throw writeError('write config file', path, err);
  }
}

/**
 * Sets (value given) or removes (value undefined) one key of one profile: under the lock, the file is read
 * afresh, changed, and replaced atomically with mode 0600 (a file that had looser permissions is replaced by
 * a 0600 one). Top-level keys other than "profiles" are kept.
 */
export async function writeSetting(env: Env, profile: string, key: ConfigKey, value: string | undefined): Promise<string> {
  const dir = configDir(env);
  const path = join(dir, 'config.json');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    // A dangling symbolic link reads as "no such file"; say what it points at.
    let target: string | undefined;
    try {
      if (lstatSync(dir).isSymbolicLink()) target = readlinkSync(dir);
    } catch {
      // not a link
    }
    if (target !== undefined) {
      throw new ConfigError(`cannot create the config folder ${dir}: it is a symbolic link to ${target}, which does not exist.`, { hint: FIX_DIR_HINT, cause: err });
    }
    throw writeError('create the config folder', dir, err);
  }
  const lockfile = await importModule<typeof import('proper-lockfile')>('proper-lockfile');
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      lockfilePath: `${path}.lock`,
      // A holder that died leaves a lock older than `stale`, which the next writer takes over.
      stale: 10_000,
      update: 2_000,
      // Up to ~10 s of waiting: enough for dozens of concurrent writers, each holding it for milliseconds.
      retries: { retries: 200, factor: 1.1, minTimeout: 5, maxTimeout: 100, randomize: true },
      onCompromised: () => {
        // Only if the lock folder was removed under us; the rename below is still atomic.
      },
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') {
      throw new ConfigError(`config file ${path} is locked by another chatpush (${path}.lock).`, {
        hint: 'Try again; if no other chatpush is running, delete the .lock folder.',
      });
    }
    throw writeError('lock config file', path, err);
  }
  try {
    const text = readConfigText(path);
    const doc = text === undefined ? {} : await parseDocument(text, path);
    const { profiles } = text === undefined ? { profiles: {} as Record<string, Profile> } : await parseConfig(text, path);
    const next: Profile = { ...(Object.hasOwn(profiles, profile) ? profiles[profile] : {}) };
    if (value === undefined) delete next[key];
    else next[key] = value;
    // Profiles keep their order; the edited one stays in place (or comes last when new).
    const nextProfiles: Record<string, Profile> = {};
    const keep = Object.keys(next).length > 0;
    for (const [name, p] of Object.entries(profiles)) {
      if (name !== profile) setOwn(nextProfiles, name, p);
      else if (keep) setOwn(nextProfiles, name, next);
    }
    if (keep && !Object.hasOwn(profiles, profile)) setOwn(nextProfiles, profile, next);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) setOwn(out, k, k === 'profiles' ? nextProfiles : v);
    if (!Object.hasOwn(out, 'profiles')) out.profiles = nextProfiles;
    // Tab-indented, as conf wrote it before.
    writeAtomic(path, `${JSON.stringify(out, null, '\t')}\n`);
  } finally {
    await release().catch(() => {});
  }
  return path;
}
