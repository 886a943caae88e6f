/** `chatpush explain <code>` end to end: known, ranged, multi-meaning, UNCONFIRMED, unknown and non-numeric codes. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe.concurrent('chatpush explain', () => {
  it('explains a known code with name, category, meaning, next step, source and how chatpush treats it', async () => {
    const r = await runCli(['explain', '70009']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '70009  MISMATCH_PUBLICKEY  REST API, common code',
        '  meaning  UserSig verification with the key failed: the key does not match this SDKAppID.',
        "  next     Check the secret key in the console (Applications > Basic Information), or run 'chatpush usersig verify'.",
        '  source   V2TIMErrorCode.h in the Chat (IM) SDK; https://cloud.tencent.com/document/product/679/131708',
        '',
        'chatpush treats it as an authentication error (exit 4) and never retries it.',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['90045', /90045  Push \(TIMPush\) server \/ REST API\n  meaning  The push feature is not enabled/],
    ['800016', /TIMPush client: the user denied the notification permission/],
    ['91000', /retries it with backoff/],
    ['20006', /C2C before-send callback answered "forbid"/],
    ['125000', /125000  custom before-send code  webhook callback reply \(range 120001–130000\)/],
    ['6500', /OpenIM custom errCode .*\(range 5000–9999\)/],
    ['90103', /90103  private trace error  .*UNCONFIRMED\n  meaning  UNCONFIRMED private normal_push_trace error; the page says: "Failed to switch accounts\."/],
    ['60022', /UNCONFIRMED/],
    ['70016', /PUBLICKEY_NOT_FOUND[\s\S]*TIMPush client: the key is missing[\s\S]*2 meanings/],
    ['-1', /certificate id not set/],
    ['regid_invalid', /PostSendDeliveredLoss/],
  ])('explain %s', async (code, text) => {
    const r = await runCli(['explain', code]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(text);
  });

  it('--json gives every match with its fields', async () => {
    const r = await runCli(['--json', 'explain', '90100']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      schemaVersion: 1,
      code: 90100,
      found: true,
      matches: [
        {
          name: 'private trace error',
          category: 'timpush',
          categoryLabel: 'Push (TIMPush) server / REST API',
          meaning: 'UNCONFIRMED private normal_push_trace error; the page says: "Invalid request parameters."',
          next: 'The page says: "Check whether the parameters are legal according to the documentation." Read the ErrorInfo returned with it.',
          confirmed: false,
          source: 'https://www.tencentcloud.com/document/product/1047/71896',
          range: null,
        },
      ],
      handling: { authError: false, retryable: false },
    });
  });

  it('an unknown code in the REST range → exit 1 with where to look', async () => {
    const r = await runCli(['explain', '70999']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "chatpush: 70999 is in the common REST range (60000–79999) but not in chatpush's table. Look it up in V2TIMErrorCode.h in the IM SDK, or https://cloud.tencent.com/document/product/679/131708.\n",
    );
  });

  it('an unknown code with --json → exit 1, a found:false document, the message on stderr', async () => {
    const r = await runCli(['--json', 'explain', '12']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, code: 12, found: false, family: null, matches: [] });
    expect(r.stderr).toMatch(/^chatpush: 12 is not a code chatpush knows\. Look it up in the error table of the API or SDK that returned it\.\n$/);
  });

  it.each([['abc'], ['70009x'], ['0x1F']])('a non-numeric %s → exit 2', async (arg) => {
    const r = await runCli(['explain', arg]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/is not an error code\. Pass a number such as 70009/);
  });
});
