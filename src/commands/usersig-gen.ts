/** `chatpush usersig gen`: prints a UserSig for the admin identifier (TLSSigAPIv2, reference/protocols.md §1.1). */
import type { Context } from '../context.js';
import { loadCredentials, type CredentialFlags } from '../config/credentials.js';
import { renderJson } from '../render/json.js';
import { genUserSig } from '../tencent/usersig.js';

export interface UsersigGenOptions extends Pick<CredentialFlags, 'sdkappid' | 'identifier' | 'secretKeyFile'> {
  /** Validity in seconds (commander has already checked it is a positive integer). */
  expire: number;
}

/** Prints a freshly signed UserSig (only the UserSig, or the --json document) on stdout. */
export async function runUsersigGen(opts: UsersigGenOptions, ctx: Context): Promise<number> {
  const creds = await loadCredentials(ctx, opts, { needSigner: true, allowUsersig: false });
  const time = Math.floor(ctx.now() / 1000);
  ctx.io.debug(`signing for sdkappid=${creds.sdkappid} identifier=${creds.identifier} time=${time} expire=${opts.expire} key=[REDACTED] (from ${creds.origins.secretKey?.origin ?? '?'})`);
  const usersig = genUserSig({ sdkappid: creds.sdkappid, key: creds.secretKey!, identifier: creds.identifier, expire: opts.expire, time });
  // The UserSig is the result the user asked for, so it is the one credential written to stdout unredacted.
  if (ctx.globals.json) {
    ctx.io.outUnredacted(
      renderJson({
        usersig,
        sdkappid: creds.sdkappid,
        identifier: creds.identifier,
        time,
        expire: opts.expire,
        expiresAt: isoSeconds(time + opts.expire),
      }, ctx.io.prettyJson),
    );
  } else {
    ctx.io.outUnredacted(usersig);
  }
  return 0;
}

/** Unix seconds as an ISO time without milliseconds. */
export function isoSeconds(unix: number): string {
  // A decoded UserSig can carry any number: beyond what a Date holds, show the number, never crash.
  const d = new Date(unix * 1000);
  return Number.isFinite(d.getTime()) ? d.toISOString().replace('.000Z', 'Z') : `${unix} s after 1970 (beyond any date)`;
}
