/**
 * Runs `chatpush listen` as a real process (on spawnCli, helpers/cli.ts), waits for its readiness line on stderr and parses
 * the URL, then stops it with SIGINT (Ctrl-C) and reports its exit code and output.
 */
import { baseEnv, spawnCli } from './cli.js';

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
export async function startListenProcess(args: string[] = [], env: Record<string, string | undefined> = {}): Promise<ListenProcess> {
  const p = spawnCli(['listen', '--port', '0', ...args], { env: baseEnv(env), timeoutMs: 30_000 });
  const [, url] = await p.waitForStderr(/Ready on (http:\/\/\S+)/, 10_000);
  const lines = (): string[] => p.stdout().split('\n').filter(Boolean);
  return {
    url: url!,
    stdout: p.stdout,
    stderr: p.stderr,
    waitForLines: async (n, timeoutMs = 5000) => {
      await p.waitForStdout(new RegExp(`^(?:.*\\n){${n}}`), timeoutMs).catch(() => undefined);
      return lines();
    },
    stop: async () => {
      p.child.kill('SIGINT');
      return { ...(await p.exited), stdout: p.stdout(), stderr: p.stderr() };
    },
  };
}
