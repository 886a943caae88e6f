/**
 * `chatpush demo`: offline, with no configuration, through the real trace and replay code paths; it must not
 * be steered by the user's own settings (env or profile) and must leave them untouched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, runCli } from '../helpers/cli.js';

const SAMPLE_VERDICTS = ['clicked', 'delivered', 'failed at vendor channel', 'pending', 'failed at offline submit', 'not found'];

describe('chatpush demo', () => {
  it('traces every sample and replays every fixture with no configuration, exit 0', async () => {
    const r = await runCli(['demo'], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/trace sandbox\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/callback receiver\s+http:\/\/127\.0\.0\.1:\d+/);
    // A tour: one timeline in full, one line per sample, the replay report, then what was shown.
    expect(r.stdout.match(/^PushID /gm)).toHaveLength(1);
    expect(r.stdout).toContain('Verdict: failed at vendor channel — Xiaomi rejected the device token');
    const table = r.stdout.slice(r.stdout.indexOf('  PUSHID'));
    for (const v of SAMPLE_VERDICTS) expect(table).toMatch(new RegExp(`^  \\S+…\\S+\\s+${v}\\s`, 'm'));
    expect(r.stdout).toMatch(/^9 passed, 0 failed$/m);
    expect(r.stdout).toMatch(/✔ trace: 7 sample pushes .*: 3 delivered, 2 failed, 1 pending, 1 not found$/m);
    expect(r.stdout).toMatch(/✔ replay: 9 shipped callbacks .*: 9 passed, p50 /m);
    // The push diagnostics (issue 12): a funnel with its gate, the top loss causes, a task traced per recipient.
    expect(r.stdout).toMatch(/^ {2}delivered +39,376 +█/m);
    expect(r.stdout).toMatch(/FAIL delivered\[huawei\]>=80%: Huawei delivered 41\.0 %/);
    expect(r.stdout).toMatch(/^ {2}after send +80300007 +3,900 +63\.7 % +token invalid$/m);
    expect(r.stdout).toMatch(/^ {2}carol +pending +not submitted +Online on Web$/m);
    expect(r.stdout).toMatch(/✔ stats: .*caught Huawei at 41\.0 %$/m);
    expect(r.stdout).toContain('Try next');
    // Two screens: trace and replay in about 50 lines, the three push diagnostics sections in about 25 more.
    expect(r.stdout.split('\n').length).toBeLessThan(85);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    // A demo that works prints no error-style lines: the samples that fail on purpose are in the summary.
    expect(r.stderr).toBe('');
  }, 60_000);

  it('ignores and keeps the user settings that would steer it elsewhere', async () => {
    const env = baseEnv({
      CHATPUSH_ENDPOINT: 'http://127.0.0.1:9',
      CHATPUSH_SDKAPPID: '1400999999',
      CHATPUSH_SECRET_KEY: 'users-own-secret-key',
      CHATPUSH_USERSIG: 'not-a-usersig',
      CHATPUSH_REGION: 'cn',
    });
    const config = join(env.CHATPUSH_CONFIG_DIR!, 'config.json');
    const before = JSON.stringify({ profiles: { default: { sdkappid: '1400888888', endpoint: 'https://example.invalid' } } });
    writeFileSync(config, before);
    const r = await runCli(['demo', '--verbose'], { env, timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^9 passed, 0 failed$/m);
    expect(readFileSync(config, 'utf8')).toBe(before);
    expect(`${r.stdout}${r.stderr}`).not.toContain('users-own-secret-key');
  }, 60_000);

  it('--json prints one document with both reports', async () => {
    const r = await runCli(['demo', '--json'], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      schemaVersion: number;
      trace: { exitCode: number; traces: { verdict: string }[] };
      replay: { exitCode: number; summary: { passed: number; failed: number } };
    };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.trace.traces.map((t) => t.verdict)).toEqual(['clicked', 'delivered', 'failed', 'pending', 'failed', 'delivered', 'not_found']);
    expect(doc.trace.exitCode).toBe(7);
    expect(doc.replay).toMatchObject({ exitCode: 0, summary: { passed: 9, failed: 0 } });
  }, 60_000);
});
