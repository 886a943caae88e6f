/**
 * `trace --response-file`: a saved normal_push_trace answer rendered offline, with no credentials or network.
 * Shown as a timeline or as --json alone, the answer's instances are built, judged and written one at a time
 * (issue 15); with --summary or a report they are judged whole, as a live trace is.
 */
import { basename } from 'node:path';
import type CliTable3 from 'cli-table3';
import { LIMITS, readInputFile } from '../bounded-read.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { parseUntrustedJson, type JsonResult } from '../json-safe.js';
import { sanitize } from '../render/sanitize.js';
import type { InstanceFeed } from '../render/timeline.js';
import { interpretReply } from '../tencent/client.js';
import { explainTraceApiCode, TraceJudgement, type ExpectStage, type InstanceDiagnosis, type TraceDiagnosis } from '../trace/diagnose.js';
import { buildInstance, instanceEntries } from '../trace/model.js';
import { assertPushId } from '../trace/pushids.js';
import { instanceToJson, type InstanceJson } from '../trace/report.js';
import { assertInstanceList, exitCodeFor, judge, verdictFor, type TraceResult } from '../trace/session.js';
import type { TraceOptions } from './trace.js';
import { breather, type Breather, needsDocs, Output, readStdin, summarise, tableFor, unknownEventTypeNote, writeFeed, writeTraceReports } from './trace-io.js';

/** `--response-file`: a saved response, rendered offline. */
export async function traceFromFile(args: readonly string[], opts: TraceOptions, expect: ExpectStage, ctx: Context): Promise<number> {
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
  const Table = await tableFor(ctx);
  const out = new Output(ctx, Table, expect, undefined, !(opts.summary && ctx.globals.quiet), needsDocs(opts));
  const interpreted = interpretReply({ status: 200, contentType: 'application/json', text, parsed: parsed.value }, { host: name, sdkappid: 0, explain: explainTraceApiCode });
  // The text and its parse tree are garbage from here on (nothing below keeps either): a 16 MB answer is not
  // held while its report is written.
  text = '';
  parsed = undefined;
  let result: TraceResult;
  // Now and then during a big answer's work, Ctrl-C is let in (it stops the run with exit 130).
  const pause = breather(ctx);
  if (!interpreted.ok) {
    result = { pushId, index: 0, error: interpreted.error, exitCode: interpreted.error.exitCode };
    out.result(result);
  } else if (!ctx.io.json && !needsDocs(opts)) result = await streamTimeline(pushId, interpreted.body, expect, Table, ctx, pause);
  else if (ctx.io.json && !needsDocs(opts)) result = await streamJson(pushId, interpreted.body, expect, out, ctx, pause);
  else {
    result = judge(pushId, 0, interpreted.body, expect);
    await pause.breathe();
    await out.resultPaced(result, pause);
  }
  await out.finish(opts.summary === true, pause);
  await pause.breathe();
  // Interrupted (Ctrl-C), no report is written: one of part of an answer would give a verdict it does not have.
  await writeTraceReports(out.docs(), opts, expect, ctx, 0, pause);
  summarise([result], expect, ctx);
  return result.exitCode;
}

/**
 * A saved answer shown as a timeline only (no --json, summary or report): each instance is built, judged and
 * written in its turn and then dropped, so that the instances of a 20 000-instance answer are never all held
 * (issue 15: holding them was a tenth of the run, in collections that copied them). The text is the one
 * Output.result writes for the whole trace (test/e2e/trace-response-file.test.ts compares them).
 */
async function streamTimeline(pushId: string, body: Record<string, unknown>, expect: ExpectStage, Table: typeof CliTable3 | undefined, ctx: Context, pause: Breather): Promise<TraceResult> {
  const { io } = ctx;
  assertInstanceList(body);
  const entries = instanceEntries(body);
  const judgement = new TraceJudgement(expect);
  let current: InstanceDiagnosis | undefined;
  const feed: InstanceFeed = {
    count: entries.length,
    instance: (i) => {
      const inst = buildInstance(entries[i]!, i);
      if (inst.unknownEventType !== null) io.debug(sanitize(unknownEventTypeNote(pushId, inst.instanceId, inst.unknownEventType)));
      current = judgement.add(inst);
      return inst;
    },
    diagnosis: () => current,
  };
  // The verdict is made once, when the renderer asks for it after the last instance, and is also the result's.
  let diag: TraceDiagnosis | undefined;
  const verdict = (): TraceDiagnosis => (diag ??= verdictFor(judgement.diagnosis(), expect));
  await writeFeed(io, pushId, feed, verdict, { chalk: io.chalk, Table, width: io.outWidth }, pause);
  const outcome = judgement.outcome();
  return { pushId, index: 0, diag: verdict(), outcome, exitCode: exitCodeFor(outcome) };
}

/**
 * A saved answer as --json only (no summary or report): judged in a first pass, then each instance built again
 * while the document is written, rather than all held from one pass to the other (issue 15). The document's
 * verdict comes before its instances, so one pass cannot do.
 */
async function streamJson(pushId: string, body: Record<string, unknown>, expect: ExpectStage, out: Output, ctx: Context, pause: Breather): Promise<TraceResult> {
  assertInstanceList(body);
  const entries = instanceEntries(body);
  const judgement = new TraceJudgement(expect);
  // Judged until the end or until a pause for Ctrl-C is due (see breather); returns where it stopped.
  const judgeFrom = (from: number): number => {
    for (let i = from; i < entries.length; i++) {
      if ((i & 255) === 0 && i > from && pause.due()) return i;
      const inst = buildInstance(entries[i]!, i);
      if (inst.unknownEventType !== null) ctx.io.debug(sanitize(unknownEventTypeNote(pushId, inst.instanceId, inst.unknownEventType)));
      judgement.add(inst);
    }
    return entries.length;
  };
  await pause.steps(entries.length, judgeFrom);
  const outcome = judgement.outcome();
  const diag = verdictFor(judgement.diagnosis(), expect);
  const result = { pushId, index: 0, diag, outcome, exitCode: exitCodeFor(outcome) };
  out.streamedResult(
    result,
    (function* instances(): Generator<InstanceJson> {
      for (let i = 0; i < entries.length; i++) yield instanceToJson(buildInstance(entries[i]!, i), diag.instances[i]!);
    })(),
  );
  return result;
}

/** A file name that is a PushID in the MsgID shape (five underscore-separated hex parts, §2.4). */
function isPushId(text: string): boolean {
  return /^[0-9a-f]{8}(_[0-9a-f]+){4}$/i.test(text);
}
