/**
 * `chatpush loss [--since | --from --to] [--task <TaskID>...]` (spec.md v2): normal_push_loss, or
 * all_member_push_loss with --task (≤ 5 TaskIDs per request, split), over at most 7 days (longer is exit 2
 * before any request). One row per loss cause with its share, cause and next step from the code table.
 * `collectLoss` returns the spec's JSON document as plain data (reports renders it too).
 */
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import { renderLoss } from '../render/loss-table.js';
import { sanitize } from '../render/sanitize.js';
import { resolveWindow, type Window, type WindowFlags } from '../stats/window.js';
import { buildLoss, LOSS_MAX_DAYS, lossBody, NORMAL_LOSS_API, TASK_LOSS_API, type LossResult } from '../tencent/apis/loss.js';
import { chunk, MAX_TASKS_PER_REQUEST } from '../tencent/apis/statistics.js';
import { openRestSession, type RestFlags } from './rest-session.js';
import { checkReportPaths, writeDiagnosticsReports, type ReportFlags } from './report-files.js';
import { taskIdsOf } from './stats.js';

export interface LossOptions extends RestFlags, WindowFlags {
  task?: string[];
}

/** The `--json` document of spec.md v2 loss (without schemaVersion). */
export interface LossDoc {
  window: Window;
  results: LossResult[];
}

export async function collectLoss(opts: LossOptions, ctx: Context): Promise<LossDoc> {
  const taskIds = taskIdsOf(opts.task);
  const window = resolveWindow(opts, { nowMs: ctx.now(), maxDays: LOSS_MAX_DAYS, api: taskIds ? 'all_member_push_loss' : 'normal_push_loss' });
  const session = await openRestSession(opts, ctx);
  const results: LossResult[] = [];
  try {
    const groups = taskIds === undefined ? [undefined] : chunk(taskIds, MAX_TASKS_PER_REQUEST);
    for (const [i, group] of groups.entries()) {
      await session.progress(`Fetching push loss${group ? ` of ${group.length} task${group.length === 1 ? '' : 's'}${groups.length > 1 ? ` [${i + 1}/${groups.length}]` : ''}` : ''}…`);
      const reply = await session.client.call(group ? TASK_LOSS_API : NORMAL_LOSS_API, lossBody(window, group));
      const model = buildLoss(reply.body, group);
      for (const w of model.warnings) ctx.io.warn(sanitize(w));
      for (const n of model.notes) ctx.io.debug(sanitize(n));
      results.push(...model.results);
    }
  } finally {
    await session.close();
  }
  return { window, results };
}

export async function runLoss(opts: LossOptions & ReportFlags, ctx: Context): Promise<number> {
  // Checked before any request: a typo in a report path must not cost the run.
  await checkReportPaths({ '--report-html': opts.reportHtml, '--report-markdown': opts.reportMarkdown }, ctx.cwd);
  const doc = await collectLoss(opts, ctx);
  await writeDiagnosticsReports('loss', doc, opts, ctx);
  const { io } = ctx;
  if (io.json) io.outJson({ ...doc });
  else io.write(renderLoss(doc.results, doc.window, { chalk: io.chalk, columns: io.outWidth }));
  return ExitCode.OK;
}
