/**
 * `stats --threshold` pass conditions, k6 style (spec.md v2 stats): `<metric>[<vendor>]<op><number>[%]`.
 * Rates (sent, delivered, clicked) compare as fractions — `90%` or `0.9`; counts (total, sentCount,
 * deliveredCount, clickedCount) as whole numbers. Pure: parse → Threshold, evaluate → pass/fail with the
 * actual value. A threshold whose value is unknown (no rows for that vendor, a denominator of 0) fails:
 * a release gate must never pass on missing data.
 */
import { UsageError } from '../errors.js';
import { sumCounts, ratesOf, type Counts, type StatsResult } from '../tencent/apis/statistics.js';

export const RATE_METRICS = ['sent', 'delivered', 'clicked'] as const;
export const COUNT_METRICS = ['total', 'sentCount', 'deliveredCount', 'clickedCount'] as const;
export type Metric = (typeof RATE_METRICS)[number] | (typeof COUNT_METRICS)[number];

/** Vendor names a threshold may use → PushPlatform (push-apis.md §13). */
export const THRESHOLD_VENDORS: Readonly<Record<string, number>> = { apns: 1, xiaomi: 2, huawei: 3, fcm: 4, meizu: 5, oppo: 6, vivo: 7, honor: 8 };

export type Op = '<' | '<=' | '>' | '>=' | '==';

export interface Threshold {
  expression: string;
  metric: Metric;
  vendor: { name: string; code: number } | null;
  op: Op;
  /** A fraction for rates, a count otherwise. */
  value: number;
}

export interface ThresholdResult {
  expression: string;
  /** A fraction for rates, a number for counts; null when unknown. */
  actual: number | null;
  pass: boolean;
  /** One line for stderr when it failed ("delivered[huawei]>=80%: actual 72.4 %"). */
  reason: string;
}

const SHAPE = /^\s*([A-Za-z]+)\s*(?:\[\s*([A-Za-z0-9_-]*)\s*\])?\s*(<=|>=|==|<|>)\s*([+-]?\d+(?:\.\d+)?)\s*(%?)\s*$/;

function isRate(m: Metric): m is (typeof RATE_METRICS)[number] {
  return (RATE_METRICS as readonly string[]).includes(m);
}

/** Parses one expression; a malformed one is a UsageError (exit 2) saying what is wrong. */
export function parseThreshold(text: string): Threshold {
  const hint = "Write <metric>[<vendor>]<op><number>[%], e.g. 'delivered>=90%' or 'delivered[huawei]>=80%'.";
  const m = SHAPE.exec(text);
  if (!m) throw new UsageError(`--threshold "${text}" is not a pass condition.`, { hint });
  const [, metricRaw, vendorRaw, op, num, pct] = m as unknown as [string, string, string | undefined, Op, string, string];
  const metric = [...RATE_METRICS, ...COUNT_METRICS].find((x) => x.toLowerCase() === metricRaw.toLowerCase());
  if (!metric) {
    throw new UsageError(`--threshold "${text}": unknown metric "${metricRaw}".`, { hint: `Use one of ${[...RATE_METRICS, ...COUNT_METRICS].join(', ')}.` });
  }
  let vendor: Threshold['vendor'] = null;
  if (vendorRaw !== undefined) {
    const key = vendorRaw.toLowerCase();
    if (!Object.hasOwn(THRESHOLD_VENDORS, key)) {
      throw new UsageError(`--threshold "${text}": unknown vendor "${vendorRaw}".`, { hint: `Use one of ${Object.keys(THRESHOLD_VENDORS).join(', ')}.` });
    }
    vendor = { name: key, code: THRESHOLD_VENDORS[key]! };
  }
  const n = Number(num);
  let value: number;
  if (isRate(metric)) {
    value = pct === '%' ? n / 100 : n;
    if (value < 0 || value > 1) {
      throw new UsageError(`--threshold "${text}": a rate is between 0 and 1 (or 0% and 100%).`, {
        hint: pct === '%' ? 'Use a percentage from 0% to 100%.' : `Did you mean ${num}%? Without % the number is a fraction (0.9 = 90 %).`,
      });
    }
  } else {
    if (pct === '%') throw new UsageError(`--threshold "${text}": ${metric} is a count, not a rate.`, { hint: `Drop the %, or use the rate ${metric.replace(/Count$/, '').replace('total', 'sent')}.` });
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--threshold "${text}": a count is a whole number ≥ 0.`, { hint });
    value = n;
  }
  return { expression: text.trim(), metric, vendor, op, value };
}

const EPS = 1e-12;

function compare(actual: number, op: Op, value: number): boolean {
  switch (op) {
    case '<':
      return actual < value - EPS;
    case '<=':
      return actual <= value + EPS;
    case '>':
      return actual > value + EPS;
    case '>=':
      return actual >= value - EPS;
    case '==':
      return Math.abs(actual - value) <= EPS;
  }
}

/** The counters a threshold is judged on: all results summed, or one vendor's rows (every event type). */
export function countsFor(results: readonly StatsResult[], vendor: Threshold['vendor']): Counts | null {
  if (vendor === null) return results.length ? sumCounts(results) : null;
  const rows = results.flatMap((r) => r.platforms.filter((p) => p.platform.code === vendor.code));
  return rows.length ? sumCounts(rows) : null;
}

/** The actual value of a metric for a set of counters (null when unknown). */
export function actualOf(metric: Metric, c: Counts | null): number | null {
  if (c === null) return null;
  switch (metric) {
    case 'total':
      return c.total;
    case 'sentCount':
      return c.sent;
    case 'deliveredCount':
      return c.delivered;
    case 'clickedCount':
      return c.clicked;
    default:
      return ratesOf(c)[metric];
  }
}

/** Formats a rate as "72.4 %". */
export function percent(v: number): string {
  const p = v * 100;
  return `${p === 100 || p === 0 ? p.toFixed(0) : p.toFixed(1)} %`;
}

/** Evaluates every threshold against the results. */
export function evaluateThresholds(thresholds: readonly Threshold[], results: readonly StatsResult[]): ThresholdResult[] {
  return thresholds.map((t) => {
    const counts = countsFor(results, t.vendor);
    const actual = actualOf(t.metric, counts);
    if (actual === null) {
      const why = counts === null ? (t.vendor ? `no ${t.vendor.name} rows in the statistics` : 'no statistics') : 'no data (a count is 0 or unknown)';
      return { expression: t.expression, actual: null, pass: false, reason: `${t.expression}: ${why}` };
    }
    const pass = compare(actual, t.op, t.value);
    const shown = isRate(t.metric) ? percent(actual) : String(actual);
    return { expression: t.expression, actual, pass, reason: `${t.expression}: actual ${shown}` };
  });
}
