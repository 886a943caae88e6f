/**
 * `chatpush trace --task <TaskID> --user <UserID...>` (spec.md v2): one all_member_push_trace request per
 * recipient, paced (1 call/s) and judged like PushIDs — same timeline, verdicts, --watch, --expect, --json.
 * With --online, the recipients' current state (query_online_status) is added to each verdict.
 */
import type { Context } from '../context.js';
import { ChatpushError, InterruptedError, UsageError } from '../errors.js';
import type { UserState } from '../tencent/apis/online-status.js';
import { sanitize } from '../render/sanitize.js';
import { TASK_TRACE_API, taskTraceBody } from '../tencent/apis/task-trace.js';
import { explainTraceApiCode, type ExpectStage } from '../trace/diagnose.js';
import { forTask, withOnlineState } from '../trace/online-verdict.js';
import { withoutWatchAdvice, type TraceResult } from '../trace/session.js';
import { queryOnline } from './online-query.js';
import { openRestSession } from './rest-session.js';
import { traceBatch, watchBudget, type TaskLabel, type TraceOptions } from './trace.js';
import { collectUserIds } from './user-list.js';

/** Validates a TaskID (any non-empty string without whitespace or control characters). */
export function assertTaskId(id: string): string {
  const t = id.trim();
  // eslint-disable-next-line no-control-regex
  if (t === '' || /[\s\u0000-\u001f\u007f]/.test(t)) {
    throw new UsageError(`--task "${sanitize(id)}" is not a TaskID.`, { hint: 'Copy the TaskId the push API or the Push.AllMemberPush callback returned, e.g. 1400123456_144115212910570789_4155518400_15723514.' });
  }
  return t;
}

export async function runTaskTrace(args: readonly string[], opts: TraceOptions, expect: ExpectStage, ctx: Context): Promise<number> {
  const taskId = assertTaskId(opts.task!);
  if (args.some((a) => a !== '-')) {
    throw new UsageError('with --task, name the recipients with --user (PushIDs cannot be mixed in).', { hint: `E.g. 'chatpush trace --task ${taskId} --user alice bob'.` });
  }
  const users = await collectUserIds([...(opts.user ?? []), ...args], opts.fromFile, ctx, `chatpush trace --task ${taskId} --user alice`);
  const labels = users.map((u) => `${taskId}/${u}`);
  const byLabel = new Map<string, TaskLabel>(labels.map((l, i) => [l, { taskId, userId: users[i]! }]));
  const session = await openRestSession(opts, ctx, { explain: explainTraceApiCode, budgetMs: watchBudget(opts) });
  return traceBatch(
    labels,
    opts,
    expect,
    ctx,
    session,
    async (label) => {
      const { userId } = byLabel.get(label)!;
      return (await session.client.call(TASK_TRACE_API, taskTraceBody(taskId, userId))).body;
    },
    {
      taskOf: (label) => byLabel.get(label),
      finish: async (settled: TraceResult[]): Promise<TraceResult[]> => {
        const results = settled.map((r) => (r.diag ? { ...r, diag: opts.watch === true ? withoutWatchAdvice(forTask(r.diag, taskId, byLabel.get(r.pushId)!.userId)) : forTask(r.diag, taskId, byLabel.get(r.pushId)!.userId) } : r));
        const traced = results.filter((r) => r.diag).map((r) => byLabel.get(r.pushId)!.userId);
        if (!opts.online || traced.length === 0) return results;
        let states: Map<string, UserState>;
        try {
          states = new Map((await queryOnline(traced, session, ctx)).map((s) => [s.userId, s]));
        } catch (err) {
          if (!(err instanceof ChatpushError) || err instanceof InterruptedError) throw err;
          // The traces stand on their own; the online state is an addition that may fail alone.
          ctx.io.warn(`could not add the online state (${err.message.replace(/\.$/, '')}); verdicts are shown without it.`);
          return results;
        }
        return results.map((r) => {
          const label = byLabel.get(r.pushId)!;
          const st = r.diag ? states.get(label.userId) : undefined;
          if (!st || !r.diag) return r;
          label.online = { state: st.state, platforms: st.platforms, errorCode: st.errorCode };
          return { ...r, diag: withOnlineState(r.diag, st) };
        });
      },
    },
  );
}
