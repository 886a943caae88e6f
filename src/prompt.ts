/**
 * Reading secrets from the user without them ever touching argv or the screen: a hidden prompt on a terminal
 * (raw mode, nothing echoed) or the whole of piped stdin. Used by `config set secretKey` and `usersig verify -`.
 */
import { LIMITS, readStreamBounded } from './bounded-read.js';
import type { Readable } from 'node:stream';
import { InterruptedError, UsageError } from './errors.js';

/** What the key handling decided after a chunk of input. */
export type KeyOutcome = 'continue' | 'submit' | 'interrupt' | 'eof';

/**
 * The line editor behind the hidden prompt (pure, so tests can feed it keystrokes): Enter submits, Backspace
 * deletes one character, Ctrl-U clears, Ctrl-C interrupts, Ctrl-D submits (or ends on an empty line), escape
 * sequences (arrow keys, bracketed-paste markers) and other control characters are ignored.
 */
export class HiddenLineEditor {
  private chars: string[] = [];
  /** 0 outside an escape sequence; 1 after ESC; 2 inside a CSI/SS3 sequence (until its final byte). */
  private escape: 0 | 1 | 2 = 0;

  /** The text typed so far. */
  get value(): string {
    return this.chars.join('');
  }

  /** Feeds one chunk of raw terminal input. */
  feed(chunk: string): KeyOutcome {
    for (const ch of chunk) {
      if (this.escape === 1) {
        this.escape = ch === '[' || ch === 'O' ? 2 : 0;
        continue;
      }
      if (this.escape === 2) {
        // CSI: parameter and intermediate bytes 0x20–0x3f, then one final byte 0x40–0x7e.
        if (ch >= '@' && ch <= '~') this.escape = 0;
        continue;
      }
      switch (ch) {
        case '\r':
        case '\n':
          return 'submit';
        case '\u0003':
          return 'interrupt';
        case '\u0004':
          return this.chars.length === 0 ? 'eof' : 'submit';
        case '\u007f':
        case '\b':
          this.chars.pop();
          break;
        case '\u0015':
          this.chars = [];
          break;
        case '\u001b':
          this.escape = 1;
          break;
        default:
          if (ch >= ' ') this.chars.push(ch);
      }
    }
    return 'continue';
  }
}

/** A terminal input stream as Node exposes it (process.stdin on a TTY). */
export type TerminalInput = Readable & { setRawMode?: (mode: boolean) => unknown };

/**
 * Shows `prompt` on stderr and reads one line from a terminal with echo off. Ctrl-C rejects with
 * InterruptedError (raw mode swallows SIGINT, so we map the key ourselves); Ctrl-D on an empty line with a
 * UsageError. The terminal is always put back into cooked mode.
 */
export function readHiddenLine(input: TerminalInput, writeErr: (text: string) => void, prompt: string, signal?: AbortSignal): Promise<string> {
  if (typeof input.setRawMode !== 'function') {
    return Promise.reject(new UsageError('cannot hide typing on this terminal.', { hint: 'Pipe the value on stdin instead.' }));
  }
  const editor = new HiddenLineEditor();
  return new Promise<string>((resolve, reject) => {
    const finish = (outcome: Exclude<KeyOutcome, 'continue'>): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      signal?.removeEventListener('abort', onAbort);
      input.setRawMode?.(false);
      input.pause();
      writeErr('\n');
      if (outcome === 'submit') resolve(editor.value);
      else if (outcome === 'interrupt') reject(new InterruptedError());
      else reject(new UsageError('no input was given.', { hint: 'Type the value and press Enter, or pipe it on stdin.' }));
    };
    const onData = (chunk: Buffer | string): void => {
      const outcome = editor.feed(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      if (outcome !== 'continue') finish(outcome);
    };
    const onEnd = (): void => finish(editor.value === '' ? 'eof' : 'submit');
    const onAbort = (): void => finish('interrupt');
    if (signal?.aborted) return reject(new InterruptedError());
    // Echo goes off before the prompt shows, so nothing typed after seeing it can appear on screen.
    input.setRawMode!(true);
    writeErr(prompt);
    input.on('data', onData);
    input.on('end', onEnd);
    signal?.addEventListener('abort', onAbort, { once: true });
    input.resume();
  });
}

/** Reads all of piped stdin as UTF-8, refusing more than `maxBytes` (a secret is short; a runaway pipe is not). */
export async function readStdinText(input: Readable, maxBytes = LIMITS.secretKeyFile): Promise<string> {
  // The one bounded reader (bounded-read.ts): `config set secretKey </dev/zero` stops at the limit, exit 2.
  return (await readStreamBounded(input, maxBytes, 'stdin (one short value expected)')).toString('utf8');
}

/** Where a secret is read from: a hidden prompt on a terminal, else the whole of stdin (trimmed). */
export async function readSecret(
  io: { stdin: TerminalInput; stdinIsTTY: boolean; writeErr(text: string): void },
  prompt: string,
  what: string,
  signal?: AbortSignal,
): Promise<string> {
  let raw: string;
  try {
    raw = io.stdinIsTTY ? await readHiddenLine(io.stdin, (t) => io.writeErr(t), prompt, signal) : await readStdinText(io.stdin);
  } catch (err) {
    if (err instanceof UsageError || err instanceof InterruptedError) throw err;
    throw new UsageError(`cannot read ${what} from stdin (${(err as Error).message}).`);
  }
  const value = raw.trim();
  if (value === '') {
    throw new UsageError(`no ${what} was given on stdin.`, { hint: io.stdinIsTTY ? 'Type it at the prompt.' : `Pipe it in, e.g. 'printf %s "$VALUE" | chatpush …'.` });
  }
  return value;
}
