/**
 * Typed errors, one class per exit code of spec.md. Commands throw these; `main.ts` is the only place
 * that turns them into a process exit code. Messages are one line and say what to do next.
 */

/** Exit codes of the CLI contract (spec.md "Exit codes"). */
export const ExitCode = {
  OK: 0,
  NEGATIVE: 1,
  USAGE: 2,
  CONFIG: 3,
  AUTH: 4,
  SERVICE: 5,
  NETWORK: 6,
  NOT_FOUND: 7,
  PENDING: 8,
  INTERRUPTED: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class: a failure with a user-facing one-line message and an exit code. */
export class ChatpushError extends Error {
  readonly exitCode: ExitCodeValue = ExitCode.NEGATIVE;
  /** Optional follow-up line ("Run 'chatpush ...' to ..."), printed after the message. */
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }

  /** The message followed by its hint, as the user reads them. */
  withHint(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** A negative outcome (stage failed, callback check failed) that is reported as an error. Exit 1. */
export class NegativeError extends ChatpushError {
  override readonly exitCode = ExitCode.NEGATIVE;
}

/** Bad flag, argument, region, PushID or fixture file. Exit 2. */
export class UsageError extends ChatpushError {
  override readonly exitCode = ExitCode.USAGE;
}

/** Configuration missing or invalid (no SDKAppID, no key). Exit 3. */
export class ConfigError extends ChatpushError {
  override readonly exitCode = ExitCode.CONFIG;
}

/** An error answered by the service, carrying its ErrorCode when there was one. */
export abstract class CodedError extends ChatpushError {
  constructor(
    message: string,
    readonly code?: number,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** The service rejected our credentials (UserSig, identifier, admin). Exit 4. */
export class AuthError extends CodedError {
  override readonly exitCode = ExitCode.AUTH;
}

/** Any other service error: non-zero ErrorCode, HTTP non-2xx, a reply that is not the expected JSON. Exit 5. */
export class ServiceError extends CodedError {
  override readonly exitCode = ExitCode.SERVICE;
}

/** DNS, refused connection, TLS failure, no answer in time. Exit 6. */
export class NetworkError extends ChatpushError {
  override readonly exitCode = ExitCode.NETWORK;
}

/** The trace has no data for that PushID. Exit 7. */
export class NotFoundError extends ChatpushError {
  override readonly exitCode = ExitCode.NOT_FOUND;
}

/** Still pending when --watch ended. Exit 8. */
export class PendingError extends ChatpushError {
  override readonly exitCode = ExitCode.PENDING;
}

/** Ctrl-C. Exit 130. */
export class InterruptedError extends ChatpushError {
  override readonly exitCode = ExitCode.INTERRUPTED;
  constructor() {
    super('interrupted');
  }
}

/** The exit code for any thrown value: typed errors carry theirs, anything else is an internal error (1). */
export function toExitCode(err: unknown): ExitCodeValue {
  return err instanceof ChatpushError ? err.exitCode : ExitCode.NEGATIVE;
}

/** The most severe of several exit codes (spec: higher number wins, 0 lowest). */
export function mostSevere(codes: Iterable<number>): number {
  let worst = 0;
  for (const c of codes) if (c > worst) worst = c;
  return worst;
}
