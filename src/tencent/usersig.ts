/**
 * TLSSigAPIv2 UserSig generation, decoding and offline verification — pure: the time comes in.
 * Algorithm: reference/protocols.md §1.1 (the Node `tls-sig-api-v2` package, byte for byte: same JSON key
 * order, zlib deflate at the default level, base64 with + / = replaced by * - _).
 * Verification order follows the Go library's VerifyUserSig (§1.2): SDKAppID, identifier, expiry, signature.
 */
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { deflateSync, inflateSync } from 'node:zlib';

export interface UserSigInput {
  sdkappid: number;
  /** The console secret key, used as its UTF-8 bytes (not hex-decoded). */
  key: string;
  identifier: string;
  /** Validity in seconds. */
  expire: number;
  /** Issue time, unix seconds. */
  time: number;
  userbuf?: Buffer;
}

/** The fields of a decoded UserSig. */
export interface DecodedUserSig {
  version: string;
  identifier: string;
  sdkappid: number;
  time: number;
  expire: number;
  userbuf: string | undefined;
  /** The base64 HMAC carried in the token. */
  sig: string;
}

/** Why a UserSig is not valid, with the REST error code the server would answer. */
export type UserSigProblem = 'malformed' | 'sdkappid_mismatch' | 'identifier_mismatch' | 'expired' | 'signature_mismatch';

export const PROBLEM_CODES: Readonly<Record<UserSigProblem, number>> = {
  malformed: 70003,
  sdkappid_mismatch: 70014,
  identifier_mismatch: 70013,
  expired: 70001,
  signature_mismatch: 70009,
};

export interface VerifyExpectation {
  sdkappid: number;
  key: string;
  identifier: string;
  /** Unix seconds. */
  now: number;
}

export type VerifyResult =
  | { valid: true; decoded: DecodedUserSig; expiresAt: number }
  | { valid: false; problem: UserSigProblem; code: number; reason: string; decoded?: DecodedUserSig; expiresAt?: number };

/** The string that goes into the HMAC (each line ends with \n, the last one too). */
export function signingContent(input: Omit<UserSigInput, 'key'> & { userbufBase64?: string | undefined }): string {
  let content =
    `TLS.identifier:${input.identifier}\n` +
    `TLS.sdkappid:${input.sdkappid}\n` +
    `TLS.time:${input.time}\n` +
    `TLS.expire:${input.expire}\n`;
  const ub = input.userbufBase64 ?? input.userbuf?.toString('base64');
  if (ub !== undefined) content += `TLS.userbuf:${ub}\n`;
  return content;
}

/**
 * HMAC-SHA256 of the content under the key (both as UTF-8), in base64. With @noble/hashes (audited, pure
 * JavaScript, inlined into the bundle) rather than node:crypto: loading node:crypto costs ~2.5 ms beyond
 * node:stream, which is most of what separated `chatpush usersig gen` from `node -e 0` once the bundle was
 * small (issue 15, bench/startup.mjs); for a ~150-byte message the JavaScript hash takes microseconds.
 * test/unit/usersig.test.ts checks every UserSig against the official tls-sig-api-v2 package (node:crypto).
 */
function hmacBase64(key: string, content: string): string {
  return Buffer.from(hmac(sha256, Buffer.from(key, 'utf8'), Buffer.from(content, 'utf8'))).toString('base64');
}

/** Generates a UserSig exactly as the official Node package does for the same inputs and time. */
export function genUserSig(input: UserSigInput): string {
  const userbufBase64 = input.userbuf?.toString('base64');
  const doc: Record<string, string | number> = {
    'TLS.ver': '2.0',
    'TLS.identifier': input.identifier,
    'TLS.sdkappid': input.sdkappid,
    'TLS.time': input.time,
    'TLS.expire': input.expire,
  };
  if (userbufBase64 !== undefined) doc['TLS.userbuf'] = userbufBase64;
  doc['TLS.sig'] = hmacBase64(input.key, signingContent({ ...input, userbufBase64 }));
  const compressed = deflateSync(Buffer.from(JSON.stringify(doc)));
  return compressed.toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

/** Largest decoded UserSig document accepted (real ones are ~200 bytes; a userbuf adds a few hundred). */
const MAX_DECODED_BYTES = 64 * 1024;

/** Thrown by decodeUserSig for anything that is not a well-formed UserSig. */
export class MalformedUserSigError extends Error {}

/** Decodes a UserSig without checking it; throws MalformedUserSigError with the reason. */
export function decodeUserSig(usersig: string): DecodedUserSig {
  const token = usersig.trim();
  if (token === '') throw new MalformedUserSigError('it is empty');
  if (!/^[A-Za-z0-9*\-_]+$/.test(token)) throw new MalformedUserSigError('it contains characters a UserSig never has');
  const b64 = token.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  const bytes = Buffer.from(b64, 'base64');
  let json: string;
  try {
    // Bounded: a real UserSig inflates to a few hundred bytes; a crafted one must not inflate to megabytes.
    json = inflateSync(bytes, { maxOutputLength: MAX_DECODED_BYTES }).toString('utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new MalformedUserSigError(`it inflates to more than ${MAX_DECODED_BYTES} bytes`);
    throw new MalformedUserSigError('it does not decompress (truncated or not a UserSig)');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new MalformedUserSigError('its content is not JSON');
  }
  if (doc === null || typeof doc !== 'object') throw new MalformedUserSigError('its content is not a JSON object');
  const d = doc as Record<string, unknown>;
  const str = (k: string): string => {
    if (typeof d[k] !== 'string') throw new MalformedUserSigError(`field ${k} is missing or not a string`);
    return d[k] as string;
  };
  const num = (k: string): number => {
    const v = d[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
    throw new MalformedUserSigError(`field ${k} is missing or not a number`);
  };
  return {
    version: str('TLS.ver'),
    identifier: str('TLS.identifier'),
    sdkappid: num('TLS.sdkappid'),
    time: num('TLS.time'),
    expire: num('TLS.expire'),
    userbuf: typeof d['TLS.userbuf'] === 'string' ? (d['TLS.userbuf'] as string) : undefined,
    sig: str('TLS.sig'),
  };
}

/** Verifies a UserSig against the SDKAppID, key and identifier you expect, at time `now`. */
export function verifyUserSig(usersig: string, expect: VerifyExpectation): VerifyResult {
  let decoded: DecodedUserSig;
  try {
    decoded = decodeUserSig(usersig);
  } catch (err) {
    return { valid: false, problem: 'malformed', code: PROBLEM_CODES.malformed, reason: `the UserSig is malformed: ${(err as Error).message}` };
  }
  const expiresAt = decoded.time + decoded.expire;
  const fail = (problem: UserSigProblem, reason: string): VerifyResult => ({
    valid: false,
    problem,
    code: PROBLEM_CODES[problem],
    reason,
    decoded,
    expiresAt,
  });
  if (decoded.sdkappid !== expect.sdkappid) {
    return fail('sdkappid_mismatch', `it was issued for SDKAppID ${decoded.sdkappid}, not ${expect.sdkappid}`);
  }
  if (decoded.identifier !== expect.identifier) {
    return fail('identifier_mismatch', `it was issued for identifier "${decoded.identifier}", not "${expect.identifier}"`);
  }
  if (expect.now > expiresAt) {
    const at = new Date(expiresAt * 1000);
    return fail('expired', `it expired at ${Number.isFinite(at.getTime()) ? at.toISOString() : `${expiresAt} s after 1970`}`);
  }
  const expected = Buffer.from(
    hmacBase64(expect.key, signingContent({ identifier: decoded.identifier, sdkappid: decoded.sdkappid, time: decoded.time, expire: decoded.expire, userbufBase64: decoded.userbuf })),
  );
  const actual = Buffer.from(decoded.sig);
  if (expected.length !== actual.length || !process.getBuiltinModule('node:crypto').timingSafeEqual(expected, actual)) {
    return fail('signature_mismatch', 'it was not signed with this secret key');
  }
  return { valid: true, decoded, expiresAt };
}
