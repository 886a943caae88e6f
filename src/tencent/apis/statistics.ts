/**
 * `v4/timpush/normal_push_statistics` and `v4/timpush/all_member_push_statistics` (reference/push-apis.md §5,
 * §6): request bodies and the pure response model. Request: {StartTime, EndTime} (unix s, ≤ 30 days), plus
 * TaskID (array, ≤ 5) for tasks. Response: TotalCount/SentCount/DeliveredCount/ClickCount and
 * PlatformStatistics[] — at the top level for normal pushes, per entry of Results[] for tasks.
 * Rates (spec.md v2 stats): sent = sent/total, delivered = delivered/sent, clicked = clicked/delivered; null
 * when the denominator is 0 or a count is unknown, so no NaN or Infinity can reach the output.
 */
import type { Window } from '../../stats/window.js';
import { countOf, eventTypeOf, either, isObj, newReport, platformOf, strOf, type EventType, type ModelReport, type Obj, type Platform } from './common.js';

export const NORMAL_STATISTICS_API = 'v4/timpush/normal_push_statistics';
export const TASK_STATISTICS_API = 'v4/timpush/all_member_push_statistics';
/** all_member_push_statistics takes at most 5 TaskIDs per request (push-apis.md §6). */
export const MAX_TASKS_PER_REQUEST = 5;
/** StartTime/EndTime cover at most 30 days (push-apis.md §1). */
export const STATISTICS_MAX_DAYS = 30;

export interface Counts {
  total: number | null;
  sent: number | null;
  delivered: number | null;
  clicked: number | null;
}

/** Fractions 0–1, or null when the denominator is 0 or unknown. */
export interface Rates {
  sent: number | null;
  delivered: number | null;
  clicked: number | null;
}

export interface PlatformStats extends Counts {
  platform: Platform;
  eventType: EventType;
  rates: Rates;
}

export interface StatsResult extends Counts {
  /** null for normal (one-to-one / group) pushes. */
  taskId: string | null;
  rates: Rates;
  platforms: PlatformStats[];
}

/** The request body for one call. */
export function statisticsBody(window: Window, taskIds?: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { StartTime: window.from, EndTime: window.to };
  if (taskIds !== undefined) body.TaskID = [...taskIds];
  return body;
}

/** Splits TaskIDs into the groups of at most 5 that one request may carry. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** part/whole as a fraction; null when either is unknown, the whole is 0, or the part exceeds it. */
export function rate(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole <= 0 || part > whole) return null;
  return part / whole;
}

/** The funnel rates of a row (spec.md: each stage against the one before it). */
export function ratesOf(c: Counts): Rates {
  return { sent: rate(c.sent, c.total), delivered: rate(c.delivered, c.sent), clicked: rate(c.clicked, c.delivered) };
}

/** Reads the four counters of an object, warning about each impossible funnel step (e.g. sent > total). */
function countsOf(o: Obj, where: string, report: ModelReport): Counts {
  const c: Counts = {
    total: countOf(o, 'TotalCount', where, report),
    sent: countOf(o, 'SentCount', where, report),
    delivered: countOf(o, 'DeliveredCount', where, report),
    clicked: countOf(o, 'ClickCount', where, report),
  };
  const steps: [keyof Counts, keyof Counts][] = [['sent', 'total'], ['delivered', 'sent'], ['clicked', 'delivered']];
  for (const [a, b] of steps) {
    const x = c[a];
    const y = c[b];
    if (x !== null && y !== null && x > y) report.warnings.push(`${where}: ${a} (${x}) is larger than ${b} (${y}); that rate is shown as "-".`);
  }
  return c;
}

function platformsOf(o: Obj, where: string, report: ModelReport): PlatformStats[] {
  const list = o.PlatformStatistics;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    report.warnings.push(`${where}: PlatformStatistics is not a list; per-vendor rows left out.`);
    return [];
  }
  return list.filter(isObj).map((p) => {
    const platform = platformOf(p.PushPlatform);
    const eventType = eventTypeOf(p.EventType, report, `${where} PlatformStatistics`);
    const counts = countsOf(p, `${where} ${platform.name}${eventType ? ` (${eventType})` : ''}`, report);
    return { platform, eventType, ...counts, rates: ratesOf(counts) };
  });
}

function resultOf(o: Obj, taskId: string | null, report: ModelReport): StatsResult {
  const where = taskId === null ? 'statistics' : `task ${taskId}`;
  const counts = countsOf(o, where, report);
  return { taskId, ...counts, rates: ratesOf(counts), platforms: platformsOf(o, where, report) };
}

/**
 * One reply → results. Normal pushes: the top-level counters. Tasks: one result per Results[] entry, in
 * the order asked; a TaskID the reply leaves out gets a warning. A Results list in a normal reply, or
 * top-level counters in a task reply (the "overall statistics" shape is UNCONFIRMED, §6), are read too.
 */
export function buildStatistics(body: unknown, taskIds?: readonly string[]): { results: StatsResult[] } & ModelReport {
  const report = newReport();
  if (!isObj(body)) return { results: [], ...report };
  const list = either(body, 'Results', 'Result');
  if (Array.isArray(list)) {
    if (taskIds === undefined) report.notes.push('normal_push_statistics answered with a Results list; each entry is read as a result (push-apis.md §5 shows top-level counters).');
    const results = list.filter(isObj).map((r) => {
      const id = strOf(either(r, 'TaskID', 'TaskId'));
      return resultOf(r, id === '' ? null : id, report);
    });
    for (const id of taskIds ?? []) {
      if (!results.some((r) => r.taskId === id)) report.warnings.push(`no statistics came back for task ${id} (unknown TaskID, another SDKAppID, or no data in the window).`);
    }
    return { results, ...report };
  }
  if (taskIds !== undefined && taskIds.length > 0) {
    if (Object.hasOwn(body, 'TotalCount')) {
      report.notes.push('all_member_push_statistics answered top-level counters instead of Results; read as one result for all requested tasks (push-apis.md §6, UNCONFIRMED).');
      return { results: [resultOf(body, taskIds.join(','), report)], ...report };
    }
    report.warnings.push(`the reply has no Results list: no statistics for ${taskIds.join(', ')}.`);
    return { results: [], ...report };
  }
  return { results: [resultOf(body, null, report)], ...report };
}

/** Adds counters (null when any part is unknown). */
export function sumCounts(rows: readonly Counts[]): Counts {
  const add = (k: keyof Counts): number | null => rows.reduce<number | null>((acc, r) => (acc === null || r[k] === null ? null : acc + r[k]!), 0);
  return { total: add('total'), sent: add('sent'), delivered: add('delivered'), clicked: add('clicked') };
}
