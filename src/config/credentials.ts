/**
 * Turns flags + environment + profile into validated credentials for the commands that talk to (or
 * emulate) the REST API: trace, usersig, sandbox. I/O at the edge: reads the key file and the profile
 * (only when a flag or variable does not already decide every key).
 */
import { LIMITS, readFileBounded } from '../bounded-read.js';
import { assertNoUserinfo } from '../net/loopback.js';
import type { Context } from '../context.js';
import { ConfigError, UsageError } from '../errors.js';
import { describeFsError } from '../fs-error.js';
import { didYouMean } from '../suggest.js';
import { findRegion, regionBaseUrl, REGION_LIST, REGION_WORDS, type Region } from '../tencent/regions.js';
import {
  CONFIG_KEYS,
  needsProfile,
  resolveProfileName,
  resolveSetting,
  type ConfigKey,
  type Resolved,
} from './resolve.js';
import { readConfig, type ConfigFile, type Profile } from './store.js';

/** The credential flags a command may declare (all optional). */
export interface CredentialFlags {
  sdkappid?: string;
  identifier?: string;
  secretKeyFile?: string;
  usersig?: string;
  region?: string;
  endpoint?: string;
}

export interface Credentials {
  sdkappid: number;
  identifier: string;
  /** The console secret key; undefined when a ready-made UserSig is used instead. */
  secretKey: string | undefined;
  /** A ready-made UserSig from --usersig / CHATPUSH_USERSIG. */
  usersig: string | undefined;
  /** The REST base URL, without a trailing slash. */
  baseUrl: string;
  region: Region | undefined;
  profileName: string;
  /** Where each resolved setting came from (for --verbose and `config list`). */
  origins: Partial<Record<ConfigKey, Resolved>>;
}

/** Reads a secret from a file named by a flag; the flag's value (a path) is not a secret. */
export async function readSecretFile(path: string, flag: string): Promise<string> {
  try {
    // Bounded: --secret-key-file /dev/zero stops at 64 KiB with exit 2 (bounded-read.ts).
    const text = readFileBounded(path, LIMITS.secretKeyFile, `${flag} ${path}`).toString('utf8').replace(/^\ufeff/, '').trim();
    if (text === '') throw new UsageError(`${flag} ${path} is empty.`, { hint: 'Put the key on its first line.' });
    return text;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${flag} ${path}: ${describeFsError(err)}.`, {
      hint: 'Check the path and its permissions.',
    });
  }
}

/** Resolves every setting, loading the profile only when flags and environment leave something open. */
export async function resolveSettings(
  ctx: Context,
  flags: Partial<Record<ConfigKey, string | undefined>>,
): Promise<{
  settings: Partial<Record<ConfigKey, Resolved>>;
  profileName: string;
  profile: Profile | undefined;
  /** The config file, when it had to be read (so callers need not read it again). */
  file: ConfigFile | undefined;
}> {
  const profileName = resolveProfileName(ctx.globals.profile, ctx.env);
  let profile: Profile | undefined;
  let file: ConfigFile | undefined;
  // The callback token matters only to the commands that ask for it (webhook, replay, listen): trace must not
  // read the profile just because no token is set.
  const keys = CONFIG_KEYS.filter((k) => k !== 'callbackToken' || 'callbackToken' in flags);
  if (needsProfile(keys, flags, ctx.env)) {
    file = await readConfig(ctx.env);
    profile = Object.hasOwn(file.profiles, profileName) ? file.profiles[profileName] : undefined;
    const explicit = ctx.globals.profile !== undefined || (ctx.env.CHATPUSH_PROFILE ?? '') !== '';
    if (profile === undefined && explicit) {
      const known = Object.keys(file.profiles);
      throw new ConfigError(`profile "${profileName}" does not exist${known.length ? ` (known: ${known.join(', ')})` : ''}.`, {
        hint: `Create it with 'chatpush config set sdkappid <id> --profile ${profileName}'.`,
      });
    }
  }
  const settings: Partial<Record<ConfigKey, Resolved>> = {};
  for (const key of CONFIG_KEYS) {
    const r = resolveSetting(key, { flags, env: ctx.env, profile, profileName });
    if (r) settings[key] = r;
  }
  return { settings, profileName, profile, file };
}

/** Validates an SDKAppID string: a positive integer. */
export function parseSdkAppId(value: string, origin: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) === 0 || Number(value) > 0xffffffff) {
    const Err = origin.startsWith('--') ? UsageError : ConfigError;
    throw new Err(`SDKAppID from ${origin} must be a number such as 1400000000, got "${value}".`, {
      hint: 'Copy it from the Chat console (Applications > SDKAppID).',
    });
  }
  return Number(value);
}

/** Turns region + endpoint into a base URL: --endpoint wins over the region's host. */
export function resolveBaseUrl(settings: Partial<Record<ConfigKey, Resolved>>): { baseUrl: string; region: Region | undefined } {
  const endpoint = settings.endpoint;
  const regionSetting = settings.region;
  let region: Region | undefined;
  if (regionSetting) {
    region = findRegion(regionSetting.value);
    if (!region) {
      throw new UsageError(`unknown region "${regionSetting.value}" (from ${regionSetting.origin}).${didYouMean(regionSetting.value, REGION_WORDS)}`, {
        hint: `Use one of ${REGION_LIST} (or china, singapore, seoul, frankfurt, silicon-valley, jakarta), or --endpoint <url>.`,
      });
    }
  }
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint.value);
    } catch {
      throw new UsageError(`endpoint "${endpoint.value}" (from ${endpoint.origin}) is not a URL.`, {
        hint: 'Use a base URL such as https://adminapisgp.im.qcloud.com or http://127.0.0.1:5410.',
      });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new UsageError(`endpoint "${endpoint.value}" (from ${endpoint.origin}) must be an http(s) URL.`, {
        hint: 'Use a base URL such as https://adminapisgp.im.qcloud.com or http://127.0.0.1:5410.',
      });
    }
    // A user:password@ part would travel with every request and show in --verbose: refused (net/loopback.ts).
    assertNoUserinfo(url, `endpoint (from ${endpoint.origin})`);
    return { baseUrl: url.href.replace(/\/+$/, ''), region };
  }
  return { baseUrl: regionBaseUrl(region ?? findRegion('sgp')!), region };
}

/**
 * Loads credentials. `needSigner` requires a way to sign: the secret key, or (when `allowUsersig`) a
 * ready-made UserSig. Missing pieces are a ConfigError (exit 3) naming the command or variable that fixes it.
 */
export async function loadCredentials(
  ctx: Context,
  flags: CredentialFlags,
  opts: { needSigner: boolean; allowUsersig: boolean },
): Promise<Credentials> {
  const keyFromFile = flags.secretKeyFile ? await readSecretFile(flags.secretKeyFile, '--secret-key-file') : undefined;
  const { settings, profileName } = await resolveSettings(ctx, {
    sdkappid: flags.sdkappid,
    identifier: flags.identifier,
    secretKey: keyFromFile,
    region: flags.region,
    endpoint: flags.endpoint,
  });
  const usersig = opts.allowUsersig ? (flags.usersig ?? ctx.env.CHATPUSH_USERSIG) || undefined : undefined;
  const secretKey = settings.secretKey?.value;
  ctx.io.addSecret(secretKey);
  ctx.io.addSecret(usersig);

  // A wrong flag (bad region or endpoint) is reported before a missing setting: it is what the user just typed.
  const { baseUrl, region } = resolveBaseUrl(settings);
  const sdk = settings.sdkappid;
  if (!sdk) {
    throw new ConfigError('SDKAppID is not set.', {
      hint: `Run 'chatpush config set sdkappid 1400…'${profileName === 'default' ? '' : ` --profile ${profileName}`} or set CHATPUSH_SDKAPPID; 'chatpush doctor' then checks the whole set-up.`,
    });
  }
  const sdkappid = parseSdkAppId(sdk.value, sdk.origin);
  if (opts.needSigner && !secretKey && !usersig) {
    throw new ConfigError('the secret key is not set.', {
      hint: `Run 'chatpush config set secretKey' (reads it from stdin or a hidden prompt), set CHATPUSH_SECRET_KEY, or pass --secret-key-file <path>.`,
    });
  }
  return {
    sdkappid,
    identifier: settings.identifier?.value ?? 'administrator',
    secretKey,
    usersig,
    baseUrl,
    region,
    profileName,
    origins: settings,
  };
}
