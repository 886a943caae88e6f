/**
 * `chatpush demo`: the first-run experience, fully offline. Starts the trace sandbox and the callback receiver
 * in-process on loopback ports, then runs the real `trace` and `replay` commands against them — UserSig
 * signing, HTTP, parsing, diagnosis and rendering are the production code paths, only the servers are local.
 */
import { join } from 'node:path';
import type { Context } from '../context.js';
import { DEMO_IDENTIFIER, DEMO_SDKAPPID, DEMO_SECRET_KEY } from '../demo-credentials.js';
import { ExitCode } from '../errors.js';
import { fixturesDir } from '../paths.js';
import { renderJson } from '../render/json.js';

/** Trace exit codes the demo expects: the samples include failed pushes (1) and an empty trace (7) on purpose. */
const EXPECTED_TRACE_CODES: ReadonlySet<number> = new Set([ExitCode.OK, ExitCode.NEGATIVE, ExitCode.NOT_FOUND]);

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

/** A Context whose stdout is captured (for --json, where the demo prints one combined document). */
function capturingContext(ctx: Context): { ctx: Context; output: () => string } {
  const { io, text } = ctx.io.captureStdout();
  return { ctx: { ...ctx, io }, output: text };
}

/** Runs the demo and returns 0 when every part behaved as expected. */
export async function runDemo(ctx: Context): Promise<number> {
  const { io } = ctx;
  const spinner = await io.spinner('Starting the trace sandbox and the callback receiver on 127.0.0.1…');
  const [{ startSandbox }, { startListener }, { runTrace }, { runReplay }] = await Promise.all([
    import('../servers/sandbox.js'),
    import('../servers/listen.js'),
    import('./trace.js'),
    import('./replay.js'),
  ]);
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, sdkappid: DEMO_SDKAPPID, secretKey: DEMO_SECRET_KEY });
  const listener = await startListener({ host: '127.0.0.1', port: 0, reply: 'ok', sdkappid: DEMO_SDKAPPID });
  spinner.stop();
  try {
    const demoCtx: Context = { ...ctx, env: demoEnv(ctx.env, sandbox.url), globals: { ...ctx.globals, profile: undefined } };
    // replay takes the folder as "every fixture file in it", as a user would pass it: the whole catalogue, the
    // Tencent samples at --url and the OpenIM ones at --url-openim (the receiver speaks both).
    const fixtures = [join(fixturesDir, 'callbacks')];
    const traceOpts = { expect: 'device', timeout: 10, retries: 3 };
    const replayOpts = { url: listener.url, urlOpenim: listener.url, clientIp: '127.0.0.1', optPlatform: 'RESTAPI', set: [], repeat: 1, concurrency: 4 };

    let traceCode: number;
    let replayCode: number;
    if (io.json) {
      const t = capturingContext(demoCtx);
      traceCode = await runTrace(sandbox.pushIds, traceOpts, t.ctx);
      const r = capturingContext(demoCtx);
      replayCode = await runReplay(fixtures, replayOpts, r.ctx);
      io.out(
        renderJson({
          sandbox: { url: sandbox.url, sdkappid: DEMO_SDKAPPID },
          receiver: { url: listener.url },
          trace: { exitCode: traceCode, ...parseDoc(t.output()) },
          replay: { exitCode: replayCode, ...parseDoc(r.output()) },
        }),
      );
    } else {
      const c = io.chalk;
      const rule = (title: string): string => `\n${c.bold(`━━ ${title}`)}`;
      io.out(c.bold('chatpush demo') + ' — everything runs on this machine; nothing is sent to Tencent.');
      io.out(`  trace sandbox     ${sandbox.url}   (SDKAppID ${DEMO_SDKAPPID}, demo key)`);
      io.out(`  callback receiver ${listener.url}   (chatpush listen)`);
      io.out(rule(`1/2  chatpush trace — ${sandbox.pushIds.length} sample pushes, one request per second like the real API`));
      traceCode = await runTrace(sandbox.pushIds, traceOpts, demoCtx);
      io.out(rule('2/2  chatpush replay — every built-in callback sample (fixtures/callbacks/) at the receiver'));
      replayCode = await runReplay(fixtures, replayOpts, demoCtx);
      io.out(
        `\nNext: 'chatpush config set sdkappid <your SDKAppID>', 'chatpush config set secretKey' (from stdin), then 'chatpush trace <PushID>'.`,
      );
    }
    const ok = EXPECTED_TRACE_CODES.has(traceCode) && replayCode === ExitCode.OK;
    if (!ok) io.error(`chatpush: the demo did not run as expected (trace exit ${traceCode}, replay exit ${replayCode}).`);
    return ok ? ExitCode.OK : Math.max(traceCode, replayCode, ExitCode.NEGATIVE);
  } finally {
    await Promise.all([sandbox.close(), listener.close()]);
  }
}

function parseDoc(text: string): Record<string, unknown> {
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    delete doc.schemaVersion;
    return doc;
  } catch {
    return { output: text };
  }
}
