/**
 * Trace batch → HTML report (pure; spec.md v2 "Reports"). Input is the `trace --json` document (traces and,
 * with --summary, summary), so a report can be made from any saved document. Per trace: the verdict with
 * cause and next step, a timeline chart — time since PushTime on the x axis (log scale: stages land within
 * seconds, clicks hours later), one lane per instance, each stage a marker, the failed stage a red cross with
 * its cause beside it — and the stage table of every instance. Above them, the summary of the batch.
 */
import { formatOffset } from '../../trace/diagnose.js';
import { STAGE_LABELS, type StageName } from '../../trace/model.js';
import type { InstanceJson, StageJson, TraceJson } from '../../trace/report.js';
import { summariseTraces, traceId, type SummaryVerdict, type TraceSummary } from '../../trace/summary.js';
import { summaryLabels, verdictCounts, verdictLabel, VERDICT_ORDER } from '../summary.js';
import { escapeHtml, num, renderPage } from './page.js';

export interface TraceReportDoc {
  traces: TraceJson[];
  summary?: TraceSummary;
}

export interface ReportMeta {
  /** ISO time of the run (passed in; no clock here). */
  generatedAt: string;
  version: string;
  /** The --expect stage, shown in the subtitle. */
  expect?: string;
}

/** Lanes drawn per chart; beyond this the chart shows failed instances first and says how many it left out. */
export const MAX_LANES = 150;

const W = 980;
const LABEL_W = 210;
const GUTTER_W = 110;
const CHART_W = W - LABEL_W - GUTTER_W - 20;
const LANE_H = 40;
const AXIS_H = 40;

const TICKS: ReadonlyArray<readonly [number, string]> = [
  [0, '0'], [1000, '1s'], [5000, '5s'], [15_000, '15s'], [60_000, '1m'], [300_000, '5m'], [900_000, '15m'],
  [3_600_000, '1h'], [21_600_000, '6h'], [86_400_000, '1d'], [604_800_000, '7d'],
];

/** x position of an offset: log10(1 + ms/100) scaled to the chart, so 0.1 s, 10 s and 3 h all get room. */
function scaleFor(maxMs: number): (ms: number) => number {
  const f = (ms: number): number => Math.log10(1 + Math.max(0, ms) / 100);
  const top = f(Math.max(maxMs, 1000));
  return (ms) => LABEL_W + (f(ms) / top) * CHART_W;
}

function stageTitle(s: StageJson): string {
  const parts = [STAGE_LABELS[s.name], s.status === 'not_reached' ? 'not reached' : s.status];
  if (s.time) parts.push(`${s.time}${s.offsetMs !== null ? ` (${formatOffset(s.offsetMs)})` : ''}`);
  if (s.errorCode) parts.push(`code ${s.errorCode}`);
  if (s.errorInfo) parts.push(s.errorInfo);
  if (s.hint) parts.push(s.hint);
  return parts.join(' · ');
}

function fmtX(x: number): string {
  return x.toFixed(1);
}

/** The lanes to draw: all, or (over MAX_LANES) failed instances first, then the rest, in order. */
function lanesOf(instances: readonly InstanceJson[]): InstanceJson[] {
  if (instances.length <= MAX_LANES) return [...instances];
  const failed = instances.filter((i) => i.verdict === 'failed');
  const rest = instances.filter((i) => i.verdict !== 'failed');
  return [...failed, ...rest].slice(0, MAX_LANES);
}

/** The timeline chart of one trace (an <svg>), or '' for a trace without instances. */
export function renderTimelineSvg(t: TraceJson): string {
  if (t.instances.length === 0) return '';
  const lanes = lanesOf(t.instances);
  let maxMs = 0;
  for (const inst of lanes) for (const s of inst.stages) if (s.status !== 'not_reached' && s.offsetMs !== null && s.offsetMs > maxMs) maxMs = s.offsetMs;
  const x = scaleFor(maxMs);
  const h = AXIS_H + lanes.length * LANE_H + 8;
  const out: string[] = [];
  out.push(
    `<svg class="timeline" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="Timeline of ${escapeHtml(t.pushId ?? '')}: ${lanes.length} instance${lanes.length === 1 ? '' : 's'}">`,
  );
  // Axis: ticks that fit, at least 44 px apart.
  out.push('<g class="axis">');
  let lastTickX = -Infinity;
  for (const [ms, label] of TICKS) {
    if (ms > Math.max(maxMs, 1000) * 1.0001) break;
    const tx = x(ms);
    if (tx - lastTickX < 44) continue;
    lastTickX = tx;
    out.push(`<line class="grid" x1="${fmtX(tx)}" y1="${AXIS_H - 6}" x2="${fmtX(tx)}" y2="${h - 4}"/><text x="${fmtX(tx)}" y="${AXIS_H - 10}" text-anchor="middle">${ms === 0 ? 'push' : `+${label}`}</text>`);
  }
  out.push(`<text x="4" y="${AXIS_H - 10}">instance</text>`);
  out.push(`<text x="${LABEL_W + CHART_W}" y="${AXIS_H - 26}" text-anchor="end">time since the push (log scale) →</text>`);
  out.push(`<text x="${W - GUTTER_W + 4}" y="${AXIS_H - 10}">not reached</text>`);
  out.push('</g>');
  lanes.forEach((inst, li) => {
    const y = AXIS_H + li * LANE_H + 20;
    out.push(`<g class="lane" data-instance="${escapeHtml(inst.instanceId)}" data-verdict="${escapeHtml(inst.verdict)}">`);
    out.push(`<text x="4" y="${y + 4}"><tspan font-weight="600">${escapeHtml(inst.platform.name)}</tspan> <tspan class="lbl-muted">${escapeHtml(truncateText(inst.instanceId, 16))}</tspan></text>`);
    let prevX = x(0);
    const points: { x: number; s: StageJson }[] = [];
    const notReached: StageJson[] = [];
    for (const s of inst.stages) {
      if (s.status === 'not_reached') {
        notReached.push(s);
        continue;
      }
      const px = s.offsetMs !== null ? x(s.offsetMs) : prevX;
      prevX = px;
      points.push({ x: px, s });
    }
    if (points.length > 1) out.push(`<line class="track" x1="${fmtX(points[0]!.x)}" y1="${y}" x2="${fmtX(Math.max(...points.map((p) => p.x)))}" y2="${y}"/>`);
    for (const { x: px, s } of points) {
      const title = `<title>${escapeHtml(stageTitle(s))}</title>`;
      if (s.status === 'failed') {
        const d = 6;
        out.push(
          `<g class="failed-marker" data-stage="${s.name}">${title}<line x1="${fmtX(px - d)}" y1="${y - d}" x2="${fmtX(px + d)}" y2="${y + d}"/><line x1="${fmtX(px - d)}" y1="${y + d}" x2="${fmtX(px + d)}" y2="${y - d}"/></g>`,
        );
        // The explanation sits above the track, ending at the cross: "✗ vendor channel: token invalid (20301)".
        const why = `✗ ${STAGE_LABELS[s.name]}: ${s.hint ?? 'failed'}${s.errorCode ? ` (${s.errorCode})` : ''}`;
        const anchorEnd = px - LABEL_W > 260;
        out.push(`<text class="failed-label" x="${fmtX(anchorEnd ? px + 6 : px - 6)}" y="${y - 10}" text-anchor="${anchorEnd ? 'end' : 'start'}">${escapeHtml(truncateText(why, 70))}</text>`);
      } else {
        out.push(`<circle class="stage-marker success" data-stage="${s.name}" cx="${fmtX(px)}" cy="${y}" r="5">${title}</circle>`);
      }
    }
    // Stage names under the markers; markers closer than 34 px share one label ("IM + submit").
    const clusters: { x: number; names: string[] }[] = [];
    for (const { x: px, s } of points) {
      const last = clusters[clusters.length - 1];
      if (last && px - last.x < 34) last.names.push(SHORT[s.name]);
      else clusters.push({ x: px, names: [SHORT[s.name]] });
    }
    for (const c of clusters) out.push(`<text class="lbl-muted stage-name" x="${fmtX(c.x)}" y="${y + 16}" text-anchor="middle" font-size="9.5">${c.names.join(' + ')}</text>`);
    if (notReached.length > 0) {
      const names = notReached.map((s) => STAGE_LABELS[s.name]).join(', ');
      out.push(
        `<g class="not-reached"><title>not reached: ${escapeHtml(names)}</title><circle class="stage-marker not_reached" cx="${W - GUTTER_W + 10}" cy="${y}" r="5"/><text class="lbl-muted" x="${W - GUTTER_W + 20}" y="${y + 4}">${notReached.length} stage${notReached.length === 1 ? '' : 's'}</text></g>`,
      );
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

function truncateText(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}


/** Stage names short enough to sit under a marker. */
const SHORT: Readonly<Record<StageName, string>> = {
  im: 'IM',
  offline: 'submit',
  channel: 'vendor',
  device: 'device',
  click: 'click',
  'online.channel': 'online',
  'online.device': 'online device',
};

const STAGE_COLUMNS: readonly StageName[] = ['im', 'offline', 'channel', 'device', 'click', 'online.channel', 'online.device'];

function stageCell(s: StageJson | undefined): string {
  if (!s) return '<td class="muted">—</td>';
  const mark = s.status === 'success' ? '✓' : s.status === 'failed' ? '✗' : '·';
  const when = s.offsetMs !== null ? ` ${formatOffset(s.offsetMs)}` : '';
  const code = s.errorCode ? ` <code>${escapeHtml(s.errorCode)}</code>` : '';
  const info = s.status === 'failed' && s.errorInfo ? `<br><span class="wrap">${escapeHtml(s.errorInfo)}</span>` : '';
  const hint = s.status === 'failed' && s.hint ? `<br><span class="muted">${escapeHtml(s.hint)}</span>` : '';
  // Only a failed cell carries a tooltip (its event time); the others show all they know, and a 2000-instance
  // report stays a few MB.
  const title = s.status === 'failed' && s.time ? ` title="${escapeHtml(s.time)}"` : '';
  return `<td class="s-${s.status}"${title}>${mark}${escapeHtml(when)}${code}${info}${hint}</td>`;
}

/** The stage table: one row per instance, one column per stage. */
function instanceTable(t: TraceJson): string {
  const online = t.instances.some((i) => i.stages.some((s) => s.name.startsWith('online.')));
  const cols = online ? STAGE_COLUMNS : STAGE_COLUMNS.slice(0, 5);
  const rows = t.instances.map((inst) => {
    const byName = new Map(inst.stages.map((s) => [s.name, s]));
    const device = [inst.system, inst.systemVersion, inst.deviceModel].filter(Boolean).join(' ');
    const flags = [
      inst.notificationEnabled === false ? '<b class="s-failed">notifications off</b>' : inst.notificationEnabled ? 'notifications on' : '',
      inst.tokenPresent ? 'token' : '<b class="s-failed">no token</b>',
    ]
      .filter(Boolean)
      .join(' · ');
    return `<tr><td><span class="mono">${escapeHtml(inst.instanceId)}</span><br><b>${escapeHtml(inst.platform.name)}</b></td><td>${escapeHtml(device)}<br><span class="muted">${flags}</span></td>${cols.map((c) => stageCell(byName.get(c))).join('')}</tr>`;
  });
  return `<table class="stages"><thead><tr><th>Instance</th><th>Device</th>${cols.map((c) => `<th>${escapeHtml(STAGE_LABELS[c])}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function badge(verdict: SummaryVerdict | null): string {
  const v = verdict ?? 'error';
  return `<span class="badge v-${escapeHtml(v)}">${escapeHtml(verdictLabel(v))}</span>`;
}

function traceSection(t: TraceJson, i: number): string {
  const id = traceId(t);
  const n = t.instances.length;
  const parts = [`<section class="trace" id="trace-${i + 1}" data-verdict="${escapeHtml(t.verdict ?? 'error')}">`];
  parts.push(`<h2>${badge(t.verdict)} <span class="mono wrap">${escapeHtml(id)}</span> <span class="muted">${num(n)} instance${n === 1 ? '' : 's'}</span></h2>`);
  if (t.error) {
    parts.push(`<div class="verdict failed"><b>The trace request failed:</b> ${escapeHtml(t.error.message)}${t.error.hint ? ` <span class="muted">${escapeHtml(t.error.hint)}</span>` : ''}</div>`);
  } else {
    const where = t.failedStage ? ` at ${escapeHtml(STAGE_LABELS[t.failedStage])}` : '';
    const expect = t.expect ? ` <span class="muted">· expected stage "${escapeHtml(t.expect.stage)}": ${escapeHtml(t.expect.outcome.replace('_', ' '))}</span>` : '';
    parts.push(`<div class="verdict ${escapeHtml(t.verdict ?? '')}"><b>${escapeHtml(verdictLabel(t.verdict ?? 'error'))}${where}</b> — ${escapeHtml(t.hint ?? '')}${expect}</div>`);
  }
  if (n > 0) {
    if (n > MAX_LANES) parts.push(`<p class="note">The chart shows ${MAX_LANES} of ${num(n)} instances (failed ones first); the table lists all.</p>`);
    parts.push(renderTimelineSvg(t));
    parts.push(instanceTable(t));
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** The summary block: counts per verdict and the groups table. */
export function summarySection(s: TraceSummary, anchors: ReadonlyMap<string, number>): string {
  const cards = VERDICT_ORDER.filter((v) => (s.byVerdict[v] ?? 0) > 0)
    .map((v) => `<div class="card"><b>${num(s.byVerdict[v]!)}</b><span>${escapeHtml(verdictLabel(v))}</span></div>`)
    .join('');
  const max = Math.max(1, ...s.groups.map((g) => g.count));
  const rows = s.groups.map((g) => {
    const l = summaryLabels(g);
    const first = g.ids[0] ?? '';
    const link = anchors.has(first) ? `<a class="mono" href="#trace-${anchors.get(first)}">${escapeHtml(truncateText(first, 30))}</a>` : `<span class="mono">${escapeHtml(truncateText(first, 30))}</span>`;
    const more = g.ids.length > 1 ? ` <span class="muted">+${num(g.ids.length - 1)} more</span>` : '';
    const bar = `<div class="bar-h" style="width:${((g.count / max) * 100).toFixed(1)}%"></div>`;
    return `<tr class="group"><td class="n">${num(g.count)}</td><td class="barcol">${bar}</td><td>${badge(g.verdict)}</td><td>${escapeHtml(l.vendor)}</td><td>${escapeHtml(l.stage)}</td><td>${escapeHtml(l.cause)}</td><td>${link}${more}</td></tr>`;
  });
  return `<h2>Summary</h2><div class="cards"><div class="card"><b>${num(s.total)}</b><span>traces</span></div>${cards}</div>
<table class="summary"><thead><tr><th class="n">Count</th><th></th><th>Verdict</th><th>Vendor</th><th>Failed stage</th><th>Cause</th><th>Example</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Renders the whole report. */
export function renderTraceHtml(doc: TraceReportDoc, meta: ReportMeta): string {
  const summary = doc.summary ?? summariseTraces(doc.traces);
  const anchors = new Map(doc.traces.map((t, i) => [traceId(t), i + 1]));
  const body = [summarySection(summary, anchors), '<h2>Traces</h2>', ...doc.traces.map(traceSection)].join('\n');
  const subtitle = `${num(summary.total)} trace${summary.total === 1 ? '' : 's'}${summary.total ? ` — ${escapeHtml(verdictCounts(summary))}` : ''}${meta.expect ? ` · expected stage: ${escapeHtml(meta.expect)}` : ''}`;
  return renderPage({ title: 'chatpush trace report', subtitle, body, generatedAt: meta.generatedAt, version: meta.version, data: { traces: doc.traces, summary } });
}

