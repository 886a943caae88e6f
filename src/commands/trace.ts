/**
 * `chatpush trace <PushID...>` (spec.md trace): collects PushIDs, signs, calls normal_push_trace through the
 * REST client (paced, retried), and renders each timeline - or one JSON document - with an exit code from
 * `--expect`. `--response-file` renders a saved response with no credentials or network.
 */
import { basename } from 'node:path';
import { LIMITS, readInputFile, readStreamBounded } from '../bounded-read.js';
import { parseUntrustedJson } from '../json-safe.js';
import type CliTable3 from 'cli-table3';
import { loadCredentials, type CredentialFlags } from '../config/credentials.js';
import type { Context } from '../context.js';
import { ExitCode, InterruptedError, mostSevere, UsageError } from '../errors.js';
import { describeFsError } from '../fs-error.js';
import type { Spinner } from '../io.js';
import { renderJson } from '../render/json.js';
import { renderTrace } from '../render/timeline.js';
import { report } from '../report-error.js';
import { assertMayCarryCredentials, createRestClient, interpretReply } from '../tencent/client.js';
import { EXPECT_STAGES, explainTraceApiCode, isExpectStage, type ExpectStage } from '../trace/diagnose.js';
import { STAGE_LABELS } from '../trace/model.js';
import { assertPushId, dedupe, EXAMPLE_PUSH_ID, parsePushIdList } from '../trace/pushids.js';
import { escapeUnsafeJson, traceErrorToJson, traceToJson, type TraceJson } from '../trace/report.js';
import { judge, runTraceSession, type TraceResult } from '../trace/session.js';
import { importModule } from '../import-module.js';
import { isLoopbackUrl } from '../net/loopback.js';
import { formatProgress } from '../render/progress.js';
import { renderSummary } from '../render/summary.js';
import { DEFAULT_MIN_INTERVAL_MS } from '../tencent/client.js';
import { summariseTraces } from '../trace/summary.js';
import { checkReportPaths, type ReportPaths } from './report-files.js';
import { exitCodeFor } from '../trace/session.js';
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
  /** Capture files (listen --save, bodies, envelopes) to take PushIDs from (v2). */
  fromCallbacks?: string[];
  /** With fromCallbacks: only events whose ErrCode is not 0. */
  failed?: boolean;
  summary?: boolean;
  /** A --json document or HTML report of an interrupted run: its settled traces are not asked again. */
  resume?: string;
  reportHtml?: string;
  reportMarkdown?: string;
  junit?: string;
  /**
   * Spacing between requests in ms (not a flag: the API allows 1 call/s and the client keeps 1100 ms). Only the
   * demo sets 0, for its in-process sandbox that is started without the limit.
   */
  minIntervalMs?: number;
}

export const TRACE_API = 'v4/timpush/normal_push_trace';
/** Generated UserSigs live one day (the code table advises ≥ 24 h, §2.3); they are never shown. */
const USERSIG_TTL_S = 86400;

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

/**
 * Collects every trace as its --json entry (the summary and the reports are made from these) and prints
 * timelines to stdout as they settle — unless --json (one document at the end) or --summary --quiet (only the
 * summary). Entries resumed from an earlier run are part of the document and summary, not printed again.
 */
class Output {
  private readonly entries: { index: number; doc: TraceJson }[] = [];
  private printed = 0;
  constructor(
    private readonly ctx: Context,
    private readonly Table: typeof CliTable3 | undefined,
    private readonly expect: ExpectStage,
    private readonly timelines: boolean,
  ) {}

  /** A trace settled by an earlier, interrupted run (`--resume`). */
  resumed(index: number, doc: TraceJson): void {
    this.entries.push({ index, doc });
  }

  result(r: TraceResult, index = r.index): void {
    const { io } = this.ctx;
    if (r.trace && r.diag) {
      const doc = traceToJson(r.trace, r.diag, { stage: this.expect, outcome: r.outcome! });
      if (r.error) doc.error = traceErrorToJson(r.pushId, r.error).error!;
      // Ctrl-C came while it was being watched: its last state, not a settled trace (--resume asks it again).
      else if (r.interrupted) doc.error = { exitCode: ExitCode.INTERRUPTED, errorCode: null, message: 'interrupted while still being watched', hint: null };
      this.entries.push({ index, doc });
      if (!io.json && this.timelines) {
        if (this.printed++ > 0) io.out('');
        io.write(renderTrace(r.trace, r.diag, { chalk: io.chalk, Table: this.Table, width: io.outWidth }));
      }
    } else if (r.error) this.entries.push({ index, doc: traceErrorToJson(r.pushId, r.error) });
    if (r.error) report(r.error, io);
  }

  /** Every entry so far, in input order. */
  docs(): TraceJson[] {
    return [...this.entries].sort((a, b) => a.index - b.index).map((e) => e.doc);
  }

  finish(withSummary: boolean): void {
    const { io } = this.ctx;
    const traces = this.docs();
    const summary = withSummary ? summariseTraces(traces) : undefined;
    if (io.json) io.write(escapeUnsafeJson(renderJson(summary ? { traces, summary } : { traces })));
    else if (summary) {
      if (this.printed > 0) io.out('');
      io.write(renderSummary(summary, io.chalk, io.outWidth));
    }
  }
}

/** One stderr line per PushID whose outcome is negative (exit 1) or not found (exit 7), so CI logs say why. */
function summarise(results: readonly TraceResult[], expect: ExpectStage, ctx: Context): void {
  for (const r of results) {
    if (r.error || !r.diag) continue;
    if (r.exitCode === ExitCode.NOT_FOUND) {
      ctx.io.info(`chatpush: ${r.pushId}: no trace data (unknown PushID, another SDKAppID/region, or older than 7 days).`);
    } else if (r.exitCode === ExitCode.NEGATIVE) {
      const where = r.diag.failedStage ? `failed at ${STAGE_LABELS[r.diag.failedStage]}` : r.diag.stalledStage ? `pending at ${STAGE_LABELS[r.diag.stalledStage]}` : r.diag.verdict;
      const label = STAGE_LABELS[expect] === expect ? '' : ` (${STAGE_LABELS[expect]})`;
      ctx.io.info(`chatpush: ${r.pushId}: expected stage "${expect}"${label} was not reached: ${where}.`);
    }
  }
}

async function tableFor(ctx: Context): Promise<typeof CliTable3 | undefined> {
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
  const parsed = await parseUntrustedJson(text);
  if (!parsed.ok) {
    const e = parsed.problem;
    throw new UsageError(`${file}:${e.line}:${e.col}: ${e.tooDeep ? `JSON ${e.what}` : `not valid JSON (${e.what.replace(/^invalid JSON \(|\)$/g, '')})`}.`, {
      hint: 'Save the whole normal_push_trace response body, e.g. the output of curl.',
    });
  }
  const out = new Output(ctx, await tableFor(ctx), expect, !(opts.summary && ctx.globals.quiet));
  const interpreted = interpretReply({ status: 200, contentType: 'application/json', text }, { host: name, sdkappid: 0, explain: explainTraceApiCode });
  let result: TraceResult;
  if (!interpreted.ok) result = { pushId, index: 0, error: interpreted.error, exitCode: interpreted.error.exitCode };
  else result = judge(pushId, 0, interpreted.body, expect);
  out.result(result);
  out.finish(opts.summary === true);
  await writeTraceReports(out.docs(), opts, expect, ctx, 0);
  summarise([result], expect, ctx);
  return result.exitCode;
}

/** Reads the --from-callbacks captures and returns their PushIDs (warnings for skipped events on stderr). */
async function pushIdsFromCallbacks(files: readonly string[], failed: boolean, ctx: Context): Promise<string[]> {
  const texts: { file: string; text: string }[] = [];
  for (const file of files) {
    const hint = "Pass what 'chatpush listen --save <file>' recorded (JSON Lines), a callback body or an envelope.";
    const bytes = file === '-' ? await readStreamBounded(ctx.io.stdin, LIMITS.fixture, '--from-callbacks - (stdin)') : readInputFile(file, LIMITS.fixture, `--from-callbacks ${file}`, hint);
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
    // all_member_push_trace (`trace --task`) is not in this build yet; say what is left out rather than drop it silently.
    ctx.io.warn(
      `${found.tasks.length} (TaskId, To_Account) pair${found.tasks.length === 1 ? '' : 's'} from Push.AllMemberPush events not traced: this build has no 'trace --task' yet (first: ${found.tasks[0]!.taskId} / ${found.tasks[0]!.userId}).`,
    );
  }
  return found.pushIds;
}

/** Writes --report-html / --report-markdown / --junit from the collected traces (renderers loaded only when asked). */
async function writeTraceReports(traces: TraceJson[], opts: TraceOptions, expect: ExpectStage, ctx: Context, durationMs: number): Promise<void> {
  if (!opts.reportHtml && !opts.reportMarkdown && !opts.junit) return;
  const { writeReport, chatpushVersion, redactDoc } = await import('./report-files.js');
  const generatedAt = new Date(ctx.now()).toISOString();
  traces = redactDoc(traces, ctx);
  const summary = summariseTraces(traces);
  if (opts.reportHtml) {
    const { renderTraceHtml } = await import('../render/html/trace.js');
    await writeReport('--report-html', opts.reportHtml, renderTraceHtml({ traces, summary }, { generatedAt, version: chatpushVersion(), expect }), ctx);
  }
  if (opts.reportMarkdown) {
    const { renderTraceMarkdown } = await import('../render/markdown/trace.js');
    await writeReport('--report-markdown', opts.reportMarkdown, renderTraceMarkdown({ traces, summary }, { expect }), ctx);
  }
  if (opts.junit) {
    const { renderTraceJunit } = await import('../render/junit.js');
    await writeReport('--junit', opts.junit, renderTraceJunit(traces, { expect, timestamp: generatedAt, durationMs }), ctx);
  }
}

/** The settled traces of --resume, by PushID. */
async function resumedTraces(file: string, ctx: Context): Promise<Map<string, TraceJson>> {
  const { readResumeFile } = await import('../trace/resume.js');
  // A report of a large batch is bigger than a response file; the fixture limit (64 MiB) bounds it.
  const text = readInputFile(file, LIMITS.fixture, `--resume ${file}`, 'Pass the --json output or the --report-html file of the interrupted run.').toString('utf8');
  const out = new Map<string, TraceJson>();
  for (const t of readResumeFile(file, text)) if (typeof t.pushId === 'string') out.set(t.pushId, t);
  ctx.io.debug(`--resume ${file}: ${out.size} settled traces`);
  return out;
}

/**
 * The spacing between trace requests: 1.1 s (the API allows 1/s). CHATPUSH_TRACE_INTERVAL_MS may lower it for a
 * loopback endpoint only — the sandbox started with a lower --min-interval-ms, for tests and demos — so the real
 * API's limit can never be exceeded by it.
 */
function paceFor(baseUrl: string, ctx: Context): number {
  const raw = ctx.env.CHATPUSH_TRACE_INTERVAL_MS;
  if (raw === undefined || raw === '') return DEFAULT_MIN_INTERVAL_MS;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`CHATPUSH_TRACE_INTERVAL_MS "${raw}" is not a whole number of milliseconds.`);
  if (!isLoopbackUrl(new URL(baseUrl))) {
    ctx.io.warn('CHATPUSH_TRACE_INTERVAL_MS is only honoured for a loopback endpoint (the sandbox); keeping 1 request/s.');
    return DEFAULT_MIN_INTERVAL_MS;
  }
  return Number(raw.trim());
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
  const reportPaths: ReportPaths = { '--report-html': opts.reportHtml, '--report-markdown': opts.reportMarkdown, '--junit': opts.junit };
  await checkReportPaths(reportPaths, ctx.cwd);
  if (opts.failed && !opts.fromCallbacks) throw new UsageError('--failed selects events of --from-callbacks captures; give --from-callbacks <file…> too.');
  if (opts.responseFile !== undefined) {
    if (opts.fromCallbacks || opts.resume) throw new UsageError('--response-file renders one saved response; it cannot be combined with --from-callbacks or --resume.');
    return traceFromFile(pushIds, opts, expect, ctx);
  }
  if (opts.resume && opts.watch) throw new UsageError('--resume continues a batch; it cannot be combined with --watch.');

  const fromCallbacks = opts.fromCallbacks ?? [];
  const callbackIds = fromCallbacks.length > 0 ? await pushIdsFromCallbacks(fromCallbacks, opts.failed === true, ctx) : [];
  const ids =
    fromCallbacks.length > 0 && pushIds.length === 0 && opts.fromFile === undefined
      ? dedupe(callbackIds).ids
      : dedupe([...(await collectPushIds(pushIds, opts.fromFile, ctx)), ...callbackIds]).ids;
  const out = new Output(ctx, await tableFor(ctx), expect, !(opts.summary && ctx.globals.quiet));

  // --resume: what the interrupted run settled is kept as it was, in its place in the batch.
  const resumed = opts.resume ? await resumedTraces(opts.resume, ctx) : new Map<string, TraceJson>();
  const todo: { pushId: string; index: number }[] = [];
  const priorCodes: number[] = [];
  ids.forEach((pushId, index) => {
    const prior = resumed.get(pushId);
    // A trace judged against another --expect stage is asked again: its outcome would not be this run's.
    if (prior?.expect && prior.expect.stage === expect) {
      out.resumed(index, prior);
      priorCodes.push(exitCodeFor(prior.expect.outcome));
    } else todo.push({ pushId, index });
  });
  if (opts.resume) ctx.io.info(`chatpush: resuming from ${opts.resume}: ${ids.length - todo.length} of ${ids.length} already traced, ${todo.length} to go.`);

  const startedAt = ctx.now();
  if (todo.length === 0) {
    out.finish(opts.summary === true);
    await writeTraceReports(out.docs(), opts, expect, ctx, 0);
    if (ids.length === 0) ctx.io.info('chatpush: nothing to trace.');
    return mostSevere(priorCodes);
  }

  const creds = await loadCredentials(ctx, opts, { needSigner: true, allowUsersig: true });
  assertMayCarryCredentials(creds.baseUrl);
  // Imported here: signing loads node:crypto and node:zlib (~5 ms), which --response-file never needs.
  const usersig =
    creds.usersig ??
    (await import('../tencent/usersig.js')).genUserSig({ sdkappid: creds.sdkappid, key: creds.secretKey!, identifier: creds.identifier, expire: USERSIG_TTL_S, time: Math.floor(ctx.now() / 1000) });
  ctx.io.addSecret(usersig);
  const origin = (k: 'sdkappid' | 'identifier' | 'endpoint' | 'region'): string => creds.origins[k]?.origin ?? 'default';
  ctx.io.debug(
    `sdkappid ${creds.sdkappid} (${origin('sdkappid')}), identifier ${creds.identifier} (${origin('identifier')}), ` +
      `usersig=[REDACTED] (${creds.usersig ? 'given' : 'generated from the key, valid 24 h'}), base ${creds.baseUrl} (${creds.origins.endpoint ? origin('endpoint') : `region ${creds.region?.id ?? 'sgp'}`})`,
  );
  const paceMs = paceFor(creds.baseUrl, ctx);

  let spinner: Spinner | undefined;
  const stopSpinner = (): void => {
    spinner?.stop();
    spinner = undefined;
  };
  // No default in cli.ts, so that a --watch-timeout given without --watch can be pointed out rather than ignored.
  const watchTimeoutMs = (opts.watchTimeout ?? 120) * 1000;
  // One deadline for the watch loop and the client, so a poll cut short by it is recognised as the watch ending.
  const watchDeadline = ctx.now() + watchTimeoutMs;
  const client = createRestClient({
    target: { baseUrl: creds.baseUrl, sdkappid: creds.sdkappid, identifier: creds.identifier },
    usersig: () => usersig,
    redact: (text) => ctx.io.redact(text),
    // --watch-timeout is a deadline for everything, retries and their waits included.
    ...(opts.watch ? { deadline: watchDeadline } : {}),
    timeoutMs: (opts.timeout ?? 10) * 1000,
    retries: opts.retries ?? 3,
    // The demo passes 0 for its own in-process sandbox; CHATPUSH_TRACE_INTERVAL_MS may lower it for loopback only.
    minIntervalMs: opts.minIntervalMs ?? paceMs,
    now: ctx.now,
    random: ctx.random,
    sleep: ctx.sleep,
    signal: ctx.signal,
    explain: explainTraceApiCode,
    log: (line) => ctx.io.debug(line),
    onRetry: (e) => {
      const line = `${e.reason}; retrying in ${(e.delayMs / 1000).toFixed(1)} s (${e.retry} of ${e.retries})`;
      if (spinner) spinner.text(line);
      else ctx.io.info(`chatpush: ${line}.`);
    },
  });

  if (opts.watchTimeout !== undefined && !opts.watch) ctx.io.warn('--watch-timeout has no effect without --watch.');
  if (opts.watch && !ctx.io.canSpin) {
    ctx.io.info(`chatpush: watching ${ids.length === 1 ? ids[0] : `${ids.length} PushIDs`} until "${expect}" succeeds or fails (at most ${opts.watchTimeout ?? 120} s)…`);
  }
  const offset = ids.length - todo.length;
  let settled = 0;
  try {
    const { results, skipped, interrupted } = await runTraceSession(
      todo.map((t) => t.pushId),
      {
        expect,
        watch: opts.watch === true,
        watchTimeoutMs,
        deadlineAt: watchDeadline,
        now: ctx.now,
        sleep: ctx.sleep,
        fetch: async (pushId) => (await client.call(TRACE_API, { PushID: pushId })).body,
        onFetch: async (pushId, info) => {
          const what =
            ids.length > 1 && !opts.watch
              ? `${formatProgress(offset + settled, ids.length, paceMs)} · tracing ${pushId}…`
              : `${info.total > 1 ? `[${info.index + 1}/${info.total}] ` : ''}Tracing ${pushId}${opts.watch ? ` (poll ${info.poll}, ${Math.max(0, Math.round((info.remainingMs ?? 0) / 1000))} s left)` : ''}…`;
          if (spinner) spinner.text(what);
          else if (ctx.io.canSpin) spinner = await ctx.io.spinner(what);
          ctx.io.debug(what);
        },
        onResult: (r) => {
          settled++;
          stopSpinner();
          out.result(r, todo[r.index]!.index);
        },
      },
    );
    stopSpinner();
    out.finish(opts.summary === true);
    await writeTraceReports(out.docs(), opts, expect, ctx, ctx.now() - startedAt);
    if (interrupted) {
      // Ctrl-C or a closed stdout: the partial report is out (every PushID settled so far, and the last state of
      // those being watched) and written to the report files, so `--resume <file>` can continue.
      const done = results.filter((r) => !r.interrupted);
      if (!opts.summary) summarise(done, expect, ctx);
      // `trace … | head -1`: the reader has gone; the PushIDs settled so far decide the code (never a false 0).
      if (isStdoutClosed(ctx.signal)) return mostSevere([...priorCodes, ...done.map((r) => r.exitCode)]);
      const file = opts.reportHtml ?? (ctx.io.json ? '<the --json output>' : undefined);
      ctx.io.error(
        `chatpush: interrupted: ${offset + done.length} of ${ids.length} PushID${ids.length === 1 ? '' : 's'} settled.${file && offset + done.length < ids.length ? ` Continue with --resume ${file}.` : ''}`,
      );
      return ExitCode.INTERRUPTED;
    }
    if (skipped.length > 0) {
      ctx.io.error(`chatpush: skipped ${skipped.length} more PushID${skipped.length === 1 ? '' : 's'}: the same credentials would be rejected.`);
    }
    // With --summary the grouped table says it; one stderr line per PushID would bury it in a large batch.
    if (!opts.summary) summarise(results, expect, ctx);
    return mostSevere([...priorCodes, ...results.map((r) => r.exitCode), ...(skipped.length ? [ExitCode.AUTH] : [])]);
  } catch (err) {
    stopSpinner();
    if (err instanceof InterruptedError) {
      // Ctrl-C: what was traced so far is still printed and written, so `--resume <that file>` can continue.
      out.finish(opts.summary === true);
      await writeTraceReports(out.docs(), opts, expect, ctx, ctx.now() - startedAt);
      const file = opts.reportHtml ?? (ctx.io.json ? '<the --json output>' : undefined);
      ctx.io.error(`chatpush: interrupted: ${offset + settled} of ${ids.length} PushIDs settled.${file ? ` Continue with --resume ${file}.` : ''}`);
    }
    throw err;
  } finally {
    stopSpinner();
    await client.close();
  }
}
