/**
 * `v4/timpush/normal_push_trace` (reference/protocols.md §2.4, push-apis.md §3): {"PushID"} → the per-stage
 * trace of one push. The response model is src/trace/model.ts (shared with the task trace).
 */
export const PUSH_TRACE_API = 'v4/timpush/normal_push_trace';

export function pushTraceBody(pushId: string): Record<string, unknown> {
  return { PushID: pushId };
}
