/**
 * `chatpush sandbox [--port] [--host]`: runs the normal_push_trace emulator (src/servers/sandbox.ts) until
 * Ctrl-C. Its result — the URL, how to point trace at it, the sample PushIDs — goes to stdout (or one JSON
 * document with --json); the request log goes to stderr. With nothing configured it uses the public demo
 * app (src/demo-credentials.ts) and says so; a key from the user's config is never printed.
 */
import { parseSdkAppId, readSecretFile, resolveSettings } from '../config/credentials.js';
import type { Context } from '../context.js';
import { DEMO_IDENTIFIER, DEMO_SDKAPPID, DEMO_SECRET_KEY } from '../demo-credentials.js';
import { ConfigError, UsageError } from '../errors.js';
import { isLoopbackHost } from '../net/loopback.js';
import { sanitize } from '../render/sanitize.js';
import { fitTable, wrapBlock } from '../render/fit.js';
import type { SandboxRequestEvent } from '../servers/sandbox.js';
import { SANDBOX_PATHS } from '../servers/sandbox-paths.js';

/** Options as declared for `sandbox` in src/cli.ts. */
export interface SandboxCommandOptions {
  sdkappid?: string;
  identifier?: string;
  secretKeyFile?: string;
  port?: number;
  host?: string;
  /** Minimum spacing of accepted requests, ms (default 1000: the API's 1/s). Lower only for tests and demos. */
  minIntervalMs?: number;
}

interface SandboxCredentials {
  sdkappid: number;
  secretKey: string;
  identifier: string;
  demo: boolean;
}

/**
 * The demo app, unless the command line names an app (--sdkappid or --secret-key-file; the rest may then come
 * from the environment or the profile). A configured profile alone no longer switches the sandbox to the
 * user's app: the copy-paste path of the banner and the README (the demo exports) must work whatever is
 * configured, and used to fail with "wrong region?" advice when a real app was (issue 11).
 */
async function sandboxCredentials(opts: SandboxCommandOptions, ctx: Context): Promise<SandboxCredentials> {
  if (opts.sdkappid === undefined && opts.secretKeyFile === undefined) {
    return { sdkappid: DEMO_SDKAPPID, secretKey: DEMO_SECRET_KEY, identifier: opts.identifier ?? DEMO_IDENTIFIER, demo: true };
  }
  const keyFromFile = opts.secretKeyFile ? await readSecretFile(opts.secretKeyFile, '--secret-key-file') : undefined;
  const { settings } = await resolveSettings(ctx, { sdkappid: opts.sdkappid, identifier: opts.identifier, secretKey: keyFromFile });
  const sdk = settings.sdkappid;
  const key = settings.secretKey?.value;
  ctx.io.addSecret(key);
  if (!sdk && !key) {
    return { sdkappid: DEMO_SDKAPPID, secretKey: DEMO_SECRET_KEY, identifier: settings.identifier?.value ?? DEMO_IDENTIFIER, demo: true };
  }
  if (!sdk) {
    throw new ConfigError('a secret key is configured but no SDKAppID to go with it.', {
      hint: "Set CHATPUSH_SDKAPPID or run 'chatpush config set sdkappid <id>' (or unset both to use the demo app).",
    });
  }
  if (!key) {
    throw new ConfigError(`SDKAppID ${sdk.value} is configured but no secret key to check UserSigs with.`, {
      hint: "Run 'chatpush config set secretKey', set CHATPUSH_SECRET_KEY or pass --secret-key-file (or unset both to use the demo app).",
    });
  }
  return { sdkappid: parseSdkAppId(sdk.value, sdk.origin), secretKey: key, identifier: settings.identifier?.value ?? 'administrator', demo: false };
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** One stderr log line per request: what was asked and what the sandbox answered. */
export function formatRequestLog(e: SandboxRequestEvent, at: number): string {
  const what = e.pushId !== undefined ? `PushID ${e.pushId}` : (e.what ?? `${e.method} ${e.path}`);
  const answer = e.errorCode === 0 ? `OK, ${e.instances} instance${e.instances === 1 ? '' : 's'}` : `${e.errorCode} ${e.errorInfo}`;
  return `${clock(at)} ${sanitize(what)} → ${sanitize(answer)}`;
}

/** Runs the sandbox until Ctrl-C; returns 0 after a clean stop. */
export async function runSandbox(opts: SandboxCommandOptions, ctx: Context): Promise<number> {
  const creds = await sandboxCredentials(opts, ctx);
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 5410;
  const { startSandbox } = await import('../servers/sandbox.js');
  let sandbox;
  try {
    sandbox = await startSandbox({
      host,
      port,
      sdkappid: creds.sdkappid,
      secretKey: creds.secretKey,
      admins: [creds.identifier],
      now: ctx.now,
      ...(opts.minIntervalMs !== undefined ? { minIntervalMs: opts.minIntervalMs } : {}),
      onRequest: (e) => ctx.io.info(formatRequestLog(e, ctx.now())),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${host} is already in use.`, { hint: 'Pick another with --port (0 picks a free one).' });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      throw new UsageError(`cannot listen on ${host}:${port} (${code}).`, { hint: 'Use --host 127.0.0.1 and a port above 1023.' });
    }
    throw err;
  }
  const { io } = ctx;
  if (!isLoopbackHost(host)) io.warn(`the sandbox listens on ${host}, reachable from other machines; it only serves sample data.`);

  if (io.json) {
    io.outJson({
      url: sandbox.url,
      port: sandbox.port,
      sdkappid: creds.sdkappid,
      identifier: creds.identifier,
      demoCredentials: creds.demo,
      rateLimit: { minIntervalMs: opts.minIntervalMs ?? 1000, errorCode: 60018 },
      samples: sandbox.cases,
      apis: SANDBOX_PATHS,
      tasks: sandbox.tasks,
      accounts: sandbox.accounts,
    });
  } else {
    const c = io.chalk;
    const who = creds.demo
      ? `the demo app: SDKAppID ${creds.sdkappid}, identifier ${creds.identifier}, the public demo key below`
      : `your app: SDKAppID ${creds.sdkappid}, identifier ${creds.identifier}, your key`;
    const lines = [
      `${c.bold('chatpush sandbox')} — push diagnostics API emulator on ${c.bold(sandbox.url)}`,
      `  answers as ${who}`,
      `  checks sdkappid, identifier, usersig, random, contenttype; ${opts.minIntervalMs === undefined ? '1 request/s per timpush API, 200/s for query_online_status' : `1 request per ${opts.minIntervalMs} ms per API (--min-interval-ms)`} (faster → 60018)`,
      `  serves ${SANDBOX_PATHS.map((p) => p.replace(/^\/v4\/\w+\//, '')).join(', ')}`,
      '',
      c.bold('Point trace at it (in another terminal):'),
      `  export CHATPUSH_ENDPOINT=${sandbox.url}`,
      // The demo key is public (src/demo-credentials.ts) and only this sandbox accepts it: printing it lets the
      // lines be pasted as they are. A user's own key is never printed.
      ...(creds.demo
        ? [`  export CHATPUSH_SDKAPPID=${creds.sdkappid} CHATPUSH_IDENTIFIER=${creds.identifier}`, `  export CHATPUSH_SECRET_KEY=${DEMO_SECRET_KEY}`]
        : [`  export CHATPUSH_SDKAPPID=${creds.sdkappid} CHATPUSH_IDENTIFIER=${creds.identifier}   (and your key, as configured)`]),
      `  chatpush trace ${sandbox.pushIds[0] ?? '<PushID>'}`,
      '',
      c.bold('Sample PushIDs:'),
      fitTable([...sandbox.cases.map((s) => [s.pushId, s.description]), ['…_sbx<NN>…', 'synthetic: a trace derived from the PushID, scenario NN (see README)'], ['any other PushID', 'not found · empty InstanceTrace']], {
        indent: '  ',
        width: io.outWidth,
        header: -1,
        flex: { 1: { mode: 'wrap', min: 24 } },
      }).join('\n'),
      '',
      c.bold('Sample tasks (trace --task <TaskID> --user …, stats --task, loss --task):'),
      fitTable(sandbox.tasks.map((t) => [t.taskId, `users ${t.users.join(', ')}`]), { indent: '  ', width: io.outWidth, header: -1, flex: { 1: { mode: 'wrap', min: 16 } } }).join('\n'),
      '',
      `${c.bold("Known accounts (online):")} ${sandbox.accounts.join(", ")} (any other → 70107)`,
    ];
    // On a terminal the prose wraps at words; the export lines never do, so that they paste as they are.
    io.out(lines.map((l) => (/^ {2}(export|chatpush) /.test(l) ? l : wrapBlock(l, io.outWidth, '    '))).join('\n'));
  }
  io.info('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.close();
  io.info('chatpush sandbox: stopped.');
  return 0;
}
