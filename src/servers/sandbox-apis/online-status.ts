/**
 * Sandbox: query_online_status from fixtures/online/accounts.json (push-apis.md §9). Known accounts come back in
 * QueryResult (with Detail when IsNeedDetail is 1), unknown ones in ErrorList with 70107; an empty To_Account is
 * 90001, a non-string element 90003, more than 500 accounts 90011 (the API's own error table).
 */
import { join } from 'node:path';
import { failure, isObj, readJsonFixture, type SandboxApi } from './types.js';

export const onlineStatusApi: SandboxApi<Map<string, Record<string, unknown>>> = {
  path: '/v4/openim/query_online_status',
  minIntervalMs: 5,
  async load(dir) {
    const data = await readJsonFixture(join(dir, 'online', 'accounts.json'));
    const list = isObj(data) && Array.isArray(data.QueryResult) ? data.QueryResult.filter(isObj) : [];
    return new Map(list.map((r) => [String(r.To_Account), r]));
  },
  answer(body, accounts) {
    const what = 'query_online_status';
    const b = isObj(body) ? body : {};
    const to = b.To_Account;
    if (!Array.isArray(to) || to.length === 0) return failure(90001, 'JSON parse failed: To_Account must be a non-empty array', what);
    if (to.some((x) => typeof x !== 'string')) return failure(90003, 'To_Account elements must be strings', what);
    if (to.length > 500) return failure(90011, `more than 500 accounts (${to.length}) in one request`, what);
    const detail = b.IsNeedDetail === 1;
    const QueryResult: Record<string, unknown>[] = [];
    const ErrorList: Record<string, unknown>[] = [];
    for (const id of to as string[]) {
      const r = accounts.get(id);
      if (!r) ErrorList.push({ To_Account: id, ErrorCode: 70107 });
      else if (detail) QueryResult.push(r);
      else {
        const { Detail: _omit, ...rest } = r;
        QueryResult.push(rest);
      }
    }
    // ErrorCode is 0 when any account was answered; non-zero only when every one failed (§9).
    const allFailed = QueryResult.length === 0;
    const body2 = { ActionStatus: allFailed ? 'FAIL' : 'OK', ErrorInfo: allFailed ? 'all accounts failed' : '', ErrorCode: allFailed ? 70107 : 0, QueryResult, ErrorList };
    return { code: body2.ErrorCode, info: body2.ErrorInfo, body: body2, what: `${what} ${to.length} account${to.length === 1 ? '' : 's'} → ${QueryResult.length} answered, ${ErrorList.length} unknown` };
  },
};
