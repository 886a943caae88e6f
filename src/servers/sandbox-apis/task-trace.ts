/**
 * Sandbox: all_member_push_trace from fixtures/task-traces/<TaskID>.json, an object of UserID → response
 * (push-apis.md §4). Unknown tasks or users get an empty InstanceTrace, like unknown PushIDs.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { failure, isObj, readJsonFixture, type SandboxApi } from './types.js';

export type TaskTraces = Map<string, Record<string, unknown>>;

export const taskTraceApi: SandboxApi<TaskTraces> = {
  path: '/v4/timpush/all_member_push_trace',
  minIntervalMs: 1000,
  async load(fixturesDir) {
    const dir = join(fixturesDir, 'task-traces');
    const out: TaskTraces = new Map();
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
      const data = await readJsonFixture(join(dir, name));
      if (isObj(data)) out.set(basename(name, '.json'), data);
    }
    return out;
  },
  answer(body, tasks) {
    const taskId = isObj(body) ? body.TaskID : undefined;
    const userId = isObj(body) ? body.UserID : undefined;
    if (typeof taskId !== 'string' || taskId === '' || typeof userId !== 'string' || userId === '') {
      return failure(90100, 'invalid request parameters: TaskID and UserID (strings) are required', 'all_member_push_trace without TaskID/UserID');
    }
    const what = `task ${taskId} user ${userId}`;
    const reply = tasks.get(taskId)?.[userId];
    if (isObj(reply)) {
      const n = Array.isArray(reply.InstanceTrace) ? reply.InstanceTrace.length : 0;
      return { code: 0, info: '', body: reply, what, instances: n };
    }
    return { code: 0, info: '', body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', InstanceTrace: [] }, what, instances: 0 };
  },
};
