/**
 * Loopback checks. The UserSig is only sent over https or to a loopback address (spec.md), and replay
 * refuses non-loopback URLs unless --allow-remote, so sample callbacks never reach production by accident.
 */

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
