import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackUrl, mayCarryCredentials } from '../../src/net/loopback.js';

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true], ['LOCALHOST', true], ['api.localhost', true], ['127.0.0.1', true], ['127.8.9.10', true],
    ['::1', true], ['[::1]', true], ['0:0:0:0:0:0:0:1', true], ['::ffff:127.0.0.1', true], ['[::ffff:7f00:1]', true], ['::ffff:7f12:3456', true],
    ['::ffff:8000:1', false], ['::ffff:10.0.0.1', false],
    ['128.0.0.1', false], ['10.0.0.1', false], ['0.0.0.0', false], ['localhost.evil.com', false], ['127.0.0.1.nip.io', false],
    ['::2', false], ['adminapisgp.im.qcloud.com', false], ['', false],
  ])('%j → %s', (host, loop) => {
    expect(isLoopbackHost(host)).toBe(loop);
  });
});

describe('mayCarryCredentials', () => {
  it.each([
    ['https://adminapisgp.im.qcloud.com', true],
    ['https://example.com:8443/x', true],
    ['http://127.0.0.1:5410', true],
    ['http://localhost:5410', true],
    ['http://[::1]:5410', true],
    ['http://[::ffff:127.0.0.1]:5410', true], // URL writes it as [::ffff:7f00:1]
    ['http://adminapisgp.im.qcloud.com', false],
    ['http://10.0.0.5:8080', false],
    ['http://127.0.0.1.nip.io', false],
    ['ftp://127.0.0.1', false],
  ])('%s → %s', (url, ok) => {
    expect(mayCarryCredentials(new URL(url))).toBe(ok);
  });

  it('isLoopbackUrl reads the host of a URL', () => {
    expect(isLoopbackUrl(new URL('http://user:pw@127.0.0.1:1/path'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://127.0.0.1@evil.example/'))).toBe(false);
  });
});
