/**
 * PushID input (pure): validation and the one-per-line list format of `-` / `--from-file`. A PushID is the
 * MsgID of the push (reference/protocols.md §2.4), e.g. 67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421;
 * the docs also show "xxx-yyy-zzz", so letters, digits, `_ - . :` are accepted and anything else is refused.
 */
import { UsageError } from '../errors.js';
import { sanitize } from '../render/sanitize.js';

const PUSH_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}$/;

/** An example for error hints. */
export const EXAMPLE_PUSH_ID = '67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421';

/** Whether a string looks like a PushID. */
export function isPushId(text: string): boolean {
  return PUSH_ID.test(text);
}

/** Throws a UsageError (exit 2) naming where a bad PushID came from. */
export function assertPushId(text: string, where: string): void {
  if (!isPushId(text)) {
    const shown = sanitize(text).slice(0, 80);
    throw new UsageError(`${where}: "${shown}" is not a PushID.`, {
      hint: `A PushID looks like ${EXAMPLE_PUSH_ID} (the PushID of the Push.OfflinePush callback).`,
    });
  }
}

/** Parses a list file: one PushID per line; blank lines and lines starting with # are skipped. */
export function parsePushIdList(text: string, source: string): string[] {
  const out: string[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const id = line.trim();
      if (id === '' || id.startsWith('#')) return;
      assertPushId(id, `${source}:${i + 1}`);
      out.push(id);
    });
  return out;
}

/** Removes repeated PushIDs, keeping the first of each; returns the list and how many were dropped. */
export function dedupe(ids: readonly string[]): { ids: string[]; dropped: number } {
  const seen = new Set<string>();
  const out = ids.filter((id) => (seen.has(id) ? false : (seen.add(id), true)));
  return { ids: out, dropped: ids.length - out.length };
}
