/**
 * The push-diagnostics part of `chatpush demo` (issue 12): a stats funnel with a release gate that fails on
 * purpose (Huawei delivery below 80 %), the loss causes, and a task trace with the recipients' online state —
 * each through the real command against the demo's in-process sandbox. Kept in its own module so the demo's
 * runner only needs one call per section.
 */
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import type { Sandbox } from '../servers/sandbox.js';

export interface DiagnosticsDemoPart {
  key: 'stats' | 'loss' | 'taskTrace';
  title: string;
  /** Exit codes that mean the part behaved as the demo expects. */
  expected: ReadonlySet<number>;
  run(ctx: Context): Promise<number>;
}

/** The gate the demo shows: the CI recipe of the README, which the sample data fails on purpose. */
export const DEMO_THRESHOLD = 'delivered[huawei]>=80%';

/** The parts, in the order shown. `fast` drops the client's pacing (the demo's sandbox has no rate limit). */
export function diagnosticsDemoParts(sandbox: Pick<Sandbox, 'tasks'>, fast: boolean): DiagnosticsDemoPart[] {
  const common = { timeout: 10, retries: 3, ...(fast ? { minIntervalMs: 0 } : {}) };
  const task = sandbox.tasks[0];
  const users = task ? task.users.filter((u) => u === 'bob' || u === 'carol') : [];
  const parts: DiagnosticsDemoPart[] = [
    {
      key: 'stats',
      title: `chatpush stats --threshold '${DEMO_THRESHOLD}' — the delivery funnel as a release gate`,
      expected: new Set([ExitCode.OK, ExitCode.NEGATIVE]),
      run: async (ctx) => (await import('./stats.js')).runStats({ ...common, threshold: [DEMO_THRESHOLD] }, ctx),
    },
    {
      key: 'loss',
      title: 'chatpush loss — where pushes were lost, and what to do',
      expected: new Set([ExitCode.OK]),
      run: async (ctx) => (await import('./loss.js')).runLoss(common, ctx),
    },
  ];
  if (task && users.length) {
    parts.push({
      key: 'taskTrace',
      title: `chatpush trace --task ${task.taskId} --user ${users.join(' ')} --online — one all-user push, per recipient`,
      expected: new Set([ExitCode.OK, ExitCode.NEGATIVE, ExitCode.NOT_FOUND]),
      run: async (ctx) => (await import('./trace.js')).runTrace([], { ...common, expect: 'device', task: task.taskId, user: users, online: true }, ctx),
    });
  }
  return parts;
}
