/**
 * `chatpush trace <PushID...>` (spec.md trace): collects PushIDs, signs, calls normal_push_trace through the
 * REST client (paced, retried), and renders each timeline - or one JSON document - with an exit code from
 * `--expect`. `--response-file` renders a saved response with no credentials or network.
 */
import { basename } from 'node:path';
import { LIMITS, readInputFile, readStreamBounded } from '../bounded-read.js';
import { parseUntrustedJson, type JsonResult } from '../json-safe.js';
import type CliTable3 from 'cli-table3';
import type { CredentialFlags } from '../config/credentials.js';
import type { Context } from '../context.js';
import { ExitCode, mostSevere, UsageError } from '../errors.js';
import { sanitize } from '../render/sanitize.js';
import { renderTracePieces } from '../render/timeline.js';
import { jsonPieces, Streamed } from '../render/json-stream.js';
import { report } from '../report-error.js';
import { interpretReply } from '../tencent/client.js';
import { PUSH_TRACE_API, pushTraceBody } from '../tencent/apis/push-trace.js';
import { openRestSession, type RestSession } from './rest-session.js';
import { EXPECT_STAGES, explainTraceApiCode, isExpectStage, type ExpectStage } from '../trace/diagnose.js';
import { STAGE_LABELS } from '../trace/model.js';
import { assertPushId, dedupe, EXAMPLE_PUSH_ID, parsePushIdList } from '../trace/pushids.js';
import { instancesToJson, traceErrorToJson, traceJsonWith, type InstanceJson, type TraceJson } from '../trace/report.js';
import { judge, runTraceSession, type TraceResult } from '../trace/session.js';
import { importModule } from '../import-module.js';
import { isStdoutClosed } from '../stdout-closed.js';

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
}

export const TRACE_API = PUSH_TRACE_API;

/** What a task trace's label stands for; `online` once --online has asked (JSON `online`, additive). */
export interface TaskLabel {
  taskId: string;
  userId: string;
  online?: { state: string | null; platforms: { platform: string; state: string | null }[]; errorCode: number | null };
}

/** Reads stdin to its end, bounded (bounded-read.ts): `trace - </dev/zero` stops at the limit with exit 2. */
async function readStdin(ctx: Context, limit: number, what: string, prompt = 'PushIDs (one per line)'): Promise<string> {
  // On a terminal, waiting silently looks like a hang (issue 11).
  if (ctx.io.stdinIsTTY) ctx.io.info(`chatpush: reading ${prompt} from stdin; end with Ctrl-D.`);
  const text = (await readStreamBounded(ctx.io.stdin, limit, what)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
      hint: `Pass one or more, e.g. 'chatpush trace ${EXAMPLE_PUSH_ID}', or '-' / --from-file <file> for one per line.`,
    });
  }
  const { ids: unique, dropped } = dedupe(ids);
  if (dropped > 0) ctx.io.info(`chatpush: ignoring ${dropped} repeated PushID${dropped === 1 ? '' : 's'}.`);
  return unique;
}

/** A trace's JSON with its instances produced while they are written (render/json-stream.ts). */
type StreamedTraceJson = Omit<TraceJson, 'instances'> & { instances: Streamed<InstanceJson> };

/**
 * Writes results: timelines to stdout as they settle (human) or one JSON document at the end, both in pieces
 * of about an instance (issue 15: a 20 000-instance answer was built as one string of tens of MB first).
 */
export class Output {
  private readonly json: (TraceJson | StreamedTraceJson)[] = [];
  private printed = 0;
  constructor(
    private readonly ctx: Context,
    private readonly Table: typeof CliTable3 | undefined,
    private readonly expect: ExpectStage,
    /** Task traces: the (TaskID, UserID) behind a result's label, for the title and JSON. */
    private readonly taskOf?: (label: string) => TaskLabel | undefined,
  ) {}

  result(r: TraceResult): void {
    const { io } = this.ctx;
    const task = this.taskOf?.(r.pushId);
    const tag = <D extends TraceJson | StreamedTraceJson>(doc: D): D =>
      task ? { ...doc, pushId: null, taskId: task.taskId, userId: task.userId, ...(task.online ? { online: task.online } : {}) } : doc;
    if (r.trace && r.diag) {
      for (const inst of r.trace.instances) {
        if (inst.unknownEventType !== null) io.debug(sanitize(`${r.pushId}: instance ${inst.instanceId} has EventType ${inst.unknownEventType}, neither 1 (offline) nor 2 (online); shown without an event type (push-apis.md §4, UNCONFIRMED).`));
      }
      if (io.json) {
        const doc: StreamedTraceJson = traceJsonWith(r.trace, r.diag, { stage: this.expect, outcome: r.outcome! }, new Streamed(instancesToJson(r.trace, r.diag)));
        if (r.error) doc.error = traceErrorToJson(r.pushId, r.error).error!;
        this.json.push(tag(doc));
      } else {
        if (this.printed++ > 0) io.out('');
        const title = task ? `Task ${task.taskId} · user ${task.userId}` : undefined;
        writePieces(io, renderTracePieces(r.trace, r.diag, { chalk: io.chalk, Table: this.Table, title, width: io.outWidth }));
      }
    } else if (r.error && io.json) this.json.push(tag(traceErrorToJson(r.pushId, r.error)));
    if (r.error) report(r.error, io);
  }

  finish(): void {
    // Byte for byte renderJson's document; io.write escapes what JSON.stringify leaves raw at the output edge.
    if (this.ctx.io.json) for (const piece of jsonPieces({ traces: new Streamed(this.json) })) this.ctx.io.write(piece);
  }
}

/** Writes pieces of text in writes of about 64 KiB (pieces end at line ends, so redaction sees whole lines). */
function writePieces(io: Context['io'], pieces: Iterable<string>): void {
  let buf = '';
  for (const piece of pieces) {
    buf += piece;
    if (buf.length >= 65536) {
      io.write(buf);
      buf = '';
    }
  }
  if (buf !== '') io.write(buf);
}

/** One stderr line per PushID whose outcome is negative (exit 1) or not found (exit 7), so CI logs say why. */
export function summarise(results: readonly TraceResult[], expect: ExpectStage, ctx: Context, tasks = false): void {
  for (const r of results) {
    if (r.error || !r.diag) continue;
    if (r.exitCode === ExitCode.NOT_FOUND) {
      const why = tasks ? 'not a recipient, unknown TaskID, another SDKAppID/region, or older than 7 days' : 'unknown PushID, another SDKAppID/region, or older than 7 days';
      ctx.io.info(`chatpush: ${r.pushId}: no trace data (${why}).`);
    } else if (r.exitCode === ExitCode.NEGATIVE) {
      const where = r.diag.failedStage ? `failed at ${STAGE_LABELS[r.diag.failedStage]}` : r.diag.stalledStage ? `pending at ${STAGE_LABELS[r.diag.stalledStage]}` : r.diag.verdict;
      const label = STAGE_LABELS[expect] === expect ? '' : ` (${STAGE_LABELS[expect]})`;
      ctx.io.info(`chatpush: ${r.pushId}: expected stage "${expect}"${label} was not reached: ${where}.`);
    }
  }
}

export async function tableFor(ctx: Context): Promise<typeof CliTable3 | undefined> {
  if (ctx.io.json || !ctx.io.stdoutIsTTY) return undefined;
  return (await importModule<{ default: typeof CliTable3 }>('cli-table3')).default;
}

/** `--response-file`: a saved response, rendered offline. */
async function traceFromFile(args: readonly string[], opts: TraceOptions, expect: ExpectStage, ctx: Context): Promise<number> {
  const file = opts.responseFile!;
  if (opts.watch) throw new UsageError('--watch needs the live API; it cannot be combined with --response-file.');
  if (opts.fromFile !== undefined || args.length > 1 || args[0] === '-') {
    throw new UsageError('--response-file renders one saved response: give at most one PushID (its label).');
  }
  const hint = 'Check the path; the file holds one saved normal_push_trace response body.';
  let text: string;
  if (file === '-') text = await readStdin(ctx, LIMITS.responseFile, '--response-file - (stdin)', 'a saved response');
  else {
    text = readInputFile(file, LIMITS.responseFile, `--response-file ${file}`, hint).toString('utf8');
    // A UTF-8 BOM (Windows editors, PowerShell redirection) is not part of the JSON.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  const name = file === '-' ? 'stdin' : basename(file);
  // The response does not carry its PushID. Without one given, a file named after its PushID (as the shipped
  // samples are) gives it; any other name is shown as where the answer came from, never as a PushID (issue 11).
  const stem = name.replace(/\.json$/i, '');
  const pushId = args[0] ?? (isPushId(stem) ? stem : `(from ${name})`);
  if (args[0] !== undefined) assertPushId(args[0], 'argument');
  // Depth-checked (json-safe.ts): 10 000 levels of `[` is exit 2 at file:line:col, not a stack overflow.
  let parsed: JsonResult | undefined = await parseUntrustedJson(text);
  if (!parsed.ok) {
    const e = parsed.problem;
    throw new UsageError(`${file}:${e.line}:${e.col}: ${e.tooDeep ? `JSON ${e.what}` : `not valid JSON (${e.what.replace(/^invalid JSON \(|\)$/g, '')})`}.`, {
      hint: 'Save the whole normal_push_trace response body, e.g. the output of curl.',
    });
  }
  const out = new Output(ctx, await tableFor(ctx), expect);
  const result = judgeSaved(pushId, name, text, parsed.value, expect);
  // The text and its parse tree are garbage from here on (judgeSaved kept neither): a 16 MB answer is not
  // held while its report is written.
  text = '';
  parsed = undefined;
  out.result(result);
  out.finish();
  summarise([result], expect, ctx);
  return result.exitCode;
}

/** A saved answer, interpreted and judged. */
function judgeSaved(pushId: string, name: string, text: string, parsed: unknown, expect: ExpectStage): TraceResult {
  const interpreted = interpretReply({ status: 200, contentType: 'application/json', text, parsed }, { host: name, sdkappid: 0, explain: explainTraceApiCode });
  if (!interpreted.ok) return { pushId, index: 0, error: interpreted.error, exitCode: interpreted.error.exitCode };
  return judge(pushId, 0, interpreted.body, expect);
}

/** A file name that is a PushID in the MsgID shape (five underscore-separated hex parts, §2.4). */
function isPushId(text: string): boolean {
  return /^[0-9a-f]{8}(_[0-9a-f]+){4}$/i.test(text);
}

/** Runs `chatpush trace`. Returns the most severe exit code over all PushIDs. */
export async function runTrace(pushIds: string[], opts: TraceOptions, ctx: Context): Promise<number> {
  const expectRaw = opts.expect ?? 'device';
  if (!isExpectStage(expectRaw)) {
    throw new UsageError(`--expect "${expectRaw}" is not a stage.`, { hint: `Use one of ${EXPECT_STAGES.join(', ')}.` });
  }
  const expect: ExpectStage = expectRaw;
  if (opts.responseFile !== undefined) return traceFromFile(pushIds, opts, expect, ctx);

  if (opts.task !== undefined) {
    const { runTaskTrace } = await import('./trace-task.js');
    return runTaskTrace(pushIds, opts, expect, ctx);
  }
  if (opts.user !== undefined || opts.online) {
    throw new UsageError(`${opts.user !== undefined ? '--user' : '--online'} belongs to task traces.`, { hint: "Add --task <TaskID>, e.g. 'chatpush trace --task <TaskID> --user alice --online'." });
  }
  const ids = await collectPushIds(pushIds, opts.fromFile, ctx);
  const session = await openRestSession(opts, ctx, { explain: explainTraceApiCode, budgetMs: watchBudget(opts) });
  return traceBatch(ids, opts, expect, ctx, session, async (pushId) => (await session.client.call(PUSH_TRACE_API, pushTraceBody(pushId))).body);
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
 * verdicts, --watch, pacing and exit codes. `after` runs once the traces are settled (task traces' --online).
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
  } = {},
): Promise<number> {
  const client = session.client;
  const stopSpinner = session.stopSpinner;
  const out = new Output(ctx, await tableFor(ctx), expect, extra.taskOf);
  // No default in cli.ts, so that a --watch-timeout given without --watch can be pointed out rather than ignored.
  const watchTimeoutMs = watchTimeoutOf(opts);
  if (opts.watchTimeout !== undefined && !opts.watch) ctx.io.warn('--watch-timeout has no effect without --watch.');
  if (opts.watch && !ctx.io.canSpin) {
    ctx.io.info(`chatpush: watching ${ids.length === 1 ? ids[0] : `${ids.length} ${extra.taskOf ? 'users' : 'PushIDs'}`} until "${expect}" succeeds or fails (at most ${opts.watchTimeout ?? 120} s)…`);
  }
  try {
    const { results, skipped, interrupted } = await runTraceSession(ids, {
      expect,
      watch: opts.watch === true,
      watchTimeoutMs,
      // One deadline for the watch loop and the client, so a poll cut short by it is recognised as the watch ending.
      ...(session.deadline !== undefined ? { deadlineAt: session.deadline } : {}),
      now: ctx.now,
      sleep: ctx.sleep,
      fetch,
      onFetch: async (pushId, info) => {
        const what = `${info.total > 1 ? `[${info.index + 1}/${info.total}] ` : ''}Tracing ${pushId}${opts.watch ? ` (poll ${info.poll}, ${Math.max(0, Math.round((info.remainingMs ?? 0) / 1000))} s left)` : ''}…`;
        await session.progress(what);
      },
      // Results are printed as they settle, unless a finishing step must see them all first.
      onResult: extra.finish
        ? undefined
        : (r) => {
            stopSpinner();
            out.result(r);
          },
    });
    // After Ctrl-C nothing more is asked (no --online query): the partial report goes out as it is.
    const shown = extra.finish && !interrupted ? await extra.finish(results) : results;
    stopSpinner();
    if (extra.finish) for (const r of shown) out.result(r);
    out.finish();
    if (interrupted && isStdoutClosed(ctx.signal)) {
      // `trace … | head -1`: the reader has gone; the PushIDs settled so far decide the code (never a false 0).
      const done = results.filter((r) => !r.interrupted);
      summarise(done, expect, ctx, extra.taskOf !== undefined);
      return mostSevere(done.map((r) => r.exitCode));
    }
    if (interrupted) {
      // The partial report is out (every PushID settled so far, and the last state of those being watched).
      const done = results.filter((r) => !r.interrupted);
      summarise(done, expect, ctx, extra.taskOf !== undefined);
      const what = extra.taskOf ? 'user' : 'PushID';
      ctx.io.error(`chatpush: interrupted: ${done.length} of ${ids.length} ${what}${ids.length === 1 ? '' : 's'} settled.`);
      return ExitCode.INTERRUPTED;
    }
    if (skipped.length > 0) {
      const what = extra.taskOf ? 'user' : 'PushID';
      ctx.io.error(`chatpush: skipped ${skipped.length} more ${what}${skipped.length === 1 ? '' : 's'}: the same credentials would be rejected.`);
    }
    summarise(shown, expect, ctx, extra.taskOf !== undefined);
    return mostSevere([...shown.map((r) => r.exitCode), ...(skipped.length ? [ExitCode.AUTH] : [])]);
  } finally {
    stopSpinner();
    await client.close();
  }
}
