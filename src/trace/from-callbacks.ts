/**
 * Captured callbacks → what to trace (pure; spec.md v2 "Push diagnostics", `trace --from-callbacks`). Reads what
 * `listen --save` writes (JSON Lines of bodies), a single body, or an envelope — the three fixture formats of
 * replay, parsed by the same parser so errors carry file:line:col. Push callbacks are batched
 * (`{"Events":[…]}`, 1–100 events, reference/callbacks.md A6.6); a body that is itself one event is read too.
 *   - `Push.OfflinePush` events give their `PushID` (→ normal_push_trace).
 *   - `Push.AllMemberPush` events give (`TaskId`, `To_Account`) pairs (→ all_member_push_trace, `trace --task`).
 * Both lists are de-duplicated in first-seen order. `failedOnly` keeps events whose `ErrCode` is not 0; an
 * event without a readable ErrCode is kept too, since nothing proves it succeeded (never hide a failure).
 */
import { UsageError } from '../errors.js';
import { parseFixture } from '../replay/fixture.js';
import { sanitize } from '../render/sanitize.js';
import { isPushId } from './pushids.js';

export const OFFLINE_PUSH = 'Push.OfflinePush';
export const ALL_MEMBER_PUSH = 'Push.AllMemberPush';

/** One (TaskId, To_Account) pair of an all-member push. */
export interface TaskTarget {
  taskId: string;
  userId: string;
}

export interface CallbackTargets {
  pushIds: string[];
  tasks: TaskTarget[];
  /** Push events read (before --failed and de-duplication), per command. */
  events: { offlinePush: number; allMemberPush: number };
  /** Events left out by `failedOnly` (ErrCode 0). */
  succeeded: number;
  /** Events whose PushID / TaskId / To_Account is missing or not an ID; each is a warning with its place. */
  skipped: string[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The events of one body: its `Events` array, or the body itself when it is one event. */
function eventsOf(body: unknown): unknown[] {
  if (!isObj(body)) return [];
  return Array.isArray(body.Events) ? body.Events : [body];
}

/** ErrCode as a number; numbers may arrive as strings ("0"); null when absent or unreadable. */
function errCode(event: Obj): number | null {
  const v = event.ErrCode;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** A TaskId or UserID: a non-empty printable string of at most 256 characters, without control characters. */
function idText(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t !== '' && t.length <= 256 && sanitize(t) === t ? t : undefined;
}

/**
 * Extracts the targets of several capture files (`files` in command-line order, text already read). Throws a
 * UsageError (exit 2) for a file that is not JSON, or that holds no Push.OfflinePush / Push.AllMemberPush event.
 */
export function extractCallbackTargets(files: ReadonlyArray<{ file: string; text: string }>, opts: { failedOnly: boolean }): CallbackTargets {
  const out: CallbackTargets = { pushIds: [], tasks: [], events: { offlinePush: 0, allMemberPush: 0 }, succeeded: 0, skipped: [] };
  const seenIds = new Set<string>();
  const seenTasks = new Set<string>();
  for (const { file, text } of files) {
    let found = 0;
    for (const cb of parseFixture(file, text)) {
      eventsOf(cb.value).forEach((event, i) => {
        if (!isObj(event)) return;
        const command = event.CallbackCommand;
        if (command !== OFFLINE_PUSH && command !== ALL_MEMBER_PUSH) return;
        found++;
        const where = `${cb.where} (event ${i + 1})`;
        if (command === OFFLINE_PUSH) out.events.offlinePush++;
        else out.events.allMemberPush++;
        if (opts.failedOnly && errCode(event) === 0) {
          out.succeeded++;
          return;
        }
        if (command === OFFLINE_PUSH) {
          const id = typeof event.PushID === 'string' ? event.PushID.trim() : '';
          if (!isPushId(id)) {
            out.skipped.push(`${where}: ${OFFLINE_PUSH} event without a valid PushID`);
            return;
          }
          if (!seenIds.has(id)) {
            seenIds.add(id);
            out.pushIds.push(id);
          }
          return;
        }
        // TaskId is the documented spelling (callbacks.md A6.6); TaskID is accepted as trace --task accepts both.
        const taskId = idText(event.TaskId ?? event.TaskID);
        const userId = idText(event.To_Account);
        if (taskId === undefined || userId === undefined) {
          out.skipped.push(`${where}: ${ALL_MEMBER_PUSH} event without a valid TaskId and To_Account`);
          return;
        }
        const key = JSON.stringify([taskId, userId]);
        if (!seenTasks.has(key)) {
          seenTasks.add(key);
          out.tasks.push({ taskId, userId });
        }
      });
    }
    if (found === 0) {
      throw new UsageError(`${file}: no ${OFFLINE_PUSH} or ${ALL_MEMBER_PUSH} event in this file.`, {
        hint: "Pass what 'chatpush listen --save <file>' recorded while push callbacks arrived (bodies {\"Events\":[…]}).",
      });
    }
  }
  return out;
}
