/**
 * The trace command's input and output, shared by its live, task and saved-answer paths (trace.ts,
 * trace-task.ts, trace-saved.ts): PushIDs and answers read from stdin, timelines and the --json document written
 * as traces settle (Output), the stderr line per negative outcome, and the report files.
 */
import type CliTable3 from 'cli-table3';
import { readStreamBounded } from '../bounded-read.js';
import type { Context } from '../context.js';
import { ExitCode, InterruptedError } from '../errors.js';
import { importModule } from '../import-module.js';
import { jsonPieces, Streamed } from '../render/json-stream.js';
import { sanitize } from '../render/sanitize.js';
import { renderSummary } from '../render/summary.js';
import { renderFeedEnd, renderFeedInstances, renderFeedTitle, renderTraceTo, traceFeed, type InstanceFeed, type TimelineOptions } from '../render/timeline.js';
import { report } from '../report-error.js';
import type { ExpectOutcome, ExpectStage, TraceDiagnosis } from '../trace/diagnose.js';
import { STAGE_LABELS } from '../trace/model.js';
import { instancesToJson, traceErrorToJson, traceJsonWith, traceToJson, type InstanceJson, type TraceJson } from '../trace/report.js';
import type { TraceResult } from '../trace/session.js';
import { summariseTraces } from '../trace/summary.js';
import type { TaskLabel, TraceOptions } from './trace.js';

/** Reads stdin to its end, bounded (bounded-read.ts): `trace - </dev/zero` stops at the limit with exit 2. */
export async function readStdin(ctx: Context, limit: number, what: string, prompt = 'PushIDs (one per line)'): Promise<string> {
  // On a terminal, waiting silently looks like a hang (issue 11).
  if (ctx.io.stdinIsTTY) ctx.io.info(`chatpush: reading ${prompt} from stdin; end with Ctrl-D.`);
  const text = (await readStreamBounded(ctx.io.stdin, limit, what, ctx.signal)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A trace's JSON with its instances produced while they are written (render/json-stream.ts). */
type StreamedTraceJson = Omit<TraceJson, 'instances'> & { instances: Streamed<InstanceJson> };

/**
 * A sink for pieces of text that writes them in writes of about 16 KiB (pieces end at line ends, so redaction
 * sees whole lines). An instance's piece is a tree of a few hundred short strings until the write flattens it,
 * and every young-generation collection copies the trees not yet written: with 64 KiB that was ~360 KB copied
 * per collection of a 2000-instance timeline, with 16 KiB the collections' pauses are a quarter shorter in all
 * (issue 15; 80 writes instead of 20).
 */
export class PieceWriter {
  private buf = '';
  constructor(private readonly io: Context['io']) {}

  readonly emit = (piece: string): void => {
    this.buf += piece;
    if (this.buf.length >= 16384) {
      this.io.write(this.buf);
      this.buf = '';
    }
  };

  /** Writes what is left. */
  flush(): void {
    if (this.buf !== '') this.io.write(this.buf);
    this.buf = '';
  }
}

/** Hands `render` a PieceWriter's sink, then writes what is left. */
export function writePieces(io: Context['io'], render: (emit: (piece: string) => void) => void): void {
  const writer = new PieceWriter(io);
  render(writer.emit);
  writer.flush();
}

/**
 * Writes a timeline instance by instance (renderTraceTo's text, its instances given one at a time and its verdict
 * asked for once they all have been), stopping now and then so that Ctrl-C can come in (InterruptedError).
 * Interrupted, the instances rendered so far are still written, whole, and their last line ended (the
 * "interrupted" line on stderr then starts a line of its own on a terminal).
 */
export async function writeFeed(io: Context['io'], pushId: string, feed: InstanceFeed, verdict: () => TraceDiagnosis, opts: TimelineOptions, pause: Breather): Promise<void> {
  const writer = new PieceWriter(io);
  let ended = false;
  try {
    writer.emit(renderFeedTitle(pushId, feed.count, opts));
    await pause.steps(feed.count, (from) => renderFeedInstances(feed, from, opts, writer.emit, pause.due));
    writer.emit(renderFeedEnd(verdict(), opts));
    ended = true;
  } finally {
    if (!ended) writer.emit('\n');
    writer.flush();
  }
}

/**
 * Lets Ctrl-C in during long synchronous work (trace --response-file of a big answer). A signal handler runs only
 * between turns of the event loop: rendered in one go, a 16 MB answer ignored Ctrl-C for ~1.7 s on a terminal and
 * then ended 0. The work asks `due()` now and then (a clock read), and when ~200 ms have passed since the last
 * turn it stops and awaits `turn()`: one turn of the event loop, which rejects with InterruptedError once Ctrl-C
 * has come. A shorter run never stops, nor loads what the cancellation signal needs; and the work stops only when
 * due rather than every so many items, which cost 1-8 % (V8 then optimised the loop in pieces).
 */
export interface Breather {
  due(): boolean;
  turn(): Promise<void>;
  /** A turn if one is due (between the steps of work that has no loop of its own). */
  breathe(): Promise<void>;
  /**
   * Items 0..count-1 by `work(from)`, which goes on until count or until due() and returns where it stopped,
   * with a turn between its calls.
   */
  steps(count: number, work: (from: number) => number): Promise<void>;
}

export function breather(ctx: Pick<Context, 'signal'>, everyMs = 200): Breather {
  let last = performance.now();
  const b: Breather = {
    due: () => performance.now() - last >= everyMs,
    async turn() {
      // setImmediate rather than a timer: its callbacks run after the loop has polled for I/O, signals included.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (ctx.signal.aborted) throw new InterruptedError();
      last = performance.now();
    },
    async breathe() {
      if (b.due()) await b.turn();
    },
    async steps(count, work) {
      for (let from = work(0); from < count; from = work(from)) await b.turn();
    },
  };
  return b;
}

/** Whether the traces are needed whole after the output: for the summary and the report files. */
export function needsDocs(opts: TraceOptions): boolean {
  return opts.summary === true || opts.reportHtml !== undefined || opts.reportMarkdown !== undefined || opts.junit !== undefined;
}

/**
 * Collects every trace as its --json entry (the summary and the reports are made from these) and prints
 * timelines to stdout as they settle — unless --json (one document at the end) or --summary --quiet (only the
 * summary). Entries resumed from an earlier run are part of the document and summary, not printed again.
 */
export class Output {
  private readonly entries: { index: number; doc: TraceJson | StreamedTraceJson }[] = [];
  private printed = 0;
  constructor(
    private readonly ctx: Context,
    private readonly Table: typeof CliTable3 | undefined,
    private readonly expect: ExpectStage,
    /** Task traces: the (TaskID, UserID) behind a result's label, for the title and JSON. */
    private readonly taskOf?: (label: string) => TaskLabel | undefined,
    /** false with --summary --quiet: only the summary is printed. */
    private readonly timelines = true,
    /**
     * Whether the entries are needed whole after the output (--summary, --report-html/-markdown, --junit). Without
     * that, a --json entry's instances are produced while the document is written (issue 15: a 20 000-instance
     * answer was held as objects and as one string of tens of MB).
     */
    private readonly keepDocs = true,
  ) {}

  /** A trace settled by an earlier, interrupted run (`--resume`). */
  resumed(index: number, doc: TraceJson): void {
    this.entries.push({ index, doc });
  }

  result(r: TraceResult, index = r.index): void {
    const { io } = this.ctx;
    const title = this.settle(r, index);
    if (title !== false) {
      writePieces(io, (emit) => renderTraceTo(r.trace!, r.diag!, { chalk: io.chalk, Table: this.Table, title, width: io.outWidth }, emit));
    }
    if (r.error) report(r.error, io);
  }

  /**
   * result() for one big settled trace (trace --response-file with a summary or report): its timeline is
   * written in steps, with Ctrl-C let in between them.
   */
  async resultPaced(r: TraceResult, pause: Breather): Promise<void> {
    const { io } = this.ctx;
    const title = this.settle(r, r.index);
    if (title !== false) {
      const { trace, diag } = r as Required<Pick<TraceResult, 'trace' | 'diag'>>;
      await writeFeed(io, trace.pushId, traceFeed(trace, diag), () => diag, { chalk: io.chalk, Table: this.Table, title, width: io.outWidth }, pause);
    }
    if (r.error) report(r.error, io);
  }

  /**
   * Keeps a result's entry; returns false when no timeline is to be printed for it, else the timeline's title
   * (undefined: the PushID's).
   */
  private settle(r: TraceResult, index: number): string | undefined | false {
    const { io } = this.ctx;
    const task = this.taskOf?.(r.pushId);
    const tag = <D extends TraceJson | StreamedTraceJson>(doc: D): D =>
      task ? { ...doc, pushId: null, taskId: task.taskId, userId: task.userId, ...(task.online ? { online: task.online } : {}) } : doc;
    if (r.trace && r.diag) {
      for (const inst of r.trace.instances) {
        if (inst.unknownEventType !== null) io.debug(sanitize(unknownEventTypeNote(r.pushId, inst.instanceId, inst.unknownEventType)));
      }
      const expect = { stage: this.expect, outcome: r.outcome! };
      const doc: TraceJson | StreamedTraceJson =
        // Without keepDocs a timeline run never reads the entry's instances, and --json reads them once, as written.
        this.keepDocs ? traceToJson(r.trace, r.diag, expect) : traceJsonWith(r.pushId, r.diag, expect, new Streamed(instancesToJson(r.trace, r.diag), true));
      if (r.error) doc.error = traceErrorToJson(r.pushId, r.error).error!;
      // Ctrl-C came while it was being watched: its last state, not a settled trace (--resume asks it again).
      else if (r.interrupted) doc.error = { exitCode: ExitCode.INTERRUPTED, errorCode: null, message: 'interrupted while still being watched', hint: null };
      this.entries.push({ index, doc: tag(doc) });
      if (!io.json && this.timelines) {
        if (this.printed++ > 0) io.out('');
        return task ? `Task ${task.taskId} · user ${task.userId}` : undefined;
      }
    } else if (r.error) this.entries.push({ index, doc: tag(traceErrorToJson(r.pushId, r.error)) });
    return false;
  }

  /**
   * A --json entry whose instances are made while the document is written (trace --response-file, see
   * streamJson); the result is judged already.
   */
  streamedResult(r: TraceResult & { diag: TraceDiagnosis; outcome: ExpectOutcome }, instances: Iterable<InstanceJson>): void {
    this.entries.push({ index: r.index, doc: traceJsonWith(r.pushId, r.diag, { stage: this.expect, outcome: r.outcome }, new Streamed(instances, true)) });
  }

  /** Every entry so far, in input order (whole only when the Output was made with keepDocs). */
  docs(): TraceJson[] {
    return [...this.entries].sort((a, b) => a.index - b.index).map((e) => e.doc as TraceJson);
  }

  /** Writes the --json document, or the summary after the timelines; with `pause`, Ctrl-C can stop the document between pieces. */
  async finish(withSummary = false, pause?: Breather): Promise<void> {
    const { io } = this.ctx;
    const traces = this.docs();
    const summary = withSummary ? summariseTraces(traces) : undefined;
    // Byte for byte renderJson's document, written in pieces; io.write escapes what JSON.stringify leaves raw.
    if (io.json) {
      let ended = false;
      try {
        for (const piece of jsonPieces(summary ? { traces: new Streamed(traces), summary } : { traces: new Streamed(traces) }, io.prettyJson)) {
          io.write(piece);
          // A clock read per piece, not an await: most pieces go out without a turn.
          if (pause?.due()) await pause.turn();
        }
        ended = true;
      } finally {
        // Cut short by Ctrl-C (exit 130): the document is incomplete, and its last line is ended all the same.
        if (!ended) io.write('\n');
      }
    } else if (summary) {
      if (this.printed > 0) io.out('');
      io.write(renderSummary(summary, io.chalk, io.outWidth));
    }
  }
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

/**
 * Writes --report-html / --report-markdown / --junit from the collected traces (renderers loaded only when asked).
 * With `pause` (a saved answer), Ctrl-C can stop it between its steps, before any file not yet written is.
 */
export async function writeTraceReports(traces: TraceJson[], opts: TraceOptions, expect: ExpectStage, ctx: Context, durationMs: number, pause?: Breather): Promise<void> {
  if (!opts.reportHtml && !opts.reportMarkdown && !opts.junit) return;
  const { writeReport, chatpushVersion, redactDoc } = await import('./report-files.js');
  const generatedAt = new Date(ctx.now()).toISOString();
  traces = redactDoc(traces, ctx);
  await pause?.breathe();
  const summary = summariseTraces(traces);
  if (opts.reportHtml) {
    const { renderTraceHtml } = await import('../render/html/trace.js');
    const html = renderTraceHtml({ traces, summary }, { generatedAt, version: chatpushVersion(), expect });
    await pause?.breathe();
    await writeReport('--report-html', opts.reportHtml, html, ctx);
  }
  if (opts.reportMarkdown) {
    const { renderTraceMarkdown } = await import('../render/markdown/trace.js');
    const markdown = renderTraceMarkdown({ traces, summary }, { expect });
    await pause?.breathe();
    await writeReport('--report-markdown', opts.reportMarkdown, markdown, ctx);
  }
  if (opts.junit) {
    const { renderTraceJunit } = await import('../render/junit.js');
    const junit = renderTraceJunit(traces, { expect, timestamp: generatedAt, durationMs });
    await pause?.breathe();
    await writeReport('--junit', opts.junit, junit, ctx);
  }
}

/** The --verbose note for an instance whose EventType is neither 1 nor 2. */
export function unknownEventTypeNote(pushId: string, instanceId: string, eventType: string): string {
  return `${pushId}: instance ${instanceId} has EventType ${eventType}, neither 1 (offline) nor 2 (online); shown without an event type (push-apis.md §4, UNCONFIRMED).`;
}
