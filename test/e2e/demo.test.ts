/**
 * `chatpush demo`: offline, with no configuration, through the real trace and replay code paths; it must not
 * be steered by the user's own settings (env or profile) and must leave them untouched.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, ROOT, runCli } from '../helpers/cli.js';

/** Every built-in sample file: the demo replays the whole catalogue (both protocols) at its receiver. */
const SAMPLES = ['tencent', 'openim'].flatMap((p) => readdirSync(join(ROOT, 'fixtures', 'callbacks', p))).length;

const SAMPLE_VERDICTS = ['clicked', 'delivered', 'failed at vendor channel', 'pending at device', 'failed at offline submit', 'not found'];

describe('chatpush demo', () => {
  it('traces every sample and replays every fixture with no configuration, exit 0', async () => {
    const r = await runCli(['demo'], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/trace sandbox\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/callback receiver\s+http:\/\/127\.0\.0\.1:\d+/);
    for (const v of SAMPLE_VERDICTS) expect(r.stdout).toContain(`Verdict: ${v}`);
    expect(r.stdout.match(/^PushID /gm)).toHaveLength(7);
    expect(r.stdout).toMatch(new RegExp(`^${SAMPLES} passed, 0 failed$`, 'm'));
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).not.toMatch(/^warning:/m); // the demo's own options never draw a warning
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
    expect(r.stdout).toMatch(new RegExp(`^${SAMPLES} passed, 0 failed$`, 'm'));
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
    expect(doc.replay).toMatchObject({ exitCode: 0, summary: { passed: SAMPLES, failed: 0 } });
  }, 60_000);
});
