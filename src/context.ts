/**
 * The Context every command receives [gh Factory]: streams and output decisions, the environment, the
 * clock and randomness (so tests and pure code can pin them), the cancellation signal, and global flags.
 * Nothing heavy is created here; commands load what they need lazily.
 */
import type { Env, IO } from './io.js';
import { InterruptedError } from './errors.js';

/** Flags that every command understands. */
export interface GlobalOptions {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  profile?: string | undefined;
}

export interface Context {
  io: IO;
  env: Env;
  cwd: string;
  globals: GlobalOptions;
  /** Milliseconds since the epoch. */
  now(): number;
  /** A uniformly random unsigned 32-bit integer (0–4294967295). */
  random(): number;
  /** Aborted on Ctrl-C; long operations pass it on and stop with InterruptedError. */
  signal: AbortSignal;
  /** Sleeps, waking early (with InterruptedError) when the signal aborts. */
  sleep(ms: number): Promise<void>;
}

/**
 * A uniformly random uint32 from the platform CSPRNG. Web Crypto's global is used rather than importing
 * node:crypto so that startup does not load it for commands that never ask for randomness.
 */
export function cryptoRandomUint32(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!;
}

/** A sleep that honours an AbortSignal. */
export function abortableSleep(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(new InterruptedError());
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new InterruptedError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
}
