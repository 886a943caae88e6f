/**
 * `chatpush doctor [--callback-url <url> [--token <t>]]` (spec.md v2): the checks a newcomer needs, in order —
 * settings and where each came from, key shape, local clock against the service's Date header, credentials /
 * region / Push-enabled in one cheap normal_push_statistics call over the last hour, and optionally the
 * callback URL answering a signed Push.OfflinePush sample within 2 s. Every check runs even when an earlier
 * one failed, if it can; exit 0 when nothing failed, else the most severe failed check's code.
 */
import { parseSdkAppId, readSecretFile, resolveBaseUrl, resolveSettings, type Credentials } from '../config/credentials.js';
import type { ConfigKey, Resolved } from '../config/resolve.js';
import type { Context } from '../context.js';
import { checkClock, checkKeyShape, doctorExitCode, fail, judgeCredentials, pass, skip, type Check } from '../doctor/checks.js';
import { ChatpushError, ExitCode, InterruptedError } from '../errors.js';
import { renderDoctor } from '../render/doctor.js';
import { NORMAL_STATISTICS_API, statisticsBody } from '../tencent/apis/statistics.js';
import type { ExchangeEvent } from '../tencent/client.js';
import { openRestSession, type RestFlags } from './rest-session.js';

export interface DoctorOptions extends RestFlags {
  usersig?: string;
  callbackUrl?: string;
  token?: string;
}

/** The `--json` document (without schemaVersion). */
export interface DoctorDoc {
  checks: { name: string; status: Check['status']; detail: string; next: string | null }[];
}

function where(r: Resolved | undefined): string {
  return r ? (r.source === 'default' ? 'default' : r.origin.startsWith('CHATPUSH_') ? `env ${r.origin}` : r.origin) : 'not set';
}

/** The settings check and, when they allow a call, the credentials to call with. */
async function settingsCheck(opts: DoctorOptions, ctx: Context): Promise<{ check: Check; creds?: Credentials; key?: string }> {
  let keyFromFile: string | undefined;
  try {
    keyFromFile = opts.secretKeyFile ? await readSecretFile(opts.secretKeyFile, '--secret-key-file') : undefined;
  } catch (err) {
    if (!(err instanceof ChatpushError)) throw err;
    return { check: fail('settings', err.message.replace(/\.$/, ''), err.hint ?? 'Check --secret-key-file.', err.exitCode) };
  }
  let resolved: Awaited<ReturnType<typeof resolveSettings>>;
  try {
    resolved = await resolveSettings(ctx, { sdkappid: opts.sdkappid, identifier: opts.identifier, secretKey: keyFromFile, region: opts.region, endpoint: opts.endpoint });
  } catch (err) {
    if (!(err instanceof ChatpushError)) throw err;
    return { check: fail('settings', err.message.replace(/\.$/, ''), err.hint ?? "Run 'chatpush config list'.", err.exitCode) };
  }
  const s: Partial<Record<ConfigKey, Resolved>> = resolved.settings;
  const key = s.secretKey?.value;
  ctx.io.addSecret(key);
  const usersig = (opts.usersig ?? ctx.env.CHATPUSH_USERSIG) || undefined;
  ctx.io.addSecret(usersig);
  const parts: string[] = [];
  parts.push(s.sdkappid ? `SDKAppID ${s.sdkappid.value} (${where(s.sdkappid)})` : 'SDKAppID not set');
  parts.push(`identifier ${s.identifier?.value ?? 'administrator'} (${where(s.identifier)})`);
  parts.push(key ? `key set (${where(s.secretKey)})` : usersig ? 'UserSig given (--usersig / CHATPUSH_USERSIG)' : 'key not set');
  let base: { baseUrl: string; region: { id: string } | undefined };
  try {
    base = resolveBaseUrl(s);
  } catch (err) {
    if (!(err instanceof ChatpushError)) throw err;
    return { check: fail('settings', `${parts.join(' · ')} · ${err.message.replace(/\.$/, '')}`, err.hint ?? 'Fix --region / --endpoint.', err.exitCode) };
  }
  // An --endpoint override is shown here, not warned about (spec.md v2 doctor).
  parts.push(s.endpoint ? `endpoint ${base.baseUrl} (${where(s.endpoint)})` : `region ${base.region?.id ?? 'sgp'} (${where(s.region)}) → ${base.baseUrl}`);
  const detail = parts.join(' · ');
  const profile = resolved.profileName === 'default' ? '' : ` --profile ${resolved.profileName}`;
  if (!s.sdkappid) {
    // Both missing (a first run): name both steps, or the user fixes one, runs doctor again and meets the other.
    const andKey = key || usersig ? '' : `, then 'chatpush config set secretKey'${profile} (stdin or a hidden prompt)`;
    const orEnv = key || usersig ? 'CHATPUSH_SDKAPPID' : 'CHATPUSH_SDKAPPID and CHATPUSH_SECRET_KEY';
    return { check: fail('settings', detail, `Run 'chatpush config set sdkappid 1400…'${profile}${andKey}, or set ${orEnv} (the console shows both under Applications).`, ExitCode.CONFIG) };
  }
  let sdkappid: number;
  try {
    sdkappid = parseSdkAppId(s.sdkappid.value, s.sdkappid.origin);
  } catch (err) {
    if (!(err instanceof ChatpushError)) throw err;
    return { check: fail('settings', `${detail} · ${err.message.replace(/\.$/, '')}`, err.hint ?? '', ExitCode.CONFIG) };
  }
  if (!key && !usersig) {
    return { check: fail('settings', detail, `Run 'chatpush config set secretKey'${profile} (reads stdin or a hidden prompt), set CHATPUSH_SECRET_KEY, or pass --secret-key-file <path>.`, ExitCode.CONFIG), key };
  }
  const creds: Credentials = {
    sdkappid,
    identifier: s.identifier?.value ?? 'administrator',
    secretKey: key,
    usersig,
    baseUrl: base.baseUrl,
    region: base.region as Credentials['region'],
    profileName: resolved.profileName,
    origins: s,
  };
  return { check: pass('settings', detail), creds, key };
}

/** Runs every check (pure data out, for --json and the text view). */
export async function collectDoctor(opts: DoctorOptions, ctx: Context): Promise<Check[]> {
  const settings = await settingsCheck(opts, ctx);
  const checks: Check[] = [settings.check];
  checks.push(checkKeyShape(settings.key, settings.creds?.usersig !== undefined && !settings.key));

  let clock: Check = skip('clock', 'needs a reply from the service (see credentials)');
  let credentials: Check;
  if (!settings.creds) credentials = skip('credentials', 'needs the settings above');
  else {
    let exchange: ExchangeEvent | undefined;
    const session = await openRestSession({ ...opts, retries: opts.retries ?? 1 }, ctx, { credentials: settings.creds, onExchange: (e) => (exchange ??= e) });
    let error: unknown;
    try {
      await session.progress(`Calling normal_push_statistics at ${settings.creds.baseUrl}…`);
      const nowS = Math.floor(ctx.now() / 1000);
      await session.client.call(NORMAL_STATISTICS_API, statisticsBody({ from: nowS - 3600, to: nowS }));
    } catch (err) {
      if (err instanceof InterruptedError || !(err instanceof ChatpushError)) throw err;
      error = err;
    } finally {
      await session.close();
    }
    credentials = judgeCredentials(error, new URL(settings.creds.baseUrl).host);
    if (exchange) clock = checkClock(exchange.date, exchange.sentAt, exchange.receivedAt);
  }
  checks.push(clock, credentials);

  if (opts.callbackUrl === undefined) {
    if (opts.token !== undefined) ctx.io.warn('--token has no effect without --callback-url.');
    checks.push(skip('callback', 'no --callback-url given'));
  } else {
    let url: URL | undefined;
    try {
      url = new URL(opts.callbackUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      checks.push(fail('callback', `--callback-url "${opts.callbackUrl}" is not an http(s) URL`, 'Give the full URL, e.g. https://api.example.com/im/callback.', ExitCode.USAGE));
    } else {
      const token = (opts.token ?? ctx.env.CHATPUSH_CALLBACK_TOKEN) || undefined;
      ctx.io.addSecret(token);
      const { probeCallback } = await import('../doctor/callback-probe.js');
      checks.push(
        await probeCallback({
          url,
          sdkappid: settings.creds?.sdkappid ?? 1400000000,
          token,
          nowS: Math.floor(ctx.now() / 1000),
          random: ctx.random(),
          now: ctx.now,
          signal: ctx.signal,
          addSecret: (s) => ctx.io.addSecret(s),
        }),
      );
    }
  }
  return checks;
}

export async function runDoctor(opts: DoctorOptions, ctx: Context): Promise<number> {
  const checks = await collectDoctor(opts, ctx);
  const { io } = ctx;
  const doc: DoctorDoc = { checks: checks.map(({ name, status, detail, next }) => ({ name, status, detail, next })) };
  if (io.json) io.outJson({ ...doc });
  else io.write(renderDoctor(checks, io.chalk, io.outWidth));
  return doctorExitCode(checks);
}
