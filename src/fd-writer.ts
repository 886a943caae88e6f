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
  writeSync?: (fd: number, bytes: Uint8Array, offset: number, length: number) => number;
}

// Texts of up to this many UTF-16 units (the JSON writer's 64 KiB pieces) are encoded into one buffer made once
// and reused: Buffer.from made a new one per text, and encoding 12.6 MB of a 20 000-instance timeline so took
// 23.5 ms against 8.7 (issue 15). Each unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4).
const SCRATCH_UNITS = 65536;

/**
 * Writes each text whole, looping over partial writes. A descriptor the other side made non-blocking (EAGAIN
 * when full) hands the rest and every later write to the real stream, which queues them in order.
 */
export function fdWriter(fd: number, { stream, onClosed, writeSync: write = writeSync }: FdWriterOptions): OutStream {
  let queued: { write(chunk: Uint8Array | string): unknown } | undefined;
  let scratch: Buffer | undefined;
  return {
    isTTY: false,
    write(text: string): boolean {
      if (queued) return queued.write(text) !== false;
      let bytes: Buffer;
      let end: number;
      if (text.length <= SCRATCH_UNITS) {
        bytes = scratch ??= Buffer.allocUnsafeSlow(SCRATCH_UNITS * 3);
        end = bytes.write(text, 0, 'utf8');
      } else {
        bytes = Buffer.from(text, 'utf8');
        end = bytes.length;
      }
      let done = 0;
      while (done < end) {
        try {
          done += write(fd, bytes, done, end - done);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') {
            queued = stream();
            // Not a copy: every later text goes to the stream, so the scratch buffer is not written again.
            return queued.write(bytes.subarray(done, end)) !== false;
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
