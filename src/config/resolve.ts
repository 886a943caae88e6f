/**
 * Pure precedence for settings: flag > environment > config profile > default (spec.md "Credentials and
 * target"). No I/O here: the caller passes in the flags, the environment and the profile's values.
 */
import type { Env } from '../io.js';

export type ConfigKey = 'sdkappid' | 'identifier' | 'secretKey' | 'region' | 'endpoint' | 'callbackToken';

/** Every key `chatpush config` accepts, in display order. */
export const CONFIG_KEYS: readonly ConfigKey[] = ['sdkappid', 'identifier', 'secretKey', 'region', 'endpoint', 'callbackToken'];

/** Keys whose values are never shown. */
export const SECRET_KEYS: ReadonlySet<ConfigKey> = new Set<ConfigKey>(['secretKey', 'callbackToken']);

/** The environment variable behind each key. */
export const ENV_VARS: Readonly<Record<ConfigKey, string>> = {
  sdkappid: 'CHATPUSH_SDKAPPID',
  identifier: 'CHATPUSH_IDENTIFIER',
  secretKey: 'CHATPUSH_SECRET_KEY',
  region: 'CHATPUSH_REGION',
  endpoint: 'CHATPUSH_ENDPOINT',
  callbackToken: 'CHATPUSH_CALLBACK_TOKEN',
};

/** The flag behind each key (the secret key is read from a file, never from argv). */
export const FLAGS: Readonly<Record<ConfigKey, string>> = {
  sdkappid: '--sdkappid',
  identifier: '--identifier',
  secretKey: '--secret-key-file',
  region: '--region',
  endpoint: '--endpoint',
  callbackToken: '--token',
};

export const DEFAULTS: Readonly<Partial<Record<ConfigKey, string>>> = {
  identifier: 'administrator',
  region: 'sgp',
};

export const DEFAULT_PROFILE = 'default';

export type Source = 'flag' | 'env' | 'profile' | 'default';

export interface Resolved {
  value: string;
  source: Source;
  /** Where exactly: "--sdkappid", "CHATPUSH_SDKAPPID", "profile \"default\"", "default". */
  origin: string;
}

export interface ResolveInputs {
  flags: Partial<Record<ConfigKey, string | undefined>>;
  env: Env;
  profile: Partial<Record<string, unknown>> | undefined;
  profileName: string;
}

/** Normalises a user-typed key ("secret-key", "SecretKey", "secret_key") to its canonical name. */
export function normalizeKey(input: string): ConfigKey | undefined {
  const squashed = input.replace(/[-_]/g, '').toLowerCase();
  return CONFIG_KEYS.find((k) => k.toLowerCase() === squashed);
}

/** The profile name: --profile > CHATPUSH_PROFILE > "default". */
export function resolveProfileName(flag: string | undefined, env: Env): string {
  return nonEmpty(flag) ?? nonEmpty(env.CHATPUSH_PROFILE) ?? DEFAULT_PROFILE;
}

/** Resolves one key by precedence; undefined when no layer sets it. */
export function resolveSetting(key: ConfigKey, inputs: ResolveInputs): Resolved | undefined {
  const flag = nonEmpty(inputs.flags[key]);
  if (flag !== undefined) return { value: flag, source: 'flag', origin: FLAGS[key] };
  const env = nonEmpty(inputs.env[ENV_VARS[key]]);
  if (env !== undefined) return { value: env, source: 'env', origin: ENV_VARS[key] };
  const stored = inputs.profile?.[key];
  if (typeof stored === 'string' && stored !== '') {
    return { value: stored, source: 'profile', origin: `profile "${inputs.profileName}"` };
  }
  const def = DEFAULTS[key];
  if (def !== undefined) return { value: def, source: 'default', origin: 'default' };
  return undefined;
}

/** Whether some key still needs the profile: true when neither a flag nor the environment sets it. */
export function needsProfile(keys: readonly ConfigKey[], flags: ResolveInputs['flags'], env: Env): boolean {
  return keys.some((k) => nonEmpty(flags[k]) === undefined && nonEmpty(env[ENV_VARS[k]]) === undefined);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}
