/**
 * Escaping for GitHub-flavoured Markdown (pure). GitHub renders inline HTML in Markdown, including in
 * $GITHUB_STEP_SUMMARY, so server text must never reach it as markup: `<`, `>` and `&` become entities, and
 * the characters that start emphasis, links, code or break a table cell are backslash-escaped.
 */
import { sanitize } from '../sanitize.js';

/** Escapes one line of untrusted text for a Markdown paragraph or table cell. */
export function escapeMd(value: unknown): string {
  return sanitize(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}|#!~])/g, '\\$1');
}

/** A Markdown table from a header and rows of already-escaped cells; `align` 'r' right-aligns a column. */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[] = []): string {
  const sep = head.map((_, i) => (align[i] === 'r' ? '--:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
