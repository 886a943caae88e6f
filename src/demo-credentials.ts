/**
 * The demo app: a made-up SDKAppID and key used by `chatpush demo` and by `chatpush sandbox` when nothing is
 * configured. They are public on purpose (the key is the test-vector key of reference/protocols.md §1.3) and
 * work only against the local sandbox, never against Tencent.
 */
export const DEMO_SDKAPPID = 1400000000;
export const DEMO_SECRET_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const DEMO_IDENTIFIER = 'administrator';
