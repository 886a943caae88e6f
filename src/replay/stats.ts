/**
 * Streaming aggregation for replay, pure: per-callback counts and one latency recorder, so memory stays
 * flat however large --repeat grows (no result rows per request). Percentiles are exact for the first
 * 4096 samples, then come from a log histogram with under 0.5 % relative error.
 */
import type { Change, Decision } from '../callbacks/decision.js';
import type { Protocol } from './protocols.js';

const EXACT_LIMIT = 4096;
/** Histogram buckets grow by 1 % from 1 µs; 2100 buckets reach beyond 15 minutes. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 2100;

/** Latencies in ms: exact while few, then a fixed-size log histogram. */
export class LatencyRecorder {
  count = 0;
  max = 0;
  min = Infinity;
  sum = 0;
  private exact: number[] | undefined = [];
  private hist: Uint32Array | undefined;

  /** Adds one latency (ms). */
  record(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    if (ms < this.min) this.min = ms;
    if (this.exact) {
      this.exact.push(ms);
      if (this.exact.length > EXACT_LIMIT) {
        this.hist = new Uint32Array(BUCKETS);
        for (const v of this.exact) this.hist[bucketOf(v)]!++;
        this.exact = undefined;
      }
    } else {
      this.hist![bucketOf(ms)]!++;
    }
  }

  /** The nearest-rank percentile (p from 0 to 100), or 0 with no samples. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    if (this.exact) {
      const sorted = [...this.exact].sort((a, b) => a - b);
      return sorted[rank - 1]!;
    }
    let seen = 0;
    const hist = this.hist!;
    for (let i = 0; i < BUCKETS; i++) {
      seen += hist[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketValue(i)));
    }
    return this.max;
  }

  /**
   * The recorded latencies as (ms, count) points for a histogram (the HTML report): every sample while few, the
   * log buckets' middles after that.
   */
  distribution(): { ms: number; count: number }[] {
    if (this.exact) return this.exact.map((ms) => ({ ms, count: 1 }));
    const out: { ms: number; count: number }[] = [];
    this.hist!.forEach((count, i) => {
      if (count > 0) out.push({ ms: Math.min(this.max, Math.max(this.min, bucketValue(i))), count });
    });
    return out;
  }
}

function bucketOf(ms: number): number {
  const us = ms * 1000;
  if (!(us > 1)) return 0;
  return Math.min(BUCKETS - 1, Math.floor(Math.log(us) / LOG_GROWTH));
}

/** The geometric middle of a bucket, in ms. */
function bucketValue(i: number): number {
  return (GROWTH ** (i + 0.5)) / 1000;
}

/** One finished send, as the runner reports it. */
export interface Outcome {
  pass: boolean;
  /** HTTP status, or null when no reply came (timeout, reset). */
  status: number | null;
  latencyMs: number;
  reason: string;
  reply: unknown;
  /** What the platform does with the reply (spec.md v2). */
  decision: Decision;
  /** Accepted but suspicious (a failure under --strict). */
  warnings: string[];
  /** The fields a before-reply changes (decision `modified`, or OpenIM replacements). */
  changes?: Change[];
}

const MAX_REASONS = 8;
const MAX_WARNINGS = 8;

/** Counters for one callback (one report row), whatever the number of sends. */
export class RowStats {
  sent = 0;
  passed = 0;
  failed = 0;
  sumMs = 0;
  minMs = Infinity;
  maxMs = 0;
  readonly statuses = new Map<number | null, number>();
  /** Failure reasons and their counts (at most 8 kept; the rest are counted as "other reasons"). */
  readonly failReasons = new Map<string, number>();
  passReason = '';
  /** The reply of the first failure, else of the latest pass. */
  reply: unknown = null;
  /** The decision of the first failure, else of the latest pass. */
  decision: Decision = 'error';
  changes: Change[] | undefined;
  /** Distinct warnings over every send (at most 8). */
  readonly warnings = new Set<string>();
  private sawFailure = false;

  constructor(
    readonly name: string,
    readonly protocol: Protocol,
    readonly command: string,
    readonly url: string,
  ) {}

  /** Adds one send's outcome. */
  add(o: Outcome): void {
    this.sent++;
    this.sumMs += o.latencyMs;
    if (o.latencyMs < this.minMs) this.minMs = o.latencyMs;
    if (o.latencyMs > this.maxMs) this.maxMs = o.latencyMs;
    this.statuses.set(o.status, (this.statuses.get(o.status) ?? 0) + 1);
    for (const w of o.warnings) if (this.warnings.size < MAX_WARNINGS) this.warnings.add(w);
    if (o.pass) {
      this.passed++;
      this.passReason = o.reason;
      if (!this.sawFailure) {
        this.reply = o.reply;
        this.decision = o.decision;
        this.changes = o.changes;
      }
    } else {
      this.failed++;
      if (!this.sawFailure) {
        this.sawFailure = true;
        this.reply = o.reply;
        this.decision = o.decision;
        this.changes = o.changes;
      }
      const key = this.failReasons.has(o.reason) || this.failReasons.size < MAX_REASONS ? o.reason : 'other reasons';
      this.failReasons.set(key, (this.failReasons.get(key) ?? 0) + 1);
    }
  }
}

/** A report row: spec.md's replay result, plus additive count fields when a callback was sent more than once. */
export interface ReplayRow {
  name: string;
  protocol: Protocol;
  command: string;
  url: string;
  status: number | null;
  /** The latency, or the mean of several sends. */
  latencyMs: number;
  pass: boolean;
  reason: string;
  reply: unknown;
  /** What the platform does with the reply: continue, refused, blocked, allowed, denied, dropped, modified, error. */
  decision: Decision | null;
  /** Accepted-but-suspicious findings; each fails the row under --strict. */
  warnings: string[];
  /** The fields the reply changes (modified bodies), as a diff. */
  changes?: Change[];
  count?: number;
  passed?: number;
  failed?: number;
  minMs?: number;
  maxMs?: number;
  /** HTTP status → sends ("none" when no reply came). */
  statusCounts?: Record<string, number>;
  /** Set when Ctrl-C stopped the run before this callback was answered (sent or not). */
  skipped?: true;
}

export interface ReplaySummary {
  passed: number;
  failed: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Set when Ctrl-C stopped the run: the figures are of the requests answered until then. */
  interrupted?: true;
}

export interface ReplayReport {
  results: ReplayRow[];
  summary: ReplaySummary;
  /** Whether any callback was sent more than once (the report then shows counts). */
  repeated: boolean;
  /** Wall time of the whole run, ms. */
  durationMs: number;
  /** When Ctrl-C stopped the run: requests answered, of those planned (callbacks × --repeat). */
  interrupted?: { answered: number; planned: number };
  /** Every latency of the run as (ms, count) points, for the HTML report's histogram (not part of --json). */
  latency?: { ms: number; count: number }[];
}

/** Rounds to 0.1 ms (enough for a report; keeps JSON short). */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function mostFrequent<K>(m: Map<K, number>): K | undefined {
  let best: K | undefined;
  let n = -1;
  for (const [k, c] of m) {
    if (c > n) {
      best = k;
      n = c;
    }
  }
  return best;
}

/** Turns a row's counters into its report row. */
export function toRow(s: RowStats, interrupted = false): ReplayRow {
  const failing = s.failed > 0;
  const row: ReplayRow = {
    name: s.name,
    protocol: s.protocol,
    command: s.command,
    url: s.url,
    status: mostFrequent(s.statuses) ?? null,
    latencyMs: round1(s.sent === 0 ? 0 : s.sumMs / s.sent),
    pass: !failing && s.sent > 0,
    reason: failing ? (mostFrequent(s.failReasons) ?? '') : s.sent > 0 ? s.passReason : interrupted ? 'interrupted before it was answered' : 'not sent',
    reply: s.reply,
    decision: s.sent === 0 ? null : s.decision,
    warnings: [...s.warnings],
  };
  if (s.changes) row.changes = s.changes;
  if (s.sent === 0 && interrupted) row.skipped = true;
  if (s.sent > 1) {
    row.count = s.sent;
    row.passed = s.passed;
    row.failed = s.failed;
    row.minMs = round1(s.minMs);
    row.maxMs = round1(s.maxMs);
    row.statusCounts = Object.fromEntries([...s.statuses].map(([k, v]) => [k === null ? 'none' : String(k), v]));
  }
  return row;
}

/**
 * Builds the report from the rows and the run's latency recorder; `planned` (the number of requests the run
 * meant to send) is given when Ctrl-C stopped it.
 */
export function buildReport(rows: readonly RowStats[], latency: LatencyRecorder, durationMs: number, planned?: number): ReplayReport {
  let passed = 0;
  let failed = 0;
  for (const r of rows) {
    passed += r.passed;
    failed += r.failed;
  }
  const interrupted = planned !== undefined;
  const report: ReplayReport = {
    results: rows.map((r) => toRow(r, interrupted)),
    summary: {
      passed,
      failed,
      p50Ms: round1(latency.percentile(50)),
      p95Ms: round1(latency.percentile(95)),
      p99Ms: round1(latency.percentile(99)),
      maxMs: round1(latency.max),
    },
    repeated: rows.some((r) => r.sent > 1),
    durationMs,
    latency: latency.distribution(),
  };
  if (interrupted) {
    report.summary.interrupted = true;
    report.interrupted = { answered: passed + failed, planned };
  }
  return report;
}
