/**
 * `chatpush listen`: a local callback receiver that validates and prints incoming callbacks (like
 * `stripe listen`), until Ctrl-C. The URL goes to stderr, then a readiness line that is printed even when
 * piped or with --quiet, so wrappers can wait for it (hookdeck-cli#376, reference/peers.md §6).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { warnShortSecret } from '../redact.js';
import type { Context } from '../context.js';
import { parseSdkAppId, resolveSettings } from '../config/credentials.js';
import { UsageError } from '../errors.js';
import { describeFsError } from '../fs-error.js';
import { isLoopbackHost } from '../net/loopback.js';
import { captureLine } from '../replay/capture.js';
import { formatListenJson, formatListenLine } from '../replay/listen-line.js';
import { startListener, type Listener, type ReplyMode } from '../servers/listen.js';

export interface ListenOptions {
  port?: number | undefined;
  host?: string | undefined;
  reply?: ReplyMode | undefined;
  sdkappid?: string | undefined;
  token?: string | undefined;
  /** Append each callback to this JSON Lines file, for `replay`. */
  save?: string | undefined;
  /** Delay of --reply slow (not a CLI flag; tests and demo may shorten it). */
  slowMs?: number | undefined;
}

/** Local wall-clock time for the listen line. */
function clock(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

/**
 * Opens the --save file for appending, before the receiver starts (a bad path is exit 2, not a lost capture).
 * New files are 0600: callbacks carry users' messages.
 */
function openCapture(file: string, cwd: string): number {
  try {
    return openSync(resolve(cwd, file), 'a', 0o600);
  } catch (err) {
    throw new UsageError(`cannot write --save ${file}: ${describeFsError(err)}.`, { hint: 'Check that the folder exists and is writable.' });
  }
}

/** Runs the receiver until ctx.signal aborts (Ctrl-C); exit 0 — stopping is how a listener ends. */
export async function runListen(opts: ListenOptions, ctx: Context): Promise<number> {
  const { settings } = await resolveSettings(ctx, { sdkappid: opts.sdkappid, callbackToken: opts.token === '-' ? undefined : opts.token });
  const token = opts.token === '-' ? await (await import('./webhook.js')).resolveToken('-', ctx) : settings.callbackToken?.value || undefined;
  ctx.io.addSecret(token);
  warnShortSecret(token, ctx);
  const sdkappid = settings.sdkappid ? parseSdkAppId(settings.sdkappid.value, settings.sdkappid.origin) : undefined;
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 5411;
  const reply = opts.reply ?? 'ok';
  if (!['ok', 'fail', 'slow'].includes(reply)) throw new UsageError(`--reply "${reply}" must be ok, fail or slow.`);

  let received = 0;
  let rejected = 0;
  /** Callbacks whose body broke its command's schema (shown, answered as --reply says). */
  let offSchema = 0;
  let saved = 0;
  let capture = opts.save === undefined ? undefined : openCapture(opts.save, ctx.cwd);
  const save = (line: string): void => {
    try {
      writeSync(capture!, `${line}\n`);
      saved++;
    } catch (err) {
      // A full disk must not stop the receiver: say so once, and go on without saving.
      ctx.io.warn(`cannot write to --save ${opts.save}: ${describeFsError(err)}; no more callbacks are saved.`);
      closeSync(capture!);
      capture = undefined;
    }
  };
  let listener: Listener;
  try {
    listener = await startListener({
      host,
      port,
      reply,
      ...(sdkappid !== undefined ? { sdkappid } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(opts.slowMs !== undefined ? { slowMs: opts.slowMs } : {}),
      now: ctx.now,
      onCallback: (e) => {
        received++;
        if (e.problems.length > 0) rejected++;
        if (e.violations.length > 0) offSchema++;
        const line = capture === undefined ? undefined : captureLine(e);
        if (line !== undefined) save(line);
        ctx.io.out(ctx.globals.json ? formatListenJson(e) : formatListenLine(e, clock(e.at), ctx.io.chalk, ctx.io.outWidth));
      },
    });
  } catch (err) {
    if (capture !== undefined) closeSync(capture);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new UsageError(`port ${port} on ${host} is already in use.`, { hint: 'Pick another with --port <port>, or --port 0 for any free port.' });
    }
    if (code === 'EACCES') throw new UsageError(`no permission to listen on port ${port}.`, { hint: 'Use a port above 1023.' });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new UsageError(`cannot listen on ${host}: not an address of this machine.`, { hint: 'Use --host 127.0.0.1 (the default).' });
    }
    throw err;
  }

  if (!isLoopbackHost(host)) ctx.io.warn(`listening on ${host}: other machines can reach this receiver.`);
  ctx.io.info(`Listening on ${listener.url}  (Tencent: set it as the callback URL; OpenIM: as the webhook url)`);
  const checks = [
    sdkappid !== undefined ? `SdkAppid must be ${sdkappid}` : 'any SdkAppid accepted (set --sdkappid to check it)',
    token !== undefined ? 'Sign and RequestTime checked (token set)' : 'no Sign check (set --token to check it)',
    `answering ${reply === 'slow' ? `ok after ${opts.slowMs ?? 3000} ms` : reply}`,
  ];
  ctx.io.info(`Checks: ${checks.join('; ')}.`);
  if (opts.save !== undefined) ctx.io.info(`Saving each callback to ${opts.save} (JSON Lines, appended), for 'chatpush replay ${opts.save} --url …'.`);
  ctx.io.error(`Ready on ${listener.url} - waiting for callbacks (Ctrl-C to stop)`);

  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await listener.close();
  if (capture !== undefined) closeSync(capture);
  const savedNote = opts.save !== undefined ? `, ${saved} saved to ${opts.save}` : '';
  const schemaNote = offSchema > 0 ? `, ${offSchema} off their schema` : '';
  ctx.io.info(`Stopped: ${received} callback${received === 1 ? '' : 's'} received, ${rejected} rejected${schemaNote}${savedNote}.`);
  return 0;
}
