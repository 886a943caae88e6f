import { describe, expect, it } from 'vitest';
import { classifyNetworkError, describeNetworkError } from '../../src/net/describe-error.js';

function sysErr(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyNetworkError', () => {
  it.each([
    ['ECONNREFUSED', sysErr('ECONNREFUSED'), 'refused'],
    ['ECONNRESET', sysErr('ECONNRESET'), 'reset'],
    ['undici socket error', sysErr('UND_ERR_SOCKET'), 'reset'],
    ['ETIMEDOUT', sysErr('ETIMEDOUT'), 'timeout'],
    ['undici headers timeout', sysErr('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    ['AbortSignal.timeout()', Object.assign(new Error('t'), { name: 'TimeoutError' }), 'timeout'],
    ['ENOTFOUND', sysErr('ENOTFOUND'), 'dns'],
    ['EAI_AGAIN', sysErr('EAI_AGAIN'), 'dns'],
    ['EHOSTUNREACH', sysErr('EHOSTUNREACH'), 'unreachable'],
    ['self-signed certificate', sysErr('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls'],
    ['fetch failed wrapping ECONNREFUSED', new TypeError('fetch failed', { cause: sysErr('ECONNREFUSED') }), 'refused'],
    ['two levels of cause', new Error('a', { cause: new Error('b', { cause: sysErr('ENOTFOUND') }) }), 'dns'],
    ['a user abort is not a timeout', Object.assign(new Error('a'), { name: 'AbortError' }), 'other'],
    ['an unknown code', sysErr('EWHATEVER'), 'other'],
    ['a string', 'boom', 'other'],
    ['null', null, 'other'],
  ])('%s → %s', (_n, err, kind) => {
    expect(classifyNetworkError(err)).toBe(kind);
  });
});

describe('describeNetworkError', () => {
  it.each([
    [sysErr('ECONNREFUSED'), 'connection refused by 127.0.0.1:5410: is the server running and the port right?'],
    [sysErr('ECONNRESET'), 'connection to 127.0.0.1:5410 was closed before a complete reply.'],
    [sysErr('ETIMEDOUT'), 'no answer from 127.0.0.1:5410 in time.'],
    [sysErr('ENOTFOUND'), 'cannot resolve 127.0.0.1:5410: check the host name or your DNS.'],
    [sysErr('CERT_HAS_EXPIRED'), 'TLS handshake with 127.0.0.1:5410 failed (certificate problem).'],
    [sysErr('ENETUNREACH'), '127.0.0.1:5410 is unreachable from this machine.'],
    [new Error('weird'), 'request to 127.0.0.1:5410 failed: weird.'],
  ])('%s', (err, text) => {
    expect(describeNetworkError(err, '127.0.0.1:5410')).toBe(text);
  });
});

describe('describeNetworkError sentences', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'CERT_HAS_EXPIRED', 'ENETUNREACH', 'EWHATEVER'])(
    '%s ends as one sentence, so the hint that follows never reads "right?." or "in time Start…"',
    (code) => {
      const text = describeNetworkError(sysErr(code, 'socket hang up.'), '127.0.0.1:5410');
      expect(text).toMatch(/[^.?][.?]$/);
    },
  );
});
