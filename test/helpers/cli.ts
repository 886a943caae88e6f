/**
 * Spawns the built CLI (`node bin/chatpush.js`) with a minimal, explicit environment and captures its
 * exit code, stdout and stderr: runCli for a run to its end, spawnCli for a process the test talks to while
 * it runs. Nothing from the developer's own environment leaks in.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'chatpush.js');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  cwd?: string;
  /** Kill the child after this many ms (a hang is a test failure, not a stuck suite). */
  timeoutMs?: number;
  /** Another build's bin/chatpush.js (the hostile suite can run against a build from before its fixes). */
  bin?: string;
}

/** A fresh, empty config folder for one test. */
export function tempConfigDir(): string {
  return mkdtempSync(join(tmpdir(), 'chatpush-cfg-'));
}

/** The base environment every e2e run starts from: no colour, an empty config folder. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    // The run's private temp folder (test/helpers/global-temp.ts), so whatever the CLI creates there is removed too.
    TMPDIR: tmpdir(),
    NO_COLOR: '1',
    CHATPUSH_CONFIG_DIR: tempConfigDir(),
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface SpawnedCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with stdout once it matches `re` (rejects after `timeoutMs` or if the process exits first). */
  waitForStdout(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The same for stderr (readiness lines of listen and sandbox go there). */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process exits (rejects if it could not be started). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `chatpush …args` and returns at once, for long-running processes (sandbox, listen, --watch) that a
 * test waits on, signals and stops. The process is killed after `timeoutMs`, so a hang fails the test instead
 * of the suite.
 */
export function spawnCli(args: string[], opts: Omit<RunOptions, 'input'> = {}): SpawnedCli {
  const child = spawn(process.execPath, [opts.bin ?? BIN, ...args], { cwd: opts.cwd ?? ROOT, env: opts.env ?? baseEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdin.on('error', () => {}); // a process that exits without reading its stdin
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
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

/** Runs `chatpush …args` with `input` (or nothing) on stdin and resolves when it exits. */
export async function runCli(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const p = spawnCli(args, opts);
  p.child.stdin.end(opts.input);
  const { code, signal } = await p.exited;
  return { code, signal, stdout: p.stdout(), stderr: p.stderr() };
}
