/**
 * Loopback checks. The UserSig is only sent over https or to a loopback address (spec.md), and replay
 * refuses non-loopback URLs unless --allow-remote, so sample callbacks never reach production by accident.
 */
import { UsageError } from '../errors.js';

/**
 * True for localhost, 127.0.0.0/8, ::1 and IPv4-mapped 127.x, as typed (::ffff:127.0.0.1) or as URL writes it
 * (::ffff:7f00:1); hostname only, no DNS lookup.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  // node:net is loaded here rather than at the top: it brings the stream machinery (~2.5 ms), which commands
  // that never check a host (trace --response-file) should not pay for.
  const version = process.getBuiltinModule('node:net').isIP(host);
  if (version === 4) return host.startsWith('127.');
  if (version === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host);
  return false;
}

/** True when a URL points at a loopback host. */
export function isLoopbackUrl(url: URL): boolean {
  return isLoopbackHost(url.hostname);
}

/** True when a credential may travel to this URL: https anywhere, http only to loopback. */
export function mayCarryCredentials(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));
}

/** True for an IP address (not a name) in 127.0.0.0/8, ::1 or ::ffff:127.x. */
export function isLoopbackAddress(address: string): boolean {
  const net = process.getBuiltinModule('node:net');
  return net.isIP(address.replace(/^\[|\]$/g, '')) !== 0 && isLoopbackHost(address) && address.toLowerCase() !== 'localhost';
}

/** The error a guarded lookup raises: the name resolved to an address that is not loopback. */
export class NotLoopbackError extends Error {
  readonly code = 'ECHATPUSH_NOT_LOOPBACK';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolved to ${address}, which is not a loopback address`);
  }
}

type LookupAddress = { address: string; family: number };
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect (and undici's `connect` options) that resolves like the system does and then
 * refuses any address that is not loopback. Names such as `anything.localhost` look local but go to the
 * system resolver; deciding from the resolved address - the one actually connected to - closes that gap
 * (and DNS rebinding, as there is no second lookup). IP literals never reach a lookup; they are checked by
 * isLoopbackHost before anything is sent.
 */
export function loopbackOnlyLookup(hostname: string, options: { all?: boolean; family?: number | string; hints?: number } | undefined, callback: LookupCallback): void {
  const dns = process.getBuiltinModule('node:dns');
  const opts = { ...(options ?? {}), all: true } as { all: true; family?: number; hints?: number };
  dns.lookup(hostname, opts, (err, addresses) => {
    if (err) return callback(err, options?.all ? [] : '', undefined);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => !isLoopbackAddress(a.address));
    if (bad || list.length === 0) return callback(new NotLoopbackError(hostname, bad?.address ?? 'nothing') as unknown as NodeJS.ErrnoException, options?.all ? [] : '', undefined);
    if (options?.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

/** The NotLoopbackError in a failed request's cause chain, if loopbackOnlyLookup refused it. */
export function notLoopbackCause(err: unknown): NotLoopbackError | undefined {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    if (e instanceof NotLoopbackError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A UsageError (exit 2) when a failed request was refused by loopbackOnlyLookup, else undefined. */
export function refusedByGuard(err: unknown): UsageError | undefined {
  const e = notLoopbackCause(err);
  return e
    ? new UsageError(`refusing to connect: ${e.message}.`, {
        hint: 'Use 127.0.0.1 or ::1 directly; for a remote backend or endpoint use https (trace) or --allow-remote (replay).',
      })
    : undefined;
}

/** Refuses (exit 2) a URL carrying `user:password@`: the password would travel and could be printed. */
export function assertNoUserinfo(url: URL, what: string): void {
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(`${what} must not contain a user name or password (user:password@…).`, {
      hint: 'Remove the user:password@ part; chatpush never sends URL credentials.',
    });
  }
}
