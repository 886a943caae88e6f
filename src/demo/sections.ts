/**
 * The sections of `chatpush demo`, in the order they are shown. Each runs real commands (trace, replay, …) against
 * the demo's in-process servers and says, in one line, what it showed. To add a section (another API of the
 * sandbox, say), write a DemoSection and add it to DEMO_SECTIONS: the runner (commands/demo.ts) prints its title,
 * collects its line for the closing summary and its document for `demo --json`, and stops on Ctrl-C.
 */
import { join } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Context } from '../context.js';
import { ExitCode, InterruptedError } from '../errors.js';
import { fixturesDir } from '../paths.js';
import { fitTable, wrapBlock } from '../render/fit.js';
import { sanitize } from '../render/sanitize.js';
import type { Listener } from '../servers/listen.js';
import type { Sandbox } from '../servers/sandbox.js';
import { CAUSES, type CauseId } from '../trace/diagnose.js';
import { STAGE_LABELS, type StageName } from '../trace/model.js';
import type { TraceJson } from '../trace/report.js';
import { DIAGNOSTICS_SECTIONS } from './diagnostics.js';
import { parseDoc } from './parse-doc.js';

/** What every section gets. */
export interface DemoRun {
  /** For the commands a section runs: demo credentials and endpoint, quiet progress, the user's stdout. */
  ctx: Context;
  /** The same, with stdout captured (for --json and for sections that summarise a command's document). */
  capture(): { ctx: Context; output(): string };
  sandbox: Sandbox;
  listener: Listener;
  chalk: ChalkInstance;
  /** The terminal's width (undefined off a terminal). */
  width: number | undefined;
  json: boolean;
}

export interface DemoSectionResult {
  /** Whether the commands behaved as the demo expects (a sample that fails on purpose is expected). */
  ok: boolean;
  /** The command's exit code, for the summary and --json. */
  exitCode: number;
  /** One line for "What you saw" (no trailing full stop). */
  saw: string;
  /** The section's document under its `key` in `demo --json`. */
  json?: Record<string, unknown>;
}

export interface DemoSection {
  /** The key of the section's document in `demo --json`. */
  key: string;
  /** The command line it shows, as a heading. */
  title(run: DemoRun): string;
  run(run: DemoRun): Promise<DemoSectionResult>;
  /** Commands to try next and what they do, shown after the summary. */
  next: ReadonlyArray<readonly [command: string, what: string]>;
}

/** Trace exit codes the demo expects from its samples: some fail (1) and one is empty (7) on purpose. */
const EXPECTED_TRACE_CODES: ReadonlySet<number> = new Set([ExitCode.OK, ExitCode.NEGATIVE, ExitCode.NOT_FOUND]);

/** The sample whose timeline is shown in full: a failure with a cause and a next step (Xiaomi, token invalid). */
const FEATURED_VERDICT = 'failed';

/** "69094c96…c197": a PushID short enough for a table cell, both ends kept. */
function shortId(id: string): string {
  return id.length > 20 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

/** One row per traced push: what happened, on which vendor, and why. */
function compactTraces(traces: readonly TraceJson[], chalk: ChalkInstance, width: number | undefined): string {
  const head = ['PUSHID', 'VERDICT', 'VENDOR', 'CAUSE'].map((h) => chalk.bold(h));
  const rows = traces.map((t) => {
    const where = t.failedStage ? ` at ${STAGE_LABELS[t.failedStage as StageName]}` : '';
    const verdict = `${t.verdict === 'not_found' ? 'not found' : (t.verdict ?? 'error')}${where}`;
    const colour = t.verdict === 'clicked' || t.verdict === 'delivered' ? chalk.green : t.verdict === 'failed' ? chalk.red : chalk.yellow;
    const vendors = [...new Set(t.instances.map((i) => sanitize(i.platform.name)))].join(', ') || '-';
    const cause = t.cause && t.cause in CAUSES ? CAUSES[t.cause as CauseId].short : '';
    return [shortId(t.pushId ?? t.userId ?? '-'), colour(verdict), vendors, cause];
  });
  return fitTable([head, ...rows], { width, indent: '  ', flex: { 2: { mode: 'wrap', min: 10 }, 3: { mode: 'wrap', min: 12 } } }).join('\n');
}

/** Counts of verdicts, as "2 delivered, 3 failed, 1 pending, 1 not found". */
function verdictCounts(traces: readonly TraceJson[]): string {
  const counts = new Map<string, number>();
  for (const t of traces) {
    const v = t.verdict === 'clicked' || t.verdict === 'delivered' ? 'delivered' : t.verdict === 'not_found' ? 'not found' : (t.verdict ?? 'error');
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
}

const traceSection: DemoSection = {
  key: 'trace',
  title: (d) => `chatpush trace <${d.sandbox.pushIds.length} sample PushIDs>`,
  next: [
    ['chatpush sandbox', 'these samples behind a local trace API, for your own scripts'],
    ['chatpush trace --response-file saved.json', 'render a saved API answer: no credentials, no network'],
  ],
  async run(d) {
    const { runTrace } = await import('../commands/trace.js');
    const opts = { expect: 'device', timeout: 10, retries: 3, minIntervalMs: 0 };
    const all = d.capture();
    const exitCode = await runTrace(d.sandbox.pushIds, opts, all.ctx);
    const doc = parseDoc(all.output()) as { traces?: TraceJson[] };
    const traces = doc.traces ?? [];
    const ok = EXPECTED_TRACE_CODES.has(exitCode) && traces.length === d.sandbox.pushIds.length && traces.every((t) => t.verdict !== null);
    if (!d.json && ok) {
      // One push in full, through the real renderer, then one line per push.
      const featured = traces.find((t) => t.verdict === FEATURED_VERDICT) ?? traces[0];
      if (featured?.pushId) await runTrace([featured.pushId], opts, d.ctx);
      d.ctx.io.out(`\n${d.chalk.dim(wrapBlock(`All ${traces.length} samples (chatpush trace <PushID…> prints each timeline like the one above):`, d.width))}`);
      d.ctx.io.out(compactTraces(traces, d.chalk, d.width));
    }
    return {
      ok,
      exitCode,
      saw: `trace: ${traces.length} sample pushes signed, fetched and diagnosed by the real client: ${verdictCounts(traces)}`,
      json: { exitCode, ...doc },
    };
  },
};

const replaySection: DemoSection = {
  key: 'replay',
  title: (d) => `chatpush replay <${DEMO_SAMPLES.length} built-in samples> --url ${d.listener.url} --url-openim ${d.listener.url}`,
  next: [
    ['chatpush replay <fixtures> --url <your callback URL>', 'check your own backend with the same callbacks'],
    ['chatpush fixtures list', 'every Tencent callback and OpenIM webhook with a built-in sample (110)'],
    ['chatpush listen', 'see what your Chat app or OpenIM server sends'],
  ],
  async run(d) {
    const [{ executeReplay }, { renderReplayReport, formatMs }] = await Promise.all([import('../commands/replay.js'), import('../render/replay-report.js')]);
    // A tour fits one or two screens: the message and push samples of both protocols (the whole catalogue is
    // 111 files: `chatpush fixtures list`), Tencent at --url and OpenIM at --url-openim (the receiver speaks both),
    // each with its protocol's own budget (Tencent 2 s, OpenIM 5 s).
    const fixtures = DEMO_SAMPLES.map((f) => join(fixturesDir, 'callbacks', f));
    const opts = { url: d.listener.url, urlOpenim: d.listener.url, clientIp: '127.0.0.1', optPlatform: 'RESTAPI', set: [], repeat: 1, concurrency: 4 };
    // What `chatpush replay` runs and prints, without --junit.
    const report = await executeReplay(fixtures, opts, d.ctx);
    if (!d.json) d.ctx.io.out(renderReplayReport(report, d.chalk, d.width));
    if (report.interrupted) throw new InterruptedError();
    const { passed, failed, p50Ms } = report.summary;
    const exitCode = failed > 0 ? ExitCode.NEGATIVE : ExitCode.OK;
    return {
      ok: exitCode === ExitCode.OK,
      exitCode,
      saw: `replay: ${passed + failed} shipped callbacks (Tencent and OpenIM) checked against a local receiver: ${passed} passed, p50 ${formatMs(p50Ms)}`,
      json: { exitCode, results: report.results, summary: report.summary },
    };
  },
};

/** The samples the tour replays: the message and push callbacks of both protocols. */
export const DEMO_SAMPLES: readonly string[] = [
  'tencent/C2C.CallbackAfterSendMsg.json',
  'tencent/C2C.CallbackBeforeSendMsg.json',
  'tencent/Group.CallbackAfterSendMsg.json',
  'tencent/Push.OfflinePush.group.json',
  'tencent/Push.OfflinePush.json',
  'openim/callbackBeforeGroupOnlinePushCommand.json',
  'openim/callbackBeforeOfflinePushCommand.json',
  'openim/callbackBeforeOnlinePushCommand.json',
  'openim/callbackBeforePushCommand.json',
];

/** The tour, in order (the push diagnostics of issue 12 come from src/demo/diagnostics.ts). */
export const DEMO_SECTIONS: DemoSection[] = [traceSection, ...DIAGNOSTICS_SECTIONS, replaySection];
