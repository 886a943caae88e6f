/**
 * The push-diagnostics sections of `chatpush demo` (issue 12), between trace and replay: the stats funnel as a
 * release gate that fails on purpose (Huawei delivery below 80 %), the loss causes, and one all-user push traced
 * per recipient with their online state. Each runs the real command code against the demo's sandbox.
 */
import { ExitCode } from '../errors.js';
import { wrapBlock } from '../render/fit.js';
import { sanitize } from '../render/sanitize.js';
import type { UserState } from '../tencent/apis/online-status.js';
import { CAUSES, type CauseId } from '../trace/diagnose.js';
import { describeOnline } from '../trace/online-verdict.js';
import type { TraceJson } from '../trace/report.js';
import type { DemoRun, DemoSection } from './sections.js';
import { parseDoc } from './parse-doc.js';

/** The gate the demo shows: the README's CI recipe, which the sample data fails on purpose. */
export const DEMO_THRESHOLD = 'delivered[huawei]>=80%';

/** The demo's sandbox answers at once; its client does not pace either. */
const FAST = { timeout: 10, retries: 3, minIntervalMs: 0 } as const;

function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? '-' : `${(v * 100).toFixed(1)} %`;
}

const statsSection: DemoSection = {
  key: 'stats',
  title: () => `chatpush stats --threshold '${DEMO_THRESHOLD}'`,
  next: [['chatpush doctor', 'check your own set-up first: settings, key, clock, credentials, region, Push']],
  async run(d: DemoRun) {
    const [{ collectStats }, { renderFunnelChart }] = await Promise.all([import('../commands/stats.js'), import('../render/funnel.js')]);
    // collectStats is what `chatpush stats` runs; printing here keeps its "threshold failed" line, which is
    // expected in the tour, off stderr.
    const { doc, thresholds } = await collectStats({ ...FAST, threshold: [DEMO_THRESHOLD] }, d.ctx);
    const failed = thresholds.filter((t) => !t.pass);
    const exitCode = failed.length ? ExitCode.NEGATIVE : ExitCode.OK;
    const r = doc.results[0];
    const huawei = r?.platforms.find((p) => p.platform.code === 3);
    if (!d.json && r) {
      // The funnel chart and the gate; `chatpush stats` adds one row per vendor.
      d.ctx.io.out(renderFunnelChart(r, r.rates, { chalk: d.chalk, columns: d.width }));
      const gate = failed.length ? d.chalk.red('FAIL') : d.chalk.green('pass');
      d.ctx.io.out(wrapBlock(`  ${gate} ${DEMO_THRESHOLD}: Huawei delivered ${percent(huawei?.rates.delivered)} ${d.chalk.dim('(failed on purpose: in CI, stats exits 1 here)')}`, d.width, '    '));
    }
    return {
      ok: doc.results.length > 0,
      exitCode,
      saw: `stats: the delivery funnel per vendor (${percent(r?.rates.delivered)} delivered overall) and a release gate that caught Huawei at ${percent(huawei?.rates.delivered)}`,
      json: { exitCode, ...doc },
    };
  },
};

const lossSection: DemoSection = {
  key: 'loss',
  title: () => 'chatpush loss',
  next: [['chatpush stats / loss --since 7d', 'the funnel per vendor as a CI gate, and every loss cause with its next step']],
  async run(d: DemoRun) {
    const [{ collectLoss }, { alignTable }, { LOSS_STAGE_LABELS }, { formatCount }] = await Promise.all([
      import('../commands/loss.js'),
      import('../render/columns.js'),
      import('../tencent/apis/loss.js'),
      import('../render/funnel.js'),
    ]);
    const doc = await collectLoss(FAST, d.ctx);
    const all = doc.results.map((r) => ({ ...r, losses: r.losses.filter((l) => l.platform === null) }));
    if (!d.json) {
      // The three largest causes; `chatpush loss` lists all of them, per vendor too, with each next step.
      const top = [...(all[0]?.losses ?? [])].sort((a, b) => (b.count ?? 0) - (a.count ?? 0)).slice(0, 3);
      const rows = [['STAGE', 'CODE', 'COUNT', 'SHARE', 'CAUSE'].map((h) => d.chalk.bold(h)), ...top.map((l) => [LOSS_STAGE_LABELS[l.stage], sanitize(String(l.errorCode)), formatCount(l.count), percent(l.share), sanitize(l.cause)])];
      d.ctx.io.out(alignTable(rows, { indent: '  ', right: [1, 2, 3], width: d.width, shrink: { col: 4, min: 16 } }));
    }
    const top = all[0]?.losses.find((l) => l.stage === 'after_send');
    return {
      ok: all.length > 0 && all[0]!.losses.length > 0,
      exitCode: ExitCode.OK,
      saw: `loss: ${all[0]?.losses.length ?? 0} loss causes ranked from the one code table${top ? `, the largest after sending: ${String(top.errorCode)} (${top.cause})` : ''}`,
      json: { exitCode: ExitCode.OK, ...doc },
    };
  },
};

/** One all-user push, per recipient: a failing vendor and a user who was online. */
function taskUsers(d: DemoRun): { taskId: string; users: string[] } | undefined {
  const task = d.sandbox.tasks[0];
  if (!task) return undefined;
  return { taskId: task.taskId, users: task.users.filter((u) => u === 'bob' || u === 'carol') };
}

const taskTraceSection: DemoSection = {
  key: 'taskTrace',
  title: (d) => {
    const t = taskUsers(d);
    return `chatpush trace --task ${t ? `${t.taskId.slice(0, 12)}… --user ${t.users.join(' ')}` : '<TaskID> --user …'} --online`;
  },
  next: [['chatpush online <UserID…>', 'Online / PushOnline / Offline per user and platform']],
  async run(d: DemoRun) {
    const t = taskUsers(d);
    if (!t || t.users.length === 0) return { ok: false, exitCode: ExitCode.NOT_FOUND, saw: 'trace --task: no sample task in the sandbox' };
    const { runTrace } = await import('../commands/trace.js');
    const opts = { ...FAST, expect: 'device', task: t.taskId, user: t.users, online: true };
    const captured = d.capture();
    const exitCode = await runTrace([], opts, captured.ctx);
    const doc = parseDoc(captured.output()) as { traces?: TraceJson[] };
    const traces = doc.traces ?? [];
    if (!d.json) {
      // One line per recipient; `chatpush trace --task` prints each timeline like trace's above.
      const { alignTable } = await import('../render/columns.js');
      const now = (x: TraceJson): string => (x.online ? describeOnline({ userId: x.userId ?? '', ...x.online } as UserState) : '-');
      const why = (x: TraceJson): string => (x.cause && x.cause in CAUSES ? CAUSES[x.cause as CauseId].short : '-');
      const rows = [['USER', 'VERDICT', 'CAUSE', 'ONLINE NOW'].map((h) => d.chalk.bold(h)), ...traces.map((x) => [sanitize(x.userId ?? ''), x.verdict ?? 'error', why(x), sanitize(now(x))])];
      d.ctx.io.out(alignTable(rows, { indent: '  ', width: d.width, shrink: { col: 3, min: 12 } }));
      const online = traces.find((x) => x.cause === 'offline_not_submitted' && x.online?.state === 'online');
      if (online) d.ctx.io.out(d.chalk.dim(wrapBlock(`  ${sanitize(online.userId ?? '')}: no offline push was needed, the user is ${sanitize(now(online))} (--online puts this in the verdict)`, d.width, '    ')));
    }
    const ok = [ExitCode.OK, ExitCode.NEGATIVE].includes(exitCode as 0 | 1) && traces.length === t.users.length;
    return {
      ok,
      exitCode,
      saw: `trace --task: an all-user push traced per recipient (${traces.map((x) => `${x.userId} ${x.verdict}`).join(', ')}), with each user's online state in the verdict`,
      json: { exitCode, ...doc },
    };
  },
};

/** The sections, in the order shown (after trace, before replay). */
export const DIAGNOSTICS_SECTIONS: DemoSection[] = [statsSection, lossSection, taskTraceSection];
