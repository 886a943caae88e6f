/**
 * `chatpush trace <PushID...>` (spec.md trace): collects PushIDs, signs, calls normal_push_trace through the
 * REST client (paced, retried), and renders each timeline - or one JSON document - with an exit code from
 * `--expect`. `--response-file` renders a saved response with no credentials or network (trace-saved.ts); what
 * all paths read and write is in trace-io.ts, task traces in trace-task.ts.
 */
import { LIMITS, readInputFile, readStreamBounded } from '../bounded-read.js';
import type { CredentialFlags } from '../config/credentials.js';
import type { Context } from '../context.js';
import { ExitCode, InterruptedError, mostSevere, UsageError } from '../errors.js';
import { report } from '../report-error.js';
import { PUSH_TRACE_API, pushTraceBody } from '../tencent/apis/push-trace.js';
import { openRestSession, type RestSession } from './rest-session.js';
import { loadCredentials } from '../config/credentials.js';
import { EXPECT_STAGES, explainTraceApiCode, isExpectStage, type ExpectStage } from '../trace/diagnose.js';
import { assertPushId, dedupe, parsePushIdList } from '../trace/pushids.js';
import type { TraceJson } from '../trace/report.js';
import { runTraceSession, type TraceResult } from '../trace/session.js';
import { isStdoutClosed } from '../stdout-closed.js';
import { isLoopbackUrl } from '../net/loopback.js';
import { formatProgress } from '../render/progress.js';
import { DEFAULT_MIN_INTERVAL_MS } from '../tencent/client.js';
import { TASK_TRACE_API, taskTraceBody } from '../tencent/apis/task-trace.js';
import { forTask } from '../trace/online-verdict.js';
import { exitCodeFor } from '../trace/session.js';
import { traceId } from '../trace/summary.js';
import { checkReportPaths, type ReportPaths } from './report-files.js';
import { needsDocs, Output, readStdin, summarise, tableFor, writeTraceReports } from './trace-io.js';
import { traceFromFile } from './trace-saved.js';

/** Options as declared for `trace` in src/cli.ts. */
export interface TraceOptions extends CredentialFlags {
  fromFile?: string;
  /** im, offline, channel, device (default) or click. */
  expect?: string;
  watch?: boolean;
  /** Seconds. */
  watchTimeout?: number;
  /** Seconds per request. */
  timeout?: number;
  retries?: number;
  responseFile?: string;
  /**
   * Spacing between requests in ms (not a flag: the API allows 1 call/s and the client keeps requests 1030 ms apart, see Pacer). Only the
   * demo sets 0, for its in-process sandbox that is started without the limit.
   */
  minIntervalMs?: number;
  /** all_member_push_trace: the TaskID (TaskId) whose recipients --user names. */
  task?: string;
  user?: string[];
  /** With --task: add each user's online state to the verdict. */
  online?: boolean;
  /** Capture files (listen --save, bodies, envelopes) to take PushIDs and TaskId/To_Account pairs from (v2). */
  fromCallbacks?: string[];
  /** With fromCallbacks: only events whose ErrCode is not 0. */
  failed?: boolean;
  summary?: boolean;
  /** A --json document or HTML report of an interrupted run: its settled traces are not asked again. */
  resume?: string;
  reportHtml?: string;
  reportMarkdown?: string;
  junit?: string;
}

export const TRACE_API = PUSH_TRACE_API;

/** What a task trace's label stands for; `online` once --online has asked (JSON `online`, additive). */
export interface TaskLabel {
  taskId: string;
  userId: string;
  online?: { state: string | null; platforms: { platform: string; state: string | null }[]; errorCode: number | null };
}

/** Arguments, `-` (stdin) and --from-file, in that order, validated and de-duplicated. */
async function collectPushIds(args: readonly string[], fromFile: string | undefined, ctx: Context): Promise<string[]> {
  let stdin: string | undefined;
  const stdinIds = async (): Promise<string[]> => (stdin === undefined ? parsePushIdList((stdin = await readStdin(ctx, LIMITS.pushIdList, 'stdin (PushIDs)')), 'stdin') : []);
  const ids: string[] = [];
  for (const a of args) {
    if (a === '-') ids.push(...(await stdinIds()));
    else {
      assertPushId(a.trim(), 'argument');
      ids.push(a.trim());
    }
  }
  if (fromFile !== undefined) {
    if (fromFile === '-') ids.push(...(await stdinIds()));
    else {
      const bytes = readInputFile(fromFile, LIMITS.pushIdList, `--from-file ${fromFile}`, 'Check the path; the file holds one PushID per line.');
      const text = bytes.toString('utf8');
      ids.push(...parsePushIdList(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, fromFile));
    }
  }
  if (ids.length === 0) {
    throw new UsageError('no PushID given.', {
      // No 56-character PushID in the hint: at 60 columns it broke the quoted command over three lines.
      hint: `Pass one or more ('chatpush trace <PushID>…'), or '-' / --from-file <file> for one per line; 'chatpush trace --help' shows examples.`,
    });
  }
  const { ids: unique, dropped } = dedupe(ids);
  if (dropped > 0) ctx.io.info(`chatpush: ignoring ${dropped} repeated PushID${dropped === 1 ? '' : 's'}.`);
  return unique;
}

/** Reads the --from-callbacks captures: their PushIDs and (TaskId, To_Account) pairs (warnings for skipped events). */
async function targetsFromCallbacks(files: readonly string[], failed: boolean, ctx: Context): Promise<{ pushIds: string[]; tasks: { taskId: string; userId: string }[] }> {
  const texts: { file: string; text: string }[] = [];
  for (const file of files) {
    const hint = "Pass what 'chatpush listen --save <file>' recorded (JSON Lines), a callback body or an envelope.";
    const bytes = file === '-' ? await readStreamBounded(ctx.io.stdin, LIMITS.fixture, '--from-callbacks - (stdin)', ctx.signal) : readInputFile(file, LIMITS.fixture, `--from-callbacks ${file}`, hint);
    texts.push({ file, text: bytes.toString('utf8') });
  }
  // Loaded here: the capture parser brings jsonc-parser, which plain `trace <PushID>` never needs.
  const { extractCallbackTargets } = await import('../trace/from-callbacks.js');
  const found = extractCallbackTargets(texts, { failedOnly: failed });
  for (const w of found.skipped.slice(0, 5)) ctx.io.warn(`${w}; skipped.`);
  if (found.skipped.length > 5) ctx.io.warn(`${found.skipped.length - 5} more events skipped for the same reason.`);
  const { offlinePush, allMemberPush } = found.events;
  const events = [offlinePush ? `${offlinePush} Push.OfflinePush` : '', allMemberPush ? `${allMemberPush} Push.AllMemberPush` : ''].filter(Boolean).join(' and ');
  const kept = failed ? `; ${found.succeeded} with ErrCode 0 left out (--failed)` : '';
  ctx.io.info(`chatpush: ${events} event${offlinePush + allMemberPush === 1 ? '' : 's'} in ${files.length === 1 ? files[0] : `${files.length} files`}${kept}: ${found.pushIds.length} PushID${found.pushIds.length === 1 ? '' : 's'} to trace.`);
  if (found.tasks.length > 0) {
    ctx.io.info(`chatpush: and ${found.tasks.length} (TaskId, To_Account) pair${found.tasks.length === 1 ? '' : 's'} from Push.AllMemberPush events, traced with all_member_push_trace.`);
  }
  return { pushIds: found.pushIds, tasks: found.tasks };
}

/** The settled traces of --resume judged against this --expect stage, by PushID or TaskID/UserID label. */
async function resumedTraces(file: string, expect: ExpectStage, ctx: Context): Promise<Map<string, TraceJson>> {
  const { readResumeFile } = await import('../trace/resume.js');
  // A report of a large batch is bigger than a response file; the fixture limit (64 MiB) bounds it.
  const text = readInputFile(file, LIMITS.fixture, `--resume ${file}`, 'Pass the --json output or the --report-html file of the interrupted run.').toString('utf8');
  const out = new Map<string, TraceJson>();
  // A trace judged against another --expect stage is asked again: its outcome would not be this run's.
  for (const t of readResumeFile(file, text)) if (t.expect?.stage === expect) out.set(traceId(t), t);
  ctx.io.debug(`--resume ${file}: ${out.size} settled traces`);
  return out;
}

/**
 * The spacing between trace requests asked for by CHATPUSH_TRACE_INTERVAL_MS, honoured for a loopback endpoint only
 * (the sandbox started with a lower --min-interval-ms, for tests and demos), so the real API's limit of one
 * request per second can never be exceeded by it. Undefined: the client's own pacing (1.03 s per API).
 */
function paceFor(baseUrl: string, ctx: Context): number | undefined {
  const raw = ctx.env.CHATPUSH_TRACE_INTERVAL_MS;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`CHATPUSH_TRACE_INTERVAL_MS "${raw}" is not a whole number of milliseconds.`);
  if (!isLoopbackUrl(new URL(baseUrl))) {
    ctx.io.warn('CHATPUSH_TRACE_INTERVAL_MS is only honoured for a loopback endpoint (the sandbox); keeping 1 request/s.');
    return undefined;
  }
  return Number(raw.trim());
}

/** Runs `chatpush trace`. Returns the most severe exit code over all PushIDs. */
export async function runTrace(pushIds: string[], opts: TraceOptions, ctx: Context): Promise<number> {
  const expectRaw = opts.expect ?? 'device';
  if (!isExpectStage(expectRaw)) {
    throw new UsageError(`--expect "${expectRaw}" is not a stage.`, { hint: `Use one of ${EXPECT_STAGES.join(', ')}.` });
  }
  const expect: ExpectStage = expectRaw;
  const reportPaths: ReportPaths = { '--report-html': opts.reportHtml, '--report-markdown': opts.reportMarkdown, '--junit': opts.junit };
  await checkReportPaths(reportPaths, ctx.cwd);
  if (opts.failed && !opts.fromCallbacks) throw new UsageError('--failed selects events of --from-callbacks captures; give --from-callbacks <file…> too.');
  if (opts.responseFile !== undefined) {
    if (opts.fromCallbacks || opts.resume) throw new UsageError('--response-file renders one saved response; it cannot be combined with --from-callbacks or --resume.');
    return traceFromFile(pushIds, opts, expect, ctx);
  }
  if (opts.resume && opts.watch) throw new UsageError('--resume continues a batch; it cannot be combined with --watch.');

  if (opts.task !== undefined) {
    if (opts.fromCallbacks) throw new UsageError('--task names one task; --from-callbacks takes the tasks from the capture. Use one of them.');
    const { runTaskTrace } = await import('./trace-task.js');
    return runTaskTrace(pushIds, opts, expect, ctx);
  }
  if (opts.user !== undefined || opts.online) {
    throw new UsageError(`${opts.user !== undefined ? '--user' : '--online'} belongs to task traces.`, { hint: "Add --task <TaskID>, e.g. 'chatpush trace --task <TaskID> --user alice --online'." });
  }
  const fromCallbacks = opts.fromCallbacks ?? [];
  const captured = fromCallbacks.length > 0 ? await targetsFromCallbacks(fromCallbacks, opts.failed === true, ctx) : { pushIds: [], tasks: [] };
  const ids =
    fromCallbacks.length > 0 && pushIds.length === 0 && opts.fromFile === undefined
      ? captured.pushIds
      : dedupe([...(await collectPushIds(pushIds, opts.fromFile, ctx)), ...captured.pushIds]).ids;
  // Task pairs of Push.AllMemberPush events are traced in the same batch, labelled TaskID/UserID as `trace --task` does.
  const byLabel = new Map<string, TaskLabel>(captured.tasks.map((t) => [`${t.taskId}/${t.userId}`, { taskId: t.taskId, userId: t.userId }]));
  const idSet = new Set(ids);
  const labels = [...ids, ...[...byLabel.keys()].filter((l) => !idSet.has(l))];
  if (labels.length === 0) {
    const out = new Output(ctx, undefined, expect, undefined, !(opts.summary && ctx.globals.quiet), needsDocs(opts));
    await out.finish(opts.summary === true);
    await writeTraceReports([], opts, expect, ctx, 0);
    ctx.io.info('chatpush: nothing to trace.');
    return ExitCode.OK;
  }
  const creds = await loadCredentials(ctx, opts, { needSigner: true, allowUsersig: true });
  const pace = opts.minIntervalMs ?? paceFor(creds.baseUrl, ctx);
  const session = await openRestSession({ ...opts, ...(pace !== undefined ? { minIntervalMs: pace } : {}) }, ctx, { explain: explainTraceApiCode, budgetMs: watchBudget(opts), credentials: creds });
  return traceBatch(
    labels,
    { ...opts, ...(pace !== undefined ? { minIntervalMs: pace } : {}) },
    expect,
    ctx,
    session,
    async (label) => {
      const task = byLabel.get(label);
      return task ? (await session.client.call(TASK_TRACE_API, taskTraceBody(task.taskId, task.userId))).body : (await session.client.call(PUSH_TRACE_API, pushTraceBody(label))).body;
    },
    byLabel.size > 0
      ? {
          taskOf: (label) => byLabel.get(label),
          adjust: (r) => {
            const task = byLabel.get(r.pushId);
            return task && r.diag ? { ...r, diag: forTask(r.diag, task.taskId, task.userId) } : r;
          },
        }
      : {},
  );
}

/** --watch-timeout in ms (default 120 s). */
function watchTimeoutOf(opts: TraceOptions): number {
  return (opts.watchTimeout ?? 120) * 1000;
}

/** With --watch, the time budget that bounds everything, retries and their waits included (the session's deadline). */
export function watchBudget(opts: TraceOptions): number | undefined {
  return opts.watch ? watchTimeoutOf(opts) : undefined;
}

/**
 * Traces a batch of labels (PushIDs, or TaskID/UserID pairs) through one REST session: the shared timeline,
 * verdicts, --watch, pacing and exit codes, and for every batch --resume (labels settled in an earlier run's
 * output are not asked again), progress with an ETA on a TTY, --summary and the report files — written also when
 * Ctrl-C or a closed stdout ends the batch. `finish` runs once the traces are settled (task traces' --online);
 * `adjust` is applied to each result as it settles.
 */
export async function traceBatch(
  ids: readonly string[],
  opts: TraceOptions,
  expect: ExpectStage,
  ctx: Context,
  session: RestSession,
  fetch: (id: string) => Promise<unknown>,
  extra: {
    taskOf?: (label: string) => TaskLabel | undefined;
    /** Adjusts results before output (e.g. online state); called once with every settled result. */
    finish?: (results: TraceResult[]) => Promise<TraceResult[]>;
    /** Adjusts one result as it settles (e.g. the task wording of "not found"). */
    adjust?: (result: TraceResult) => TraceResult;
  } = {},
): Promise<number> {
  const client = session.client;
  const stopSpinner = session.stopSpinner;
  const out = new Output(ctx, await tableFor(ctx), expect, extra.taskOf, !(opts.summary && ctx.globals.quiet), needsDocs(opts));
  const adjust = extra.adjust ?? ((r: TraceResult) => r);
  const tasks = extra.taskOf !== undefined;
  const noun = (n: number): string => (tasks && ids.every((id) => extra.taskOf!(id)) ? `user${n === 1 ? '' : 's'}` : `${tasks ? 'trace' : 'PushID'}${n === 1 ? '' : 's'}`);

  // --resume: what the interrupted run settled is kept as it was, in its place in the batch.
  const resumed = opts.resume ? await resumedTraces(opts.resume, expect, ctx) : new Map<string, TraceJson>();
  const todo: { id: string; index: number }[] = [];
  const priorCodes: number[] = [];
  ids.forEach((id, index) => {
    const prior = resumed.get(id);
    if (prior?.expect) {
      out.resumed(index, prior);
      priorCodes.push(exitCodeFor(prior.expect.outcome));
    } else todo.push({ id, index });
  });
  if (opts.resume) ctx.io.info(`chatpush: resuming from ${opts.resume}: ${ids.length - todo.length} of ${ids.length} already traced, ${todo.length} to go.`);
  const startedAt = ctx.now();
  const paceMs = opts.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;

  // No default in cli.ts, so that a --watch-timeout given without --watch can be pointed out rather than ignored.
  const watchTimeoutMs = watchTimeoutOf(opts);
  if (opts.watchTimeout !== undefined && !opts.watch) ctx.io.warn('--watch-timeout has no effect without --watch.');
  if (opts.watch && !ctx.io.canSpin) {
    ctx.io.info(`chatpush: watching ${ids.length === 1 ? ids[0] : `${ids.length} ${noun(ids.length)}`} until "${expect}" succeeds or fails (at most ${opts.watchTimeout ?? 120} s)…`);
  }
  const offset = ids.length - todo.length;
  let settled = 0;
  try {
    const { results, skipped, interrupted } =
      todo.length === 0
        ? { results: [] as TraceResult[], skipped: [] as string[], interrupted: false }
        : await runTraceSession(
            todo.map((t) => t.id),
            {
              expect,
              watch: opts.watch === true,
              watchTimeoutMs,
              // One deadline for the watch loop and the client, so a poll cut short by it is recognised as the watch ending.
              ...(session.deadline !== undefined ? { deadlineAt: session.deadline } : {}),
              now: ctx.now,
              sleep: ctx.sleep,
              fetch,
              onFetch: async (id, info) => {
                const what =
                  ids.length > 1 && !opts.watch
                    ? `${formatProgress(offset + settled, ids.length, paceMs)} · tracing ${id}…`
                    : `${info.total > 1 ? `[${info.index + 1}/${info.total}] ` : ''}Tracing ${id}${opts.watch ? ` (poll ${info.poll}, ${Math.max(0, Math.round((info.remainingMs ?? 0) / 1000))} s left)` : ''}…`;
                await session.progress(what);
              },
              // Results are printed as they settle, unless a finishing step must see them all first.
              onResult: extra.finish
                ? () => void settled++
                : (r) => {
                    settled++;
                    stopSpinner();
                    out.result(adjust(r), todo[r.index]!.index);
                  },
            },
          );
    // After Ctrl-C nothing more is asked (no --online query): the partial report goes out as it is.
    const shown = extra.finish && !interrupted ? await extra.finish(results.map(adjust)) : results.map(adjust);
    stopSpinner();
    if (extra.finish) for (const r of shown) out.result(r, todo[r.index]!.index);
    await out.finish(opts.summary === true);
    await writeTraceReports(out.docs(), opts, expect, ctx, ctx.now() - startedAt);
    // With --summary the grouped table says it; one stderr line per trace would bury it in a large batch.
    const note = (rs: readonly TraceResult[]): void => {
      if (!opts.summary) summarise(rs, expect, ctx, tasks);
    };
    if (interrupted) {
      // Ctrl-C or a closed stdout: the partial report is out (every trace settled so far, and the last state of
      // those being watched) and in the report files, so `--resume <file>` can continue.
      const done = shown.filter((r) => !r.interrupted);
      note(done);
      // `trace … | head -1`: the reader has gone; the traces settled so far decide the code (never a false 0).
      if (isStdoutClosed(ctx.signal)) return mostSevere([...priorCodes, ...done.map((r) => r.exitCode)]);
      const file = opts.reportHtml ?? (ctx.io.json ? '<the --json output>' : undefined);
      const total = offset + done.length;
      ctx.io.error(`chatpush: interrupted: ${total} of ${ids.length} ${noun(ids.length)} settled.${file && total < ids.length ? ` Continue with --resume ${file}.` : ''}`);
      return ExitCode.INTERRUPTED;
    }
    if (skipped.length > 0) {
      ctx.io.error(`chatpush: skipped ${skipped.length} more ${noun(skipped.length)}: the same credentials would be rejected.`);
    }
    note(shown);
    return mostSevere([...priorCodes, ...shown.map((r) => r.exitCode), ...(skipped.length ? [ExitCode.AUTH] : [])]);
  } catch (err) {
    stopSpinner();
    if (err instanceof InterruptedError) {
      // Interrupted outside the session loop: what was traced so far is still printed and written.
      await out.finish(opts.summary === true);
      await writeTraceReports(out.docs(), opts, expect, ctx, ctx.now() - startedAt);
    }
    throw err;
  } finally {
    stopSpinner();
    await client.close();
  }
}
