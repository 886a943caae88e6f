/**
 * The `--json` shapes the stats and loss reports are rendered from (spec.md v2 "Push diagnostics"), typed here so
 * the HTML and Markdown renderers depend on the contract, not on the commands that produce it. Replay's shape is
 * the v1 one plus what v2 adds (decision, warnings, p99Ms), optional so a v1 document renders too.
 */

export interface PlatformRef {
  code: number | null;
  name: string;
}

export interface FunnelRates {
  sent: number | null;
  delivered: number | null;
  clicked: number | null;
}

export interface StatsPlatformJson {
  platform: PlatformRef;
  eventType: 'offline' | 'online' | null;
  total: number;
  sent: number;
  delivered: number;
  clicked: number;
  rates: FunnelRates;
}

export interface StatsResultJson {
  taskId: string | null;
  total: number;
  sent: number;
  delivered: number;
  clicked: number;
  rates: FunnelRates;
  platforms: StatsPlatformJson[];
}

export interface StatsDoc {
  window: { from: number; to: number };
  results: StatsResultJson[];
  thresholds?: { expression: string; actual: number | null; pass: boolean }[];
}

export interface LossJson {
  stage: 'before_send' | 'after_send';
  platform: PlatformRef | null;
  eventType: 'offline' | 'online' | null;
  errorCode: number | string;
  errorInfo: string;
  count: number;
  share: number | null;
  cause: string;
  next: string;
}

export interface LossDoc {
  window: { from: number; to: number };
  results: { taskId: string | null; losses: LossJson[] }[];
}

export interface ReplayResultJson {
  name: string;
  protocol: string;
  command: string;
  url: string;
  status: number | null;
  latencyMs: number;
  pass: boolean;
  reason: string;
  reply?: unknown;
  /** v2: what the platform does with the reply (null when nothing was sent). */
  decision?: string | null;
  warnings?: string[];
  /** v2: the fields a before-reply changes (decision `modified`). */
  changes?: { path: string; from: unknown; to: unknown }[];
  count?: number;
  passed?: number;
  failed?: number;
  skipped?: true;
}

export interface ReplayDoc {
  results: ReplayResultJson[];
  summary: { passed: number; failed: number; p50Ms: number; p95Ms: number; maxMs: number; p99Ms?: number };
  /** Every latency as (ms, count) points when the run kept them (replay's LatencyRecorder); else rows are used. */
  latency?: { ms: number; count: number }[];
}
