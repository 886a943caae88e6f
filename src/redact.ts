/**
 * The one redaction point. Every byte chatpush writes - stdout, stderr, --json, JUnit and any later report
 * file - and every text a server sends back (replay replies, REST answers) passes through a Redactor before
 * it is kept, cut or printed. Two layers:
 *
 * 1. Registered secrets (secret key, UserSig, callback token, each Sign sent): replaced wherever the whole
 *    value appears, also in the spellings output can give it (JSON-escaped, URL-encoded, XML-escaped).
 *    A secret of 8 characters or more is replaced anywhere (a collision with prose is then practically
 *    impossible, and a secret glued to other text is still the secret). A shorter secret cannot be told
 *    apart from a word ("wrong" as a token must not turn "wrong token?" into "[REDACTED] token?"), so it is
 *    replaced only where it stands as a value: right after `=`, `:` or a quote, up to a delimiter.
 * 2. Shapes that are secrets whoever wrote them, registered or not: `Sign=`, `usersig=`, `token=`,
 *    `password=` ... query parameters; JSON fields named Sign, UserSig, SecretKey, token, password; the password
 *    of a URL's `user:password@`; an Authorization header's credentials.
 *
 * Rule for callers: redact first, then cut to length (`clip`) - a secret cut in half is no longer found.
 */

import { memoize } from './memo.js';

export const REDACTED = '[REDACTED]';

/** Secrets at least this long are replaced wherever they occur; shorter ones only where they stand as a value. */
export const MIN_ANYWHERE_LENGTH = 8;

// Query / form parameters whose value is a credential (case-insensitive). `[REDACTED]` itself matches the
// value class, so redacting twice changes nothing.
const PARAM = /(^|[?&;\s"'(,])(sign|usersig|user_sig|token|access_token|callback_token|secret|secretkey|secret_key|password|passwd|pwd)=([^&\s"'<>#,)]*)/gi;
// JSON members whose value is a credential: the value (a JSON string) is replaced, the key kept.
const JSON_MEMBER = /("(?:sign|usersig|user_sig|secretkey|secret_key|token|callbacktoken|callback_token|password|passwd)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
// The password of `scheme://user:password@host`. Every repetition is bounded and the scheme must start a
// word: unbounded `[a-z][a-z0-9+.-]*` before `://` backtracks quadratically on a long run of letters (a 1 MB
// reply of "xxxx..." took minutes), found by the hostile-input campaign.
const USERINFO = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/@:"'<>]{0,256}):([^\s/@"'<>]{0,256})@/gi;
// Authorization: Bearer xyz / Basic xyz.
const AUTHORIZATION = /(authorization["']?\s{0,8}[:=]\s{0,8}["']?(?:bearer|basic|token)?\s{0,8})[^\s"',;]+/gi;
const AUTHORIZATION_WORD = /authorization/i;
// JSON_MEMBER can only match where a credential member's name ends right before its closing quote, and every
// such name ends in sig, sign, key, token, passwd or password. Testing for that is a third of the cost of the
// full pattern, which starts over at every quote of a JSON text (issue 15: 40 MB of --json). The test starts at
// the two characters every such ending has, a name's last letter (g, n, y or d) and the quote, and looks back for
// the rest from there: a third faster again than trying each name at every character (22 MB of --json: 8.5 ms
// against 13; a property test holds the two forms equal).
const JSON_MEMBER_NAME_END = /[gnyd]"(?<=(?:sign?|key|token|passw(?:or)?d)")/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The spellings a secret can take in our output: as is, JSON-escaped, URL-encoded (both ways), XML-escaped. */
function spellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  const uri = encodeURIComponent(secret.toWellFormed());
  return [...new Set([secret, json, uri, formEncoded(uri), xml])];
}

/**
 * A value as URLSearchParams writes it (application/x-www-form-urlencoded), from its encodeURIComponent form:
 * that also escapes `!'()~` and writes a space as `+`. Constructing a URLSearchParams was ~0.2 ms of every
 * start-up that registers a secret (issue 15); a property test holds the two equal.
 */
export function formEncoded(uriEncoded: string): string {
  return uriEncoded.replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

/** Replaces structural secrets (layer 2) in text. Pure; safe on any input. */
export function redactShapes(text: string): string {
  // Each shape needs a character or word the text may not have at all; looking for it first (a native search)
  // skips a regular expression pass over a large output (issue 15: 16 MB of --json spent 150 ms here).
  let out = text;
  // '//' first: a JSON or table text has a ':' on nearly every line, which a search for '://' stops at.
  if (out.includes('//') && out.includes('://')) out = out.replace(USERINFO, `$1:${REDACTED}@`);
  if (out.includes('=')) out = out.replace(PARAM, `$1$2=${REDACTED}`);
  if (out.includes('"') && JSON_MEMBER_NAME_END.test(out)) out = out.replace(JSON_MEMBER, `$1"${REDACTED}"`);
  if (AUTHORIZATION_WORD.test(out)) out = out.replace(AUTHORIZATION, `$1${REDACTED}`);
  return out;
}

/** Holds the secrets of one run and redacts text. */
export class Redactor {
  /** Spellings of long secrets, longest first so one that contains another is replaced whole. */
  private anywhere: string[] = [];
  private short: RegExp | undefined;
  private readonly shortValues = new Set<string>();
  private readonly seen = new Set<string>();

  /** Registers a secret (key, UserSig, token, Sign). Empty values are ignored. */
  add(secret: string | undefined | null): void {
    if (!secret) return;
    for (const value of new Set([secret, secret.trim()])) {
      if (value === '' || this.seen.has(value)) continue;
      this.seen.add(value);
      for (const s of spellings(value)) {
        if (s.length >= MIN_ANYWHERE_LENGTH) this.anywhere.push(s);
        else this.shortValues.add(s);
      }
    }
    this.anywhere = [...new Set(this.anywhere)].sort((a, b) => b.length - a.length);
    if (this.shortValues.size > 0) {
      const alternatives = [...this.shortValues].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
      // Short secrets: only as a whole value after `=`, `:` or a quote, and ending at a delimiter.
      this.short = new RegExp(`(?<=[=:"'])(?:${alternatives})(?=$|["'&;,)\\]}<>\\s])`, 'g');
    }
  }

  // Spellings of the last few per-call secrets (a replay run signs once per second, and redacts every reply).
  private readonly spellingsOf = memoize((secret: string) => spellings(secret).filter((s) => s.length >= MIN_ANYWHERE_LENGTH), 8);

  /** The registered secrets' count (for tests and --verbose). */
  get size(): number {
    return this.seen.size;
  }

  /** Redacts text: registered secrets (plus `extra`, e.g. the Sign of one request), then secret shapes. */
  redact(text: string, extra?: readonly (string | undefined)[]): string {
    let out = text;
    if (extra) {
      for (const e of extra) {
        if (!e) continue;
        for (const s of this.spellingsOf(e)) if (out.includes(s)) out = out.split(s).join(REDACTED);
      }
    }
    for (const s of this.anywhere) if (out.includes(s)) out = out.split(s).join(REDACTED);
    if (this.short) out = out.replace(this.short, REDACTED);
    return redactShapes(out);
  }

  /** A copy holding the same secrets (for a captured sub-run, demo --json). */
  copyTo(other: Redactor): void {
    for (const s of this.seen) other.add(s);
  }
}

/**
 * Redacts, then cuts to at most `max` characters (adding "..."). The order matters: cutting first could leave
 * the first part of a secret, which no redaction recognises any more.
 */
export function clip(text: string, max: number, redactor?: Pick<Redactor, 'redact'>): string {
  const clean = redactor ? redactor.redact(text) : redactShapes(text);
  if (clean.length <= max) return clean;
  // Never end inside a "[REDACTED]" marker or a surrogate pair.
  let cut = max - 1;
  const marker = clean.lastIndexOf('[', cut);
  if (marker !== -1 && clean.startsWith(REDACTED, marker) && marker + REDACTED.length > cut) cut = marker;
  if (cut > 0 && /[\ud800-\udbff]/.test(clean[cut - 1]!)) cut--;
  return `${clean.slice(0, cut)}…`;
}

/**
 * Warns once when a callback token is too short to be redacted wherever it occurs (see MIN_ANYWHERE_LENGTH):
 * it is then only replaced where it stands as a value.
 */
export function warnShortSecret(token: string | undefined, ctx: { io: { warn(text: string): void } }): void {
  if (token !== undefined && token.length < MIN_ANYWHERE_LENGTH) {
    ctx.io.warn(`the callback token is shorter than ${MIN_ANYWHERE_LENGTH} characters: output redacts it only where it stands as a value (token=..., "..."), not inside other text. Use a longer token.`);
  }
}
