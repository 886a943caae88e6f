/**
 * `chatpush doctor`'s judgements (pure; spec.md v2 doctor): each check → pass / fail / warn / skip with a
 * detail, the next step, and the exit code a failure maps to. The I/O (settings, the statistics call, the
 * callback post) lives in src/commands/doctor.ts; everything decided here is table-tested.
 */
import { AuthError, ChatpushError, ExitCode, NetworkError, ServiceError } from '../errors.js';
import { lookupCode } from '../tencent/codes.js';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';
export type CheckName = 'settings' | 'key' | 'clock' | 'credentials' | 'callback';

export interface Check {
  name: CheckName;
  status: CheckStatus;
  detail: string;
  next: string | null;
  /** The exit code of a failed check (0 otherwise); not part of the JSON contract. */
  exitCode: number;
}

export const CHECK_LABELS: Readonly<Record<CheckName, string>> = {
  settings: 'settings',
  key: 'key shape',
  clock: 'clock',
  credentials: 'credentials',
  callback: 'callback URL',
};

export function pass(name: CheckName, detail: string, next: string | null = null): Check {
  return { name, status: 'pass', detail, next, exitCode: 0 };
}
export function warn(name: CheckName, detail: string, next: string): Check {
  return { name, status: 'warn', detail, next, exitCode: 0 };
}
export function skip(name: CheckName, detail: string): Check {
  return { name, status: 'skip', detail, next: null, exitCode: 0 };
}
export function fail(name: CheckName, detail: string, next: string, exitCode: number): Check {
  return { name, status: 'fail', detail, next, exitCode };
}

/** A console secret key is 64 hexadecimal characters (spec.md v2 doctor). */
export function checkKeyShape(key: string | undefined, usersigGiven: boolean): Check {
  if (key === undefined) return skip('key', usersigGiven ? 'no key: a ready-made UserSig is used' : 'no key configured');
  const k = key.trim();
  if (/^[0-9a-fA-F]{64}$/.test(k)) return pass('key', '64 hexadecimal characters, as the console issues them');
  const what = /^[0-9a-fA-F]+$/.test(k) ? `${k.length} hexadecimal characters` : `${k.length} characters, not all hexadecimal`;
  return warn('key', `${what}; console keys are 64 hexadecimal characters`, "Copy the key again from the console (Applications > Basic Information > key) and store it with 'chatpush config set secretKey'.");
}

/** Clock skews above this are warned about: UserSigs and callback Signs depend on the clock (spec.md v2). */
export const CLOCK_WARN_MS = 30_000;

function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * Local clock against the service's HTTP Date header. The header has 1 s resolution and is stamped between
 * our send and receive, so the local reference is the midpoint, and ±1 s + half the round trip is noise.
 */
export function checkClock(date: string | undefined, sentAt: number, receivedAt: number): Check {
  if (date === undefined) return skip('clock', 'the service sent no Date header');
  const stamped = Date.parse(date);
  if (!Number.isFinite(stamped)) return skip('clock', `the Date header "${date.slice(0, 40)}" is not an HTTP date`);
  // The header drops the milliseconds: the server's time was somewhere in [stamped, stamped + 1 s).
  const server = stamped + 500;
  const local = (sentAt + receivedAt) / 2;
  const skew = local - server;
  const noise = 1000 + (receivedAt - sentAt) / 2;
  if (Math.abs(skew) <= noise) return pass('clock', 'in step with the service (within 1 s)');
  const dir = skew > 0 ? 'ahead of' : 'behind';
  const detail = `the local clock is ${duration(skew)} ${dir} the service (Date: ${date})`;
  if (Math.abs(skew) <= CLOCK_WARN_MS) return pass('clock', detail);
  return warn('clock', detail, 'Sync the clock (e.g. timedatectl set-ntp true, or sntp -sS time.apple.com): UserSigs and callback Signs are checked against it.');
}

/** The credentials/region/Push-enabled check from the outcome of one normal_push_statistics call. */
export function judgeCredentials(err: unknown, target: string): Check {
  if (err === undefined) return pass('credentials', `normal_push_statistics at ${target} answered ErrorCode 0: key, identifier, region and Push are fine`);
  if (!(err instanceof ChatpushError)) throw err;
  const code = (err as { code?: unknown }).code;
  const c = typeof code === 'number' ? code : undefined;
  if (c === 70016 || c === 70020) {
    return fail('credentials', `${c}: the SDKAppID is not known at ${target} — wrong region`, 'Use the data centre the app was created in: --region cn|sgp|kr|ger|usa|idn (or CHATPUSH_REGION), or check --endpoint.', ExitCode.AUTH);
  }
  if (c === 90045) {
    return fail('credentials', '90045: Push is not enabled for this app (the key and region are fine)', 'Enable Push (TIMPush) in the Chat console (Push > Access Settings), then run doctor again.', ExitCode.SERVICE);
  }
  if (err instanceof AuthError && c !== undefined) {
    const info = lookupCode(c);
    const what = c >= 70001 && c <= 70052 ? 'UserSig rejected' : 'identifier or UserSig rejected';
    return fail('credentials', `${what} (${c}: ${(info?.meaning ?? err.message).replace(/\.$/, '')})`, info?.next ?? err.hint ?? "Run 'chatpush usersig verify'.", ExitCode.AUTH);
  }
  if (err instanceof NetworkError) return fail('credentials', err.message.replace(/\.$/, ''), err.hint ?? 'Check --endpoint / --region and your network.', ExitCode.NETWORK);
  if (err instanceof ServiceError) return fail('credentials', err.message.replace(/\.$/, ''), err.hint ?? (c !== undefined ? `Run 'chatpush explain ${c}'.` : 'Try again later.'), ExitCode.SERVICE);
  return fail('credentials', err.message.replace(/\.$/, ''), err.hint ?? 'See the message.', err.exitCode);
}

/** The exit code of a doctor run: 0 when nothing failed, else the most severe failed check's code. */
export function doctorExitCode(checks: readonly Check[]): number {
  return checks.reduce((worst, c) => (c.status === 'fail' ? Math.max(worst, c.exitCode || ExitCode.NEGATIVE) : worst), 0);
}
