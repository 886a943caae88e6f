/**
 * Readers shared by the response models of src/tencent/apis/ (pure). Every model is lenient the same way
 * (style.md; reference/push-apis.md §14): unknown fields are ignored, numbers may arrive as strings, and each
 * reading that leans on an UNCONFIRMED reference item is reported as a `note` (shown under --verbose), while
 * data that looks wrong (a negative count, a missing field) is a `warning` (always shown, one line).
 */
import { platformOf, type Platform } from '../../trace/model.js';

export { platformOf, type Platform };

export type Obj = Record<string, unknown>;

/** What a model says about the reply besides its data. */
export interface ModelReport {
  /** Data problems the user must see (stderr "warning:" lines). */
  warnings: string[];
  /** Readings of UNCONFIRMED reference items, shown under --verbose. */
  notes: string[];
}

/** offline (1) / online (2) / null — `EventType` of Push.AllMemberPush (push-apis.md §13); 1047/67551. */
export type EventType = 'offline' | 'online' | null;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the first present key of several spellings. */
export function either(o: Obj, ...keys: string[]): unknown {
  for (const k of keys) if (Object.hasOwn(o, k)) return o[k];
  return undefined;
}

/** An integer from a number or an integral string; null otherwise. */
export function intOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v)) return Number(v.trim());
  return null;
}

/**
 * EventType → offline/online. The trace/statistics/loss pages show only the value 1 and do not define it;
 * the 1 = offline, 2 = online reading is the Push.AllMemberPush callback's (push-apis.md §4, §6, UNCONFIRMED).
 * Other values are null, with a note, never a guess.
 */
export function eventTypeOf(v: unknown, report?: ModelReport, where = ''): EventType {
  if (v === undefined || v === null) return null;
  const n = intOf(v);
  if (n === 1) return 'offline';
  if (n === 2) return 'online';
  report?.notes.push(`unknown EventType ${JSON.stringify(v)}${where ? ` in ${where}` : ''}: shown as no event type (push-apis.md §13 knows only 1 offline, 2 online; UNCONFIRMED for this API).`);
  return null;
}

/**
 * A counter that must be a whole number ≥ 0. Strings of digits are read with a warning; anything else
 * (missing, negative, fractional, text) is null with a warning — never 0, which would change the data.
 */
export function countOf(o: Obj, key: string, where: string, report: ModelReport): number | null {
  if (!Object.hasOwn(o, key)) {
    report.warnings.push(`${where}: ${key} is missing; shown as "-" and left out of rates.`);
    return null;
  }
  const v = o[key];
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v)) {
    report.warnings.push(`${where}: ${key} arrived as the string ${JSON.stringify(v)}; read as ${Number(v.trim())}.`);
    return Number(v.trim());
  }
  const shown = JSON.stringify(v)?.slice(0, 40) ?? String(v);
  const why = typeof v === 'number' && v < 0 ? 'is negative' : 'is not a whole number';
  report.warnings.push(`${where}: ${key} ${why} (${shown}); shown as "-" and left out of rates.`);
  return null;
}

/** A string field ('' when absent or not text). */
export function strOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

export function newReport(): ModelReport {
  return { warnings: [], notes: [] };
}
