/**
 * A batch of traces → the `--summary` groups (pure; spec.md v2 "Push diagnostics" `--summary`): traces grouped by
 * verdict, vendor, failed stage and cause, counted, largest group first (ties keep first-seen order). Works on
 * the `--json` shape of each trace, so a resumed run (results read back from an earlier document) is summarised
 * exactly like a fresh one.
 */
import type { Verdict } from './diagnose.js';
import type { StageName } from './model.js';
import type { TraceJson } from './report.js';

/** A trace whose lookup failed (auth, service, network) has no verdict; the summary counts it as "error". */
export type SummaryVerdict = Verdict | 'error';

export interface SummaryGroup {
  verdict: SummaryVerdict;
  platform: { code: number | null; name: string } | null;
  failedStage: StageName | null;
  /** The diagnosis' cause id (as `traces[].cause`), or "lookup_failed" for an error. */
  cause: string;
  count: number;
  /** PushIDs (or "TaskID/UserID" for task traces), in input order. */
  ids: string[];
}

export interface TraceSummary {
  total: number;
  byVerdict: Partial<Record<SummaryVerdict, number>>;
  groups: SummaryGroup[];
}

/** What a summary needs of a trace entry: the trace JSON, plus the task fields `trace --task` adds. */
export type SummarisableTrace = Pick<TraceJson, 'pushId' | 'verdict' | 'failedStage' | 'cause' | 'instances'> & {
  taskId?: string | null;
  userId?: string | null;
};

/** The ID a summary lists for a trace: its PushID, or TaskID/UserID for an all-member push. */
export function traceId(t: SummarisableTrace): string {
  return t.pushId ?? `${t.taskId ?? '?'}/${t.userId ?? '?'}`;
}

/** The instance that decided the verdict: the first that failed at the failed stage, else the first with that verdict. */
function decidingInstance(t: SummarisableTrace): TraceJson['instances'][number] | undefined {
  if (t.verdict === 'failed') return t.instances.find((i) => i.verdict === 'failed' && i.failedStage === t.failedStage) ?? t.instances[0];
  return t.instances.find((i) => i.verdict === t.verdict) ?? t.instances[0];
}

/** Groups the traces. */
export function summariseTraces(traces: readonly SummarisableTrace[]): TraceSummary {
  const groups = new Map<string, SummaryGroup>();
  const byVerdict: Partial<Record<SummaryVerdict, number>> = {};
  for (const t of traces) {
    const verdict: SummaryVerdict = t.verdict ?? 'error';
    byVerdict[verdict] = (byVerdict[verdict] ?? 0) + 1;
    const inst = verdict === 'error' || verdict === 'not_found' ? undefined : decidingInstance(t);
    const platform = inst ? { code: inst.platform.code, name: inst.platform.name } : null;
    const failedStage = verdict === 'failed' ? t.failedStage : null;
    const cause = verdict === 'error' ? 'lookup_failed' : (t.cause ?? 'unknown');
    const key = JSON.stringify([verdict, platform?.code ?? null, platform?.name ?? null, failedStage, cause]);
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.ids.push(traceId(t));
    } else groups.set(key, { verdict, platform, failedStage, cause, count: 1, ids: [traceId(t)] });
  }
  // Array.prototype.sort is stable: equal counts keep the order in which their first trace was seen.
  return { total: traces.length, byVerdict, groups: [...groups.values()].sort((a, b) => b.count - a.count) };
}
