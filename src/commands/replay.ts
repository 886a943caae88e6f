/**
 * `chatpush replay <fixture...> --url <url>`: posts callbacks to the backend under test and checks each
 * reply (spec.md replay). I/O at the edges: this module reads the fixture files, resolves settings and
 * prints; parsing, protocols, overrides and checks are pure modules under src/replay/.
 */
import { constants } from 'node:fs';
import { access, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { parseSdkAppId, resolveSettings } from '../config/credentials.js';
import { DEMO_SDKAPPID } from '../demo-credentials.js';
import { InterruptedError, UsageError } from '../errors.js';
import { describeFsError } from '../fs-error.js';
import { assertNoUserinfo, isLoopbackUrl } from '../net/loopback.js';
import { decodeUtf8Strict, LIMITS, readInputFile } from '../bounded-read.js';
import { renderJson } from '../render/json.js';
import { renderJunit } from '../render/junit.js';
import { renderReplayReport } from '../render/replay-report.js';
import { parseFixture, type FixtureCallback } from '../replay/fixture.js';
import { buildFreshTemplate } from '../replay/fresh.js';
import { applySets, parseSet } from '../replay/overrides.js';
import {
  buildTarget,
  detectCommand,
  OPENIM_DOC_ONLY_COMMAND,
  OPENIM_LEGACY_PUSH_COMMANDS,
  OPT_PLATFORMS,
  protocolOf,
  type Detected,
} from '../replay/protocols.js';
import { runCallbacks, type PreparedCallback } from '../replay/run.js';
import type { ReplayReport } from '../replay/stats.js';
import { checkReportPaths } from './report-files.js';

/** Options as declared in src/cli.ts; in-process callers (demo) may leave out everything but `url`. */
export interface ReplayOptions {
  url: string;
  command?: string | undefined;
  sdkappid?: string | undefined;
  clientIp?: string | undefined;
  optPlatform?: string | undefined;
  token?: string | undefined;
  set?: string[] | undefined;
  fresh?: boolean | undefined;
  repeat?: number | undefined;
  concurrency?: number | undefined;
  rate?: number | undefined;
  budgetMs?: number | undefined;
  junit?: string | undefined;
  allowRemote?: boolean | undefined;
  reportHtml?: string | undefined;
  reportMarkdown?: string | undefined;
}

const FIXTURE_EXTENSIONS = /\.(json|jsonc|jsonl|ndjson)$/i;

/** Validates --url: http(s), and loopback unless --allow-remote (sample callbacks must not reach production). */
export function checkUrl(raw: string, allowRemote: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url "${raw}" is not a URL.`, { hint: 'Use e.g. --url http://127.0.0.1:8080/im/callback.' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url "${raw}" must be an http:// or https:// URL.`, { hint: 'Use e.g. --url http://127.0.0.1:8080/im/callback.' });
  }
  assertNoUserinfo(url, '--url');
  if (!allowRemote && !isLoopbackUrl(url)) {
    throw new UsageError(`refusing to send callbacks to ${url.hostname}: it is not a loopback address.`, {
      hint: 'Sample callbacks must not reach production by accident; pass --allow-remote if you mean this backend.',
    });
  }
  url.hash = '';
  return url;
}

/** Expands directories to their fixture files (sorted) and reads every file. */
async function readFixtureFiles(files: readonly string[], cwd: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      throw new UsageError(`cannot read fixture ${file}: ${describeFsError(err)}.`, { hint: 'Check the path; fixtures ship in fixtures/callbacks/.' });
    }
    const names = isDir ? (await readdir(path)).filter((n) => FIXTURE_EXTENSIONS.test(n)).sort() : [undefined];
    if (isDir && names.length === 0) throw new UsageError(`no fixture files (*.json, *.jsonl) in ${file}.`);
    for (const name of names) {
      const shown = name === undefined ? file : join(file, name);
      // Bounded (LIMITS.fixture) and strictly UTF-8: bytes that are not UTF-8 are an error at line:col, never
      // silently replaced, since the body is meant to be sent byte for byte.
      const bytes = readInputFile(name === undefined ? path : join(path, name), LIMITS.fixture, `fixture ${shown}`);
      out.push({ file: shown, text: decodeUtf8Strict(bytes, shown) });
    }
  }
  return out;
}

/** What a callback command name is made of (every Tencent and OpenIM command is; protocols.md §3.1, §5.1). */
const COMMAND_NAME = /^[A-Za-z0-9_.]{1,100}$/;

/** Protocol and command: --command wins, else the body's own field (spec.md replay). */
function detect(cb: FixtureCallback, override: string | undefined): Detected {
  if (override !== undefined) {
    const protocol = protocolOf(override);
    if (!protocol) {
      throw new UsageError(`--command "${override}" is neither a Tencent command (like C2C.CallbackAfterSendMsg) nor an OpenIM one (like callbackBeforeOfflinePushCommand).`);
    }
    return { protocol, command: override };
  }
  const d = detectCommand(cb.value);
  if (!d) {
    throw new UsageError(`${cb.where}: no CallbackCommand (top level or in Events[0]) and no callbackCommand in this body.`, {
      hint: 'Add the field, or pass --command <command> (e.g. --command C2C.CallbackAfterSendMsg).',
    });
  }
  // The command goes into the query (Tencent) or the path (OpenIM): a name the HTTP client would refuse is
  // an input error here, before anything is sent, not a network error halfway through the run.
  if (!COMMAND_NAME.test(d.command)) {
    throw new UsageError(`${cb.where}: ${d.protocol === 'openim' ? 'callbackCommand' : 'CallbackCommand'} ${JSON.stringify(d.command).slice(0, 80)} is not a command name (letters, digits, '.', '_').`, {
      hint: 'Fix the field, or pass --command <command>.',
    });
  }
  return d;
}

async function resolveSdkAppId(opts: ReplayOptions, ctx: Context): Promise<number> {
  const { settings } = await resolveSettings(ctx, { sdkappid: opts.sdkappid });
  const s = settings.sdkappid;
  return s ? parseSdkAppId(s.value, s.origin) : DEMO_SDKAPPID;
}

/** Reads, checks and prepares every callback, then sends them; returns the report (nothing printed to stdout). */
export async function executeReplay(files: readonly string[], opts: ReplayOptions, ctx: Context): Promise<ReplayReport> {
  if (files.length === 0) throw new UsageError('no fixture files given.', { hint: "Run 'chatpush replay fixtures/callbacks/*.json --url <url>'." });
  const url = checkUrl(opts.url, opts.allowRemote === true);
  const token = (opts.token ?? ctx.env.CHATPUSH_CALLBACK_TOKEN) || undefined;
  ctx.io.addSecret(token);
  const sets = (opts.set ?? []).map(parseSet);
  const optPlatform = opts.optPlatform ?? 'RESTAPI';
  if (!OPT_PLATFORMS.includes(optPlatform)) {
    ctx.io.warn(`--opt-platform "${optPlatform}" is not one Tencent documents (${OPT_PLATFORMS.join(', ')}).`);
  }
  const sdkappid = await resolveSdkAppId(opts, ctx);

  const prepared: PreparedCallback[] = [];
  const notes = new Set<string>();
  const commented: string[] = [];
  const warnings = new Set<string>();
  let openim = false;
  for (const { file, text } of await readFixtureFiles(files, ctx.cwd)) {
    const callbacks = parseFixture(file, text);
    if (callbacks.some((c) => c.commentsStripped)) commented.push(file);
    for (const cb of callbacks) {
      const detected = detect(cb, opts.command);
      if (detected.command === OPENIM_DOC_ONLY_COMMAND) {
        notes.add(`${OPENIM_DOC_ONLY_COMMAND} is the name in OpenIM's docs; servers ≥3.7 send callbackBeforeOfflinePushCommand / callbackBeforeOnlinePushCommand.`);
      } else if (OPENIM_LEGACY_PUSH_COMMANDS.includes(detected.command)) {
        notes.add(`${detected.command} is OpenIM's pre-3.7 name; servers ≥3.7 use callbackBefore…PushCommand.`);
      }
      openim ||= detected.protocol === 'openim';
      let body = cb.body;
      let value = cb.value;
      let setPaths: (string | number)[][] = [];
      if (sets.length > 0) {
        const r = applySets(body, value, sets, cb.name);
        ({ body, value } = r);
        setPaths = r.paths;
        for (const w of r.warnings) warnings.add(w);
      }
      const target = buildTarget(detected, { url, sdkappid, clientIp: opts.clientIp ?? '127.0.0.1', optPlatform, signed: token !== undefined }, { ...cb, value });
      const p: PreparedCallback = { name: cb.name, protocol: detected.protocol, command: detected.command, target, body: Buffer.from(body) };
      if (opts.fresh) {
        const t = buildFreshTemplate(body, setPaths);
        if (t) p.fresh = t;
      }
      if (cb.expect) p.expect = cb.expect;
      prepared.push(p);
      ctx.io.debug(`${cb.name}: POST ${target.displayUrl}${target.sign ? '&RequestTime=…&Sign=[REDACTED]' : ''} (${Buffer.byteLength(body)} bytes)`);
    }
  }
  const typedPath = opts.url.split(/[?#]/)[0] ?? '';
  if (openim && typedPath.endsWith('/') && /^[a-z]+:\/\/[^/]+\/./i.test(typedPath)) {
    const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    warnings.add(`--url ends with '/': OpenIM joins url + "/" + command, so it would post to ${base}//<command> (protocols.md §5.1); replay posts to ${base}/<command>.`);
  }
  if (commented.length > 0) {
    ctx.io.info(`note: comments are removed before sending (the rest is sent byte for byte): ${commented.join(', ')}`);
  }
  for (const n of notes) ctx.io.info(`note: ${n}`);
  for (const w of warnings) ctx.io.warn(w);

  const repeat = opts.repeat ?? 1;
  const total = prepared.length * repeat;
  ctx.io.info(`Replaying ${prepared.length} callback${prepared.length === 1 ? '' : 's'}${repeat > 1 ? ` × ${repeat}` : ''} to ${url.origin}${url.pathname} …`);
  const progress = { done: 0, total };
  const spinner = await ctx.io.spinner(`0/${total} sent`);
  const timer = ctx.io.canSpin ? setInterval(() => spinner.text(`${progress.done}/${total} sent`), 100) : undefined;
  try {
    const report = await runCallbacks({
      callbacks: prepared,
      repeat,
      concurrency: opts.concurrency ?? 1,
      rate: opts.rate,
      budgetMs: opts.budgetMs ?? 2000,
      token,
      now: ctx.now,
      random: ctx.random,
      signal: ctx.signal,
      sleep: ctx.sleep,
      progress,
      redact: (text, extra) => ctx.io.redactor.redact(text, extra),
      loopbackOnly: opts.allowRemote !== true,
    });
    spinner.stop();
    return report;
  } catch (err) {
    spinner.stop();
    throw err;
  } finally {
    clearInterval(timer);
  }
}

function junitError(file: string, err: unknown): UsageError {
  return new UsageError(`cannot write --junit ${file}: ${describeFsError(err)}.`, { hint: 'Check that the folder exists and is writable.' });
}

/** --junit must name a file (new or existing) in a folder that exists and can be written to. */
async function checkJunitPath(file: string, cwd: string): Promise<void> {
  const path = resolve(cwd, file);
  try {
    if ((await stat(path)).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw junitError(file, err);
  }
  try {
    await access(dirname(path), constants.W_OK);
  } catch (err) {
    throw junitError(file, err);
  }
}

/** --report-html / --report-markdown (renderers loaded only when asked). */
async function writeReplayReports(report: ReplayReport, opts: ReplayOptions, ctx: Context): Promise<void> {
  if (!opts.reportHtml && !opts.reportMarkdown) return;
  const { writeReport, chatpushVersion, redactDoc } = await import('./report-files.js');
  const doc = redactDoc({ results: report.results, summary: report.summary, ...(report.latency ? { latency: report.latency } : {}) }, ctx);
  if (opts.reportHtml) {
    const { renderReplayHtml } = await import('../render/html/replay.js');
    await writeReport('--report-html', opts.reportHtml, renderReplayHtml(doc, { generatedAt: new Date(ctx.now()).toISOString(), version: chatpushVersion() }), ctx);
  }
  if (opts.reportMarkdown) {
    const { renderReplayMarkdown } = await import('../render/markdown/others.js');
    await writeReport('--report-markdown', opts.reportMarkdown, renderReplayMarkdown(doc), ctx);
  }
}

/**
 * Runs replay and prints the report (table or --json); writes --junit. Exit 0 all passed, 1 any failed. On
 * Ctrl-C the report of what was answered so far is still printed and written, then it exits 130.
 */
export async function runReplay(files: string[], opts: ReplayOptions, ctx: Context): Promise<number> {
  // Checked before anything is sent: a typo in --junit must not cost a whole run against the backend.
  if (opts.junit) await checkJunitPath(opts.junit, ctx.cwd);
  await checkReportPaths({ '--report-html': opts.reportHtml, '--report-markdown': opts.reportMarkdown }, ctx.cwd);
  const report = await executeReplay(files, opts, ctx);
  await writeReplayReports(report, opts, ctx);
  if (opts.junit) {
    const path = resolve(ctx.cwd, opts.junit);
    try {
      await writeFile(path, ctx.io.redactFile(renderJunit(report, new Date(ctx.now()).toISOString())));
    } catch (err) {
      throw junitError(opts.junit, err);
    }
    ctx.io.info(`JUnit report written to ${opts.junit}`);
  }
  if (ctx.globals.json) ctx.io.out(renderJson({ results: report.results, summary: report.summary }));
  else ctx.io.out(renderReplayReport(report, ctx.io.chalk, ctx.io.outWidth));
  if (report.interrupted) throw new InterruptedError();
  return report.summary.failed > 0 ? 1 : 0;
}
