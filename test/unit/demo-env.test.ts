import { describe, expect, it } from 'vitest';
import { demoEnv } from '../../src/commands/demo.js';
import { CONFIG_KEYS, needsProfile } from '../../src/config/resolve.js';

describe('demoEnv', () => {
  it.each([
    ['an empty environment', {}],
    ['a user environment that steers elsewhere', { CHATPUSH_REGION: 'cn', CHATPUSH_PROFILE: 'prod', CHATPUSH_USERSIG: 'x', CHATPUSH_ENDPOINT: 'https://example.invalid' }],
  ])('with %s, settles every config key so the config file is never read (a broken one cannot stop the demo)', (_n, env) => {
    const out = demoEnv(env, 'http://127.0.0.1:5410');
    expect(needsProfile(CONFIG_KEYS, {}, out)).toBe(false);
    expect(out).toMatchObject({ CHATPUSH_ENDPOINT: 'http://127.0.0.1:5410' });
    expect(out.CHATPUSH_PROFILE).toBeUndefined();
    expect(out.CHATPUSH_USERSIG).toBeUndefined();
  });
});
