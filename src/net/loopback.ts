/**
 * Loopback checks. The UserSig is only sent over https or to a loopback address (spec.md), and replay
 * refuses non-loopback URLs unless --allow-remote, so sample callbacks never reach production by accident.
 */
import { isIP } from 'node:net';

/** True for localhost, 127.0.0.0/8, ::1 and ::ffff:127.x (hostname only, no DNS lookup). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host) || host === '0:0:0:0:0:0:0:1';
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
