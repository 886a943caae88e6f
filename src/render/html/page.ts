/**
 * The shell every HTML report shares (pure): escaping, one inline stylesheet, and the page frame. A report is
 * one self-contained file (spec.md v2 "Reports"): no network request, no external font, script or image. The
 * Content-Security-Policy says so to the browser too (default-src 'none'), so even a string that escaped the
 * escaping could neither run a script nor load anything. The data the page was made from rides along as an
 * inert JSON block (type application/json is never executed), so `trace --resume` can read a report back.
 */

/** Escapes text for HTML element content and quoted attribute values; drops control characters. */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return (
    String(value)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/** JSON that can sit inside <script type="application/json">: `<`, `>`, `&`, U+2028/9 escaped, so no `</script>` can end it. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The id of the embedded data block. */
export const DATA_ID = 'chatpush-data';

/** Number with thousands separators (en-US; reports are read by people, not parsed). */
export function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** A fraction 0–1 as "93.4 %", or "—" for null. */
export function pct(f: number | null | undefined): string {
  return f === null || f === undefined || !Number.isFinite(f) ? '—' : `${(f * 100).toFixed(1)} %`;
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--gray:#818b98;--accent:#0969da}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
main{max-width:1120px;margin:0 auto;padding:24px 28px 48px}
header.top{border-bottom:2px solid var(--fg);padding-bottom:10px;margin-bottom:18px}
header.top h1{font-size:22px;margin:0 0 2px}
header.top p{margin:0;color:var(--muted)}
h2{font-size:17px;margin:28px 0 8px}
h3{font-size:15px;margin:18px 0 6px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
table{border-collapse:collapse;width:100%;margin:8px 0 14px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);font-weight:600;font-size:12.5px;color:var(--muted)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.wrap{overflow-wrap:anywhere}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:var(--gray)}
.v-clicked,.v-delivered,.v-pass,.v-continue,.v-allowed{background:var(--ok)}
.v-failed,.v-error,.v-fail,.v-blocked,.v-refused,.v-denied,.v-dropped{background:var(--bad)}
.v-pending,.v-modified,.v-warn{background:var(--warn)}
.s-success{color:var(--ok)}.s-failed{color:var(--bad);font-weight:600}.s-not_reached{color:var(--gray)}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0 6px}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:20px}
.card span{color:var(--muted);font-size:12px}
section.trace{border:1px solid var(--line);border-radius:10px;padding:4px 18px 10px;margin:18px 0;break-inside:avoid-page}
section.trace h2{margin-top:14px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.verdict{background:var(--soft);border-left:4px solid var(--gray);padding:8px 12px;margin:10px 0}
.verdict.failed{border-color:var(--bad)}.verdict.pending{border-color:var(--warn)}.verdict.delivered,.verdict.clicked{border-color:var(--ok)}
.muted{color:var(--muted)}
.note{color:var(--muted);font-size:12.5px;margin:4px 0}
svg{display:block;max-width:100%;height:auto;font-family:inherit}
svg text{font-size:11px;fill:var(--fg)}
svg .axis line,svg .grid{stroke:var(--line)}
svg .axis text,svg .lbl-muted{fill:var(--muted)}
svg .track{stroke:#8c959f;stroke-width:2}
svg .stage-marker.success{fill:var(--ok)}
svg .stage-marker.not_reached{fill:#fff;stroke:var(--gray);stroke-dasharray:2 2}
svg .failed-marker{stroke:var(--bad);stroke-width:3}
svg .failed-label{fill:var(--bad);font-weight:600}
svg .bar{fill:var(--accent)}
svg .bar.fail{fill:var(--bad)}
svg .pct-line{stroke-width:1.5;stroke-dasharray:4 3}
svg .p50{stroke:var(--ok)}svg .p95{stroke:var(--warn)}svg .p99{stroke:var(--bad)}
svg text.pct-label{font-weight:600;stroke:#fff;stroke-width:3px;paint-order:stroke}svg text.p50{fill:var(--ok)}svg text.p95{fill:var(--warn)}svg text.p99{fill:var(--bad)}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin:4px 0}
.legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
td.barcol{width:140px}
td.barcol .bar-h{margin-top:5px}
.nowrap{white-space:nowrap}
.bar-h{height:10px;background:var(--accent);border-radius:2px;min-width:2px;print-color-adjust:exact;-webkit-print-color-adjust:exact}
.s-warn{color:var(--warn)}
footer{margin-top:30px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@media print{main{max-width:none;padding:0}section.trace{border-color:#999}a{color:inherit;text-decoration:none}.badge{border:1px solid #000;color:#000!important;background:none!important}th{background:none}}
`;

export interface PageParts {
  title: string;
  /** One line under the title (already escaped). */
  subtitle: string;
  /** The body (already escaped HTML). */
  body: string;
  /** ISO time the report was made (passed in: renderers never read the clock). */
  generatedAt: string;
  version: string;
  /** The document the page shows, embedded inert for tools (`trace --resume`). */
  data?: unknown;
}

/** The whole document. */
export function renderPage(p: PageParts): string {
  const data = p.data === undefined ? '' : `\n<script type="application/json" id="${DATA_ID}">${inertJson(p.data)}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="chatpush ${escapeHtml(p.version)}">
<title>${escapeHtml(p.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header class="top"><h1>${escapeHtml(p.title)}</h1><p>${p.subtitle}</p></header>
${p.body}
<footer>Made by chatpush ${escapeHtml(p.version)} on ${escapeHtml(p.generatedAt)}. This file is self-contained: it loads nothing from the network.</footer>
</main>${data}
</body>
</html>
`;
}

/** Reads the embedded data block back from a report (for `trace --resume`); undefined when there is none. */
export function readEmbeddedData(html: string): unknown {
  const start = html.indexOf(`<script type="application/json" id="${DATA_ID}">`);
  if (start === -1) return undefined;
  const from = html.indexOf('>', start) + 1;
  const end = html.indexOf('</script>', from);
  if (end === -1) return undefined;
  return JSON.parse(html.slice(from, end));
}
