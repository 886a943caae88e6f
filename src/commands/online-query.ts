/**
 * Queries query_online_status for any number of accounts through a REST session: at most 500 per request
 * (push-apis.md §9; more are split, never sent as one), paced by the client at the API's 200 calls/s.
 * Shared by `chatpush online` and `trace --task --online`.
 */
import type { Context } from '../context.js';
import { chunk } from '../tencent/apis/statistics.js';
import { buildOnlineStatus, MAX_ACCOUNTS_PER_REQUEST, ONLINE_STATUS_API, onlineStatusBody, type UserState } from '../tencent/apis/online-status.js';
import type { RestSession } from './rest-session.js';

/** Every account's state, in the order given; model warnings and notes go to stderr / --verbose. */
export async function queryOnline(users: readonly string[], session: RestSession, ctx: Context): Promise<UserState[]> {
  const out: UserState[] = [];
  const batches = chunk(users, MAX_ACCOUNTS_PER_REQUEST);
  for (const [i, batch] of batches.entries()) {
    await session.progress(`Querying online state${batches.length > 1 ? ` [${i + 1}/${batches.length}]` : ''} of ${batch.length} account${batch.length === 1 ? '' : 's'}…`);
    const reply = await session.client.call(ONLINE_STATUS_API, onlineStatusBody(batch));
    const model = buildOnlineStatus(reply.body, batch);
    for (const w of model.warnings) ctx.io.warn(w);
    for (const n of model.notes) ctx.io.debug(n);
    out.push(...model.users);
  }
  session.stopSpinner();
  return out;
}
