/**
 * Runs the built CLI in a pseudo-terminal of a given size, the way a person runs it, with util-linux `script`
 * (Debian's bsdutils; node-pty would need a native build). The terminal's modes are printed after the command
 * (`stty -a`), so a test can see that they were left as they were, and Ctrl-C can be typed: the terminal turns
 * it into SIGINT only when the program has not switched that off (issue 11).
 */
import { spawn, spawnSync } from 'node:child_process';
import { BIN } from './cli.js';

export const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

export interface PtyRun {
  /** Everything the terminal showed (stdout and stderr interleaved, with control sequences). */
  output(): string;
  /** Types into the terminal (e.g. '\x03' for Ctrl-C). */
  type(text: string): void;
  /** Resolves when `re` appears in the output (rejects after timeoutMs). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves when the command ended: its exit code, and the modes `stty -a` reported after it. */
  exited: Promise<{ code: number; stty: string; at: number }>;
}

const quote = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`;

/** Starts `chatpush …args` on a terminal `cols` wide. */
export function runInPty(args: readonly string[], opts: { cols: number; env: Record<string, string>; rows?: number; timeoutMs?: number }): PtyRun {
  const cmd = `stty cols ${opts.cols} rows ${opts.rows ?? 50}; ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; echo "<EXIT=$?>"; stty -a`;
  // script runs the line with $SHELL. bash, because Ctrl-C reaches the whole foreground group, the shell too:
  // dash then dies and takes the rest of the output with it, while bash waits to see whether the program
  // handled the signal (it did, exit 130) and goes on to print the exit code and the modes.
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env: { TERM: 'xterm-256color', ...opts.env, SHELL: '/bin/bash' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stdin.on('error', () => {});
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
  let exitAt = 0;
  const exited = new Promise<{ code: number; stty: string; at: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(killer);
      const m = /<EXIT=(\d+)>/.exec(out);
      if (!m) return reject(new Error(`no exit code in the terminal output: ${out}`));
      resolve({ code: Number(m[1]), stty: out.slice(m.index), at: exitAt });
    });
  });
  child.stdout.on('data', () => {
    if (exitAt === 0 && out.includes('<EXIT=')) exitAt = Date.now();
  });
  return {
    output: () => out,
    type: (text) => child.stdin.write(text),
    waitFor: (re, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = (): void => {
          if (re.test(out)) return resolve();
          if (Date.now() - started > timeoutMs || child.exitCode !== null) return reject(new Error(`terminal never showed ${re}: ${out}`));
          setTimeout(tick, 10);
        };
        tick();
      }),
    exited,
  };
}

/**
 * The lines as the terminal shows them: colour and cursor codes removed, a carriage return or a move to the
 * first column (how a spinner redraws) starts the line again. Only the command's part (before the exit marker).
 */
export function screenLines(output: string): string[] {
  const body = output.split('<EXIT=')[0]!;
  return body
    .replace(/\u001b\[\d*G/g, '\r')
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r\n|\n|\r/);
}

/** Display columns of a line (the output has no East Asian wide characters; each code point is one column). */
export function columnsOf(line: string): number {
  return [...line].length;
}
