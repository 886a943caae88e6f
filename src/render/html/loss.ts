/**
 * `loss` → HTML report (pure; spec.md v2 "Reports"): per result a ranked table of loss causes — all-vendor rows
 * first (their shares sum to 1 per stage), then per-vendor rows — largest count first, each with its share as a
 * bar, the code and the cause and next step from the shared code table.
 */
import type { LossDoc, LossJson } from '../report-shapes.js';
import { escapeHtml, num, pct, renderPage } from './page.js';
import { windowTime } from './stats.js';
import type { ReportMeta } from './trace.js';

const STAGE_TEXT: Readonly<Record<LossJson['stage'], string>> = { before_send: 'before send', after_send: 'after send' };

const STAGE_ORDER: Readonly<Record<string, number>> = { before_send: 0, after_send: 1 };

/**
 * Loss rows ranked: all-vendor rows before per-vendor rows, each in pipeline order (before send, then after send,
 * where shares are counted), then by count, largest first; ties keep their input order.
 */
export function rankLosses(losses: readonly LossJson[]): LossJson[] {
  return [...losses].sort(
    (a, b) => Number(a.platform !== null) - Number(b.platform !== null) || (STAGE_ORDER[a.stage] ?? 2) - (STAGE_ORDER[b.stage] ?? 2) || b.count - a.count,
  );
}

function table(rows: readonly LossJson[], title: string): string {
  if (rows.length === 0) return '';
  const max = Math.max(1, ...rows.map((r) => r.count));
  const body = rows.map(
    (r, i) =>
      `<tr class="loss-row"><td class="n">${i + 1}</td><td class="nowrap">${escapeHtml(STAGE_TEXT[r.stage] ?? r.stage)}</td><td>${r.platform ? escapeHtml(r.platform.name) : 'all'}${r.eventType ? ` <span class="muted">(${escapeHtml(r.eventType)})</span>` : ''}</td><td class="mono">${escapeHtml(r.errorCode)}<br><span class="muted wrap">${escapeHtml(r.errorInfo)}</span></td><td class="n">${num(r.count)}</td><td class="barcol"><div class="bar-h" style="width:${((r.count / max) * 100).toFixed(1)}%"></div></td><td class="n">${pct(r.share)}</td><td class="wrap"><b>${escapeHtml(r.cause)}</b><br><span class="muted">${escapeHtml(r.next)}</span></td></tr>`,
  );
  return `<h3>${escapeHtml(title)}</h3><table class="loss"><thead><tr><th class="n">#</th><th>Stage</th><th>Vendor</th><th>Code</th><th class="n">Count</th><th></th><th class="n">Share</th><th>Cause and next step</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** Renders the whole report. */
export function renderLossHtml(doc: LossDoc, meta: ReportMeta): string {
  const sections = doc.results.map((res) => {
    const ranked = rankLosses(res.losses);
    const all = ranked.filter((r) => r.platform === null);
    const vendor = ranked.filter((r) => r.platform !== null);
    const allBefore = all.filter((r) => r.stage === 'before_send');
    const allAfter = all.filter((r) => r.stage !== 'before_send');
    const total = all.reduce((n, r) => n + r.count, 0);
    const head = `<h2>${res.taskId === null ? 'Normal pushes' : `Task ${escapeHtml(res.taskId)}`}</h2><p class="muted">${num(total)} pushes lost across all vendors.</p>`;
    const none = res.losses.length === 0 ? '<p>No loss recorded in this window.</p>' : '';
    return `<section class="loss-result">${head}${none}${table(allBefore, 'All vendors · before send (share of the pushes lost before sending)')}${table(allAfter, 'All vendors · after send (share of the pushes lost after sending)')}${table(vendor, 'By vendor (share of that vendor and stage)')}</section>`;
  });
  const subtitle = `${escapeHtml(windowTime(doc.window.from))} → ${escapeHtml(windowTime(doc.window.to))}`;
  return renderPage({ title: 'chatpush push loss', subtitle, body: sections.join('\n'), generatedAt: meta.generatedAt, version: meta.version, data: doc });
}
