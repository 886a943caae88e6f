/** Turns any thrown value into one stderr line (plus a stack with --verbose) and its exit code. */
import { ChatpushError, ExitCode, toExitCode } from './errors.js';
import type { IO } from './io.js';

/** Prints an error as one line (plus a stack with --verbose) and returns its exit code. */
export function report(err: unknown, io: IO): number {
  if (err instanceof ChatpushError) {
    const line = err.withHint().replace(/\s*\n\s*/g, ' ');
    if (err.exitCode !== ExitCode.INTERRUPTED) io.error(`chatpush: ${line}`);
    else io.error('chatpush: interrupted.');
    if (io.verbose && err.stack) io.error(err.stack);
    return toExitCode(err);
  }
  const message = err instanceof Error ? err.message : String(err);
  io.error(`chatpush: internal error: ${message.replace(/\s*\n\s*/g, ' ')}. Re-run with --verbose and report it.`);
  if (io.verbose && err instanceof Error && err.stack) io.error(err.stack);
  return ExitCode.NEGATIVE;
}
