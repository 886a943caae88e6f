/**
 * UserID lists for `online` and `trace --task --user`: arguments, `-` (stdin) and --from-file lines, in that
 * order; blank lines and `#` comments skipped, repeats dropped (with a note), an empty list a UsageError.
 */
import { LIMITS, readInputFile, readStreamBounded } from '../bounded-read.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { sanitize } from '../render/sanitize.js';

/** Stdin as text, bounded (bounded-read.ts), without a UTF-8 BOM. */
async function readStdinText(ctx: Context): Promise<string> {
  const text = (await readStreamBounded(ctx.io.stdin, LIMITS.userIdList, 'stdin (UserIDs)', ctx.signal)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Lines of a list file → UserIDs (pure). A control character in an ID is an error naming the line. */
export function parseUserIdList(text: string, source: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    assertUserId(line, `${source}:${i + 1}`);
    out.push(line);
  });
  return out;
}

/** A UserID is a non-empty string without control characters (the API takes any string, push-apis.md §9). */
export function assertUserId(id: string, where: string): void {
  // eslint-disable-next-line no-control-regex
  if (id.trim() === '' || /[\u0000-\u001f\u007f]/.test(id)) {
    throw new UsageError(`${where}: "${sanitize(id)}" is not a UserID.`, { hint: 'Give one UserID per argument or line, as it is written in your IM accounts.' });
  }
}

/** Collects, validates and de-duplicates the UserIDs a command was given. */
export async function collectUserIds(
  args: readonly string[],
  fromFile: string | undefined,
  ctx: Context,
  example: string,
): Promise<string[]> {
  let stdinRead = false;
  const fromStdin = async (): Promise<string[]> => {
    if (stdinRead) return [];
    stdinRead = true;
    if (ctx.io.stdinIsTTY) ctx.io.info('chatpush: reading UserIDs from stdin, one per line; Ctrl-D to end.');
    return parseUserIdList(await readStdinText(ctx), 'stdin');
  };
  const ids: string[] = [];
  for (const a of args) {
    if (a === '-') ids.push(...(await fromStdin()));
    else {
      assertUserId(a, 'argument');
      ids.push(a.trim());
    }
  }
  if (fromFile !== undefined) {
    if (fromFile === '-') ids.push(...(await fromStdin()));
    else {
      let text = readInputFile(fromFile, LIMITS.userIdList, `--from-file ${fromFile}`, 'Check the path; the file holds one UserID per line.').toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      ids.push(...parseUserIdList(text, fromFile));
    }
  }
  if (ids.length === 0) throw new UsageError('no UserID given.', { hint: `Pass one or more, e.g. '${example}', or '-' / --from-file <file> for one per line.` });
  const unique = [...new Set(ids)];
  const dropped = ids.length - unique.length;
  if (dropped > 0) ctx.io.info(`chatpush: ignoring ${dropped} repeated UserID${dropped === 1 ? '' : 's'}.`);
  return unique;
}
