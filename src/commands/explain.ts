/**
 * `chatpush explain <code>`: the offline meaning and next step of a REST, TIMPush, vendor, push-loss or
 * callback-reply code from src/tencent/codes.ts, plus how chatpush itself treats it (exit 4 for auth codes,
 * retried with backoff). Exit 0 known, 1 unknown (with where to look), 2 not a code.
 */
import type { Context } from '../context.js';
import { NegativeError, UsageError } from '../errors.js';
import { wrapBlock, wrapText } from '../render/fit.js';
import { displayWidth } from '../render/width.js';
import { sanitize } from '../render/sanitize.js';
import { CATEGORY_LABELS, codeFamily, isAuthCode, isRetryableCode, lookupCodes, lookupReason, type CodeInfo } from '../tencent/codes.js';

/** What explain found for one input (pure result, rendered as text or JSON). */
export interface Explanation {
  /** The numeric code looked up (a loss reason given as text maps to its ErrCode). */
  code: number;
  matches: CodeInfo[];
  /** How chatpush treats the code when a REST call returns it. */
  handling: { authError: boolean; retryable: boolean };
}

/** Parses the argument: an integer code (optionally signed) or a known push-loss reason text. */
export function explainInput(input: string): Explanation {
  const text = input.trim();
  if (/^[+-]?\d{1,12}$/.test(text)) {
    const code = Number(text);
    return { code, matches: lookupCodes(code), handling: { authError: isAuthCode(code), retryable: isRetryableCode(code) } };
  }
  const reason = lookupReason(text);
  if (reason) return { code: reason.code, matches: [reason], handling: { authError: false, retryable: false } };
  throw new UsageError(`"${sanitize(input)}" is not an error code.`, {
    hint: "Pass a number such as 70009, 90045 or 800016 (or a push-loss reason such as 'certificate id not set').",
  });
}

function rangeText(info: CodeInfo): string {
  return info.range ? ` (range ${info.range[0]}–${info.range[1]})` : '';
}

/** Renders an explanation as labelled lines (pure). `width`: the terminal's; values wrap under their column. */
export function renderExplanation(e: Explanation, chalk: { bold(s: string): string; yellow(s: string): string }, width?: number): string {
  const pad = ' '.repeat(11);
  const value = (v: string): string => (width === undefined ? v : wrapText(v, Math.max(20, width - 11)).join(`\n${pad}`));
  // Sources are URLs and file names: one per line, split only at spaces so a URL stays whole (one that cannot be
  // opened is no source); a part too long for the column starts its own line further left.
  const sources = (v: string): string => {
    if (width === undefined) return v;
    const lines: string[] = [];
    v.split('; ').forEach((part, i) => {
      if (displayWidth(part) <= width - 11) lines.push(i === 0 ? part : pad + part);
      else {
        if (i === 0) lines.push('');
        lines.push(...wrapText(part, width - 2).map((l) => `  ${l}`));
      }
    });
    return lines.join('\n');
  };
  const blocks = e.matches.map((m) => {
    const head = `${chalk.bold(String(e.code))}${m.name ? `  ${m.name}` : ''}  ${CATEGORY_LABELS[m.category]}${rangeText(m)}${m.confirmed ? '' : `  ${chalk.yellow('UNCONFIRMED')}`}`;
    const rows: [string, string][] = [
      ['meaning', m.meaning],
      ['next', m.next],
      ['source', m.source],
    ];
    const text = [wrapBlock(head, width, '  '), ...rows.map(([k, v]) => `  ${k.padEnd(9)}${k === 'source' ? sources(v) : value(v)}`)].join('\n');
    return text.replace(/ +$/gm, '');
  });
  const notes: string[] = [];
  if (e.handling.authError) notes.push('chatpush treats it as an authentication error (exit 4) and never retries it.');
  if (e.handling.retryable) notes.push('chatpush retries it with backoff, a bounded number of times.');
  if (e.matches.length > 1) notes.push(`${e.matches.length} meanings: which one applies depends on where the code was reported.`);
  return `${blocks.join('\n\n')}\n${notes.map((n) => `\n${wrapBlock(n, width)}`).join('')}${notes.length ? '\n' : ''}`;
}

/** Explains a code; unknown codes exit 1 naming the code family and where to look it up. */
export async function runExplain(codeArg: string, ctx: Context): Promise<number> {
  const e = explainInput(codeArg);
  if (e.matches.length === 0) {
    const family = codeFamily(e.code);
    if (ctx.globals.json) {
      ctx.io.outJson({ code: e.code, found: false, family: family?.name ?? null, where: family?.where ?? null, matches: [], handling: e.handling });
    }
    throw new NegativeError(
      family ? `${e.code} is in ${family.name} but not in chatpush's table.` : `${e.code} is not a code chatpush knows.`,
      { hint: family ? `Look it up in ${family.where}.` : 'Look it up in the error table of the API or SDK that returned it.' },
    );
  }
  if (ctx.globals.json) {
    ctx.io.outJson({
      code: e.code,
      found: true,
      matches: e.matches.map((m) => ({
        name: m.name ?? null,
        category: m.category,
        categoryLabel: CATEGORY_LABELS[m.category],
        meaning: m.meaning,
        next: m.next,
        confirmed: m.confirmed,
        source: m.source,
        range: m.range ?? null,
      })),
      handling: e.handling,
    });
  } else {
    ctx.io.out(renderExplanation(e, ctx.io.chalk, ctx.io.outWidth));
  }
  return 0;
}
