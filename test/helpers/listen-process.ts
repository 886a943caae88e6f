/**
 * Spawns `chatpush listen` as a real process, waits for its readiness line on stderr and parses the URL,
 * then stops it with SIGINT (Ctrl-C) and reports its exit code and output.
 */
import { spawn } from 'node:child_process';
import { baseEnv, BIN, ROOT } from './cli.js';

export interface ListenProcess {
  url: string;
  /** stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Waits until stdout has at least n lines (or times out). */
  waitForLines(n: number, timeoutMs?: number): Promise<string[]>;
  /** Sends SIGINT and resolves when the process exits. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `chatpush listen --port 0 …args` and resolves once it prints "Ready on <url>". */
export function startListenProcess(args: string[] = [], env: Record<string, string | undefined> = {}): Promise<ListenProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'listen', '--port', '0', ...args], { cwd: ROOT, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let ready = false;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      const m = /Ready on (http:\/\/\S+)/.exec(stderr);
      if (!ready && m) {
        ready = true;
        resolve({
          url: m[1]!,
          stdout: () => stdout,
          stderr: () => stderr,
          waitForLines: async (n, timeoutMs = 5000) => {
            const until = Date.now() + timeoutMs;
            while (stdout.split('\n').filter(Boolean).length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
            return stdout.split('\n').filter(Boolean);
          },
          stop: async () => {
            child.kill('SIGINT');
            const r = await exited;
            clearTimeout(killer);
            return { ...r, stdout, stderr };
          },
        });
      }
    });
    void exited.then((r) => {
      clearTimeout(killer);
      if (!ready) reject(new Error(`listen exited (${r.code}) before it was ready: ${stderr}`));
    });
  });
}
