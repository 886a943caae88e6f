/**
 * A writer for a stdout or stderr that is a pipe or a file: fs.writeSync on the descriptor instead of
 * process.stdout/stderr. Creating those streams costs ~3 ms of every start-up (node:net and a socket for a
 * pipe; bench/startup.mjs), and on POSIX their writes to pipes and files are synchronous anyway. Terminals keep
 * the real streams (columns, spinners).
 */
import { writeSync } from 'node:fs';

/** What chatpush writes output through: text in, nothing awaited. */
export interface OutStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface FdWriterOptions {
  /** The real stream, created only if the descriptor turns out to be non-blocking (EAGAIN). */
  stream(): { write(chunk: Uint8Array | string): unknown };
  /** The reader has gone (EPIPE, as in `chatpush … | head`). */
  onClosed(): void;
  /** fs.writeSync's shape, replaceable in tests. */
  writeSync?: (fd: number, bytes: Uint8Array, offset: number) => number;
}

/**
 * Writes each text whole, looping over partial writes. A descriptor the other side made non-blocking (EAGAIN
 * when full) hands the rest and every later write to the real stream, which queues them in order.
 */
export function fdWriter(fd: number, { stream, onClosed, writeSync: write = writeSync }: FdWriterOptions): OutStream {
  let queued: { write(chunk: Uint8Array | string): unknown } | undefined;
  return {
    isTTY: false,
    write(text: string): boolean {
      if (queued) return queued.write(text) !== false;
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < bytes.length) {
        try {
          done += write(fd, bytes, done);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') {
            queued = stream();
            return queued.write(bytes.subarray(done)) !== false;
          }
          if (code === 'EPIPE') {
            onClosed();
            return false;
          }
          throw err;
        }
      }
      return true;
    },
  };
}
