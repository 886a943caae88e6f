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

/** What a trace JUnit case needs: the `--json` shape of a trace (task traces add taskId/userId). */
type JunitTrace = import('../trace/report.js').TraceJson & { taskId?: string | null; userId?: string | null };

/**
 * Renders a trace batch as JUnit XML (`trace --junit <file>`; spec.md v2 "Reports"): one <testcase> per PushID,
 * a <failure> when it did not meet --expect (failed, pending, not found), an <error> when the lookup itself
 * failed (auth, service, network). Traces have no duration of their own, so time is 0.
 */
export function renderTraceJunit(traces: readonly JunitTrace[], opts: { expect: string; timestamp: string; durationMs: number }): string {
  const tests = traces.length;
  const errors = traces.filter((t) => t.error && !t.verdict).length;
  const failures = traces.filter((t) => !(t.error && !t.verdict) && t.expect?.outcome !== 'reached').length;
  const time = seconds(opts.durationMs);
  const suite = `chatpush trace (expect ${opts.expect})`;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="chatpush trace" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${time}">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${time}" timestamp="${xmlEscape(opts.timestamp)}">`,
  ];
  for (const t of traces) {
    const name = t.pushId ?? `${t.taskId ?? '?'}/${t.userId ?? '?'}`;
    const first = t.instances.find((i) => i.verdict === t.verdict) ?? t.instances[0];
    const classname = `trace.${first ? first.platform.name.replace(/[^A-Za-z0-9]+/g, '_') : 'unknown'}`;
    const attrs = `classname="${xmlEscape(classname)}" name="${xmlEscape(name)}" time="0.000"`;
    if (t.error && !t.verdict) {
      out.push(
        `    <testcase ${attrs}>`,
        `      <error message="${xmlEscape(t.error.message)}" type="LookupFailed">${xmlEscape([t.error.message, t.error.hint ?? ''].filter(Boolean).join('\n'))}</error>`,
        '    </testcase>',
      );
      continue;
    }
    if (t.expect?.outcome === 'reached') {
      out.push(`    <testcase ${attrs}/>`);
      continue;
    }
    const where = t.failedStage ? ` at ${t.failedStage}` : '';
    const message = `expected stage "${opts.expect}" ${t.expect?.outcome === 'not_found' ? 'not found' : `not reached: ${t.verdict ?? 'error'}${where}`}`;
    const details = [
      `verdict: ${t.verdict}${where}`,
      `cause: ${t.cause ?? ''}`,
      `hint: ${t.hint ?? ''}`,
      ...t.instances.map((i) => `instance ${i.instanceId} (${i.platform.name}): ${i.verdict}${i.failedStage ? ` at ${i.failedStage}` : ''}`),
    ].join('\n');
    out.push(`    <testcase ${attrs}>`, `      <failure message="${xmlEscape(message)}" type="ExpectNotMet">${xmlEscape(details)}</failure>`, '    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}
