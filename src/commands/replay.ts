/**
 * `chatpush replay <fixture...> --url <url>`: posts callbacks to the backend under test and checks each
 * reply (spec.md replay). I/O at the edges: this module reads the fixture files, resolves settings and
 * prints; parsing, protocols, overrides and checks are pure modules under src/replay/.
 */
import { constants } from 'node:fs';
import { access, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { warnShortSecret } from '../redact.js';
import type { Context } from '../context.js';
import { parseSdkAppId, resolveSettings } from '../config/credentials.js';
import { DEMO_SDKAPPID } from '../demo-credentials.js';
import { InterruptedError, UsageError } from '../errors.js';
import { describeFsError } from '../fs-error.js';
import { assertNoUserinfo, isLoopbackUrl } from '../net/loopback.js';
import { decodeUtf8Strict, LIMITS, readInputFile } from '../bounded-read.js';
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
import { fixturesDir } from '../paths.js';
import { findEntry, loadCatalogue, openImRule, suggestCommands, tencentRule, type Catalogue } from '../callbacks/catalogue.js';
import { OPENIM_BUDGET_MS } from '../callbacks/decide-openim.js';
import { TENCENT_BUDGET_MS } from '../callbacks/decide-tencent.js';
import type { ReplyRule } from '../replay/reply-check.js';

/** Options as declared in src/cli.ts; in-process callers (demo) may leave out everything but `url`. */
export interface ReplayOptions {
  url: string;
  command?: string | undefined;
  /** Keep only this protocol's fixtures (a mixed folder aimed at one --url is refused otherwise). */
  protocol?: 'tencent' | 'openim' | undefined;
  /** Where OpenIM fixtures go when --url is the Tencent callback URL. */
  urlOpenim?: string | undefined;
  /** A reply that passes with warnings fails. */
  strict?: boolean | undefined;
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

/** Fixture files under a folder, sorted, descending into sub-folders (fixtures/callbacks/<protocol>/). */
async function listFixtureFiles(dir: string, depth = 0): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.isFile() && FIXTURE_EXTENSIONS.test(e.name)) out.push(e.name);
  }
  if (depth < 3) {
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.')) for (const f of await listFixtureFiles(join(dir, e.name), depth + 1)) out.push(join(e.name, f));
    }
  }
  return out;
}

/** Expands directories to their fixture files (sorted, sub-folders after files) and reads every file. */
async function readFixtureFiles(files: readonly string[], cwd: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      throw new UsageError(`cannot read fixture ${file}: ${describeFsError(err)}.`, { hint: "Check the path; samples ship in fixtures/callbacks/ ('chatpush fixtures list')." });
    }
    const names = isDir ? await listFixtureFiles(path) : [undefined];
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

/**
 * Checks --command against the catalogue: unknown names are a usage error with "did you mean" (exit 2). With
 * fixture files, a well-formed name outside the catalogue (a legacy OpenIM name, a command newer than the
 * catalogue) is still allowed, with a warning, since the files say what to send.
 */
function checkCommand(cat: Catalogue, command: string, withFiles: boolean): Detected {
  const entry = findEntry(cat, command);
  if (entry) return { protocol: entry.protocol, command };
  const protocol = protocolOf(command);
  if (withFiles && protocol) return { protocol, command };
  const near = suggestCommands(cat, command);
  throw new UsageError(`--command "${command}" is not a callback command chatpush knows.`, {
    hint: near.length > 0 ? `Did you mean ${near.map((n) => `'${n}'`).join(', ')}? 'chatpush fixtures list' shows all ${cat.commands.length}.` : "Run 'chatpush fixtures list' to see every command.",
  });
}

/** Protocol and command: --command wins, else the body's own field (spec.md replay). */
function detect(cb: FixtureCallback, override: Detected | undefined): Detected {
  if (override !== undefined) return override;
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

/** The rule the reply is judged by. */
function ruleFor(cat: Catalogue, d: Detected): ReplyRule {
  if (d.protocol === 'openim') return { protocol: 'openim', ...openImRule(cat, d.command), goTypes: cat.goTypes };
  return { protocol: 'tencent', ...tencentRule(cat, d.command) };
}

/** Warnings for an OpenIM base URL that OpenIM's concatenation would turn into something else (§B2). */
function openImUrlWarnings(raw: string): string[] {
  const out: string[] = [];
  const noFragment = raw.replace(/#.*$/, '');
  if (noFragment.includes('?')) {
    out.push(`--url has a query: OpenIM appends "/<command>" to the whole URL, so the command lands inside the query (${noFragment}/<command>); replay sends exactly that.`);
  } else if (noFragment.endsWith('/')) {
    out.push(`--url ends with '/': OpenIM joins url + "/" + command, so it posts to ${noFragment}/<command> (a double slash); replay sends exactly that.`);
  }
  return out;
}

/** --token (or "-" for stdin), CHATPUSH_CALLBACK_TOKEN or the profile's callbackToken; undefined = unsigned. */
async function replayToken(flag: string | undefined, ctx: Context): Promise<string | undefined> {
  if (flag === '-') return (await import('./webhook.js')).resolveToken(flag, ctx);
  const { settings } = await resolveSettings(ctx, { callbackToken: flag });
  const token = settings.callbackToken?.value || undefined;
  ctx.io.addSecret(token);
  return token;
}

async function resolveSdkAppId(opts: ReplayOptions, ctx: Context): Promise<number> {
  const { settings } = await resolveSettings(ctx, { sdkappid: opts.sdkappid });
  const s = settings.sdkappid;
  return s ? parseSdkAppId(s.value, s.origin) : DEMO_SDKAPPID;
}

/** Reads, checks and prepares every callback, then sends them; returns the report (nothing printed to stdout). */
export async function executeReplay(files: readonly string[], opts: ReplayOptions, ctx: Context): Promise<ReplayReport> {
  const cat = await loadCatalogue(fixturesDir);
  const override = opts.command !== undefined ? checkCommand(cat, opts.command, files.length > 0) : undefined;
  if (files.length === 0 && override === undefined) {
    throw new UsageError('no fixture files given.', { hint: "Run 'chatpush replay fixtures/callbacks/tencent --url <url>', or 'chatpush replay --command <command> --url <url>' for a built-in sample." });
  }
  const url = checkUrl(opts.url, opts.allowRemote === true);
  const urlOpenim = opts.urlOpenim !== undefined ? checkUrl(opts.urlOpenim, opts.allowRemote === true) : undefined;
  const token = await replayToken(opts.token, ctx);
  ctx.io.addSecret(token);
  warnShortSecret(token, ctx);
  const sets = (opts.set ?? []).map(parseSet);
  const optPlatform = opts.optPlatform ?? 'RESTAPI';
  if (!OPT_PLATFORMS.includes(optPlatform)) {
    ctx.io.warn(`--opt-platform "${optPlatform}" is not one Tencent documents (${OPT_PLATFORMS.join(', ')}).`);
  }
  const sdkappid = await resolveSdkAppId(opts, ctx);

  // Built-in sample: `replay --command <cmd>` without files sends fixtures/callbacks/<protocol>/<cmd>.json
  // (like `stripe trigger`).
  let sources: { file: string; text: string }[];
  if (files.length === 0) {
    const entry = findEntry(cat, override!.command)!;
    sources = await readFixtureFiles([join(fixturesDir, 'callbacks', entry.file)], ctx.cwd);
    sources[0]!.file = entry.file.replace(/^.*\//, '');
  } else {
    sources = await readFixtureFiles(files, ctx.cwd);
  }

  interface Parsed {
    cb: FixtureCallback;
    detected: Detected;
  }
  const parsed: Parsed[] = [];
  const notes = new Set<string>();
  const commented: string[] = [];
  const warnings = new Set<string>();
  for (const { file, text } of sources) {
    const callbacks = parseFixture(file, text);
    if (callbacks.some((c) => c.commentsStripped)) commented.push(file);
    for (const cb of callbacks) parsed.push({ cb, detected: detect(cb, override) });
  }

  // One --url cannot serve both protocols: Tencent posts to the URL itself, OpenIM to url + "/" + command.
  const tencentCount = parsed.filter((p) => p.detected.protocol === 'tencent').length;
  const openimCount = parsed.length - tencentCount;
  let selected = parsed;
  if (opts.protocol !== undefined) {
    selected = parsed.filter((p) => p.detected.protocol === opts.protocol);
    const skipped = parsed.length - selected.length;
    if (skipped > 0) ctx.io.info(`note: --protocol ${opts.protocol}: ${skipped} ${opts.protocol === 'tencent' ? 'OpenIM' : 'Tencent'} callback${skipped === 1 ? '' : 's'} left out.`);
    if (selected.length === 0) throw new UsageError(`no ${opts.protocol === 'tencent' ? 'Tencent' : 'OpenIM'} callbacks in the fixtures given.`, { hint: 'Check --protocol, or the fixture files.' });
  } else if (tencentCount > 0 && openimCount > 0 && urlOpenim === undefined) {
    throw new UsageError(`the fixtures mix ${tencentCount} Tencent and ${openimCount} OpenIM callbacks aimed at one --url; nothing was sent.`, {
      hint: 'A backend speaks one protocol: add --protocol tencent (or openim) to send only those, or --url-openim <url> to send the OpenIM ones elsewhere.',
    });
  }

  const prepared: PreparedCallback[] = [];
  let schemaChecked = 0;
  /** "command: path: reason" → the callbacks whose body has that violation (one warning line each). */
  const schemaWarnings = new Map<string, string[]>();
  for (const { cb, detected } of selected) {
    if (detected.command === OPENIM_DOC_ONLY_COMMAND) {
      notes.add(`${OPENIM_DOC_ONLY_COMMAND} is the name in OpenIM's docs; servers ≥3.7 send callbackBeforeOfflinePushCommand / callbackBeforeOnlinePushCommand.`);
    } else if (OPENIM_LEGACY_PUSH_COMMANDS.includes(detected.command)) {
      notes.add(`${detected.command} is OpenIM's pre-3.7 name; servers ≥3.7 use callbackBefore…PushCommand.`);
    } else if (!findEntry(cat, detected.command)) {
      warnings.add(`${detected.command} is not in chatpush's catalogue; its reply is judged by the ${detected.protocol === 'openim' ? 'OpenIM' : 'Tencent'} rules for a ${ruleFor(cat, detected).kind}-callback.`);
    }
    let body = cb.body;
    let value = cb.value;
    let setPaths: (string | number)[][] = [];
    if (sets.length > 0) {
      const r = applySets(body, value, sets, cb.name);
      ({ body, value } = r);
      setPaths = r.paths;
      for (const w of r.warnings) warnings.add(w);
    }
    // A user's fixture that breaks its schema is still sent (the backend must cope with what the platform
    // sends), with a warning per violation.
    const entry = findEntry(cat, detected.command);
    if (entry && files.length > 0) {
      const { validateBody, violationText } = await import('../callbacks/schemas.js');
      const violations = await validateBody(fixturesDir, entry, value);
      schemaChecked++;
      for (const v of violations) {
        const key = `${detected.command}: ${violationText(v)}`;
        schemaWarnings.set(key, [...(schemaWarnings.get(key) ?? []), cb.name]);
      }
    }
    const base = detected.protocol === 'openim' && urlOpenim !== undefined ? urlOpenim : url;
    const rawUrl = detected.protocol === 'openim' && opts.urlOpenim !== undefined ? opts.urlOpenim : opts.url;
    const target = buildTarget(detected, { url: base, rawUrl, sdkappid, clientIp: opts.clientIp ?? '127.0.0.1', optPlatform, signed: token !== undefined }, { ...cb, value });
    const p: PreparedCallback = {
      name: cb.name,
      protocol: detected.protocol,
      command: detected.command,
      target,
      body: Buffer.from(body),
      rule: ruleFor(cat, detected),
      request: value,
      budgetMs: opts.budgetMs ?? (detected.protocol === 'openim' ? OPENIM_BUDGET_MS : TENCENT_BUDGET_MS),
    };
    if (opts.fresh) {
      const t = buildFreshTemplate(body, setPaths);
      if (t) p.fresh = t;
    }
    if (cb.expect) p.expect = cb.expect;
    prepared.push(p);
    ctx.io.debug(`${cb.name}: POST ${target.displayUrl}${target.sign ? '&RequestTime=…&Sign=[REDACTED]' : ''} (${Buffer.byteLength(body)} bytes)`);
  }
  if (prepared.some((p) => p.protocol === 'openim')) for (const w of openImUrlWarnings(urlOpenim !== undefined ? opts.urlOpenim! : opts.url)) warnings.add(w);
  if (commented.length > 0) {
    ctx.io.info(`note: comments are removed before sending (the rest is sent byte for byte): ${commented.join(', ')}`);
  }
  if (schemaChecked > 0) ctx.io.debug(`${schemaChecked} fixture bodies checked against their schemas`);
  for (const [key, names] of schemaWarnings) {
    const [command, ...rest] = key.split(': ');
    warnings.add(`${names[0]!}${names.length > 1 ? ` (+${names.length - 1} more)` : ''}: ${rest.join(': ')} (schema of ${command!}; sent anyway)`);
  }
  for (const n of notes) ctx.io.info(`note: ${n}`);
  for (const w of warnings) ctx.io.warn(w);

  const repeat = opts.repeat ?? 1;
  const total = prepared.length * repeat;
  ctx.io.info(`Replaying ${prepared.length} callback${prepared.length === 1 ? '' : 's'}${repeat > 1 ? ` × ${repeat}` : ''} to ${url.origin}${url.pathname}${urlOpenim ? ` (OpenIM: ${urlOpenim.origin}${urlOpenim.pathname})` : ''} …`);
  const progress = { done: 0, total };
  const spinner = await ctx.io.spinner(`0/${total} sent`);
  const timer = ctx.io.canSpin ? setInterval(() => spinner.text(`${progress.done}/${total} sent`), 100) : undefined;
  try {
    const report = await runCallbacks({
      callbacks: prepared,
      repeat,
      concurrency: opts.concurrency ?? 1,
      rate: opts.rate,
      token,
      now: ctx.now,
      random: ctx.random,
      signal: ctx.signal,
      sleep: ctx.sleep,
      progress,
      strict: opts.strict,
      allowRemote: opts.allowRemote,
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
  if (ctx.globals.json) ctx.io.outJson({ results: report.results, summary: report.summary });
  else ctx.io.out(renderReplayReport(report, ctx.io.chalk, ctx.io.outWidth));
  if (report.interrupted) throw new InterruptedError();
  return report.summary.failed > 0 ? 1 : 0;
}
