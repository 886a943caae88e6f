/**
 * stdout and stderr that are not terminals are written with fs.writeSync (src/fd-writer.ts): output to a file,
 * to a reader that has gone (`chatpush … | head`), and error lines on a redirected stderr.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SDKAPPID, DEMO_SECRET_KEY } from '../../src/demo-credentials.js';
import { startSandbox } from '../../src/servers/sandbox.js';
import { baseEnv, BIN, ROOT, runCli, spawnCli } from '../helpers/cli.js';

/** Runs the CLI with stdout and stderr redirected to files, as `chatpush … >out 2>err` does. */
function runToFiles(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'chatpush-out-'));
  const out = openSync(join(dir, 'out'), 'w');
  const err = openSync(join(dir, 'err'), 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: baseEnv(), stdio: ['ignore', out, err] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      resolve({ code, stdout: readFileSync(join(dir, 'out'), 'utf8'), stderr: readFileSync(join(dir, 'err'), 'utf8') });
    });
  });
}

describe.concurrent('output to files and closed pipes', () => {
  it('writes the same result to a file as to a pipe', async () => {
    const [piped, filed] = await Promise.all([runCli(['completion', 'bash']), runToFiles(['completion', 'bash'])]);
    expect(piped.code).toBe(0);
    expect(filed.code).toBe(0);
    expect(filed.stdout.length).toBeGreaterThan(1000);
    expect(filed.stdout).toBe(piped.stdout);
    expect(filed.stderr).toBe('');
  });

  it('writes an error line to a redirected stderr and keeps the exit code', async () => {
    const r = await runToFiles(['explain', '12345678']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^chatpush: 12345678 is not a code chatpush knows\..*\n$/);
  });

  it('stops quietly with exit 0 when the reader has gone (`| head`)', async () => {
    const p = spawnCli(['completion', 'bash']);
    p.child.stdout.destroy(); // the reader goes before the CLI has started, so its first write meets EPIPE
    p.child.stdin.end();
    const { code, signal } = await p.exited;
    expect({ code, signal, stderr: p.stderr() }).toEqual({ code: 0, signal: null, stderr: '' });
  });

  it('keeps a failure when the reader goes after the first trace (`trace … | head -1` is not exit 0)', async () => {
    const sandbox = await startSandbox({ sdkappid: DEMO_SDKAPPID, secretKey: DEMO_SECRET_KEY, minIntervalMs: 0 });
    try {
      // First a push that failed at the vendor channel, then one that was clicked.
      const ids = ['69094c96_d011d473_db634e04_20003643eb2a2af_2000ebba51bc197', '69080165_7c2fc07f_a518f930_20000819f001777_2000c6c6c31008c'];
      const env = baseEnv({ CHATPUSH_ENDPOINT: sandbox.url, CHATPUSH_SDKAPPID: String(DEMO_SDKAPPID), CHATPUSH_SECRET_KEY: DEMO_SECRET_KEY });
      const p = spawnCli(['trace', ...ids], { env });
      p.child.stdin.end();
      await p.waitForStdout(/Verdict: failed/, 10_000);
      p.child.stdout.destroy(); // `head` has its line and goes; the next write meets EPIPE
      const { code } = await p.exited;
      expect(code).toBe(1);
      expect(p.stderr()).toContain('expected stage "device" was not reached: failed at vendor channel');
    } finally {
      await sandbox.close();
    }
  });
});
