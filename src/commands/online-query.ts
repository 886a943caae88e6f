/**
 * Queries query_online_status for any number of accounts through a REST session: at most 500 per request
 * (push-apis.md §9; more are split, never sent as one), paced by the client at the API's 200 calls/s.
 * Shared by `chatpush online` and `trace --task --online`.
 */
import type { Context } from '../context.js';
import { chunk } from '../tencent/apis/statistics.js';
import { ServiceError } from '../errors.js';
import { sanitize } from '../render/sanitize.js';
import { buildOnlineStatus, NO_SUCH_ACCOUNT, MAX_ACCOUNTS_PER_REQUEST, ONLINE_STATUS_API, onlineStatusBody, type UserState } from '../tencent/apis/online-status.js';
import type { RestSession } from './rest-session.js';

/** Every account's state, in the order given; model warnings and notes go to stderr / --verbose. */
export async function queryOnline(users: readonly string[], session: RestSession, ctx: Context): Promise<UserState[]> {
  return (await queryOnlineDetailed(users, session, ctx)).users;
}

/** The same, with the accounts the service left out of both lists. */
export async function queryOnlineDetailed(users: readonly string[], session: RestSession, ctx: Context): Promise<{ users: UserState[]; unanswered: string[] }> {
  const out: UserState[] = [];
  const unanswered: string[] = [];
  const batches = chunk(users, MAX_ACCOUNTS_PER_REQUEST);
  for (const [i, batch] of batches.entries()) {
    await session.progress(`Querying online state${batches.length > 1 ? ` [${i + 1}/${batches.length}]` : ''} of ${batch.length} account${batch.length === 1 ? '' : 's'}…`);
    let body: unknown;
    try {
      body = (await session.client.call(ONLINE_STATUS_API, onlineStatusBody(batch))).body;
    } catch (err) {
      // ErrorCode is non-zero only when the query failed for every account (push-apis.md §9); with 70107
      // that means none of them exists, which is an answer per account (exit 7), not a service failure.
      if (err instanceof ServiceError && err.code === NO_SUCH_ACCOUNT) {
        ctx.io.debug(`query_online_status answered 70107 for the whole batch of ${batch.length}: none of these accounts exists.`);
        body = { ErrorList: batch.map((id) => ({ To_Account: id, ErrorCode: NO_SUCH_ACCOUNT })) };
      } else throw err;
    }
    const model = buildOnlineStatus(body, batch);
    for (const w of model.warnings) ctx.io.warn(sanitize(w));
    for (const n of model.notes) ctx.io.debug(sanitize(n));
    out.push(...model.users);
    unanswered.push(...model.unanswered);
  }
  session.stopSpinner();
  return { users: out, unanswered };
}
