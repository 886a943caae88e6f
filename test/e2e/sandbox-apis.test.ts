/**
 * The sandbox's push diagnostics handlers (src/servers/sandbox-apis/): each API's answers and errors, the
 * per-path rate limit over real HTTP with a pinned clock, and hostile request bodies (fast-check) that must
 * always get a REST envelope, never a crash.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET_KEY } from '../../src/demo-credentials.js';
import { fixturesDir } from '../../src/paths.js';
import { SANDBOX_APIS } from '../../src/servers/sandbox-apis/index.js';
import type { SandboxApi } from '../../src/servers/sandbox-apis/types.js';
import { RATE_LIMIT_CODE, startSandbox, type Sandbox } from '../../src/servers/sandbox.js';
import { genUserSig } from '../../src/tencent/usersig.js';

const SDK = 1400000000;
const KEY = DEMO_SECRET_KEY;
const T0 = 1_767_300_000_000;
const T1 = '1400000000_144115212910570789_1767225600_15723514';
type Reply = { ActionStatus: string; ErrorCode: number; ErrorInfo: string; [k: string]: unknown };

describe('sandbox push diagnostics APIs (in-process, real HTTP, pinned clock)', () => {
  let sandbox: Sandbox;
  let t = T0;
  beforeAll(async () => {
    sandbox = await startSandbox({ sdkappid: SDK, secretKey: KEY, now: () => t });
  });
  afterAll(() => sandbox.close());

  async function call(path: string, body: unknown, advance = 1000): Promise<Reply> {
    t += advance;
    const usersig = genUserSig({ sdkappid: SDK, key: KEY, identifier: 'administrator', expire: 3600, time: Math.floor(T0 / 1000) });
    const q = new URLSearchParams({ sdkappid: String(SDK), identifier: 'administrator', usersig, random: '7', contenttype: 'json' });
    const res = await fetch(`${sandbox.url}${path}?${q}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as Reply;
  }
  const now = (): number => Math.floor(t / 1000);

  it('lists the sample tasks and accounts', () => {
    expect(sandbox.tasks.map((x) => x.taskId)).toContain(T1);
    expect(sandbox.tasks.find((x) => x.taskId === T1)!.users).toEqual(['alice', 'bob', 'carol', 'dave', 'frank']);
    expect(sandbox.accounts).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
  });

  it.each([
    ['/v4/timpush/all_member_push_trace', { TaskID: T1, UserID: 'bob' }, (r: Reply) => expect((r.InstanceTrace as unknown[]).length).toBe(1)],
    ['/v4/timpush/all_member_push_trace', { TaskID: T1, UserID: 'nobody' }, (r: Reply) => expect(r.InstanceTrace).toEqual([])],
    ['/v4/timpush/all_member_push_trace', { TaskId: T1, UserID: 'bob' }, (r: Reply) => expect(r.ErrorCode).toBe(90100)],
    ['/v4/timpush/all_member_push_statistics', { StartTime: 1, EndTime: 2, TaskID: [T1, 'x'] }, (r: Reply) => expect((r.Results as { TaskID: string }[]).map((x) => x.TaskID)).toEqual([T1])],
    ['/v4/timpush/all_member_push_statistics', { StartTime: 1, EndTime: 2, TaskID: ['a', 'b', 'c', 'd', 'e', 'f'] }, (r: Reply) => expect(r.ErrorInfo).toMatch(/at most 5 TaskIDs/)],
    ['/v4/timpush/normal_push_statistics', { StartTime: 0, EndTime: 31 * 86400 }, (r: Reply) => expect(r.ErrorInfo).toMatch(/longer than 30 days/)],
    ['/v4/timpush/normal_push_statistics', { StartTime: 5, EndTime: 5 }, (r: Reply) => expect(r.ErrorInfo).toMatch(/before EndTime/)],
    ['/v4/timpush/normal_push_loss', { StartTime: 0, EndTime: 8 * 86400 }, (r: Reply) => expect(r.ErrorInfo).toMatch(/longer than 7 days/)],
    ['/v4/timpush/normal_push_loss', { StartTime: 0, EndTime: 86400 }, (r: Reply) => expect(Array.isArray(r.ReadyToSendLoss)).toBe(true)],
    ['/v4/openim/query_online_status', { To_Account: [] }, (r: Reply) => expect(r.ErrorCode).toBe(90001)],
    ['/v4/openim/query_online_status', { To_Account: ['alice', 7] }, (r: Reply) => expect(r.ErrorCode).toBe(90003)],
    ['/v4/openim/query_online_status', { To_Account: Array.from({ length: 501 }, (_, i) => `u${i}`) }, (r: Reply) => expect(r.ErrorCode).toBe(90011)],
    ['/v4/openim/query_online_status', { To_Account: ['carol', 'ghost'], IsNeedDetail: 0 }, (r: Reply) => expect(r).toMatchObject({ ErrorCode: 0, QueryResult: [{ To_Account: 'carol', State: 'Online' }], ErrorList: [{ To_Account: 'ghost', ErrorCode: 70107 }] })],
  ])('%s %j', async (path, body, check) => {
    check(await call(path, body));
  });

  it('limits each API on its own: other paths answer within the same second, the same path gets 60018', async () => {
    const window = { StartTime: now() - 3600, EndTime: now() };
    expect((await call('/v4/timpush/normal_push_statistics', window, 1000)).ErrorCode).toBe(0);
    expect((await call('/v4/timpush/normal_push_loss', window, 1)).ErrorCode).toBe(0);
    expect((await call('/v4/openim/query_online_status', { To_Account: ['alice'] }, 1)).ErrorCode).toBe(0);
    expect((await call('/v4/openim/query_online_status', { To_Account: ['alice'] }, 10)).ErrorCode).toBe(0);
    expect((await call('/v4/timpush/normal_push_statistics', window, 1)).ErrorCode).toBe(RATE_LIMIT_CODE);
    expect((await call('/v4/timpush/normal_push_statistics', window, 1000)).ErrorCode).toBe(0);
  });

  it('still checks the UserSig on every new path', async () => {
    t += 1000;
    const bad = genUserSig({ sdkappid: SDK, key: 'c'.repeat(64), identifier: 'administrator', expire: 3600, time: Math.floor(T0 / 1000) });
    const q = new URLSearchParams({ sdkappid: String(SDK), identifier: 'administrator', usersig: bad, random: '7', contenttype: 'json' });
    const r = (await (await fetch(`${sandbox.url}/v4/openim/query_online_status?${q}`, { method: 'POST', body: '{"To_Account":["alice"]}' })).json()) as Reply;
    expect(r.ErrorCode).toBe(70009);
  });
});

describe('sandbox handlers against hostile bodies', () => {
  it.each(SANDBOX_APIS.map((a) => [a.path, a] as const))('%s always answers an envelope', async (_path, api) => {
    const a = api as unknown as SandboxApi<unknown>;
    const data = await a.load(fixturesDir, {});
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ StartTime: fc.anything(), EndTime: fc.anything(), TaskID: fc.anything(), To_Account: fc.anything(), PushID: fc.anything(), UserID: fc.anything() }, { requiredKeys: [] })), (body) => {
        const ans = a.answer(body, data, T0);
        expect(Number.isInteger(ans.code)).toBe(true);
        const text = typeof ans.body === 'string' ? ans.body : JSON.stringify(ans.body);
        const parsed = JSON.parse(text) as Reply;
        expect(typeof parsed.ErrorCode).toBe('number');
        expect(['OK', 'FAIL']).toContain(parsed.ActionStatus);
      }),
      { numRuns: 300 },
    );
  });
});
