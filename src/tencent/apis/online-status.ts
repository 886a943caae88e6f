/**
 * `v4/openim/query_online_status` (reference/push-apis.md §9): request body and the pure response model.
 * Request {IsNeedDetail: 1, To_Account: [...]} with at most 500 accounts; 200 calls/s. Answer: QueryResult[]
 * with State (samples) or Status (the field table) — both read, a --verbose note when the table's spelling
 * is the one used — and Detail[] per platform; ErrorList[] holds accounts that could not be queried
 * (70107: no such account). Platform names compare case-insensitively ("IPhone" in the sample).
 */
import { either, intOf, isObj, newReport, strOf, type ModelReport } from './common.js';

export const ONLINE_STATUS_API = 'v4/openim/query_online_status';
/** At most 500 accounts per request (push-apis.md §9; more is 90011). */
export const MAX_ACCOUNTS_PER_REQUEST = 500;
/** ErrorList code for an account that does not exist (§9). */
export const NO_SUCH_ACCOUNT = 70107;

export type OnlineState = 'online' | 'push_online' | 'offline';

export interface UserState {
  userId: string;
  state: OnlineState | null;
  platforms: { platform: string; state: OnlineState | null }[];
  /** From ErrorList (70107: no such account); null when the account was answered. */
  errorCode: number | null;
}

export function onlineStatusBody(users: readonly string[]): Record<string, unknown> {
  return { IsNeedDetail: 1, To_Account: [...users] };
}

/** "Online" / "PushOnline" / "Offline", any case → the JSON value; anything else null (with a note). */
export function stateOf(v: unknown, report: ModelReport, where: string): OnlineState | null {
  const s = strOf(v).trim().toLowerCase().replace(/[\s_-]/g, '');
  if (s === 'online') return 'online';
  if (s === 'pushonline') return 'push_online';
  if (s === 'offline') return 'offline';
  if (v !== undefined) report.notes.push(`${where}: unknown state ${JSON.stringify(v)?.slice(0, 40)}; shown as unknown (push-apis.md §9 lists Online, PushOnline, Offline).`);
  return null;
}

/** Platform names as the table spells them ("iPhone", "Android", "Web", "PC", "iPad", "Mac"). */
const PLATFORM_SPELLING: Readonly<Record<string, string>> = { iphone: 'iPhone', android: 'Android', web: 'Web', pc: 'PC', ipad: 'iPad', mac: 'Mac' };

function platformName(v: unknown): string {
  const s = strOf(v).trim();
  return PLATFORM_SPELLING[s.toLowerCase()] ?? (s || 'unknown');
}

/** Human label of a state ("PushOnline"), as the API spells it. */
export const STATE_LABELS: Readonly<Record<OnlineState, string>> = { online: 'Online', push_online: 'PushOnline', offline: 'Offline' };

/** One reply → the state of each asked account, in the order asked. */
export function buildOnlineStatus(body: unknown, asked: readonly string[]): { users: UserState[]; unanswered: string[] } & ModelReport {
  const report = newReport();
  const b = isObj(body) ? body : {};
  const answered = new Map<string, UserState>();
  let usedStatus = false;
  const results = b.QueryResult;
  if (results !== undefined && !Array.isArray(results)) report.warnings.push('QueryResult is not a list; no account states could be read.');
  for (const r of Array.isArray(results) ? results.filter(isObj) : []) {
    const userId = strOf(r.To_Account);
    if (!Object.hasOwn(r, 'State') && Object.hasOwn(r, 'Status')) usedStatus = true;
    const detail = Array.isArray(r.Detail) ? r.Detail.filter(isObj) : [];
    for (const d of detail) if (!Object.hasOwn(d, 'Status') && Object.hasOwn(d, 'State')) usedStatus = true;
    answered.set(userId, {
      userId,
      state: stateOf(either(r, 'State', 'Status'), report, `account ${userId}`),
      platforms: detail.map((d) => ({ platform: platformName(d.Platform), state: stateOf(either(d, 'Status', 'State'), report, `account ${userId} ${platformName(d.Platform)}`) })),
      errorCode: null,
    });
  }
  if (usedStatus) report.notes.push('the reply uses the other spelling of the state field (State vs Status, push-apis.md §9 UNCONFIRMED); both are read.');
  const errors = Array.isArray(b.ErrorList) ? b.ErrorList.filter(isObj) : [];
  for (const e of errors) {
    const userId = strOf(e.To_Account);
    const code = intOf(e.ErrorCode);
    if (!answered.has(userId)) answered.set(userId, { userId, state: null, platforms: [], errorCode: code ?? -1 });
  }
  const unanswered: string[] = [];
  const users = asked.map((id) => {
    const u = answered.get(id);
    if (u) return u;
    unanswered.push(id);
    report.warnings.push(`the service did not answer for account ${id}; its state is unknown.`);
    return { userId: id, state: null, platforms: [], errorCode: null };
  });
  return { users, unanswered, ...report };
}
