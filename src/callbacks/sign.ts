/**
 * Tencent Chat's callback signature, pure (reference/callbacks.md §A4): with authentication on, the callback URL
 * carries `RequestTime` (unix seconds) and `Sign` = lower-case hex sha256(token + RequestTime). The freshness
 * window is not documented by Chat (UNCONFIRMED, §C 1); chatpush applies the receivers' convention, 60 s,
 * inclusive: |now − RequestTime| ≤ 60 is valid. Used by `webhook sign`, `webhook verify`, replay and listen.
 */
import { sha256 } from '@noble/hashes/sha256';

/** The anti-replay window for RequestTime, in seconds (§A4). */
export const SIGN_WINDOW_S = 60;

/** sha256(token + RequestTime) as lower-case hex (vector: xxxxyyyy, 1669872112 → 17773bc3…4061). */
// With @noble/hashes, as the UserSig's HMAC (src/tencent/usersig.ts): node:crypto and the node:stream it loads
// cost ~4 ms of `webhook sign`'s start (issue 15); a run signs at most once per second of RequestTime.
export function signCallback(token: string, requestTime: number | string): string {
  return Buffer.from(sha256(Buffer.from(`${token}${requestTime}`, 'utf8'))).toString('hex');
}

export type SignCheck =
  | { valid: true; skewS: number }
  | { valid: false; why: 'missing' | 'malformed' | 'wrong-token' | 'expired' | 'future'; message: string; skewS?: number };

function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && process.getBuiltinModule('node:crypto').timingSafeEqual(x, y);
}

/**
 * Checks RequestTime and Sign from a query. skewS = now − RequestTime (positive: the request is that old).
 * The signature is checked before the time, so a wrong token is named even on an old request.
 */
export function verifySign(query: URLSearchParams, token: string, nowMs: number, windowS = SIGN_WINDOW_S): SignCheck {
  const time = query.get('RequestTime');
  const sign = query.get('Sign');
  if (time === null || time === '') return { valid: false, why: 'missing', message: 'no RequestTime parameter (a signed callback carries the time and its signature)' };
  if (sign === null || sign === '') return { valid: false, why: 'missing', message: 'no Sign parameter (a signed callback carries RequestTime and Sign)' };
  if (!/^\d{1,12}$/.test(time)) return { valid: false, why: 'malformed', message: `RequestTime "${time.slice(0, 16)}" is not a unix time in seconds` };
  if (!/^[0-9a-fA-F]{64}$/.test(sign)) return { valid: false, why: 'malformed', message: `Sign is not 64 hex characters (sha256), it has ${sign.length} characters` };
  const skewS = Math.floor(nowMs / 1000) - Number(time);
  if (!equalHex(sign.toLowerCase(), signCallback(token, time))) {
    return { valid: false, why: 'wrong-token', message: 'Sign does not match sha256(token + RequestTime): wrong token?', skewS };
  }
  if (skewS > windowS) return { valid: false, why: 'expired', message: `expired: RequestTime is ${skewS} s old (the window is ${windowS} s)`, skewS };
  if (skewS < -windowS) return { valid: false, why: 'future', message: `RequestTime is ${-skewS} s in the future (the window is ${windowS} s): check the clock`, skewS };
  return { valid: true, skewS };
}
