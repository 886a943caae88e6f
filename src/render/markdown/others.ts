/**
 * Replay, stats and loss → GitHub-flavoured Markdown (pure; spec.md v2 "Reports" `--report-markdown`), the same
 * summaries as the HTML reports in a form $GITHUB_STEP_SUMMARY shows.
 */
import { latencyPoints, weightedPercentile } from '../html/replay.js';
import { rankLosses } from '../html/loss.js';
import type { LossDoc, ReplayDoc, StatsDoc } from '../report-shapes.js';
import { escapeMd, mdTable } from './escape.js';

const ms = (v: number): string => (v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);
const pct = (f: number | null | undefined): string => (f === null || f === undefined ? '—' : `${(f * 100).toFixed(1)} %`);
const when = (s: number): string => `${new Date(s * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Rows listed per table before the rest is only counted. */
export const MAX_ROWS = 100;

function more(n: number): string {
  return n > MAX_ROWS ? `\n\n…and ${n - MAX_ROWS} more (see the HTML report or --json).` : '';
}

/** Replay: counts and latency, then the callbacks that failed (all callbacks when none did). */
export function renderReplayMarkdown(doc: ReplayDoc): string {
  const s = doc.summary;
  const p99 = s.p99Ms ?? weightedPercentile(latencyPoints(doc), 99);
  const out = [
    `### chatpush replay — ${s.failed === 0 ? '✅' : '❌'} ${s.passed} passed, ${s.failed} failed`,
    '',
    `Latency p50 ${ms(s.p50Ms)} · p95 ${ms(s.p95Ms)} · p99 ${ms(p99)} · max ${ms(s.maxMs)}`,
    '',
  ];
  const failed = doc.results.filter((r) => !r.pass);
  const list = failed.length > 0 ? failed : doc.results;
  const hasDecision = list.some((r) => r.decision !== undefined && r.decision !== null);
  const rows = list.slice(0, MAX_ROWS).map((r) => [
    escapeMd(r.name),
    escapeMd(r.command),
    r.status === null ? '—' : String(r.status),
    ms(r.latencyMs),
    r.skipped ? 'skipped' : r.pass ? 'pass' : '**FAIL**',
    ...(hasDecision ? [escapeMd(r.decision ?? '')] : []),
    escapeMd([r.reason, ...(r.warnings ?? []).map((w) => `⚠ ${w}`)].join(' · ')),
  ]);
  out.push(failed.length > 0 ? `**Failed callbacks**` : '**Callbacks**', '');
  out.push(mdTable(['Name', 'Command', 'HTTP', 'Latency', 'Verdict', ...(hasDecision ? ['Decision'] : []), 'Reason'], rows, ['l', 'l', 'r', 'r']) + more(list.length), '');
  return out.join('\n');
}

/** Stats: the funnel per result as a table, and the thresholds. */
export function renderStatsMarkdown(doc: StatsDoc): string {
  const out = [`### chatpush stats — ${when(doc.window.from)} → ${when(doc.window.to)}`, ''];
  for (const t of doc.thresholds ?? []) {
    out.push(`- ${t.pass ? '✅' : '❌'} \`${t.expression.replace(/`/g, '')}\` — actual ${t.actual === null ? '—' : Number.isInteger(t.actual) ? t.actual : pct(t.actual)}`);
  }
  if ((doc.thresholds ?? []).length) out.push('');
  for (const r of doc.results) {
    out.push(`**${r.taskId === null ? 'Normal pushes' : `Task ${escapeMd(r.taskId)}`}**`, '');
    const rows = [
      ...r.platforms.map((p) => [escapeMd(`${p.platform.name}${p.eventType ? ` (${p.eventType})` : ''}`), String(p.total), String(p.sent), String(p.delivered), String(p.clicked), pct(p.rates.sent), pct(p.rates.delivered), pct(p.rates.clicked)]),
      ['**All vendors**', String(r.total), String(r.sent), String(r.delivered), String(r.clicked), pct(r.rates.sent), pct(r.rates.delivered), pct(r.rates.clicked)],
    ];
    out.push(mdTable(['Vendor', 'Total', 'Sent', 'Delivered', 'Clicked', 'Sent rate', 'Delivery rate', 'Click rate'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']), '');
  }
  return out.join('\n');
}

/** Loss: the ranked causes per result. */
export function renderLossMarkdown(doc: LossDoc): string {
  const out = [`### chatpush loss — ${when(doc.window.from)} → ${when(doc.window.to)}`, ''];
  for (const r of doc.results) {
    out.push(`**${r.taskId === null ? 'Normal pushes' : `Task ${escapeMd(r.taskId)}`}**`, '');
    if (r.losses.length === 0) {
      out.push('No loss recorded in this window.', '');
      continue;
    }
    const ranked = rankLosses(r.losses);
    const rows = ranked.slice(0, MAX_ROWS).map((l, i) => [
      String(i + 1),
      l.stage === 'before_send' ? 'before send' : 'after send',
      escapeMd(l.platform ? l.platform.name : 'all'),
      escapeMd(`${l.errorCode}${l.errorInfo ? ` ${l.errorInfo}` : ''}`),
      String(l.count),
      pct(l.share),
      escapeMd(`${l.cause}${l.next ? ` — ${l.next}` : ''}`),
    ]);
    out.push(mdTable(['#', 'Stage', 'Vendor', 'Code', 'Count', 'Share', 'Cause and next step'], rows, ['r', 'l', 'l', 'l', 'r', 'r']) + more(ranked.length), '');
  }
  return out.join('\n');
}
