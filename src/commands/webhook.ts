/**
 * `chatpush webhook sign|verify`: Tencent Chat's callback signature (reference/callbacks.md §A4) — the same code
 * (src/callbacks/sign.ts) that replay uses to sign and listen uses to check. The token comes from --token,
 * `--token -` (stdin), CHATPUSH_CALLBACK_TOKEN or the profile's callbackToken, and is never printed.
 * Exit codes: 0 valid / signed, 1 invalid (wrong token, expired, in the future, missing), 2 malformed input.
 */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { resolveSettings } from '../config/credentials.js';
import { renderJson } from '../render/json.js';
import { sanitize } from '../render/sanitize.js';
import { signCallback, SIGN_WINDOW_S, verifySign } from '../callbacks/sign.js';

export interface WebhookSignOptions {
  token?: string | undefined;
  time?: number | undefined;
  url?: string | undefined;
}

async function readStdin(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ctx.io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The token: --token (or "-" = stdin), else CHATPUSH_CALLBACK_TOKEN, else the profile; registered as a secret. */
export async function resolveToken(flag: string | undefined, ctx: Context): Promise<string> {
  let token: string | undefined;
  if (flag === '-') {
    token = (await readStdin(ctx)).replace(/\r?\n$/, '');
    if (token === '') throw new UsageError('--token -: stdin was empty.', { hint: 'Pipe the token in: printf %s "$TOKEN" | chatpush webhook … --token -' });
  } else {
    const { settings } = await resolveSettings(ctx, { callbackToken: flag });
    token = settings.callbackToken?.value;
  }
  if (token === undefined || token === '') {
    throw new UsageError('no callback token.', { hint: "Pass --token <t> (or --token - to read it from stdin), set CHATPUSH_CALLBACK_TOKEN, or run 'chatpush config set callbackToken'." });
  }
  ctx.io.addSecret(token);
  return token;
}

/** Prints RequestTime and Sign (and the signed URL with --url). */
export async function runWebhookSign(opts: WebhookSignOptions, ctx: Context): Promise<number> {
  let url: URL | undefined;
  if (opts.url !== undefined) {
    try {
      url = new URL(opts.url);
    } catch {
      throw new UsageError(`--url "${opts.url}" is not a URL.`, { hint: 'Use e.g. --url "https://example.com/im/callback?SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg".' });
    }
  }
  const token = await resolveToken(opts.token, ctx);
  const requestTime = opts.time ?? Math.floor(ctx.now() / 1000);
  const sign = signCallback(token, requestTime);
  let signed: string | undefined;
  if (url) {
    url.searchParams.delete('RequestTime');
    url.searchParams.delete('Sign');
    url.searchParams.append('RequestTime', String(requestTime));
    url.searchParams.append('Sign', sign);
    signed = url.href;
  }
  // The Sign is the result the user asked for (like `usersig gen`'s UserSig), so it is printed unredacted;
  // the token cannot appear in it (sha256 output), and is still registered for every other line.
  const text = ctx.globals.json
    ? renderJson({ requestTime, sign, ...(signed !== undefined ? { url: signed } : {}) }, ctx.io.prettyJson)
    : [`RequestTime=${requestTime}`, `Sign=${sign}`, ...(signed !== undefined ? [signed] : [])].join('\n');
  ctx.io.outUnredacted(text.includes(token) ? ctx.io.redact(text) : text);
  return 0;
}

/** Reads the query out of a URL or a bare query string; a UsageError (exit 2) when neither. */
export function queryOf(input: string): URLSearchParams {
  const text = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      return new URL(text).searchParams;
    } catch {
      throw new UsageError(`"${sanitize(text.slice(0, 80))}" is not a URL.`, { hint: 'Pass the callback URL, or its query with the RequestTime and Sign parameters.' });
    }
  }
  const q = text.replace(/^[^?]*\?/, '');
  if (!q.includes('=')) throw new UsageError(`"${sanitize(text.slice(0, 80))}" is neither a URL nor a query.`, { hint: 'Pass the callback URL, or its query with the RequestTime and Sign parameters.' });
  return new URLSearchParams(q);
}

/** Checks Sign and the RequestTime window; exit 0 valid, 1 invalid, 2 malformed. */
export async function runWebhookVerify(input: string, opts: { token?: string | undefined }, ctx: Context): Promise<number> {
  const query = queryOf(input);
  const token = await resolveToken(opts.token, ctx);
  const check = verifySign(query, token, ctx.now());
  const requestTime = query.get('RequestTime');
  const code = check.valid ? 0 : check.why === 'malformed' ? 2 : 1;
  const reason = check.valid
    ? `valid: Sign matches; RequestTime is ${check.skewS >= 0 ? `${check.skewS} s old` : `${-check.skewS} s in the future`} (window ${SIGN_WINDOW_S} s)`
    : `${code === 2 ? 'malformed' : 'invalid'}: ${check.message}`;
  if (ctx.globals.json) {
    ctx.io.outJson({ valid: check.valid, reason: check.valid ? 'valid' : check.why, message: reason, requestTime: requestTime !== null && /^\d+$/.test(requestTime) ? Number(requestTime) : null, skewS: check.skewS ?? null, windowS: SIGN_WINDOW_S });
  } else {
    ctx.io.out(reason);
  }
  return code;
}
