/**
 * JUnit XML for CI (`replay --junit <file>`), pure: one <testcase> per callback row, a <failure> with the
 * reason when its reply failed the check, <skipped> when Ctrl-C stopped the run before it was answered. The layout is the one Jenkins, GitLab and GitHub test reporters
 * read (testsuites > testsuite > testcase, times in seconds).
 */
import type { ReplayReport } from '../replay/stats.js';

/** Escapes text for XML and drops characters XML 1.0 cannot hold. */
export function xmlEscape(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Renders the report as JUnit XML; `timestamp` is ISO 8601 (passed in: no clock here). */
export function renderJunit(report: ReplayReport, timestamp: string): string {
  const tests = report.results.length;
  const skipped = report.results.filter((r) => r.skipped).length;
  const failures = report.results.filter((r) => !r.pass && !r.skipped).length;
  const time = seconds(report.durationMs);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="chatpush replay" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`,
    `  <testsuite name="chatpush replay" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}" timestamp="${xmlEscape(timestamp)}">`,
  ];
  for (const r of report.results) {
    const count = r.count ?? 1;
    const attrs = `classname="${xmlEscape(`${r.protocol}.${r.command}`)}" name="${xmlEscape(r.name)}" time="${seconds(r.latencyMs * count)}"`;
    if (r.pass) {
      out.push(`    <testcase ${attrs}/>`);
      continue;
    }
    if (r.skipped) {
      out.push(`    <testcase ${attrs}>`, '      <skipped message="interrupted before it was answered"/>', '    </testcase>');
      continue;
    }
    const message = r.count !== undefined ? `${r.failed} of ${r.count} failed: ${r.reason}` : r.reason;
    const details = [
      `url: ${r.url}`,
      `status: ${r.status ?? 'no reply'}`,
      ...(r.decision !== null ? [`decision: ${r.decision}`] : []),
      `latency: ${r.latencyMs} ms${r.count !== undefined ? ' (mean)' : ''}`,
      `reason: ${r.reason}`,
      `reply: ${typeof r.reply === 'string' ? r.reply : JSON.stringify(r.reply)}`,
    ].join('\n');
    out.push(`    <testcase ${attrs}>`);
    out.push(`      <failure message="${xmlEscape(message)}" type="ReplyCheckFailed">${xmlEscape(details)}</failure>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}
