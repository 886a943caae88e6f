/**
 * `chatpush online <UserID...>` (also `-` / --from-file) (spec.md v2): query_online_status with IsNeedDetail 1,
 * at most 500 accounts per request (more are split), 200 calls/s. Exit 0 when every account was answered,
 * 7 when any does not exist (70107), 5 when the service left an account out or answered another error for it.
 */
import type { Context } from '../context.js';
import { ExitCode, mostSevere } from '../errors.js';
import { renderOnline } from '../render/online.js';
import { sanitize } from '../render/sanitize.js';
import { NO_SUCH_ACCOUNT, type UserState } from '../tencent/apis/online-status.js';
import { queryOnlineDetailed } from './online-query.js';
import { openRestSession, type RestFlags } from './rest-session.js';
import { collectUserIds } from './user-list.js';

export interface OnlineOptions extends RestFlags {
  fromFile?: string;
}

/** The exit code for a set of answers (pure). */
export function onlineExitCode(users: readonly UserState[], unanswered: readonly string[] = []): number {
  const left = new Set(unanswered);
  return mostSevere(users.map((u) => (u.errorCode === NO_SUCH_ACCOUNT ? ExitCode.NOT_FOUND : u.errorCode !== null || left.has(u.userId) ? ExitCode.SERVICE : ExitCode.OK)));
}

export async function runOnline(args: string[], opts: OnlineOptions, ctx: Context): Promise<number> {
  const users = await collectUserIds(args, opts.fromFile, ctx, 'chatpush online alice bob');
  const session = await openRestSession(opts, ctx);
  let states: UserState[];
  let unanswered: string[];
  try {
    ({ users: states, unanswered } = await queryOnlineDetailed(users, session, ctx));
  } finally {
    await session.close();
  }
  const { io } = ctx;
  if (io.json) io.outJson({ users: states });
  else io.write(renderOnline(states, io.chalk, io.outWidth));
  const missing = states.filter((u) => u.errorCode === NO_SUCH_ACCOUNT);
  if (missing.length) io.error(`chatpush: ${missing.length} account${missing.length === 1 ? ' does' : 's do'} not exist (70107): ${missing.slice(0, 5).map((u) => sanitize(u.userId)).join(', ')}${missing.length > 5 ? ', …' : ''}.`);
  return onlineExitCode(states, unanswered);
}
