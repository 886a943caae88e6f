/**
 * Sandbox: normal_push_statistics (fixtures/statistics/normal.json) and all_member_push_statistics
 * (fixtures/statistics/tasks.json, Results filtered to the TaskIDs asked; push-apis.md §5, §6). The window is
 * checked like the service documents it (≤ 30 days); the sample counters are the same for any window.
 */
import { join } from 'node:path';
import { checkWindow, isObj, readJsonFixture, taskResultsApi, type SandboxApi } from './types.js';

export const normalStatisticsApi: SandboxApi<Record<string, unknown>> = {
  path: '/v4/timpush/normal_push_statistics',
  minIntervalMs: 1000,
  load: async (dir) => (await readJsonFixture(join(dir, 'statistics', 'normal.json'))) as Record<string, unknown>,
  answer(body, data) {
    const what = 'normal_push_statistics';
    const bad = isObj(body) ? checkWindow(body, 30, what) : checkWindow({}, 30, what);
    if (bad) return bad;
    return { code: 0, info: '', body: data, what: `${what} → ${String(data.TotalCount)} total` };
  },
};

export const taskStatisticsApi = taskResultsApi('/v4/timpush/all_member_push_statistics', 'statistics', 30);
