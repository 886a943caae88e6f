/**
 * Sandbox: normal_push_loss (fixtures/loss/normal.json, the four lists at the top level — one reading of the
 * UNCONFIRMED shape of push-apis.md §7) and all_member_push_loss (fixtures/loss/tasks.json, Results filtered
 * to the TaskIDs asked, §8). Windows longer than 7 days are refused.
 */
import { join } from 'node:path';
import { checkWindow, isObj, readJsonFixture, taskResultsApi, type SandboxApi } from './types.js';

export const normalLossApi: SandboxApi<Record<string, unknown>> = {
  path: '/v4/timpush/normal_push_loss',
  minIntervalMs: 1000,
  load: async (dir) => (await readJsonFixture(join(dir, 'loss', 'normal.json'))) as Record<string, unknown>,
  answer(body, data) {
    const what = 'normal_push_loss';
    const bad = checkWindow(isObj(body) ? body : {}, 7, what);
    return bad ?? { code: 0, info: '', body: data, what };
  },
};

export const taskLossApi = taskResultsApi('/v4/timpush/all_member_push_loss', 'loss', 7);
