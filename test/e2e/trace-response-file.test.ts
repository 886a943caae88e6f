/**
 * `trace --response-file` as a timeline writes each instance as it is built and judged (issue 15), and as --json
 * builds each again while the document is written, instead of building the whole trace first. Both outputs must
 * be exactly what the whole-trace renderers make of the same answer, with the same exit code, for any answer: fast-check makes hostile ones (missing and odd fields, values
 * of the wrong type, control and wide characters, online stages, entries that are not objects), each run through
 * the built CLI and compared with renderTrace over buildTrace and the same judgement in this process.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/render/json.js';
import { plainChalk } from '../../src/render/plain-chalk.js';
import { renderTrace } from '../../src/render/timeline.js';
import { EXPECT_STAGES, expectOutcome, type ExpectStage } from '../../src/trace/diagnose.js';
import { buildTrace } from '../../src/trace/model.js';
import { traceToJson } from '../../src/trace/report.js';
import { exitCodeFor, judge } from '../../src/trace/session.js';
import { runCli, spawnCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chatpush-stream-'));
const text = fc.oneof(fc.constantFrom('', ' ', 'success', 'token invalid', '证书无效', 'x\u3000', 'a\u001b[31mb', 'nl\ny', '\u202eevil', '2025-03-07 10:04:47', '0000-00-00 00:00:00'), fc.string({ maxLength: 40 }));
const value = fc.oneof(text, fc.integer({ min: -3, max: 90_000 }), fc.constant(null), fc.boolean(), fc.constant({ nested: [1] }));
const stat = fc.option(fc.record({ PushStatus: fc.constantFrom(0, 1, 2, '1', '2', 3), ErrorCode: value, ErrorInfo: value, EventTime: fc.oneof(fc.constantFrom('2025-03-07 10:04:46', '2025-03-07 10:04:49', '2025-03-07 10:05:50'), value) }, { requiredKeys: [] }), { nil: undefined });
const entry = fc.oneof(
  { weight: 9, arbitrary: fc.record({ InstanceId: value, PushTime: fc.oneof(fc.constant('2025-03-07 10:04:45'), value), PushPlatform: value, IMCommitStat: fc.record({ IMStat: stat }), OfflinePushStat: fc.record({ OfflineStat: stat, ChannelStat: stat, DeviceStat: stat, ClickStat: stat }), OnlinePushStat: fc.record({ ChannelStat: stat, DeviceStat: stat }), DeviceModel: value, Token: value, CertId: value, NotificationStatus: fc.constantFrom(0, 1, '1'), EventType: fc.constantFrom(1, 2, 3) }, { requiredKeys: ['IMCommitStat', 'OfflinePushStat'] }) },
  { weight: 1, arbitrary: value },
);

describe('trace --response-file streams the timeline and the --json document', () => {
  it('property: the same text and exit code as the whole-trace renderer, for any answer and --expect', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 6 }), fc.constantFrom(...EXPECT_STAGES), async (entries, stage: ExpectStage) => {
        const body = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', InstanceTrace: entries };
        const file = join(dir, `answer-${n++}.json`);
        writeFileSync(file, JSON.stringify(body));
        const [r, j] = await Promise.all([runCli(['trace', '--response-file', file, '--expect', stage, 'p-1']), runCli(['trace', '--json', '--response-file', file, '--expect', stage, 'p-1'])]);
        const parsed = JSON.parse(JSON.stringify(body)) as unknown;
        const judged = judge('p-1', 0, parsed, stage);
        expect(r.stdout).toBe(renderTrace(judged.trace!, judged.diag!, { chalk: plainChalk() }));
        const code = exitCodeFor(expectOutcome(buildTrace('p-1', parsed), stage));
        expect(r.code).toBe(code);
        // --json: judged in one pass, the instances built again in a second while the document is written.
        expect(j.stdout).toBe(renderJson({ traces: [traceToJson(judged.trace!, judged.diag!, { stage, outcome: judged.outcome! })] }, false));
        expect(j.code).toBe(code);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  /** A saved answer of 4000 instances (~2 MB of timeline) in `folder`; returns its path. */
  function bigAnswer(folder: string): string {
    const file = join(folder, 'big.json');
    const instance = (i: number): object => ({ InstanceId: String(i), PushTime: '2025-03-07 10:04:45', IMCommitStat: { IMStat: { PushStatus: 1, EventTime: '2025-03-07 10:04:46' } }, OfflinePushStat: {} });
    writeFileSync(file, JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', InstanceTrace: Array.from({ length: 4000 }, (_, i) => instance(i)) }));
    return file;
  }

  /**
   * Runs the CLI and sends Ctrl-C at its first output. The CLI is rendering then; reading no more of it makes its
   * writes wait on the full pipe, so the answer cannot be finished before Ctrl-C has come.
   */
  async function interrupted(args: string[], cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const p = spawnCli(args, cwd === undefined ? {} : { cwd });
    p.child.stdout.once('data', () => {
      p.child.stdout.pause();
      p.child.kill('SIGINT');
      setTimeout(() => p.child.stdout.resume(), 400);
    });
    const { code } = await p.exited;
    return { code, stdout: p.stdout(), stderr: p.stderr() };
  }

  it.each([
    ['the timeline', [] as string[]],
    ['--json', ['--json']],
  ])('stops %s of a big answer at Ctrl-C: exit 130, what was written ends its line, no verdict at the end', async (_name, flags) => {
    const r = await interrupted(['trace', '--response-file', bigAnswer(dir), ...flags]);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted/);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout).not.toMatch(flags.length ? /"summary"|"cause"/ : /Verdict/);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it.each([
    ['--summary', ['--summary']],
    ['--report-html, --report-markdown and --junit', ['--report-html', 'r.html', '--report-markdown', 'r.md', '--junit', 'r.xml']],
  ])('stops a big answer with %s at Ctrl-C: exit 130, no summary, no report file', async (_name, flags) => {
    const work = mkdtempSync(join(dir, 'reports-'));
    const args = ['trace', '--response-file', bigAnswer(work), '--expect', 'im', ...flags];
    // Left alone, the same run ends with its verdict, its summary and every report file.
    const whole = await runCli(args, { cwd: work });
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/Verdict/);
    const reports = flags.filter((f) => /^r\./.test(f));
    expect(readdirSync(work).sort()).toEqual(['big.json', ...reports].sort());
    for (const f of reports) rmSync(join(work, f));
    // The summary and the reports come after the timeline, which Ctrl-C stops.
    const r = await interrupted(args, work);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted/);
    expect(r.stderr).not.toMatch(/written to/);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout).not.toMatch(/Verdict|Summary of/);
    expect(readdirSync(work).sort()).toEqual(['big.json']);
  });
});
