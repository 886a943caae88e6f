/**
 * The hostile-input harness: runs the built CLI (bin/chatpush.js) under a heap cap, against hostile local
 * servers and files, and checks the promises every command keeps whatever it is fed:
 *   - no stack trace and no "internal error" (without --verbose),
 *   - an exit code from the spec table (and the one the case expects),
 *   - bounded time (the process is killed after `timeoutMs`) and memory (--max-old-space-size),
 *   - no secret (key, UserSig, token, Sign) in any byte of stdout, stderr or the files it wrote,
 *   - no raw control characters (C0 other than tab/newline, DEL, C1, bidi) in stdout or stderr.
 * Everything lives under one temp folder per harness, removed by cleanup().
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN as BUILT_BIN, ROOT, spawnCli, type SpawnedCli } from '../helpers/cli.js';

/** The CLI under test; CHATPUSH_HOSTILE_BIN points the suite at another build (e.g. before the fixes). */
const BIN = process.env.CHATPUSH_HOSTILE_BIN ?? BUILT_BIN;

/** Exit codes of the spec table. */
export const SPEC_EXIT_CODES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 130];

/** Heap cap for every hostile run: a command that tries to hold /dev/zero in memory dies instead of passing. */
export const HEAP_MB = 128;

export interface HostileRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
  ms: number;
  /** Peak resident memory of the CLI process, when measured (CHATPUSH_HOSTILE_MEASURE=1 and /usr/bin/time). */
  maxRssKb?: number;
}

const MEASURE = process.env.CHATPUSH_HOSTILE_MEASURE === '1' && existsSync('/usr/bin/time');
let measureSeq = 0;

/** Appends one line per run to FUZZ_REPORT (the campaign's figures); a no-op otherwise. */
export function recordRun(kind: string, run: HostileRun, problems: readonly string[]): void {
  const report = process.env.FUZZ_REPORT;
  if (!report) return;
  appendFileSync(report, `${JSON.stringify({ kind, code: run.code, ms: Math.round(run.ms), maxRssKb: run.maxRssKb ?? null, ok: problems.length === 0, problems: problems.slice(0, 3) })}\n`);
}

export interface HostileOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  /** A file descriptor to use as stdin instead (e.g. /dev/zero). */
  stdinFd?: number;
  timeoutMs?: number;
  cwd?: string;
  nodeArgs?: string[];
}

/** A temp folder for one test file, with a base environment whose config folder lives inside it. */
export class Sandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'chatpush-hostile-'));
  env(extra: Record<string, string | undefined> = {}): Record<string, string> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.dir,
      NO_COLOR: '1',
      CHATPUSH_CONFIG_DIR: join(this.dir, 'config'),
    };
    for (const [k, v] of Object.entries(extra)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    return env;
  }
  path(name: string): string {
    return join(this.dir, name);
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs the CLI with a heap cap and a kill timer. */
export function runHostile(args: string[], opts: HostileOptions = {}): Promise<HostileRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const nodeArgv = [`--max-old-space-size=${HEAP_MB}`, ...(opts.nodeArgs ?? []), BIN, ...args];
    const rssFile = MEASURE ? join(tmpdir(), `chatpush-rss-${process.pid}-${measureSeq++}`) : undefined;
    const [cmd, argv] = rssFile ? ['/usr/bin/time', ['-q', '-f', '%M', '-o', rssFile, process.execPath, ...nodeArgv]] : [process.execPath, nodeArgv];
    const child = spawn(cmd, argv as string[], {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? {},
      stdio: [opts.stdinFd ?? 'pipe', 'pipe', 'pipe'],
      // Measured runs go through /usr/bin/time: a process group, so the kill timer reaches node too.
      detached: rssFile !== undefined,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    if (child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(opts.input);
    }
    const killer = setTimeout(() => {
      if (rssFile && child.pid) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    }, opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const run: HostileRun = { code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err), ms: performance.now() - started };
      if (rssFile) {
        try {
          const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
          if (Number.isFinite(kb)) run.maxRssKb = kb;
          // /usr/bin/time reports a child's death by signal as its own exit status 128+n.
          if (run.code !== null && run.code > 128 && /signal/.test(readFileSync(rssFile, 'utf8'))) run.signal = 'SIGKILL';
          rmSync(rssFile, { force: true });
        } catch {
          // not measured
        }
      }
      resolve(run);
    });
  });
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const STACK = /\n\s+at .+(\(|\s)\S+:\d+:\d+\)?/;

/** What a run must never do; returns the broken promises (empty when it kept them all). */
export function brokenPromises(run: HostileRun, opts: { secrets?: readonly string[]; files?: readonly Buffer[]; allowedCodes?: readonly number[] } = {}): string[] {
  const problems: string[] = [];
  const stdout = run.stdout.toString('utf8');
  const stderr = run.stderr.toString('utf8');
  if (run.signal) problems.push(`killed by ${run.signal} after ${Math.round(run.ms)} ms (hang or heap cap)`);
  if (!SPEC_EXIT_CODES.includes(run.code ?? -1)) problems.push(`exit code ${run.code} is not in the spec table`);
  if (opts.allowedCodes && !opts.allowedCodes.includes(run.code ?? -1)) problems.push(`exit code ${run.code}, expected one of ${opts.allowedCodes.join(', ')}`);
  if (/internal error/i.test(stderr)) problems.push(`internal error: ${stderr.slice(0, 300)}`);
  if (STACK.test(stderr) || STACK.test(stdout)) problems.push(`stack trace: ${stderr.slice(0, 300)}`);
  for (const [name, text] of [
    ['stdout', stdout],
    ['stderr', stderr],
    ...(opts.files ?? []).map((f, i) => [`file ${i + 1}`, f.toString('utf8')] as const),
  ] as const) {
    const m = RAW_CONTROLS.exec(text);
    if (m) problems.push(`raw control U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${name} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 10))}`);
  }
  const everything = [run.stdout, run.stderr, ...(opts.files ?? [])].map((b) => b.toString('utf8')).join('\n');
  for (const s of opts.secrets ?? []) {
    if (s && everything.includes(s)) problems.push(`secret ${s.slice(0, 4)}... printed`);
    // Also no long piece of it (a secret cut to length before redaction).
    if (s && s.length >= 24) {
      for (let i = 0; i + 16 <= s.length; i += 8) {
        if (everything.includes(s.slice(i, i + 16))) {
          problems.push(`a 16-character piece of secret ${s.slice(0, 4)}... printed`);
          break;
        }
      }
    }
  }
  return problems;
}

/** A raw TCP server answering every connection with `reply(requestBytes, socket)`: for broken HTTP. */
export async function startRawServer(reply: (socket: Socket, index: number) => void): Promise<{ url: string; port: number; connections: number; close(): Promise<void> }> {
  let index = 0;
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    state.connections++;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const i = index++;
    let buffered = '';
    socket.on('data', (d) => {
      buffered += d.toString('latin1');
      // Answer once the request head and its body (Content-Length) are in.
      const head = buffered.indexOf('\r\n\r\n');
      if (head === -1) return;
      const len = Number(/content-length:\s*(\d+)/i.exec(buffered.slice(0, head))?.[1] ?? 0);
      if (buffered.length - head - 4 < len) return;
      buffered = '';
      reply(socket, i);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends raw bytes to host:port and resolves with whatever comes back before the socket closes (or timeoutMs). */
export function rawRequest(port: number, bytes: Buffer | string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const { connect } = process.getBuiltinModule('node:net');
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      // One HTTP answer is enough.
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      if (head !== -1) {
        const len = Number(/content-length:\s*(\d+)/i.exec(text.slice(0, head))?.[1] ?? 0);
        if (text.length - head - 4 >= len) done();
      }
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

/** A long-running CLI process (listen, sandbox) of the build under test; see spawnCli in ../helpers/cli.ts. */
export function spawnHostile(args: string[], env: Record<string, string>): SpawnedCli {
  return spawnCli(args, { env, timeoutMs: 600_000, bin: BIN });
}
