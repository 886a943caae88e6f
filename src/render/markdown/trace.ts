/**
 * Trace batch → GitHub-flavoured Markdown (pure; spec.md v2 "Reports" `--report-markdown`), for
 * $GITHUB_STEP_SUMMARY: a heading with the counts per verdict, the summary groups, then the traces that did not
 * meet --expect with their cause and next step (folded in <details> when long).
 */
import { STAGE_LABELS } from '../../trace/model.js';
import { summariseTraces, traceId, type TraceSummary } from '../../trace/summary.js';
import type { TraceJson } from '../../trace/report.js';
import { summaryLabels, verdictCounts, verdictLabel } from '../summary.js';
import { escapeMd, mdTable } from './escape.js';

/** Traces listed in the "not meeting --expect" table; the rest are counted. */
export const MAX_LISTED = 100;

/** Renders the Markdown summary. */
export function renderTraceMarkdown(doc: { traces: TraceJson[]; summary?: TraceSummary }, meta: { expect?: string }): string {
  const s = doc.summary ?? summariseTraces(doc.traces);
  const out: string[] = [`### chatpush trace — ${s.total} trace${s.total === 1 ? '' : 's'}${s.total ? `: ${escapeMd(verdictCounts(s))}` : ''}`, ''];
  if (s.groups.length > 0) {
    out.push(
      mdTable(
        ['Count', 'Verdict', 'Vendor', 'Failed stage', 'Cause', 'Example'],
        s.groups.map((g) => {
          const l = summaryLabels(g);
          return [String(g.count), escapeMd(verdictLabel(g.verdict)), escapeMd(l.vendor), escapeMd(l.stage), escapeMd(l.cause), escapeMd(g.ids[0] ?? '')];
        }),
        ['r'],
      ),
      '',
    );
  }
  const missed = doc.traces.filter((t) => t.expect?.outcome !== 'reached');
  if (missed.length > 0) {
    const rows = missed.slice(0, MAX_LISTED).map((t) => {
      const where = t.failedStage ? STAGE_LABELS[t.failedStage] : '—';
      const why = t.error ? t.error.message : (t.hint ?? '');
      return [escapeMd(traceId(t)), escapeMd(verdictLabel(t.verdict ?? 'error')), escapeMd(where), escapeMd(why)];
    });
    const table = mdTable(['PushID', 'Verdict', 'Failed stage', 'Cause and next step'], rows);
    const more = missed.length > MAX_LISTED ? `\n\n…and ${missed.length - MAX_LISTED} more (see the HTML report or --json).` : '';
    const title = `${missed.length} trace${missed.length === 1 ? '' : 's'} did not reach the expected stage${meta.expect ? ` (${escapeMd(meta.expect)})` : ''}`;
    out.push('<details>', `<summary>${title}</summary>`, '', table + more, '', '</details>', '');
  } else if (s.total > 0) {
    out.push(`Every trace reached the expected stage${meta.expect ? ` (${escapeMd(meta.expect)})` : ''}.`, '');
  }
  return `${out.join('\n')}`;
}
