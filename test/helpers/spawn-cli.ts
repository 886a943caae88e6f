/**
 * Starts the built CLI as a long-running process (sandbox, listen, --watch) and lets a test wait for output,
 * send signals and await the exit. Uses the same minimal environment as runCli.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { baseEnv, BIN, ROOT } from './cli.js';

export interface SpawnedCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with stdout once it matches `re` (rejects after `timeoutMs` or if the process exits first). */
  waitForStdout(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The same for stderr (readiness lines of listen and sandbox go there). */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `chatpush …args`; the process is killed after `timeoutMs` so a hang fails the test instead of the suite. */
export function spawnCli(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): SpawnedCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: opts.env ?? baseEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal });
    });
  });
  const waitFor = (stream: 'stdout' | 'stderr', re: RegExp, timeoutMs = 5000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const tick = (): void => {
        const m = (stream === 'stdout' ? out : err).match(re);
        if (m) return resolve(m);
        if (child.exitCode !== null) return reject(new Error(`process exited (${child.exitCode}) before ${stream} matched ${re}: ${err}`));
        if (Date.now() - started > timeoutMs) return reject(new Error(`${stream} did not match ${re} in ${timeoutMs} ms: ${out} ${err}`));
        setTimeout(tick, 20);
      };
      tick();
    });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStdout: (re, timeoutMs) => waitFor('stdout', re, timeoutMs),
    waitForStderr: (re, timeoutMs) => waitFor('stderr', re, timeoutMs),
  };
}
