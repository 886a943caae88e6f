/**
 * One-line descriptions of transport failures (undici / Node socket errors), shared by trace and replay,
 * so "connection refused", "timed out" and "DNS" read the same everywhere.
 */

export type NetworkFailure = 'refused' | 'reset' | 'timeout' | 'dns' | 'tls' | 'unreachable' | 'other';

const CODES: Readonly<Record<string, NetworkFailure>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  CERT_HAS_EXPIRED: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
};

/** The error code of an error or of its cause chain (undici wraps socket errors in `cause`). */
function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in CODES) return code;
    if ((e as { name?: unknown }).name === 'TimeoutError' || (e as { name?: unknown }).name === 'AbortError') {
      return (e as { name: string }).name === 'TimeoutError' ? 'ETIMEDOUT' : undefined;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Classifies a transport error. */
export function classifyNetworkError(err: unknown): NetworkFailure {
  const code = errorCode(err);
  return code ? CODES[code]! : 'other';
}

/**
 * "connection refused by 127.0.0.1:5410: …?" and friends, each a whole sentence (callers add their hint after it);
 * `target` is a host:port or origin, never a signed URL.
 */
export function describeNetworkError(err: unknown, target: string): string {
  switch (classifyNetworkError(err)) {
    case 'refused':
      return `connection refused by ${target}: is the server running and the port right?`;
    case 'reset':
      return `connection to ${target} was closed before a complete reply.`;
    case 'timeout':
      return `no answer from ${target} in time.`;
    case 'dns':
      return `cannot resolve ${target}: check the host name or your DNS.`;
    case 'tls':
      return `TLS handshake with ${target} failed (certificate problem).`;
    case 'unreachable':
      return `${target} is unreachable from this machine.`;
    default: {
      const msg = err instanceof Error ? err.message : String(err);
      return `request to ${target} failed: ${msg.replace(/[.\s]+$/, '')}.`;
    }
  }
}
