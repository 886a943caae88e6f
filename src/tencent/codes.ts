/**
 * The one table of error codes — REST (60000–79999, 90000–91000), TIMPush server and client, vendor and
 * replay codes — with meaning and next step. `chatpush explain`, trace hints and error messages all read it.
 * Sources: reference/protocols.md §2.3, §2.4, §4.3 (each entry cites its page). UNCONFIRMED entries say so
 * and never invent a meaning.
 */

export type CodeCategory = 'rest' | 'timpush' | 'push-client' | 'vendor' | 'callback' | 'replay';

export interface CodeInfo {
  code: number;
  /** Symbolic name where one exists (V2TIMErrorCode.h), e.g. USERSIG_EXPIRED. */
  name?: string;
  category: CodeCategory;
  /** What it means, one sentence. */
  meaning: string;
  /** What to do next, one sentence. */
  next: string;
  /** false when no primary source confirms the meaning. */
  confirmed: boolean;
  /** Where the meaning comes from (URL or reference section). */
  source: string;
}

/** Codes that mean the service rejected our credentials (exit 4): spec.md "Exit codes". */
export function isAuthCode(code: number): boolean {
  return code === 60004 || code === 60005 || code === 60010 || code === 90009 || (code >= 70001 && code <= 70052);
}

/** Rate-limit and transient codes that are retried with backoff (spec.md trace). */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([60007, 60008, 60011, 60018, 60019, 70169, 70500, 91000]);

/** Whether a code is worth retrying. */
export function isRetryableCode(code: number): boolean {
  return RETRYABLE_CODES.has(code);
}

/** The table. Filled in by the codes issue; keep entries sorted by code. */
export const CODES: readonly CodeInfo[] = [
  { code: 70001, name: 'USERSIG_EXPIRED', category: 'rest', meaning: 'UserSig expired.', next: "Generate a new one ('chatpush usersig gen'); a validity of at least 24 h is advised.", confirmed: true, source: 'reference/protocols.md §2.3' },
  { code: 70009, name: 'MISMATCH_PUBLICKEY', category: 'rest', meaning: 'UserSig verification with the key failed: the key does not match this SDKAppID.', next: "Check the secret key in the console (Applications > Basic Information), or run 'chatpush usersig verify'.", confirmed: true, source: 'reference/protocols.md §2.3' },
];

const byCode = new Map(CODES.map((c) => [c.code, c]));

/** Looks up a code; undefined when the table does not know it. */
export function lookupCode(code: number): CodeInfo | undefined {
  return byCode.get(code);
}
