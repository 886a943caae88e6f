/**
 * The abort reason main.ts gives the command's signal when stdout's reader has gone (`chatpush … | head`): not
 * a Ctrl-C, so a command may stop early and still end with the exit code of what it found (issue 11).
 */
export const STDOUT_CLOSED = 'StdoutClosed';

/** Whether the signal was aborted because stdout was closed (rather than by Ctrl-C). */
export function isStdoutClosed(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as { name?: unknown } | undefined)?.name === STDOUT_CLOSED;
}
