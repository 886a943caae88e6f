/**
 * Traces a batch of PushIDs, once or with --watch (spec.md trace). No I/O of its own: the fetch, the clock
 * and sleep come in, so the loop is tested without a network. Pacing (1 call/s, §2.4) is the client's job;
 * this loop decides what to ask next, when a PushID is settled, and its exit code.
 */
import { AuthError, ChatpushError, ExitCode, InterruptedError, NetworkError, PendingError, ServiceError } from '../errors.js';
import { TraceJudgement, type CauseId, type ExpectOutcome, type ExpectStage, type TraceDiagnosis } from './diagnose.js';
import { buildTrace, STAGE_LABELS, type Trace } from './model.js';

export interface TraceResult {
  pushId: string;
  /** Position in the input list. */
  index: number;
  trace?: Trace;
  diag?: TraceDiagnosis;
  outcome?: ExpectOutcome;
  /** Why the lookup failed, or (with --watch) why it ended pending. */
  error?: ChatpushError;
  exitCode: number;
  /** Ctrl-C came while this PushID was still being watched: `trace`/`diag` are its last state. */
  interrupted?: true;
}

export interface SessionOptions {
  expect: ExpectStage;
  watch: boolean;
  watchTimeoutMs: number;
  /** The --watch deadline on the `now` clock, when the caller already fixed it (the REST client shares it). */
  deadlineAt?: number;
  /** Fetches the raw response body for one PushID (throws typed errors). */
  fetch: (pushId: string) => Promise<unknown>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Called when a PushID is settled, in the order they settle. */
  onResult?: (result: TraceResult) => void;
  /** Called before each request. */
  onFetch?: (pushId: string, info: { index: number; total: number; poll: number; remainingMs: number | undefined }) => void | Promise<void>;
}

/** The exit code for a trace's --expect outcome (spec.md "Exit codes"). */
export function exitCodeFor(outcome: ExpectOutcome): number {
  switch (outcome) {
    case 'reached':
      return ExitCode.OK;
    case 'not_found':
      return ExitCode.NOT_FOUND;
    default:
      return ExitCode.NEGATIVE;
  }
}

/** Pause between --watch rounds: 1 s, growing by 0.25 s per round to at most 5 s (gentle on a 1 call/s API). */
export function watchDelay(round: number): number {
  return Math.min(5000, 1000 + 250 * round);
}

/**
 * A present InstanceTrace that is not a list (a string, an object, a number) is a malformed answer (exit 5),
 * not "no data for this PushID" (exit 7): only a missing, null or empty list means not found.
 */
export function assertInstanceList(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  for (const key of ['InstanceTrace', 'InstanceTraces']) {
    const list = (body as Record<string, unknown>)[key];
    if (list === undefined || list === null || Array.isArray(list)) continue;
    const kind = typeof list === 'object' ? 'an object' : `a ${typeof list}`;
    throw new ServiceError(`malformed answer: ${key} is ${kind}, not a list of instances.`, undefined, {
      hint: 'Is --endpoint the REST API host? A proxy may have rewritten the answer; re-run with --verbose.',
    });
  }
}

/** Drops the "(try --watch)" advice from a verdict reached while watching: the user already did (issue 11 polish). */
export function withoutWatchAdvice(diag: TraceDiagnosis): TraceDiagnosis {
  if (!diag.next.includes(' (try --watch)')) return diag;
  const next = diag.next.replace(' (try --watch)', '');
  return { ...diag, next, hint: `${diag.summary} ${next}` };
}

/** Builds and judges one response (`watching`: under --watch, whose verdicts do not advise --watch). */
export function judge(pushId: string, index: number, body: unknown, expect: ExpectStage, watching = false): TraceResult {
  assertInstanceList(body);
  const trace = buildTrace(pushId, body);
  const judgement = new TraceJudgement(expect);
  for (const inst of trace.instances) judgement.add(inst);
  const outcome = judgement.outcome();
  return { pushId, index, trace, diag: verdictFor(judgement.diagnosis(), expect, watching), outcome, exitCode: exitCodeFor(outcome) };
}

/** The trace's diagnosis as it is shown for an --expect stage (and under --watch). */
export function verdictFor(diag: TraceDiagnosis, expect: ExpectStage, watching = false): TraceDiagnosis {
  let shown = diag;
  // "use --expect click if a click is required" is advice for those who did not ask for the click (issue 11).
  if (expect === 'click' && shown.cause === 'delivered') {
    const next = 'With --expect click this counts as not reached: wait for the user to open it, or trace again later.';
    shown = { ...shown, next, hint: `${shown.summary} ${next}` };
  }
  return watching ? withoutWatchAdvice(shown) : shown;
}

/**
 * Causes of a pending verdict that more polling cannot change: with notifications off the vendor delivered and the
 * device will not show it (reference/protocols.md §4.4), so --watch stops and reports it instead of waiting out
 * the deadline.
 */
export const FINAL_STALL_CAUSES: ReadonlySet<CauseId> = new Set<CauseId>(['notification_off']);

/** Errors after which the rest of the batch would fail the same way. */
function isFatal(err: ChatpushError): boolean {
  return err instanceof AuthError;
}

/**
 * Runs the batch. Returns every result in input order and the PushIDs skipped after a fatal error (the same
 * credentials would be rejected again). Interruption propagates as InterruptedError.
 */
export async function runTraceSession(
  ids: readonly string[],
  opts: SessionOptions,
): Promise<{ results: TraceResult[]; skipped: string[]; interrupted: boolean }> {
  const results = new Map<number, TraceResult>();
  const settle = (r: TraceResult): void => {
    results.set(r.index, r);
    opts.onResult?.(r);
  };
  const deadline = opts.watch ? (opts.deadlineAt ?? opts.now() + opts.watchTimeoutMs) : undefined;
  let open = ids.map((pushId, index) => ({ pushId, index }));
  const last = new Map<number, TraceResult>();
  let fatal = false;
  let interrupted = false;
  const pendingAtDeadline = (pushId: string, r: TraceResult): PendingError => {
    const seconds = Math.round(opts.watchTimeoutMs / 100) / 10;
    const label = STAGE_LABELS[opts.expect] === opts.expect ? '' : ` (${STAGE_LABELS[opts.expect]})`;
    const what = r.outcome === 'not_found' ? 'still no trace data' : `"${opts.expect}"${label} not reached yet`;
    return new PendingError(`${pushId}: ${what} after watching for ${seconds} s.`, { hint: 'Trace it again later, or raise --watch-timeout.' });
  };

  try {
    for (let round = 0; open.length > 0 && !fatal; round++) {
      const stillOpen: typeof open = [];
      for (const item of open) {
        if (fatal) break;
        await opts.onFetch?.(item.pushId, { index: item.index, total: ids.length, poll: round + 1, remainingMs: deadline === undefined ? undefined : deadline - opts.now() });
        let result: TraceResult;
        try {
          result = judge(item.pushId, item.index, await opts.fetch(item.pushId), opts.expect, opts.watch);
        } catch (err) {
          if (err instanceof InterruptedError || !(err instanceof ChatpushError)) throw err;
          // A poll cut short by the --watch-timeout deadline (the client gives a request only the time left) is
          // the watch ending, not a network failure: still pending, exit 8, with the last state seen.
          const seen = last.get(item.index);
          if (seen && deadline !== undefined && err instanceof NetworkError && opts.now() >= deadline) {
            settle({ ...seen, error: pendingAtDeadline(item.pushId, seen), exitCode: ExitCode.PENDING });
            continue;
          }
          settle({ pushId: item.pushId, index: item.index, error: err, exitCode: err.exitCode });
          fatal = isFatal(err);
          continue;
        }
        // With --watch, "no data yet" and "not reached yet" keep polling; anything else is final, and so is a
        // stall whose cause waiting cannot change (notifications switched off on the device, issue 11).
        if (opts.watch && (result.outcome === 'not_found' || (result.outcome === 'pending' && !FINAL_STALL_CAUSES.has(result.diag!.cause)))) {
          last.set(item.index, result);
          stillOpen.push(item);
        } else settle(result);
      }
      open = fatal ? [] : stillOpen;
      if (open.length === 0 || deadline === undefined) break;
      const delay = watchDelay(round);
      if (opts.now() + delay >= deadline) {
        for (const item of open) {
          const r = last.get(item.index)!;
          settle({ ...r, error: pendingAtDeadline(item.pushId, r), exitCode: ExitCode.PENDING });
        }
        open = [];
        break;
      }
      await opts.sleep(delay);
    }
  } catch (err) {
    if (!(err instanceof InterruptedError)) throw err;
    // Ctrl-C (v1 spec: exit 130 with the partial report): what was watched is settled with its last state.
    interrupted = true;
    for (const item of open) {
      const r = last.get(item.index);
      if (r && !results.has(item.index)) settle({ ...r, exitCode: ExitCode.INTERRUPTED, interrupted: true });
    }
  }
  const skipped = interrupted ? [] : ids.filter((_, i) => !results.has(i));
  return { results: [...results.values()].sort((a, b) => a.index - b.index), skipped, interrupted };
}
