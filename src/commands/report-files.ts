/**
 * Writing report files (`--report-html`, `--report-markdown`, `--junit`): the paths are checked before any
 * request is sent (a typo must not cost a whole batch), and every file goes through the same redaction as
 * terminal output, so a secret a server echoed never lands in a report (spec.md "Secrets").
 */
// Synchronous file calls: a handful per run, and node:fs/promises alone cost every trace, stats, loss and replay
// ~2 ms of start-up to load (issue 15), as it did config and fixtures before.
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { describeFsError } from '../fs-error.js';
import { packageRoot } from '../paths.js';
import { redactValues } from '../redact-doc.js';

/** The report options of trace, replay, stats and loss (src/cli.ts). */
export interface ReportFlags {
  reportHtml?: string | undefined;
  reportMarkdown?: string | undefined;
}

/** The report flags a command was given, by flag name. */
export type ReportPaths = Partial<Record<'--report-html' | '--report-markdown' | '--junit', string>>;

function writeError(flag: string, file: string, err: unknown): UsageError {
  return new UsageError(`cannot write ${flag} ${file}: ${describeFsError(err)}.`, { hint: 'Check that the folder exists and is writable.' });
}

/** Each path must name a file (new or existing, not a folder) in a folder that can be written to. */
export async function checkReportPaths(paths: ReportPaths, cwd: string): Promise<void> {
  for (const [flag, file] of Object.entries(paths)) {
    if (file === undefined) continue;
    const path = resolve(cwd, file);
    try {
      if (statSync(path).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(flag, file, err);
    }
    try {
      accessSync(dirname(path), constants.W_OK);
    } catch (err) {
      throw writeError(flag, file, err);
    }
  }
}

/**
 * The document with every registered secret replaced in every string — done before rendering, because escaping
 * (Markdown backslashes, HTML entities) would otherwise split a secret so that the final redaction misses it.
 */
export function redactDoc<T>(doc: T, ctx: Context): T {
  return redactValues(doc, (text) => ctx.io.redact(text));
}

/** Writes one report (redacted once more as text) and says so on stderr. */
export async function writeReport(flag: keyof ReportPaths, file: string, content: string, ctx: Context): Promise<void> {
  try {
    writeFileSync(resolve(ctx.cwd, file), ctx.io.redactFile(content));
  } catch (err) {
    throw writeError(flag, file, err);
  }
  const what = flag === '--report-html' ? 'HTML report' : flag === '--report-markdown' ? 'Markdown summary' : 'JUnit report';
  ctx.io.info(`${what} written to ${file}`);
}

/** The chatpush version for report footers (package.json). */
export function chatpushVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * `--report-html` / `--report-markdown` of `stats` and `loss`: the spec's JSON document rendered by the report
 * renderers (src/render/html/, src/render/markdown/), loaded only when a report is asked for.
 */
export async function writeDiagnosticsReports(
  kind: 'stats' | 'loss',
  doc: unknown,
  opts: { reportHtml?: string | undefined; reportMarkdown?: string | undefined },
  ctx: Context,
): Promise<void> {
  if (!opts.reportHtml && !opts.reportMarkdown) return;
  const clean = redactDoc(doc, ctx);
  const meta = { generatedAt: new Date(ctx.now()).toISOString(), version: chatpushVersion() };
  if (opts.reportHtml) {
    const html =
      kind === 'stats'
        ? (await import('../render/html/stats.js')).renderStatsHtml(clean as import('../render/report-shapes.js').StatsDoc, meta)
        : (await import('../render/html/loss.js')).renderLossHtml(clean as import('../render/report-shapes.js').LossDoc, meta);
    await writeReport('--report-html', opts.reportHtml, html, ctx);
  }
  if (opts.reportMarkdown) {
    const md = await import('../render/markdown/others.js');
    const text = kind === 'stats' ? md.renderStatsMarkdown(clean as import('../render/report-shapes.js').StatsDoc) : md.renderLossMarkdown(clean as import('../render/report-shapes.js').LossDoc);
    await writeReport('--report-markdown', opts.reportMarkdown, text, ctx);
  }
}
