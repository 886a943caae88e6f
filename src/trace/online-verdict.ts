/**
 * `trace --task … --online` (spec.md v2, issue 12): the recipient's online state, queried after the trace,
 * folded into the verdict (pure). The state is the one *now*, not at push time (query_online_status has no
 * history, reference/push-apis.md §9), and the wording says so. The commonest case it explains: offline
 * submit not reached because the user was online, so the message went over the long connection instead.
 */
import { STATE_LABELS, NO_SUCH_ACCOUNT, type UserState } from '../tencent/apis/online-status.js';
import type { TraceDiagnosis } from './diagnose.js';

/** "Online on Web, PushOnline on iPhone" — the platforms in the given state, or the overall state alone. */
export function describeOnline(user: UserState): string {
  if (user.errorCode === NO_SUCH_ACCOUNT) return 'no such account (70107)';
  if (user.errorCode !== null) return `state unknown (error ${user.errorCode})`;
  if (user.state === null) return 'state unknown';
  const label = STATE_LABELS[user.state];
  const on = user.platforms.filter((p) => p.state === user.state).map((p) => p.platform);
  return on.length ? `${label} on ${on.join(', ')}` : label;
}

/** The sentence added to the verdict for a user's current state (empty when nothing useful can be said). */
export function onlineSentence(diag: TraceDiagnosis, user: UserState): string {
  const now = describeOnline(user);
  if (user.errorCode === NO_SUCH_ACCOUNT) return `The user ${user.userId} does not exist (query_online_status: 70107); check the UserID.`;
  if (user.state === null) return '';
  if (diag.cause === 'offline_not_submitted' || (diag.verdict === 'pending' && diag.stalledStage === 'offline')) {
    if (user.state === 'online') return `The user is ${now} right now (checked now, not at push time), so no offline push was needed: online users get the message over the long connection.`;
    if (user.state === 'push_online') return `The user is ${now} right now (checked now): the app is in the background, reachable only through vendor push, so an offline push should have been submitted — check OfflinePushInfo and the device's registration.`;
    return `The user is ${now} right now (checked now): logged out or inactive for 7 days or more, and Push only reaches registered, recently active devices.`;
  }
  if (diag.verdict === 'failed' || diag.verdict === 'pending') return `The user is ${now} right now (checked now, not at push time).`;
  return `Now: ${now}.`;
}

/** The diagnosis with the online sentence added to its summary and hint. */
export function withOnlineState(diag: TraceDiagnosis, user: UserState): TraceDiagnosis {
  const sentence = onlineSentence(diag, user);
  if (!sentence) return diag;
  const summary = `${diag.summary} ${sentence}`;
  return { ...diag, summary, hint: [summary, diag.note, diag.next].filter(Boolean).join(' ') };
}

/**
 * The not-found verdict in a task's words: no data for this recipient of this task (the PushID wording of
 * the shared cause table does not fit all_member_push_trace, push-apis.md §4).
 */
export function forTask(diag: TraceDiagnosis, taskId: string, userId: string): TraceDiagnosis {
  if (diag.cause !== 'not_found') return diag;
  const summary = `No trace data for user ${userId} in task ${taskId}: the user was not a recipient, the TaskID belongs to another SDKAppID/region, the push is older than 7 days, or it is not recorded yet.`;
  const next = "Check the TaskId (from the push API's answer or the Push.AllMemberPush callback) and the UserID; new pushes can take a few seconds to appear (try --watch).";
  return { ...diag, summary, next, hint: `${summary} ${next}` };
}
