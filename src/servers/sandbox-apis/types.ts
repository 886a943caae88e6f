/**
 * The shape of one emulated API (src/servers/sandbox.ts): its path, the sample data it loads from fixtures/,
 * and a pure answer to a request body. The sandbox core checks the query, the UserSig and the per-path rate
 * limit before any handler runs, exactly as the service does (reference/protocols.md §2.1).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
export interface ApiAnswer {
  code: number;
  info: string;
  /** The reply body (an object, serialised by the core, or a ready JSON string). */
  body: Record<string, unknown> | string;
  /** One line for the request log ("PushID 6908… → OK, 1 instance"). */
  what: string;
  pushId?: string;
  instances?: number;
}

export interface SandboxApi<D = unknown> {
  /** '/v4/timpush/normal_push_trace' */
  path: string;
  /** Minimum spacing between accepted requests to this path (the API's own limit). */
  minIntervalMs: number;
  load(fixturesDir: string, opts: { tracesDir?: string | undefined }): Promise<D>;
  answer(body: unknown, data: D, now: number): ApiAnswer;
}

/** The FAIL envelope every API answers errors with (§2.1). */
export function failure(code: number, info: string, what: string): ApiAnswer {
  return { code, info, body: { ActionStatus: 'FAIL', ErrorInfo: info, ErrorCode: code }, what };
}

/** The OK envelope with the given fields (the misspelt "sucess" of every sample, push-apis.md §1). */
export function success(fields: Record<string, unknown>, what: string): ApiAnswer {
  return { code: 0, info: '', body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: 'sucess', ...fields }, what };
}

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a JSON fixture, naming the file when it is broken. */
export async function readJsonFixture(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`sandbox fixture ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Checks StartTime/EndTime of the statistics and loss APIs (push-apis.md §5–§8): integers, start before end,
 * at most `maxDays` apart. 90100 is the trace page's "invalid request parameters" code; the statistics pages'
 * own error tables are UNCONFIRMED, so the sandbox reuses it with a message naming the problem.
 */
export function checkWindow(body: Record<string, unknown>, maxDays: number, what: string): ApiAnswer | undefined {
  const s = body.StartTime;
  const e = body.EndTime;
  if (!Number.isInteger(s) || !Number.isInteger(e)) return failure(90100, 'invalid request parameters: StartTime and EndTime (integers, unix seconds) are required', what);
  if ((s as number) >= (e as number)) return failure(90100, 'invalid request parameters: StartTime must be before EndTime', what);
  if ((e as number) - (s as number) > maxDays * 86400) return failure(90100, `invalid request parameters: the range is longer than ${maxDays} days`, what);
  return undefined;
}

/** Checks the TaskID list of the all-member statistics/loss APIs: an array of ≤ 5 strings. */
export function checkTaskIds(body: Record<string, unknown>, what: string): { ids: string[] } | ApiAnswer {
  const ids = body.TaskID;
  if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) return failure(90100, 'invalid request parameters: TaskID must be an array of strings', what);
  if (ids.length > 5) return failure(90100, `invalid request parameters: at most 5 TaskIDs per request, got ${ids.length}`, what);
  return { ids: ids as string[] };
}

/**
 * An all_member_push_* API (statistics, loss): fixtures/<folder>/tasks.json's Results filtered to the TaskIDs asked,
 * after the window (at most `maxDays`) and the TaskID list are checked.
 */
export function taskResultsApi(path: string, folder: string, maxDays: number): SandboxApi<Record<string, unknown>[]> {
  const what = path.slice(path.lastIndexOf('/') + 1);
  return {
    path,
    minIntervalMs: 1000,
    load: async (dir) => {
      const data = await readJsonFixture(join(dir, folder, 'tasks.json'));
      return isObj(data) && Array.isArray(data.Results) ? data.Results.filter(isObj) : [];
    },
    answer(body, results) {
      const b = isObj(body) ? body : {};
      const bad = checkWindow(b, maxDays, what);
      if (bad) return bad;
      const ids = checkTaskIds(b, what);
      if (!('ids' in ids)) return ids;
      const picked = results.filter((r) => ids.ids.includes(String(r.TaskID)));
      return success({ Results: picked }, `${what} ${ids.ids.length} task${ids.ids.length === 1 ? '' : 's'} → ${picked.length} result${picked.length === 1 ? '' : 's'}`);
    },
  };
}
