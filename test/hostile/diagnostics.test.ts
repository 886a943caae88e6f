/**
 * Hostile: the push diagnostics commands against servers that reflect the UserSig into their answers (error
 * text, loss reasons, account names, statistics task IDs) and answer with junk. No secret, stack trace or raw
 * control character may reach the output, and the exit code stays in the spec's table.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { json, startRecordingServer } from '../helpers/recording-server.js';
import { brokenPromises, runHostile, Sandbox } from './harness.js';

const box = new Sandbox();
afterAll(() => box.cleanup());

const SDK = '1400000000';
const KEY = 'c0ffee'.repeat(10) + 'beef';

/** Answers every API with data that embeds the UserSig it was sent, plus control characters. */
function reflecting(sig: string, path: string): unknown {
  const evil = `\u001b[31m${sig}\u0007`;
  if (path.endsWith('query_online_status')) return { ActionStatus: 'OK', ErrorCode: 0, QueryResult: [{ To_Account: 'a', State: evil, Detail: [{ Platform: evil, Status: 'Online' }] }], ErrorList: [{ To_Account: evil, ErrorCode: 70107 }] };
  if (path.endsWith('_loss')) return { ActionStatus: 'OK', ErrorCode: 0, ReadyToSendLoss: [{ ErrCode: evil, ErrCount: 3, ErrInfo: evil }], Results: [{ TaskID: evil, PostSendDeliveredLoss: [{ ErrCode: '1', ErrCount: 1, ErrInfo: evil }] }] };
  if (path.endsWith('all_member_push_statistics')) return { ActionStatus: 'OK', ErrorCode: 0, Results: [{ TaskID: evil, TotalCount: 1, SentCount: 1, DeliveredCount: 1, ClickCount: 1, PlatformStatistics: [{ PushPlatform: evil, EventType: evil, TotalCount: 1, SentCount: 1, DeliveredCount: 1, ClickCount: 1 }] }] };
  if (path.endsWith('all_member_push_trace')) return { ActionStatus: 'OK', ErrorCode: 0, InstanceTrace: [{ InstanceId: evil, EventType: evil, DeviceModel: evil, IMCommitStat: { IMStat: { PushStatus: 2, ErrorCode: 1, ErrorInfo: evil } } }] };
  return { ActionStatus: 'FAIL', ErrorCode: 90045, ErrorInfo: `${'x'.repeat(40)} ${evil}` };
}

describe('push diagnostics: servers that reflect the UserSig', { timeout: 60_000 }, () => {
  it.each([
    [['stats', '--retries', '0']],
    [['stats', '--task', 't1', '--json']],
    [['loss', '--verbose']],
    [['loss', '--task', 't1', '--json']],
    [['online', 'a', 'b', '--verbose']],
    [['online', 'a', '--json']],
    [['trace', '--task', 't1', '--user', 'a', '--online']],
    [['trace', '--task', 't1', '--user', 'a', '--json', '--online', '--verbose']],
    [['doctor']],
    [['doctor', '--json']],
  ])('%j: nothing of the UserSig, no raw control character, a spec exit code', async (args) => {
    const sigs: string[] = [];
    const server = await startRecordingServer((req, res) => {
      const sig = req.query.usersig ?? '';
      sigs.push(sig);
      json(res, reflecting(sig, req.path));
    });
    try {
      const env = box.env({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: server.url });
      const run = await runHostile(args, { env });
      const problems = brokenPromises(run, { secrets: [KEY, ...sigs], allowedCodes: [0, 1, 4, 5, 7] }).filter((p) => !(args.includes('--verbose') && p.startsWith('stack trace')));
      expect(problems).toEqual([]);
      expect(sigs.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
