/**
 * `chatpush config get|set|unset|list|path` over the profile store (src/config/store.ts). The secret key is
 * read from stdin or a hidden prompt, never from argv, and is never printed: `get` refuses it and `list`
 * shows it as [REDACTED]. Values are validated before they are stored, so a typo fails here, not at trace time.
 */
import type { Context } from '../context.js';
import { ChatpushError, UsageError } from '../errors.js';
import { parseSdkAppId, resolveSettings } from '../config/credentials.js';
import { CONFIG_KEYS, ENV_VARS, normalizeKey, resolveProfileName, SECRET_KEYS, type ConfigKey, type Resolved } from '../config/resolve.js';
import { configPath, readConfig, readProfile, writeSetting } from '../config/store.js';
import { isLoopbackUrl } from '../net/loopback.js';
import { readSecret } from '../prompt.js';
import { fitTable } from '../render/fit.js';
import { didYouMean } from '../suggest.js';
import { sanitize } from '../render/sanitize.js';
import { findRegion, REGION_LIST, REGION_WORDS } from '../tencent/regions.js';

const KEY_LIST = CONFIG_KEYS.join(', ');

/** Maps what the user typed to a key, or a usage error listing the keys. */
export function parseKey(input: string): ConfigKey {
  const key = normalizeKey(input);
  if (!key) throw new UsageError(`unknown config key "${sanitize(input)}".${didYouMean(input, CONFIG_KEYS)}`, { hint: `Keys: ${KEY_LIST}.` });
  return key;
}

/** Profile names become JSON keys: keep them to a safe, portable alphabet (no "__proto__", no spaces). */
export function checkProfileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) || name === '__proto__') {
    throw new UsageError(`invalid profile name "${sanitize(name)}".`, { hint: 'Use letters, digits, ".", "_" or "-" (at most 64), starting with a letter or digit.' });
  }
  return name;
}

/** Validates and normalises a value for a key (pure); returns what is stored, plus an optional warning. */
export function normalizeValue(key: ConfigKey, raw: string): { value: string; warning?: string } {
  const value = raw.trim();
  switch (key) {
    case 'sdkappid':
      try {
        return { value: String(parseSdkAppId(value, 'config')) };
      } catch (err) {
        // A value typed here is a usage error (exit 2), and its origin goes without saying.
        const e = err as ChatpushError;
        throw new UsageError(`SDKAppID must be a number such as 1400000000, got "${sanitize(value)}".`, { hint: e.hint });
      }
    case 'identifier':
      if (value === '' || /[\s\u0000-\u001f\u007f]/.test(value)) {
        throw new UsageError(`identifier "${sanitize(value)}" must be a non-empty App admin UserID without spaces.`, { hint: "Copy it from the console (Account Management), e.g. 'administrator'." });
      }
      return { value };
    case 'region': {
      const region = findRegion(value);
      if (!region) {
        throw new UsageError(`unknown region "${sanitize(value)}".${didYouMean(value, REGION_WORDS)}`, {
          hint: `Use one of ${REGION_LIST} (or china, singapore, seoul, frankfurt, silicon-valley, jakarta); other hosts go in 'endpoint'.`,
        });
      }
      return { value: region.id };
    }
    case 'endpoint': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new UsageError(`endpoint "${sanitize(value)}" is not a URL.`, { hint: 'Use a base URL such as https://adminapisgp.im.qcloud.com or http://127.0.0.1:5410.' });
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new UsageError(`endpoint "${sanitize(value)}" must be an http(s) URL.`, { hint: 'Use a base URL such as https://adminapisgp.im.qcloud.com.' });
      }
      if (url.username || url.password || url.search || url.hash) {
        throw new UsageError('endpoint must be a plain base URL without credentials, query or fragment.', { hint: 'Use e.g. https://adminapisgp.im.qcloud.com.' });
      }
      const stored = url.href.replace(/\/+$/, '');
      // spec.md: the UserSig only travels over https or to loopback; say so now rather than at trace time.
      const warning = url.protocol === 'http:' && !isLoopbackUrl(url) ? `chatpush sends the UserSig only over https or to a loopback address, so trace will refuse ${stored}.` : undefined;
      return warning ? { value: stored, warning } : { value: stored };
    }
    case 'callbackToken':
    case 'secretKey':
      if (value === '' || /[\s\u0000-\u001f\u007f]/.test(value)) {
        throw new UsageError('the secret key must be one line without spaces.', { hint: 'Copy it from the console (Applications > Basic Information > Key).' });
      }
      return { value };
  }
}

function profileFor(ctx: Context): string {
  return checkProfileName(resolveProfileName(ctx.globals.profile, ctx.env));
}

/** How a resolved setting's source is shown: env CHATPUSH_X, profile "x", default, or — when unset. */
export function describeSource(r: Resolved | undefined): string {
  if (!r) return '—';
  return r.source === 'env' ? `env ${r.origin}` : r.origin;
}

/** Prints the effective value of a key (env > profile > default); the secret key only as set / not set. */
export async function runConfigGet(keyArg: string, ctx: Context): Promise<number> {
  const key = parseKey(keyArg);
  const { settings, profileName } = await resolveSettings(ctx, {});
  const r = settings[key];
  if (SECRET_KEYS.has(key)) {
    // Never the value, but an answer a script can use: exit 0 when a key is configured, 1 when not (like an unset
    // key), so `chatpush config get secretKey >/dev/null` asks "is a key configured?" (issue 11; it was always 2).
    ctx.io.addSecret(r?.value);
    if (ctx.globals.json) {
      ctx.io.outJson({ profile: profileName, key, value: null, set: r !== undefined, source: r?.source ?? null, origin: r?.origin ?? null });
    } else if (r) ctx.io.out(`set (from ${describeSource(r)}; chatpush never prints it)`);
    else ctx.io.info(`${key} is not set (profile "${profileName}"). Set it with 'chatpush config set ${key}' (stdin or a hidden prompt) or ${ENV_VARS[key]}.`);
    return r ? 0 : 1;
  }
  if (ctx.globals.json) {
    ctx.io.outJson({ profile: profileName, key, value: r?.value ?? null, source: r?.source ?? null, origin: r?.origin ?? null });
  } else if (r) {
    ctx.io.out(sanitize(r.value));
  }
  if (!r) {
    ctx.io.info(`${key} is not set (profile "${profileName}"). Set it with 'chatpush config set ${key} <value>' or ${ENV_VARS[key]}.`);
    return 1;
  }
  return 0;
}

/** Stores a value in the profile; the secret key comes from stdin or a hidden prompt, never from argv. */
export async function runConfigSet(keyArg: string, value: string | undefined, ctx: Context): Promise<number> {
  const key = parseKey(keyArg);
  const profile = profileFor(ctx);
  let raw: string;
  if (SECRET_KEYS.has(key)) {
    if (value !== undefined) {
      // It is already in the shell history and the process list; at least keep it out of our output.
      ctx.io.addSecret(value);
      const what = key === 'callbackToken' ? 'the callback token' : 'the secret key';
      throw new UsageError(`refusing to take ${what} from the command line (it would stay in shell history and the process list).`, {
        hint: `Run 'chatpush config set ${key}' and type it at the hidden prompt, or pipe it: printf %s "$${key === 'callbackToken' ? 'TOKEN' : 'KEY'}" | chatpush config set ${key}.`,
      });
    }
    raw = key === 'callbackToken'
      ? await readSecret(ctx.io, 'Callback token (input hidden): ', 'callback token', ctx.signal)
      : await readSecret(ctx.io, 'Secret key (input hidden): ', 'secret key', ctx.signal);
    ctx.io.addSecret(raw);
    ctx.io.addSecret(raw.trim());
  } else {
    if (value === undefined) {
      throw new UsageError(`'config set ${key}' needs a value.`, { hint: `For example: chatpush config set ${key} ${key === 'sdkappid' ? '1400000000' : key === 'region' ? 'sgp' : key === 'endpoint' ? 'http://127.0.0.1:5410' : 'administrator'}` });
    }
    raw = value;
  }
  const { value: stored, warning } = normalizeValue(key, raw);
  const path = await writeSetting(ctx.env, profile, key, stored);
  const shown = SECRET_KEYS.has(key) ? '[REDACTED]' : stored;
  if (warning) ctx.io.warn(warning);
  const envVar = ENV_VARS[key];
  if ((ctx.env[envVar] ?? '').trim() !== '') ctx.io.warn(`${envVar} is set in the environment and takes precedence over the profile.`);
  if (ctx.globals.json) ctx.io.outJson({ action: 'set', profile, key, value: shown, path });
  else ctx.io.info(`Set ${key} = ${sanitize(shown)} in profile "${profile}" (${path}).`);
  return 0;
}

/** Removes a key from the profile (a no-op, exit 0, when it is not set there). */
export async function runConfigUnset(keyArg: string, ctx: Context): Promise<number> {
  const key = parseKey(keyArg);
  const profile = profileFor(ctx);
  const current = await readProfile(ctx.env, profile);
  const present = current !== undefined && Object.hasOwn(current, key);
  const path = present ? await writeSetting(ctx.env, profile, key, undefined) : configPath(ctx.env);
  if (ctx.globals.json) ctx.io.outJson({ action: 'unset', profile, key, removed: present, path });
  else if (present) ctx.io.info(`Removed ${key} from profile "${profile}".`);
  else ctx.io.info(`${key} is not set in profile "${profile}"; nothing to remove.`);
  return 0;
}

/** One row of `config list`. */
export interface ListRow {
  key: ConfigKey;
  /** The value, "[REDACTED]" for a set secret, null when unset. */
  value: string | null;
  set: boolean;
  secret: boolean;
  source: Resolved['source'] | null;
  origin: string | null;
  /**
   * Why commands will refuse this value (what `config set` would have said), when they will: a value set by hand
   * in config.json or in the environment is not checked until a command uses it.
   */
  problem?: string;
}

/** What is wrong with a set value, in `config set`'s words; undefined when nothing is. */
function problemWith(key: ConfigKey, value: string): string | undefined {
  try {
    return normalizeValue(key, value).warning;
  } catch (err) {
    if (!(err instanceof ChatpushError)) throw err;
    return err.withHint();
  }
}

/** Builds the rows of `config list` (pure): every key, secrets redacted, invalid values flagged. */
export function listRows(settings: Partial<Record<ConfigKey, Resolved>>): ListRow[] {
  return CONFIG_KEYS.map((key) => {
    const r = settings[key];
    const secret = SECRET_KEYS.has(key);
    const row: ListRow = { key, value: r ? (secret ? '[REDACTED]' : r.value) : null, set: r !== undefined, secret, source: r?.source ?? null, origin: r?.origin ?? null };
    const problem = r && problemWith(key, r.value);
    if (problem) row.problem = problem;
    return row;
  });
}

/** Renders the rows as plain columns (pure); on a terminal (`width`) VALUE and SOURCE wrap to fit it. */
export function renderList(rows: ListRow[], bold: (s: string) => string = (s) => s, width?: number): string {
  const table = [['KEY', 'VALUE', 'SOURCE'], ...rows.map((r) => [r.key, r.value === null ? '(not set)' : sanitize(r.value), r.origin === null ? '—' : r.source === 'env' ? `env ${r.origin}` : r.origin])];
  if (width !== undefined) {
    const fitted = fitTable([table[0]!.map(bold), ...table.slice(1)], { width, flex: { 1: { mode: 'wrap', min: 14 }, 2: { mode: 'wrap', min: 14 } } });
    return `${fitted.join('\n')}\n`;
  }
  const widths = [0, 1].map((i) => Math.max(...table.map((row) => row[i]!.length)));
  return (
    table
      .map((row, i) => {
        const line = `${row[0]!.padEnd(widths[0]! + 2)}${row[1]!.padEnd(widths[1]! + 2)}${row[2]}`;
        return i === 0 ? bold(line) : line;
      })
      .join('\n') + '\n'
  );
}

/** Shows every setting with its value and where it comes from; secrets as [REDACTED]. */
export async function runConfigList(ctx: Context): Promise<number> {
  const { settings, profileName, file: read } = await resolveSettings(ctx, {});
  ctx.io.addSecret(settings.secretKey?.value);
  const file = read ?? (await readConfig(ctx.env));
  const path = configPath(ctx.env);
  const rows = listRows(settings);
  const profiles = Object.keys(file.profiles).sort();
  if (ctx.globals.json) {
    ctx.io.outJson({ profile: profileName, path, profiles, settings: rows });
  } else {
    ctx.io.out(renderList(rows, (s) => ctx.io.chalk.bold(s), ctx.io.outWidth));
    ctx.io.info(`Profile "${profileName}" in ${path}${profiles.length ? ` (profiles: ${profiles.map(sanitize).join(', ')})` : ' (no profiles stored yet)'}.`);
  }
  // Shown with --json too (the document has them as `problem`): a value commands will refuse is worth a look.
  for (const r of rows) if (r.problem) ctx.io.warn(`${r.key} (${describeSource(settings[r.key])}): ${r.problem}`);
  return 0;
}

/** Prints the config file's path (whether or not it exists yet). */
export async function runConfigPath(ctx: Context): Promise<number> {
  const path = configPath(ctx.env);
  if (ctx.globals.json) ctx.io.outJson({ path });
  else ctx.io.out(path);
  return 0;
}
