/**
 * `chatpush demo`: the first-run experience, fully offline. Starts the trace sandbox and the callback receiver
 * in-process on loopback ports, then runs the real `trace` and `replay` commands against them — UserSig
 * signing, HTTP, parsing, diagnosis and rendering are the production code paths, only the servers are local.
 */
import type { Context } from '../context.js';
import type { DemoRun, DemoSectionResult } from '../demo/sections.js';
import { DEMO_IDENTIFIER, DEMO_SDKAPPID, DEMO_SECRET_KEY } from '../demo-credentials.js';
import { ExitCode, InterruptedError } from '../errors.js';
import { fitTable, wrapBlock } from '../render/fit.js';

/** Settings that would steer the demo away from its local servers; the demo's own values replace them. */
const STEERING_ENV = ['CHATPUSH_USERSIG', 'CHATPUSH_REGION', 'CHATPUSH_PROFILE', 'CHATPUSH_CALLBACK_TOKEN'];

/**
 * The environment the demo's trace and replay see: demo credentials, the sandbox as endpoint. Every config key
 * is set, so the user's config file is never read: a broken or foreign profile cannot stop the demo.
 */
export function demoEnv(env: Context['env'], sandboxUrl: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  for (const k of STEERING_ENV) delete out[k];
  return {
    ...out,
    CHATPUSH_SDKAPPID: String(DEMO_SDKAPPID),
    CHATPUSH_SECRET_KEY: DEMO_SECRET_KEY,
    CHATPUSH_IDENTIFIER: DEMO_IDENTIFIER,
    CHATPUSH_ENDPOINT: sandboxUrl,
    CHATPUSH_REGION: 'sgp',
    // The demo's own callback token (its receiver checks no Sign): replay must not read the user's profile
    // for one, nor sign the samples with the user's real token.
    CHATPUSH_CALLBACK_TOKEN: 'chatpush-demo-callback-token',
  };
}

/**
 * Runs the tour (src/demo/sections.ts) and returns 0 when every section behaved as expected. Human output is
 * one or two screens: a heading per section, its output, then what was shown and what to try next. The demo's
 * servers answer at once (no 1 call/s limit, and its trace client does not pace), so it takes well under 3 s;
 * `chatpush sandbox` and the real client keep the limit.
 */
export async function runDemo(ctx: Context): Promise<number> {
  const { io } = ctx;
  const spinner = await io.spinner('Starting the local servers…');
  const [{ startSandbox }, { startListener }, { DEMO_SECTIONS }] = await Promise.all([
    import('../servers/sandbox.js'),
    import('../servers/listen.js'),
    import('../demo/sections.js'),
  ]);
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, sdkappid: DEMO_SDKAPPID, secretKey: DEMO_SECRET_KEY, minIntervalMs: 0 });
  const listener = await startListener({ host: '127.0.0.1', port: 0, reply: 'ok', sdkappid: DEMO_SDKAPPID });
  spinner.stop();
  try {
    // The commands run quiet: their progress lines and per-PushID notes ("expected stage … was not reached") are
    // about samples that fail on purpose, and would read as failures of a demo that works.
    const quietIO = io.derive({ quiet: true });
    const demoCtx: Context = { ...ctx, io: quietIO, env: demoEnv(ctx.env, sandbox.url), globals: { ...ctx.globals, profile: undefined } };
    const run: DemoRun = {
      ctx: demoCtx,
      capture: () => {
        const { io: captured, text } = io.captureStdout({ quiet: true });
        return { ctx: { ...demoCtx, io: captured }, output: text };
      },
      sandbox,
      listener,
      chalk: io.chalk,
      width: io.outWidth,
      json: io.json,
    };
    const c = io.chalk;
    if (!io.json) {
      io.out(wrapBlock(`${c.bold('chatpush demo')} — a tour on this machine; nothing is sent to Tencent.`, io.outWidth));
      io.out(
        fitTable(
          [
            ['trace sandbox', sandbox.url, `SDKAppID ${DEMO_SDKAPPID}, demo key`],
            ['callback receiver', listener.url, 'chatpush listen'],
          ],
          { indent: '  ', width: io.outWidth, header: -1, flex: { 2: { mode: 'wrap', min: 10 } } },
        ).join('\n'),
      );
    }
    const results: { key: string; result: DemoSectionResult }[] = [];
    for (const [i, section] of DEMO_SECTIONS.entries()) {
      if (!io.json) io.out(`\n${c.bold(wrapBlock(`━━ ${i + 1}/${DEMO_SECTIONS.length}  ${section.title(run)}`, io.outWidth, '      '))}`);
      const result = await section.run(run);
      if (ctx.signal.aborted || result.exitCode === ExitCode.INTERRUPTED) throw new InterruptedError();
      results.push({ key: section.key, result });
    }
    const ok = results.every((r) => r.result.ok);
    if (io.json) {
      io.outJson({
        sandbox: { url: sandbox.url, sdkappid: DEMO_SDKAPPID },
        receiver: { url: listener.url },
        ...Object.fromEntries(results.map((r) => [r.key, r.result.json ?? { exitCode: r.result.exitCode }])),
      });
    } else {
      const mark = (good: boolean): string => (good ? c.green('✔') : c.red('✖'));
      const lines = [
        '',
        c.bold('━━ What you saw'),
        ...results.map((r) => wrapBlock(`  ${mark(r.result.ok)} ${r.result.saw}`, io.outWidth, '    ')),
        '',
        c.bold('Try next'),
        ...fitTable(
          [...DEMO_SECTIONS.flatMap((s) => s.next), ...NEXT_REAL_APP].map(([cmd, what]) => [cmd, c.dim(what)]),
          { indent: '  ', width: io.outWidth, header: -1, flex: { 0: { mode: 'wrap', min: 20 }, 1: { mode: 'wrap', min: 20 } } },
        ),
      ];
      io.out(lines.join('\n'));
    }
    if (!ok) {
      const failed = results.filter((r) => !r.result.ok).map((r) => `${r.key} exit ${r.result.exitCode}`);
      io.error(`chatpush: the demo did not run as expected (${failed.join(', ')}).`);
      return Math.max(ExitCode.NEGATIVE, ...results.map((r) => r.result.exitCode));
    }
    return ExitCode.OK;
  } finally {
    await Promise.all([sandbox.close(), listener.close()]);
  }
}

/** The way from the demo to a real app. */
const NEXT_REAL_APP: ReadonlyArray<readonly [string, string]> = [
  ['chatpush config set sdkappid <id>', "your own app: then 'chatpush config set secretKey' (stdin or a hidden prompt) and 'chatpush trace <PushID>'"],
];
