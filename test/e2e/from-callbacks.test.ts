/**
 * The "done when", end to end with the built CLI: 200 Push.OfflinePush events (mixed vendors and
 * failures) are posted by `replay` to `listen --save`, which records them; one `trace --from-callbacks … --failed`
 * traces the failed ones against the sandbox (synthetic traces for the generated PushIDs), prints the grouped
 * summary and writes HTML, Markdown and JUnit — the HTML opened in Chromium — and an interrupted run resumes
 * from its own report without asking for a PushID twice.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET_KEY } from '../../src/demo-credentials.js';
import { startSandbox, type Sandbox } from '../../src/servers/sandbox.js';
import { prng, syntheticOfflinePushEvents } from '../../src/servers/synthetic-traces.js';
import { browserMissing, launchBrowser } from '../helpers/browser.js';
import { baseEnv, runCli, spawnCli } from '../helpers/cli.js';
import { startListenProcess } from '../helpers/listen-process.js';
import { columnsOf, HAS_SCRIPT, runInPty, screenLines } from '../helpers/pty.js';

const SDK = '1400000000';
const dir = mkdtempSync(join(tmpdir(), 'chatpush-from-callbacks-'));
const capture = join(dir, 'captured.jsonl');
const events = syntheticOfflinePushEvents(200, { seed: 14, startS: 1_762_160_000 });
/** The failed PushIDs in the order listen recorded them (first seen), read from the capture in beforeAll. */
let failedIds: string[] = [];

function env(sandbox: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return baseEnv({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: DEMO_SECRET_KEY, CHATPUSH_ENDPOINT: sandbox.url, CHATPUSH_TRACE_INTERVAL_MS: '0', ...extra });
}

/** A sandbox that records which PushIDs it was asked for. */
async function sandboxWithLog(minIntervalMs: number): Promise<{ sandbox: Sandbox; asked: string[] }> {
  const asked: string[] = [];
  const sandbox = await startSandbox({ sdkappid: Number(SDK), secretKey: DEMO_SECRET_KEY, minIntervalMs, onRequest: (e) => e.pushId && e.errorCode === 0 && asked.push(e.pushId) });
  return { sandbox, asked };
}

beforeAll(async () => {
  // Batched 1–5 events per body, as the platform sends push callbacks (callbacks.md A6.6).
  const rand = prng(1);
  const bodies: string[] = [];
  for (let i = 0; i < events.length; ) {
    const n = 1 + Math.floor(rand() * 5);
    bodies.push(JSON.stringify({ Events: events.slice(i, i + n) }));
    i += n;
  }
  writeFileSync(join(dir, 'bodies.jsonl'), `${bodies.join('\n')}\n`);
  const listen = await startListenProcess(['--save', capture]);
  const sent = await runCli(['replay', join(dir, 'bodies.jsonl'), '--url', listen.url, '--concurrency', '4']);
  const stopped = await listen.stop();
  expect(sent.code, sent.stderr).toBe(0);
  expect(stopped.code).toBe(0);
  const recorded = readFileSync(capture, 'utf8').trim().split('\n').flatMap((l) => (JSON.parse(l) as { Events: Record<string, unknown>[] }).Events);
  failedIds = [...new Set(recorded.filter((e) => e.ErrCode !== 0).map((e) => e.PushID as string))];
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trace --from-callbacks', () => {
  it('the capture holds the 200 events listen received', () => {
    const lines = readFileSync(capture, 'utf8').trim().split('\n');
    expect(lines.flatMap((l) => (JSON.parse(l) as { Events: unknown[] }).Events)).toHaveLength(200);
    expect(failedIds.length).toBe(new Set(events.filter((e) => e.ErrCode !== 0).map((e) => e.PushID)).size);
    expect(failedIds.length).toBeGreaterThan(80);
  });

  it('traces the failed ones, prints the grouped summary and writes HTML, Markdown and JUnit that render', async () => {
    const { sandbox, asked } = await sandboxWithLog(0);
    const out = (f: string): string => join(dir, f);
    try {
      const r = await runCli(
        ['trace', '--from-callbacks', capture, '--failed', '--summary', '--json', '--report-html', out('r.html'), '--report-markdown', out('r.md'), '--junit', out('r.xml')],
        { env: env(sandbox), timeoutMs: 60_000 },
      );
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`200 Push.OfflinePush events in ${capture}; ${200 - failedIds.length} with ErrCode 0 left out (--failed): ${failedIds.length} PushIDs to trace.`);
      expect(asked).toEqual(failedIds);
      const doc = JSON.parse(r.stdout) as { traces: { pushId: string; verdict: string }[]; summary: { total: number; byVerdict: Record<string, number>; groups: { count: number; ids: string[]; platform: { name: string } | null; cause: string }[] } };
      expect(doc.traces.map((t) => t.pushId)).toEqual(failedIds);
      expect(doc.summary.total).toBe(failedIds.length);
      expect(doc.summary.groups.reduce((n, g) => n + g.count, 0)).toBe(failedIds.length);
      const counts = doc.summary.groups.map((g) => g.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(doc.summary.groups[0]).toMatchObject({ platform: { name: 'Xiaomi' }, cause: 'token_invalid' });
      // Reports.
      const md = readFileSync(out('r.md'), 'utf8');
      expect(md).toMatch(new RegExp(`^### chatpush trace — ${failedIds.length} traces: \\d+ failed · \\d+ clicked\\n`));
      const xml = readFileSync(out('r.xml'), 'utf8');
      expect(xml.match(/<testcase /g)).toHaveLength(failedIds.length);
      expect(r.stderr).toContain(`HTML report written to ${out('r.html')}`);
      const html = readFileSync(out('r.html'), 'utf8');
      expect(html).not.toContain(DEMO_SECRET_KEY);
      if (browserMissing() === undefined) {
        const browser = await launchBrowser();
        try {
          const page = await browser.open(out('r.html'));
          expect(page.errors).toEqual([]);
          expect(page.requests).toEqual([]);
          expect(await page.page.$$eval('section.trace', (e) => e.length)).toBe(failedIds.length);
          expect(await page.page.$$eval('table.summary tr.group', (e) => e.length)).toBe(doc.summary.groups.length);
          expect(await page.page.$$eval('svg.timeline g.lane', (e) => e.length)).toBeGreaterThanOrEqual(failedIds.length);
        } finally {
          await browser.close();
        }
      }
    } finally {
      await sandbox.close();
    }
  }, 120_000);

  it('--summary --quiet prints only the summary', async () => {
    const { sandbox } = await sandboxWithLog(0);
    try {
      const r = await runCli(['trace', '--from-callbacks', capture, '--failed', '--summary', '--quiet'], { env: env(sandbox), timeoutMs: 60_000 });
      expect(r.code).toBe(1);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^Summary of ${failedIds.length} traces: \\d+ failed · \\d+ clicked$`));
      expect(lines.slice(1).every((l) => /^ +\d+ × {2}(failed|clicked) /.test(l))).toBe(true);
      expect(r.stdout).not.toContain('Verdict:');
      expect(r.stderr).toBe('');
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('an interrupted run writes what it traced, and --resume continues without asking any PushID again', async () => {
    const { sandbox, asked } = await sandboxWithLog(20);
    const html = join(dir, 'resume.html');
    try {
      const first = spawnCli(['trace', '--from-callbacks', capture, '--failed', '--report-html', html], { env: env(sandbox, { CHATPUSH_TRACE_INTERVAL_MS: '60' }), timeoutMs: 60_000 });
      first.child.stdin.end();
      // Ctrl-C once a few PushIDs are settled.
      while (asked.length < 15) await new Promise((r) => setTimeout(r, 20));
      first.child.kill('SIGINT');
      const done = await first.exited;
      expect(done.code).toBe(130);
      const firstAsked = [...asked];
      expect(first.stderr()).toMatch(/interrupted: \d+ of \d+ PushIDs settled\. Continue with --resume /);
      const settled = (readFileSync(html, 'utf8').match(/<section class="trace"/g) ?? []).length;
      expect(settled).toBeGreaterThanOrEqual(15);
      expect(settled).toBeLessThan(failedIds.length);

      const second = await runCli(['trace', '--from-callbacks', capture, '--failed', '--json', '--resume', html, '--report-html', html], { env: env(sandbox, { CHATPUSH_TRACE_INTERVAL_MS: '30' }), timeoutMs: 60_000 });
      expect(second.code, second.stderr).toBe(1);
      expect(second.stderr).toContain(`resuming from ${html}: ${settled} of ${failedIds.length} already traced, ${failedIds.length - settled} to go.`);
      const secondAsked = asked.slice(firstAsked.length);
      expect(secondAsked).toEqual(failedIds.slice(settled));
      // Every PushID was traced; none asked twice after the resume (only the one in flight at Ctrl-C may repeat).
      expect(new Set([...firstAsked.slice(0, settled), ...secondAsked]).size).toBe(failedIds.length);
      const doc = JSON.parse(second.stdout) as { traces: { pushId: string }[] };
      expect(doc.traces.map((t) => t.pushId)).toEqual(failedIds);
      expect((readFileSync(html, 'utf8').match(/<section class="trace"/g) ?? []).length).toBe(failedIds.length);
    } finally {
      await sandbox.close();
    }
  }, 120_000);

  it('is exit 2 for a capture without push events, and says what it skipped', async () => {
    const other = join(dir, 'messages.jsonl');
    writeFileSync(other, '{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"a"}\n');
    const r = await runCli(['trace', '--from-callbacks', capture, other], { env: baseEnv({ CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: DEMO_SECRET_KEY }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`chatpush: ${other}: no Push.OfflinePush or Push.AllMemberPush event in this file. Pass what 'chatpush listen --save <file>' recorded while push callbacks arrived (bodies {"Events":[…]}).\n`);
  });

  it('traces the (TaskId, To_Account) pairs of Push.AllMemberPush events with all_member_push_trace, in the same batch', async () => {
    const { sandbox } = await sandboxWithLog(0);
    const task = '1400000000_144115212910570789_1767225600_15723514';
    const tasks = join(dir, 'tasks.jsonl');
    const ev = (user: string, ErrCode: number) => ({ CallbackCommand: 'Push.AllMemberPush', EventType: 1, TaskId: task, TaskTime: 1767225600, EventTime: 1767225601, To_Account: user, PushPlatform: 3, PushStage: 1, ErrCode, ErrInfo: '' });
    writeFileSync(tasks, `${JSON.stringify({ Events: [ev('alice', 0), ev('bob', 80300007), ev('bob', 80300007)] })}\n${JSON.stringify({ Events: [ev('nobody', 1)] })}\n`);
    try {
      const t = await runCli(['trace', '--from-callbacks', tasks, '--failed', '--summary', '--json'], { env: env(sandbox), timeoutMs: 30_000 });
      expect(t.stderr).toContain('4 Push.AllMemberPush events in');
      expect(t.stderr).toContain('and 2 (TaskId, To_Account) pairs from Push.AllMemberPush events, traced with all_member_push_trace.');
      const doc = JSON.parse(t.stdout) as { traces: { pushId: null; taskId: string; userId: string; verdict: string }[]; summary: { groups: { ids: string[] }[] } };
      expect(doc.traces.map((x) => [x.pushId, x.taskId, x.userId])).toEqual([
        [null, task, 'bob'],
        [null, task, 'nobody'],
      ]);
      expect(doc.traces[1]!.verdict).toBe('not_found');
      expect(doc.summary.groups.flatMap((g) => g.ids).sort()).toEqual([`${task}/bob`, `${task}/nobody`]);
      expect(t.code).toBe(7);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('refuses --failed without --from-callbacks, and a report path in a missing folder before any request', async () => {
    const a = await runCli(['trace', '--failed', 'x1'], { env: baseEnv() });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--failed selects events of --from-callbacks captures');
    const b = await runCli(['trace', '--from-callbacks', capture, '--report-html', join(dir, 'nope', 'r.html')], { env: baseEnv() });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/cannot write --report-html .*nope\/r\.html/);
  });
});

describe.runIf(HAS_SCRIPT)('trace --from-callbacks on a terminal', () => {
  it('shows done/total and the time left at the request pace, then the summary within the terminal width', async () => {
    const { sandbox } = await sandboxWithLog(0);
    try {
      const p = runInPty(['trace', '--from-callbacks', capture, '--failed', '--summary'], {
        cols: 100,
        env: baseEnv({ NO_COLOR: undefined, CHATPUSH_SDKAPPID: SDK, CHATPUSH_SECRET_KEY: DEMO_SECRET_KEY, CHATPUSH_ENDPOINT: sandbox.url, CHATPUSH_TRACE_INTERVAL_MS: '40' }),
        timeoutMs: 60_000,
      });
      // The spinner line: done/total, percent, the time left at the request pace, the PushID being traced.
      await p.waitFor(new RegExp(`\\[\\d+/${failedIds.length}\\] \\d+ % · about \\d+s left · tracing \\w+`), 30_000);
      const { code } = await p.exited;
      expect(code).toBe(1);
      const lines = screenLines(p.output());
      const at = lines.findIndex((l) => l.startsWith(`Summary of ${failedIds.length} traces`));
      expect(at).toBeGreaterThan(0);
      for (const l of lines.slice(at)) expect(columnsOf(l)).toBeLessThanOrEqual(100);
    } finally {
      await sandbox.close();
    }
  }, 90_000);
});
