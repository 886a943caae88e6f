/**
 * `v4/timpush/all_member_push_trace` (reference/push-apis.md §4): {"TaskID","UserID"} → the per-stage trace
 * of one recipient of an all-user / tag push. The request field is spelt TaskID although the push API and
 * the callbacks spell it TaskId (§2 "Case trap"); the user may write either, chatpush sends TaskID. The
 * response has the shape of normal_push_trace plus EventType per instance, so src/trace/model.ts reads it.
 */
export const TASK_TRACE_API = 'v4/timpush/all_member_push_trace';

export function taskTraceBody(taskId: string, userId: string): Record<string, unknown> {
  return { TaskID: taskId, UserID: userId };
}
