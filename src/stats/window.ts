/**
 * Query windows of the statistics and loss APIs (spec.md v2 stats/loss): `--since <dur>` or
 * `--from <time> [--to <time>]`, default the last 24 h. Pure: the clock and the local-time offset come in.
 * Windows are checked before any request (reference/push-apis.md §1: statistics cover up to 30 days, loss up
 * to 7): too long, in the future, or from ≥ to is a UsageError (exit 2).
 */
import { UsageError } from '../errors.js';

/** A query window in unix seconds, as the APIs take StartTime/EndTime. */
export interface Window {
  from: number;
  to: number;
}

export interface WindowFlags {
  since?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses a duration such as `90m`, `24h`, `7d`, `1h30m` into ms; throws UsageError naming the flag. */
export function parseDuration(text: string, flag = '--since'): number {
  const t = text.trim();
  if (!/^(\d{1,6}[smhdw])+$/.test(t)) {
    throw new UsageError(`${flag} "${text}" is not a duration.`, { hint: 'Use a number and a unit: 90m, 24h, 7d (units s, m, h, d, w; e.g. 1h30m).' });
  }
  let ms = 0;
  for (const m of t.matchAll(/(\d+)([smhdw])/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  if (ms <= 0) throw new UsageError(`${flag} "${text}" is zero.`, { hint: 'Use a duration greater than 0, e.g. 24h.' });
  return ms;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses a point in time: ISO 8601 with or without a zone (without = local time, via `localOffsetMin`,
 * which returns the zone offset in minutes east of UTC for a naive UTC-read timestamp) or unix seconds.
 */
export function parseTime(text: string, flag: string, localOffsetMin: (naiveUtcMs: number) => number): number {
  const t = text.trim();
  if (/^\d{1,11}$/.test(t)) return Number(t) * 1000;
  if (/^\d{12,}$/.test(t)) {
    throw new UsageError(`${flag} "${text}" looks like milliseconds; give unix seconds.`, { hint: `Use ${t.slice(0, -3)} (seconds) or an ISO 8601 time such as 2026-03-01T08:00:00Z.` });
  }
  const m = ISO.exec(t);
  const bad = (): never => {
    throw new UsageError(`${flag} "${text}" is not a time.`, {
      hint: 'Use ISO 8601 (2026-03-01, 2026-03-01T08:00, 2026-03-01T08:00:00+08:00; no zone = local time) or unix seconds.',
    });
  };
  if (!m) return bad();
  const [y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m.slice(1) as string[];
  const Y = Number(y), MO = Number(mo), D = Number(d), H = Number(h), MI = Number(mi), S = Number(s);
  if (MO < 1 || MO > 12 || D < 1 || D > daysIn(Y, MO) || H > 23 || MI > 59 || S > 59) return bad();
  const naive = Date.UTC(Y, MO - 1, D, H, MI, S, Number((frac ?? '').padEnd(3, '0').slice(0, 3) || 0));
  if (zone === undefined || zone === '') return naive - localOffsetMin(naive) * 60_000;
  if (zone.toUpperCase() === 'Z') return naive;
  const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const off = (Number(zm[2]) * 60 + Number(zm[3])) * (zm[1] === '-' ? -1 : 1);
  if (Number(zm[2]) > 14 || Number(zm[3]) > 59) return bad();
  return naive - off * 60_000;
}

/** The local zone's offset (minutes east of UTC) for a naive local time read as UTC. */
export function systemLocalOffset(naiveUtcMs: number): number {
  // getTimezoneOffset is minutes *west*; evaluate it near the wanted local time.
  return -new Date(naiveUtcMs).getTimezoneOffset();
}

/** How much a window's end may lie past the local clock before it counts as "in the future". */
export const FUTURE_SLACK_MS = 60_000;

/**
 * Resolves and checks the window. `maxDays` is the API's limit (30 statistics, 7 loss). Throws UsageError
 * (exit 2) before any request is sent.
 */
export function resolveWindow(
  flags: WindowFlags,
  opts: { nowMs: number; maxDays: number; api: string; defaultMs?: number; localOffsetMin?: (naiveUtcMs: number) => number },
): Window {
  const local = opts.localOffsetMin ?? systemLocalOffset;
  if (flags.since !== undefined && (flags.from !== undefined || flags.to !== undefined)) {
    throw new UsageError('--since cannot be combined with --from/--to.', { hint: 'Use --since 24h, or --from <time> [--to <time>].' });
  }
  if (flags.to !== undefined && flags.from === undefined) {
    throw new UsageError('--to needs --from.', { hint: 'Give both, e.g. --from 2026-03-01 --to 2026-03-02, or use --since 24h.' });
  }
  let fromMs: number;
  let toMs: number;
  if (flags.from !== undefined) {
    fromMs = parseTime(flags.from, '--from', local);
    toMs = flags.to !== undefined ? parseTime(flags.to, '--to', local) : opts.nowMs;
  } else {
    const span = flags.since !== undefined ? parseDuration(flags.since) : (opts.defaultMs ?? 86_400_000);
    toMs = opts.nowMs;
    fromMs = toMs - span;
  }
  const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
  if (toMs > opts.nowMs + FUTURE_SLACK_MS) {
    throw new UsageError(`the window ends in the future (${iso(toMs)}; now is ${iso(opts.nowMs)}).`, { hint: 'Use a --to in the past, or leave it out for "now".' });
  }
  if (fromMs >= toMs && flags.to === undefined && flags.from !== undefined) {
    // No --to: "swap --from and --to" would be advice about a flag the user never gave.
    throw new UsageError(`--from ${iso(fromMs)} is not in the past (now is ${iso(toMs)}); without --to the window ends now.`, { hint: 'Use a --from in the past, or --since 24h.' });
  }
  if (fromMs >= toMs) {
    throw new UsageError(`the window is empty or reversed: --from ${iso(fromMs)} is not before --to ${iso(toMs)}.`, { hint: 'Swap --from and --to.' });
  }
  const maxMs = opts.maxDays * 86_400_000;
  if (toMs - fromMs > maxMs) {
    const days = Math.round(((toMs - fromMs) / 86_400_000) * 10) / 10;
    throw new UsageError(`the window is ${days} days long; ${opts.api} covers at most ${opts.maxDays} days.`, {
      hint: `Use --since ${opts.maxDays}d or less, or split the range into several runs.`,
    });
  }
  return { from: Math.floor(fromMs / 1000), to: Math.floor(toMs / 1000) };
}
