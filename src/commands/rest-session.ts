/**
 * The one place a command turns its credential flags into a signed REST client (spec.md "Credentials and
 * target"): resolve settings, refuse to send a UserSig anywhere but https/loopback, sign once (the UserSig is
 * registered as a secret so no output can carry it), and create the shared client of src/tencent/client.ts
 * with --verbose request logging and retry notices. trace, stats, loss, online and doctor all start here.
 */
import { loadCredentials, type CredentialFlags, type Credentials } from '../config/credentials.js';
import type { Context } from '../context.js';
import type { Spinner } from '../io.js';
import { assertMayCarryCredentials, createRestClient, type ExchangeEvent, type RestClient } from '../tencent/client.js';

/** Generated UserSigs live one day (the code table advises ≥ 24 h, §2.3); they are never shown. */
export const USERSIG_TTL_S = 86400;

export interface RestFlags extends CredentialFlags {
  /** Seconds per request. */
  timeout?: number;
  retries?: number;
  /** Request spacing override for every API (the demo's own in-process sandbox has no rate limit). */
  minIntervalMs?: number;
}

export interface RestSession {
  client: RestClient;
  creds: Credentials;
  /** The absolute deadline (ctx.now clock) given to the client, when a budget was asked for. */
  deadline: number | undefined;
  /** Shows progress on a spinner (TTY) or nowhere; retry notices go to the spinner or stderr. */
  progress(text: string): Promise<void>;
  stopSpinner(): void;
  close(): Promise<void>;
}

/** Where a resolved setting came from, for --verbose and doctor ("env CHATPUSH_SDKAPPID", "default"). */
export function originOf(creds: Credentials, key: 'sdkappid' | 'identifier' | 'endpoint' | 'region' | 'secretKey'): string {
  return creds.origins[key]?.origin ?? 'default';
}

/** Opens a REST session for one command run. */
export async function openRestSession(
  flags: RestFlags,
  ctx: Context,
  extra: {
    explain?: (code: number) => { meaning: string; next: string } | undefined;
    onExchange?: (e: ExchangeEvent) => void;
    credentials?: Credentials;
    /**
     * A time budget for everything, retries included (trace --watch-timeout), in ms. It starts when the client is
     * created, after credentials and signing, and is exposed as `deadline` for the watch loop to share.
     */
    budgetMs?: number | undefined;
  } = {},
): Promise<RestSession> {
  const creds = extra.credentials ?? (await loadCredentials(ctx, flags, { needSigner: true, allowUsersig: true }));
  assertMayCarryCredentials(creds.baseUrl);
  // Imported here: signing loads node:crypto and node:zlib, which --response-file and --help never need.
  const usersig =
    creds.usersig ??
    (await import('../tencent/usersig.js')).genUserSig({ sdkappid: creds.sdkappid, key: creds.secretKey!, identifier: creds.identifier, expire: USERSIG_TTL_S, time: Math.floor(ctx.now() / 1000) });
  ctx.io.addSecret(usersig);
  ctx.io.debug(
    `sdkappid ${creds.sdkappid} (${originOf(creds, 'sdkappid')}), identifier ${creds.identifier} (${originOf(creds, 'identifier')}), ` +
      `usersig=[REDACTED] (${creds.usersig ? 'given' : 'generated from the key, valid 24 h'}), base ${creds.baseUrl} (${creds.origins.endpoint ? originOf(creds, 'endpoint') : `region ${creds.region?.id ?? 'sgp'}`})`,
  );
  let spinner: Spinner | undefined;
  const stopSpinner = (): void => {
    spinner?.stop();
    spinner = undefined;
  };
  const deadline = extra.budgetMs !== undefined ? ctx.now() + extra.budgetMs : undefined;
  const client = createRestClient({
    target: { baseUrl: creds.baseUrl, sdkappid: creds.sdkappid, identifier: creds.identifier },
    usersig: () => usersig,
    // Replies are redacted as they arrive (src/redact.ts): a server echoing the UserSig cannot make us print it.
    redact: (text) => ctx.io.redact(text),
    ...(deadline !== undefined ? { deadline } : {}),
    timeoutMs: (flags.timeout ?? 10) * 1000,
    retries: flags.retries ?? 3,
    ...(flags.minIntervalMs !== undefined ? { minIntervalMs: flags.minIntervalMs } : {}),
    now: ctx.now,
    random: ctx.random,
    sleep: ctx.sleep,
    signal: ctx.signal,
    explain: extra.explain,
    onExchange: extra.onExchange,
    log: (line) => ctx.io.debug(line),
    onRetry: (e) => {
      const line = `${e.reason}; retrying in ${(e.delayMs / 1000).toFixed(1)} s (${e.retry} of ${e.retries})`;
      if (spinner) spinner.text(line);
      else ctx.io.info(`chatpush: ${line}.`);
    },
  });
  return {
    client,
    creds,
    deadline,
    async progress(text) {
      if (spinner) spinner.text(text);
      else if (ctx.io.canSpin) spinner = await ctx.io.spinner(text);
      ctx.io.debug(text);
    },
    stopSpinner,
    async close() {
      stopSpinner();
      await client.close();
    },
  };
}
