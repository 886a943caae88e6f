/**
 * The one bounded reader: every file, stdin and HTTP body chatpush reads goes through a size limit, so
 * `--response-file /dev/zero`, `trace - </dev/zero` or a backend streaming forever cannot grow the process
 * to gigabytes. Reading stops one chunk past the limit and the error names the input and the limit
 * (README "Limits and safety" lists them all).
 */
import { InterruptedError, UsageError } from './errors.js';
import { describeFsError } from './fs-error.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The documented limits (README "Limits and safety"). */
export const LIMITS = {
  /** One replay fixture file (20 000 envelope entries of a typical callback are ~15 MiB). */
  fixture: 64 * MiB,
  /** trace --response-file (a saved API answer). */
  responseFile: 16 * MiB,
  /** PushIDs from --from-file or stdin (`trace -`). */
  pushIdList: 16 * MiB,
  /** UserIDs from --from-file or stdin (`online -`, `trace --task ... --user -`). */
  userIdList: 16 * MiB,
  /** --secret-key-file (a key is 64 characters). */
  secretKeyFile: 64 * KiB,
  /** config.json. */
  configFile: 4 * MiB,
  /** A reply from the REST API. */
  restReply: 64 * MiB,
  /** A reply from the backend under replay. */
  replayReply: 1 * MiB,
  /** A request body received by listen / sandbox. */
  requestBody: 1 * MiB,
} as const;

/** "64 MiB", "64 KiB", "512 bytes". */
export function formatLimit(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes} bytes`;
}

/** An input larger than its limit. `what` names it as the user knows it ("--response-file x.json"). */
export class TooLargeError extends UsageError {
  constructor(
    readonly what: string,
    readonly limit: number,
  ) {
    super(`${what} is too large (limit ${formatLimit(limit)}).`, {
      hint: 'Split the input, or check that it is the file you meant (a device such as /dev/zero never ends).',
    });
  }
}

/**
 * Reads a file into a Buffer, at most `limit` bytes; throws TooLargeError beyond it, or the fs error as is
 * (callers word it with describeFsError). Works for files whose size is unknown in advance (devices,
 * FIFOs, /proc): it reads in chunks instead of trusting fstat.
 */
export function readFileBounded(path: string, limit: number, what: string): Buffer {
  const fs = process.getBuiltinModule('node:fs');
  const fd = fs.openSync(path, 'r');
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
    if (st.isFile() && st.size > limit) throw new TooLargeError(what, limit);
    // A regular file is read straight into one buffer of its size (one byte more, to notice a file that grew):
    // no 64 KiB chunks to copy again into a second buffer (issue 15: 16 MB read twice over).
    if (st.isFile() && st.size > 0) {
      // Not from the shared pool: callers own the whole of what they get, as with the chunks below.
      const buf = Buffer.allocUnsafeSlow(st.size + 1);
      let n = 0;
      for (;;) {
        const got = fs.readSync(fd, buf, n, buf.length - n, null);
        if (got === 0) return buf.subarray(0, n);
        n += got;
        if (n === buf.length) break;
      }
      // It grew while being read: go on in chunks below, from what is already here.
      return readRest(fs, fd, buf, limit, what);
    }
    return readRest(fs, fd, Buffer.alloc(0), limit, what);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a descriptor to its end in chunks after `head`, bounded by `limit` bytes in all. */
function readRest(fs: typeof import('node:fs'), fd: number, head: Buffer, limit: number, what: string): Buffer {
  if (head.length > limit) throw new TooLargeError(what, limit);
  const chunks: Buffer[] = head.length > 0 ? [head] : [];
  let total = head.length;
  const chunkSize = 64 * KiB;
  for (;;) {
    const buf = Buffer.allocUnsafe(chunkSize);
    const n = fs.readSync(fd, buf, 0, chunkSize, null);
    if (n === 0) break;
    total += n;
    if (total > limit) throw new TooLargeError(what, limit);
    chunks.push(n === chunkSize ? buf : buf.subarray(0, n));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** readFileBounded with errors already worded as a UsageError: `cannot read <what>: no such file.` */
export function readInputFile(path: string, limit: number, what: string, hint?: string): Buffer {
  try {
    return readFileBounded(path, limit, what);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${what}: ${describeFsError(err)}.`, { hint: hint ?? 'Check the path and its permissions.' });
  }
}

/** Reads a stream (stdin) to its end, at most `limit` bytes; beyond it the stream is destroyed and TooLargeError thrown. */
export async function readStreamBounded(stream: NodeJS.ReadableStream & { destroy?: () => void }, limit: number, what: string, signal?: AbortSignal): Promise<Buffer> {
  if (!signal) return readAll(stream, limit, what);
  // Ctrl-C while a person is typing PushIDs or UserIDs on a terminal: the read ends at once with exit 130 (it
  // waited for Ctrl-D, and only a second Ctrl-C ended it).
  if (signal.aborted) throw new InterruptedError();
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = (): void => {
      stream.destroy?.();
      reject(new InterruptedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const reading = readAll(stream, limit, what);
  reading.catch(() => {}); // settled by the race below; a destroy after Ctrl-C must not be an unhandled rejection
  try {
    return await Promise.race([reading, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function readAll(stream: NodeJS.ReadableStream, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.length;
    if (total > limit) {
      (stream as { destroy?: () => void }).destroy?.();
      throw new TooLargeError(what, limit);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}

/** Index of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90; // overlong
      if (c === 0xf4) hi = 0x8f; // beyond U+10FFFF
    } else return i;
    const second = b[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes UTF-8 strictly: invalid bytes are an error naming the first bad byte's line and column, never a
 * silent U+FFFD (the body would no longer be what the file holds). A UTF-8 BOM is removed.
 */
export function decodeUtf8Strict(bytes: Buffer, what: string): string {
  const { isUtf8 } = process.getBuiltinModule('node:buffer');
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, bad).toString('utf8');
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    throw new UsageError(`${what}:${line}:${col}: not valid UTF-8 (byte 0x${bytes[bad]?.toString(16).padStart(2, '0') ?? '??'}).`, {
      hint: 'Save the file as UTF-8: JSON bodies are UTF-8 text, and chatpush sends them byte for byte, never with replaced characters.',
    });
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
