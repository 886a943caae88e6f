/**
 * `v4/timpush/normal_push_loss` and `v4/timpush/all_member_push_loss` (reference/push-apis.md §7, §8):
 * request bodies and the pure response model. Four lists of {ErrCode (a string: "-1", "410"), ErrCount,
 * ErrInfo}: ReadyToSendLoss (lost before sending) and PostSendDeliveredLoss (sent, not delivered) for all
 * vendors, and Platform… variants per PushPlatform (and EventType for tasks). The real wire shape is
 * UNCONFIRMED (§7: the page's sample nests the lists in an unnamed object; §8 puts them in Results[]), so the
 * lists are looked for at the top level, in Results[] and in any object one level down, with a --verbose
 * note saying where they were found. Cause and next step come from the one code table (codes.ts), with the
 * trace diagnosis patterns as fallback, so loss, trace hints and `explain` say the same thing.
 */
import type { Window } from '../../stats/window.js';
import { CAUSES, matchCause } from '../../trace/diagnose.js';
import { lookupCodes, lookupReason, type CodeInfo } from '../codes.js';
import { countOf, either, eventTypeOf, intOf, isObj, newReport, platformOf, strOf, type EventType, type ModelReport, type Obj, type Platform } from './common.js';

export const NORMAL_LOSS_API = 'v4/timpush/normal_push_loss';
export const TASK_LOSS_API = 'v4/timpush/all_member_push_loss';
/** Loss data covers at most 7 days (push-apis.md §1). */
export const LOSS_MAX_DAYS = 7;

export type LossStage = 'before_send' | 'after_send';

export interface LossRow {
  stage: LossStage;
  /** null for the all-vendor lists. */
  platform: Platform | null;
  eventType: EventType;
  /** A number when the code is an integer ("-1" → -1), else the string as sent. */
  errorCode: number | string;
  errorInfo: string;
  count: number | null;
  /** count / the stage's total (all-vendor rows) or the vendor's stage total; null when unknown. */
  share: number | null;
  cause: string;
  next: string;
}

export interface LossResult {
  taskId: string | null;
  losses: LossRow[];
}

const LISTS: readonly { key: string; stage: LossStage; perVendor: boolean }[] = [
  { key: 'ReadyToSendLoss', stage: 'before_send', perVendor: false },
  { key: 'PostSendDeliveredLoss', stage: 'after_send', perVendor: false },
  { key: 'PlatformReadyToSendLoss', stage: 'before_send', perVendor: true },
  { key: 'PlatformPostSendDeliveredLoss', stage: 'after_send', perVendor: true },
];

/** Stage labels for text output (spec.md v2 loss). */
export const LOSS_STAGE_LABELS: Readonly<Record<LossStage, string>> = { before_send: 'before send', after_send: 'after send' };

export function lossBody(window: Window, taskIds?: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { StartTime: window.from, EndTime: window.to };
  if (taskIds !== undefined) body.TaskID = [...taskIds];
  return body;
}

function firstSentence(text: string): string {
  return text.replace(/^Push loss (before|after) sending \([A-Za-z]+\): /, '').replace(/^UNCONFIRMED[^:]*: /, '');
}

/**
 * Cause and next step of a loss code: the code table's loss entry for that code or reason text, then its
 * vendor/REST entry, then the trace diagnosis patterns on the text, then the server's own ErrInfo.
 */
export function lossCause(code: number | string, info: string): { cause: string; next: string; entry: CodeInfo | undefined } {
  const byText = info.trim() ? lookupReason(info) : undefined;
  const entries = typeof code === 'number' ? lookupCodes(code) : [];
  const entry =
    (byText && (typeof code !== 'number' || byText.code === code) ? byText : undefined) ??
    entries.find((e) => e.category === 'loss') ??
    entries.find((e) => e.category === 'vendor' || e.category === 'push-client' || e.category === 'timpush');
  // An entry whose meaning no source confirms keeps saying so (reference/push-apis.md §11.3).
  if (entry) return { cause: `${entry.confirmed ? '' : 'UNCONFIRMED: '}${firstSentence(entry.meaning).replace(/\.$/, '')}`, next: entry.next, entry };
  // A code that is not a number ("UNREGISTERED") is itself a reason text worth matching.
  const matched = matchCause(typeof code === 'number' ? code : null, typeof code === 'string' ? `${code} ${info}` : info);
  if (matched) return { cause: CAUSES[matched].short, next: CAUSES[matched].next, entry: undefined };
  return {
    cause: info.trim() || 'unknown loss reason',
    next: typeof code === 'number' ? `Run 'chatpush explain ${code}'; if unknown, look it up in the vendor's push documentation.` : "Look the code up in the vendor's push documentation.",
    entry: undefined,
  };
}

/** The containers that hold the four lists, with where each was found (for the --verbose note). */
function containers(body: Obj): { where: string; obj: Obj; taskId: string | null }[] {
  const has = (o: Obj): boolean => LISTS.some((l) => Object.hasOwn(o, l.key));
  const out: { where: string; obj: Obj; taskId: string | null }[] = [];
  if (has(body)) out.push({ where: 'top level', obj: body, taskId: null });
  const results = either(body, 'Results', 'Result');
  if (Array.isArray(results)) {
    for (const r of results.filter(isObj)) {
      const id = strOf(either(r, 'TaskID', 'TaskId'));
      out.push({ where: 'Results[]', obj: r, taskId: id === '' ? null : id });
    }
  }
  if (out.length === 0) {
    for (const [k, v] of Object.entries(body)) if (isObj(v) && has(v)) out.push({ where: `nested object "${k}"`, obj: v, taskId: null });
  }
  return out;
}

function rowsOf(o: Obj, where: string, report: ModelReport): LossRow[] {
  const rows: LossRow[] = [];
  for (const list of LISTS) {
    const raw = o[list.key];
    if (raw === undefined) continue;
    if (!Array.isArray(raw)) {
      report.warnings.push(`${where}: ${list.key} is not a list; left out.`);
      continue;
    }
    raw.filter(isObj).forEach((e, i) => {
      const at = `${where} ${list.key}[${i}]`;
      const rawCode = either(e, 'ErrCode', 'ErrorCode');
      const n = intOf(rawCode);
      let errorCode: number | string;
      if (n !== null) errorCode = n;
      else {
        errorCode = strOf(rawCode);
        report.warnings.push(`${at}: loss code ${JSON.stringify(rawCode) ?? 'missing'} is not an integer; shown as sent.`);
      }
      const errorInfo = strOf(either(e, 'ErrInfo', 'ErrorInfo'));
      const count = countOf(e, Object.hasOwn(e, 'ErrCount') ? 'ErrCount' : 'Count', at, report);
      const { cause, next } = lossCause(errorCode, errorInfo);
      rows.push({
        stage: list.stage,
        platform: list.perVendor ? platformOf(e.PushPlatform) : null,
        eventType: eventTypeOf(e.EventType, report, at),
        errorCode,
        errorInfo,
        count,
        share: null,
        cause,
        next,
      });
    });
  }
  return rows;
}

/** Shares within each group (stage for all-vendor rows; vendor + stage for per-vendor rows), then the order. */
export function withShares(rows: readonly LossRow[]): LossRow[] {
  const key = (r: LossRow): string => `${r.platform === null ? 'all' : String(r.platform.code)}|${r.stage}`;
  const totals = new Map<string, number>();
  for (const r of rows) if (r.count !== null) totals.set(key(r), (totals.get(key(r)) ?? 0) + r.count);
  const stageOrder = (s: LossStage): number => (s === 'before_send' ? 0 : 1);
  return rows
    .map((r) => {
      const t = totals.get(key(r)) ?? 0;
      return { ...r, share: r.count === null || t <= 0 ? null : r.count / t };
    })
    .sort(
      (a, b) =>
        (a.platform === null ? -1 : 0) - (b.platform === null ? -1 : 0) ||
        stageOrder(a.stage) - stageOrder(b.stage) ||
        (a.platform?.code ?? -1) - (b.platform?.code ?? -1) ||
        (b.count ?? -1) - (a.count ?? -1),
    );
}

/** One reply → results (one per task, or one with taskId null for normal pushes). */
export function buildLoss(body: unknown, taskIds?: readonly string[]): { results: LossResult[] } & ModelReport {
  const report = newReport();
  if (!isObj(body)) return { results: [], ...report };
  const found = containers(body);
  const where = [...new Set(found.map((f) => f.where))];
  if (found.length && !(where.length === 1 && where[0] === (taskIds ? 'Results[]' : 'top level'))) {
    report.notes.push(`loss lists found at ${where.join(', ')} (push-apis.md §7/§8: the real shape is UNCONFIRMED; every place is read).`);
  }
  const results = found.map((f) => ({ taskId: f.taskId ?? (taskIds && taskIds.length === 1 ? taskIds[0]! : null), losses: withShares(rowsOf(f.obj, f.taskId ? `task ${f.taskId}` : 'loss', report)) }));
  if (found.length === 0) report.notes.push('the reply holds none of ReadyToSendLoss, PostSendDeliveredLoss, PlatformReadyToSendLoss, PlatformPostSendDeliveredLoss: no loss recorded.');
  for (const id of taskIds ?? []) {
    if (found.length > 0 && !results.some((r) => r.taskId === id)) report.warnings.push(`no loss data came back for task ${id}.`);
  }
  if (!taskIds && results.length === 0) results.push({ taskId: null, losses: [] });
  return { results, ...report };
}
