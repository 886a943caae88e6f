/**
 * `chatpush stats [--since | --from --to] [--task <TaskID>...] [--threshold <expr>...]` (spec.md v2):
 * normal_push_statistics, or all_member_push_statistics with --task (at most 5 TaskIDs per request; more are
 * split). Thresholds and the window are checked before anything is sent (exit 2). `collectStats` returns the
 * spec's JSON document as plain data (the reports helper renders the same data as HTML/Markdown).
 */
import type { Context } from '../context.js';
import { ExitCode, UsageError } from '../errors.js';
import { renderStats } from '../render/funnel.js';
import { sanitize } from '../render/sanitize.js';
import { evaluateThresholds, parseThreshold, type ThresholdResult } from '../stats/threshold.js';
import { resolveWindow, type Window, type WindowFlags } from '../stats/window.js';
import {
  buildStatistics,
  chunk,
  MAX_TASKS_PER_REQUEST,
  NORMAL_STATISTICS_API,
  statisticsBody,
  STATISTICS_MAX_DAYS,
  TASK_STATISTICS_API,
  type StatsResult,
} from '../tencent/apis/statistics.js';
import { openRestSession, type RestFlags, type RestSession } from './rest-session.js';
import { checkReportPaths, writeDiagnosticsReports, type ReportFlags } from './report-files.js';
import { assertTaskId } from './trace-task.js';

export interface StatsOptions extends RestFlags, WindowFlags {
  task?: string[];
  threshold?: string[];
}

/** The `--json` document of spec.md v2 stats (without schemaVersion). */
export interface StatsDoc {
  window: Window;
  results: StatsResult[];
  thresholds: { expression: string; actual: number | null; pass: boolean }[];
}

/** TaskIDs from repeated --task values (commas also separate), validated and de-duplicated in order. */
export function taskIdsOf(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (ids.length === 0) throw new UsageError('--task was given without a TaskID.', { hint: 'Pass --task <TaskID> (repeatable).' });
  return [...new Set(ids.map(assertTaskId))];
}

/** Fetches statistics for a window (one request, or one per group of 5 TaskIDs). */
export async function fetchStatistics(window: Window, taskIds: readonly string[] | undefined, session: RestSession, ctx: Context): Promise<StatsResult[]> {
  const groups = taskIds === undefined ? [undefined] : chunk(taskIds, MAX_TASKS_PER_REQUEST);
  const results: StatsResult[] = [];
  for (const [i, group] of groups.entries()) {
    await session.progress(group ? `Fetching statistics of ${group.length} task${group.length === 1 ? '' : 's'}${groups.length > 1 ? ` [${i + 1}/${groups.length}]` : ''}…` : 'Fetching push statistics…');
    const reply = await session.client.call(group ? TASK_STATISTICS_API : NORMAL_STATISTICS_API, statisticsBody(window, group));
    const model = buildStatistics(reply.body, group);
    for (const w of model.warnings) ctx.io.warn(sanitize(w));
    for (const n of model.notes) ctx.io.debug(sanitize(n));
    results.push(...model.results);
  }
  session.stopSpinner();
  return results;
}

/** Runs the checks and the requests; returns the spec's document and the threshold lines. */
export async function collectStats(opts: StatsOptions, ctx: Context): Promise<{ doc: StatsDoc; thresholds: ThresholdResult[] }> {
  // Everything the user typed is checked before credentials or the network (spec: exit 2 before any request).
  const thresholds = (opts.threshold ?? []).map(parseThreshold);
  const taskIds = taskIdsOf(opts.task);
  const window = resolveWindow(opts, { nowMs: ctx.now(), maxDays: STATISTICS_MAX_DAYS, api: taskIds ? 'all_member_push_statistics' : 'normal_push_statistics' });
  ctx.io.debug(`window ${window.from}–${window.to} (unix s); whether data older than 30 days is kept is UNCONFIRMED (push-apis.md §1).`);
  const session = await openRestSession(opts, ctx);
  let results: StatsResult[];
  try {
    results = await fetchStatistics(window, taskIds, session, ctx);
  } finally {
    await session.close();
  }
  const evaluated = evaluateThresholds(thresholds, results);
  return { doc: { window, results, thresholds: evaluated.map(({ expression, actual, pass }) => ({ expression, actual, pass })) }, thresholds: evaluated };
}

/** Runs `chatpush stats`: exit 1 when a threshold failed (each named on stderr), else 0. */
export async function runStats(opts: StatsOptions & ReportFlags, ctx: Context): Promise<number> {
  // Checked before any request: a typo in a report path must not cost the run.
  await checkReportPaths({ '--report-html': opts.reportHtml, '--report-markdown': opts.reportMarkdown }, ctx.cwd);
  const { doc, thresholds } = await collectStats(opts, ctx);
  await writeDiagnosticsReports('stats', doc, opts, ctx);
  const { io } = ctx;
  if (io.json) io.outJson({ ...doc });
  else io.write(renderStats(doc.results, doc.window, thresholds, { chalk: io.chalk, columns: io.outWidth }));
  const failed = thresholds.filter((t) => !t.pass);
  for (const t of failed) io.error(`chatpush: threshold failed: ${sanitize(t.reason)}`);
  return failed.length ? ExitCode.NEGATIVE : ExitCode.OK;
}
