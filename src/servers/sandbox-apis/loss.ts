/**
 * Sandbox: normal_push_loss (fixtures/loss/normal.json, the four lists at the top level — one reading of the
 * UNCONFIRMED shape of push-apis.md §7) and all_member_push_loss (fixtures/loss/tasks.json, Results filtered
 * to the TaskIDs asked, §8). Windows longer than 7 days are refused.
 */
import { join } from 'node:path';
import { checkTaskIds, checkWindow, isObj, readJsonFixture, success, type SandboxApi } from './types.js';

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

export const taskLossApi: SandboxApi<Record<string, unknown>[]> = {
  path: '/v4/timpush/all_member_push_loss',
  minIntervalMs: 1000,
  load: async (dir) => {
    const data = await readJsonFixture(join(dir, 'loss', 'tasks.json'));
    return isObj(data) && Array.isArray(data.Results) ? data.Results.filter(isObj) : [];
  },
  answer(body, results) {
    const what = 'all_member_push_loss';
    const b = isObj(body) ? body : {};
    const bad = checkWindow(b, 7, what);
    if (bad) return bad;
    const ids = checkTaskIds(b, what);
    if (!('ids' in ids)) return ids;
    const picked = results.filter((r) => ids.ids.includes(String(r.TaskID)));
    return success({ Results: picked }, `${what} ${ids.ids.length} task${ids.ids.length === 1 ? '' : 's'} → ${picked.length} result${picked.length === 1 ? '' : 's'}`);
  },
};
