/**
 * `chatpush usersig verify <sig|->` decodes a UserSig and says whether the server would accept it for the
 * configured SDKAppID, key and identifier, and if not which REST code it would answer (70001/70003/70009/
 * 70013/70014; reference/protocols.md §1.2, §2.3). `usersig gen` lives in usersig-gen.ts, so that signing
 * (a start-up benchmark) does not load the code table and the prompt.
 */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { loadCredentials, type CredentialFlags } from '../config/credentials.js';
import { readSecret } from '../prompt.js';
import { wrapText } from '../render/fit.js';
import { isoSeconds } from './usersig-gen.js';
import { sanitize } from '../render/sanitize.js';
import { lookupCode } from '../tencent/codes.js';
import { decodeUserSig, MalformedUserSigError, verifyUserSig, type DecodedUserSig, type UserSigProblem } from '../tencent/usersig.js';

/** One of the four checks the server makes, in its order (reference/protocols.md §1.2). */
export type CheckName = 'sdkappid' | 'identifier' | 'expiry' | 'signature';
export type CheckStatus = 'pass' | 'fail';

/** A verify report: the verdict, the first failing check (what the server would answer) and every check's result. */
export interface UsersigReport {
  valid: boolean;
  /** The first failing check, as the server would see it; undefined when valid. */
  problem: UserSigProblem | undefined;
  code: number | undefined;
  reason: string | undefined;
  next: string | undefined;
  decoded: Omit<DecodedUserSig, 'sig'> | undefined;
  issuedAt: number | undefined;
  expiresAt: number | undefined;
  /** Every check on its own, so an expired sig still says whether the key matches. Empty when malformed. */
  checks: Partial<Record<CheckName, CheckStatus>>;
}

const PROBLEM_CHECK: Readonly<Record<Exclude<UserSigProblem, 'malformed'>, CheckName>> = {
  sdkappid_mismatch: 'sdkappid',
  identifier_mismatch: 'identifier',
  expired: 'expiry',
  signature_mismatch: 'signature',
};

/** Builds the verify report (pure: `now` is unix seconds). The HMAC in the token never leaves this function. */
export function buildUsersigReport(usersig: string, expect: { sdkappid: number; key: string; identifier: string; now: number }): UsersigReport {
  const result = verifyUserSig(usersig, expect);
  let decoded: DecodedUserSig | undefined;
  try {
    decoded = decodeUserSig(usersig);
  } catch (err) {
    if (!(err instanceof MalformedUserSigError)) throw err;
  }
  const checks: UsersigReport['checks'] = {};
  if (decoded) {
    const d = decoded;
    const expiresAt = d.time + d.expire;
    checks.sdkappid = d.sdkappid === expect.sdkappid ? 'pass' : 'fail';
    checks.identifier = d.identifier === expect.identifier ? 'pass' : 'fail';
    checks.expiry = expect.now > expiresAt ? 'fail' : 'pass';
    // The signature on its own: verify against the token's own fields at its issue time.
    const own = verifyUserSig(usersig, { sdkappid: d.sdkappid, identifier: d.identifier, key: expect.key, now: d.time });
    checks.signature = own.valid ? 'pass' : 'fail';
  }
  const { sig: _hmac, ...fields } = decoded ?? ({} as DecodedUserSig);
  const base = {
    decoded: decoded ? fields : undefined,
    issuedAt: decoded?.time,
    expiresAt: decoded ? decoded.time + decoded.expire : undefined,
    checks,
  };
  if (result.valid) return { valid: true, problem: undefined, code: undefined, reason: undefined, next: undefined, ...base };
  return { valid: false, problem: result.problem, code: result.code, reason: result.reason, next: lookupCode(result.code)?.next, ...base };
}

/** "3 days ago" / "in 5 h" for a distance in seconds (coarse on purpose: it sits next to the exact time). */
export function relativeTime(deltaSeconds: number): string {
  const abs = Math.abs(deltaSeconds);
  const units: [number, string][] = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const [size, unit] = units.find(([s]) => abs >= s) ?? [1, 's'];
  const n = Math.floor(abs / size);
  if (n === 0) return 'just now';
  return deltaSeconds >= 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}

/** Renders the human report (pure; `now` is unix seconds). */
export function renderUsersigReport(r: UsersigReport, expect: { sdkappid: number; identifier: string }, now: number, chalk: { green(s: string): string; red(s: string): string; bold(s: string): string }, width?: number): string {
  const lines: string[] = [];
  // On a terminal (`width`) values wrap under their column, so no line is wider than the terminal (issue 11).
  const row = (label: string, value: string): void => {
    const text = width === undefined ? value : wrapText(value, Math.max(20, width - 13)).join(`\n${' '.repeat(13)}`);
    lines.push(`  ${label.padEnd(11)}${text}`);
  };
  if (r.decoded) {
    const d = r.decoded;
    const mark = (c: CheckName): string => (r.checks[c] === 'fail' ? chalk.red(' ✗') : '');
    row('identifier', `${sanitize(d.identifier)}${mark('identifier')}${r.checks.identifier === 'fail' ? ` (expected ${sanitize(expect.identifier)})` : ''}`);
    row('sdkappid', `${d.sdkappid}${mark('sdkappid')}${r.checks.sdkappid === 'fail' ? ` (expected ${expect.sdkappid})` : ''}`);
    row('issued', `${isoSeconds(r.issuedAt!)} (${relativeTime(r.issuedAt! - now)})`);
    const exp = r.expiresAt!;
    row(exp < now ? 'expired' : 'expires', `${isoSeconds(exp)} (${relativeTime(exp - now)}; validity ${d.expire} s)${mark('expiry')}`);
    row('signature', r.checks.signature === 'pass' ? 'made with the configured key' : chalk.red('NOT made with the configured key ✗'));
    if (d.userbuf !== undefined) row('userbuf', `${d.userbuf.length} base64 characters`);
  }
  if (r.valid) {
    row('verdict', chalk.green('valid') + ` for SDKAppID ${expect.sdkappid} and identifier "${sanitize(expect.identifier)}"`);
  } else {
    const info = lookupCode(r.code!);
    row('verdict', `${chalk.red('INVALID')}: ${sanitize(r.reason)} → the server answers ${r.code}${info?.name ? ` ${info.name}` : ''}`);
    if (r.next) row('next', r.next);
  }
  return `${chalk.bold('UserSig')}\n${lines.join('\n')}\n`;
}

/** Decodes and verifies a UserSig ("-" reads it from stdin): exit 0 valid, 1 invalid, 2 unreadable, 3 no config. */
export async function runUsersigVerify(sigArg: string, opts: Pick<CredentialFlags, 'sdkappid' | 'identifier' | 'secretKeyFile'>, ctx: Context): Promise<number> {
  const usersig = sigArg === '-' ? await readSecret(ctx.io, 'UserSig (input hidden): ', 'UserSig', ctx.signal) : sigArg.trim();
  if (usersig === '') throw new UsageError('the UserSig is empty.', { hint: "Pass it as the argument, or '-' to read it from stdin." });
  // The token is a credential: it must not come back in any output line.
  ctx.io.addSecret(usersig);
  const creds = await loadCredentials(ctx, opts, { needSigner: true, allowUsersig: false });
  const now = Math.floor(ctx.now() / 1000);
  const report = buildUsersigReport(usersig, { sdkappid: creds.sdkappid, key: creds.secretKey!, identifier: creds.identifier, now });
  ctx.io.debug(`verified against sdkappid=${creds.sdkappid} identifier=${creds.identifier} key=[REDACTED] at ${now}: ${report.valid ? 'valid' : report.problem}`);
  if (ctx.globals.json) {
    ctx.io.outJson({
      valid: report.valid,
      problem: report.problem ?? null,
      code: report.code ?? null,
      reason: report.reason ?? null,
      next: report.next ?? null,
      expected: { sdkappid: creds.sdkappid, identifier: creds.identifier },
      decoded: report.decoded
        ? {
            version: report.decoded.version,
            identifier: report.decoded.identifier,
            sdkappid: report.decoded.sdkappid,
            time: report.decoded.time,
            expire: report.decoded.expire,
            hasUserbuf: report.decoded.userbuf !== undefined,
          }
        : null,
      issuedAt: report.issuedAt === undefined ? null : isoSeconds(report.issuedAt),
      expiresAt: report.expiresAt === undefined ? null : isoSeconds(report.expiresAt),
      checks: report.checks,
    });
  } else {
    ctx.io.out(renderUsersigReport(report, { sdkappid: creds.sdkappid, identifier: creds.identifier }, now, ctx.io.chalk, ctx.io.outWidth));
  }
  return report.valid ? 0 : 1;
}
