/**
 * The entry point and the only module that touches `process` [gh ghcmd.Main]: builds the Context, runs the
 * CLI, and maps typed errors to exit codes. Run on the process's own streams, it ends the process as soon as
 * all output is written; otherwise it returns the code and bin/chatpush.js sets process.exitCode, so that
 * queued output is flushed before exit.
 */
// Only Node built-ins, paths.ts and fd-writer.ts are loaded up front; `--help` needs just commander and cli.ts,
// and the rest is imported when a command runs (startup targets in bench/startup.mjs).
import { fstatSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Context, GlobalOptions } from './context.js';
import { fdWriter, type OutStream } from './fd-writer.js';
import type { IO, IOStreams } from './io.js';
import { packageRoot } from './paths.js';
import { STDOUT_CLOSED } from './stdout-closed.js';

const EXIT_OK = 0;
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;

/** What main needs from the outside world; tests may pass their own. */
export interface MainDeps {
  streams: IOStreams;
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => number;
  random: () => number;
}

/**
 * The process's own streams, created only when first used, with TTY-ness read from the file descriptors so that
 * deciding colour does not create them. A stdout or stderr that is a pipe or a file is written with
 * fs.writeSync (fd-writer.ts): creating process.stdout costs ~3 ms of start-up.
 */
function processStreams(): IOStreams & { settled(): boolean; onStdoutClosed(fn: () => void): void } {
  // A closed pipe (`chatpush … | head`) is not an error, but it must not turn failures into success either
  // (issue 11: `trace … | head -1` exited 0 although traces failed). So the rest of the output is dropped and
  // the command is told (its signal aborts with StdoutClosed); it ends with the exit code of what it found.
  let closed = false;
  let closedHook: (() => void) | undefined;
  const onClosed = (): void => {
    if (closed) return;
    closed = true;
    closedHook?.();
  };
  const onPipeError = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'EPIPE') return onClosed();
    throw err;
  };
  // The real streams created so far (a terminal, or a pipe that refused a synchronous write).
  const hooked = new Set<NodeJS.WriteStream>();
  const withPipeHandler = (stream: NodeJS.WriteStream): NodeJS.WriteStream => {
    if (!hooked.has(stream)) {
      hooked.add(stream);
      stream.on('error', onPipeError);
    }
    return stream;
  };
  const isTTY = { stdin: isTerminal(0), stdout: isTerminal(1), stderr: isTerminal(2) };
  const writer = (fd: 1 | 2, isTerminalFd: boolean, stream: () => NodeJS.WriteStream): OutStream =>
    isTerminalFd ? withPipeHandler(stream()) : fdWriter(fd, { stream: () => withPipeHandler(stream()), onClosed });
  let stdout: OutStream | undefined;
  let stderr: OutStream | undefined;
  const dropWhenClosed = (inner: OutStream): OutStream => ({
    get isTTY() {
      return inner.isTTY;
    },
    get columns() {
      return inner.columns;
    },
    write: (text: string) => (closed ? false : inner.write(text)),
  });
  return {
    get stdin() {
      return process.stdin;
    },
    get stdout() {
      return (stdout ??= dropWhenClosed(writer(1, isTTY.stdout, () => process.stdout)));
    },
    get stderr() {
      return (stderr ??= writer(2, isTTY.stderr, () => process.stderr));
    },
    isTTY,
    /** Whether everything written has left the process (fd writers are synchronous; streams may queue). */
    settled: () => closed || [...hooked].every((stream) => stream.writableLength === 0),
    onStdoutClosed: (fn) => {
      closedHook = fn;
      if (closed) fn();
    },
  };
}

/**
 * isatty(fd) without loading node:tty up front (it loads node:net and the stream machinery, ~3 ms): a terminal
 * is always a character device, so pipes, files and sockets are answered by one fstat, and only a character
 * device (a terminal, or /dev/null) is asked of node:tty.
 */
function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    // /dev/null is the character device most often met (`< /dev/null` in CI, `> /dev/null`): it is never a
    // terminal, and telling it by its device number spares loading node:tty (~4.5 ms, measured with --cpu-prof).
    if (st.rdev === devNullRdev()) return false;
  } catch {
    return false; // a closed descriptor
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}

let nullRdev: number | undefined;
/** The device number of /dev/null (-1 where there is none, as on Windows). */
function devNullRdev(): number {
  if (nullRdev === undefined) {
    try {
      nullRdev = statSync('/dev/null').rdev;
    } catch {
      nullRdev = -1;
    }
  }
  return nullRdev;
}

function readVersion(): string {
  // The build writes the version into the bundle (scripts/build.mjs), which then reads no package.json at start-up;
  // run from source (tests), it is read.
  if (typeof __CHATPUSH_VERSION__ === 'string') return __CHATPUSH_VERSION__;
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** package.json's version, put in by the build (esbuild `define`); not declared when run from source. */
declare const __CHATPUSH_VERSION__: string | undefined;

/** Global flags as seen in argv before commander runs (needed to report errors commander throws). */
function peekGlobals(argv: string[]): GlobalOptions {
  const args = argv.slice(2);
  const end = args.indexOf('--');
  const flags = end === -1 ? args : args.slice(0, end);
  return {
    json: flags.includes('--json'),
    quiet: flags.includes('--quiet') || flags.includes('-q'),
    verbose: flags.includes('--verbose') || flags.includes('-v'),
    color: !flags.includes('--no-color'),
    profile: undefined,
  };
}

/**
 * Runs the CLI with argv (as process.argv) and returns the exit code. Without `deps.streams` it owns the
 * process: Ctrl-C, a closed stdout, and the end. Once the command is done and its output written, it exits at
 * once rather than letting the event loop wind down, which for a short command means waiting for a V8
 * clean-up task (~1.3 ms of a ~37 ms `usersig gen`, bench/startup.mjs).
 */
export async function main(argv: string[], deps?: Partial<MainDeps>): Promise<number> {
  // (`chatpush --version` alone is answered by bin/chatpush.js before this bundle is loaded.)
  if (deps?.streams !== undefined) return runMain(argv, deps.streams, deps, false);
  const streams = processStreams();
  const code = await runMain(argv, streams, deps, true, streams.onStdoutClosed);
  if (streams.settled()) process.exit(code);
  return code;
}

async function runMain(
  argv: string[],
  streams: IOStreams,
  deps: Partial<MainDeps> | undefined,
  ownsProcess: boolean,
  onStdoutClosed?: (fn: () => void) => void,
): Promise<number> {
  const env = deps?.env ?? process.env;
  // io.js and context.js (and chalk, only for colour) are loaded only when a command runs or an error is reported, so `--help`
  // costs commander and cli.ts alone.
  let io: IO | undefined;
  const makeIO = async (g: Omit<GlobalOptions, 'profile'>): Promise<IO> => {
    const { IO } = await import('./io.js');
    const opts = { json: g.json, quiet: g.quiet, verbose: g.verbose, colorFlag: g.color };
    const plain = new IO(streams, env, opts);
    // chalk only for colour: without it the IO paints with render/plain-chalk.ts (issue 15).
    return plain.needsChalk ? new IO(streams, env, { ...opts, Chalk: (await import('chalk')).Chalk }) : plain;
  };

  // The run's one cancellation signal, made when first asked for: node:internal/abort_controller costs ~2 ms to
  // load, which commands that never wait on anything (usersig gen, webhook sign, fixtures list) need not pay
  // (issue 15). Ctrl-C or a closed stdout before then makes it, already aborted, for whoever asks later.
  let controller: AbortController | undefined;
  const signalOf = (): AbortSignal => {
    if (!controller) {
      controller = new AbortController();
      // Every wait of a command listens on this one signal: `replay --concurrency 16 --rate …` has a sleep per
      // worker in flight, which passed Node's default of 10 listeners and printed MaxListenersExceededWarning
      // (issue 11). The listeners are removed when each wait ends, so there is no leak to warn about.
      process.getBuiltinModule('node:events').setMaxListeners(0, controller.signal);
    }
    return controller.signal;
  };
  const onSigint = (): void => {
    if (signalOf().aborted) process.exit(EXIT_INTERRUPTED);
    controller!.abort();
  };
  if (ownsProcess) process.on('SIGINT', onSigint);
  let stdoutClosed = false;
  onStdoutClosed?.(() => {
    stdoutClosed = true;
    if (!signalOf().aborted) controller!.abort(Object.assign(new Error('stdout closed'), { name: STDOUT_CLOSED }));
  });

  const ctxFor = async (cmd: Command): Promise<Context> => {
    const g = cmd.optsWithGlobals() as { json?: boolean; quiet?: boolean; verbose?: boolean; color?: boolean; profile?: string };
    const globals: GlobalOptions = {
      json: g.json === true,
      quiet: g.quiet === true,
      verbose: g.verbose === true,
      color: g.color !== false,
      profile: g.profile,
    };
    const [made, { abortableSleep, cryptoRandomUint32 }] = await Promise.all([makeIO(globals), import('./context.js')]);
    io = made;
    return {
      io,
      env,
      cwd: deps?.cwd ?? process.cwd(),
      globals,
      now: deps?.now ?? Date.now,
      random: deps?.random ?? cryptoRandomUint32,
      get signal() {
        return signalOf();
      },
      sleep: (ms: number) => abortableSleep(signalOf())(ms),
    };
  };
  const stdoutIsTTY = streams.isTTY?.stdout ?? streams.stdout.isTTY === true;

  try {
    const [{ buildProgram }, { CommanderError }] = await Promise.all([import('./cli.js'), import('commander')]);
    // commander writes to stderr only a help it shows as an error (chatpush's own errors go through io.error):
    // for `chatpush config` (a command group without its subcommand) or `chatpush help nope`. That text is held
    // and decided on below, so that neither case prints a screenful of help on stderr.
    let helpAsError = '';
    const output = {
      writeOut: (s: string) => streams.stdout.write(s),
      writeErr: (s: string) => {
        helpAsError += s;
      },
      // Off a terminal, help wraps at 80 columns without creating process.stdout just to ask its width.
      helpWidth: () => (stdoutIsTTY ? (streams.stdout.columns ?? 80) : 80),
    };
    // Given argv, buildProgram defines only the command it runs.
    const { program, exitCode } = buildProgram(readVersion(), ctxFor, output, argv);
    try {
      await program.parseAsync(argv);
    } catch (err) {
      if (err instanceof CommanderError) {
        // commander showed a help as an error (exitCode 1). `chatpush help nope` (or `config help nope`) asks
        // for a command that does not exist: a usage error (exit 2, issue 11), one line. `chatpush config`
        // names a command group without its subcommand: its help on stdout and exit 0, as `gh repo` does.
        if (err.code === 'commander.help' && err.exitCode !== 0) {
          const words = argv.slice(2).filter((a) => !a.startsWith('-'));
          const at = words.indexOf('help');
          if (at === -1) {
            streams.stdout.write(helpAsError);
            return EXIT_OK;
          }
          io ??= await makeIO(peekGlobals(argv));
          const word = words[at + 1] ?? '';
          const { didYouMean } = await import('./suggest.js');
          const parent = words.slice(0, at);
          const names = parent.reduce((cmd, w) => cmd?.commands.find((c) => c.name() === w), program as Command | undefined)?.commands.map((c) => c.name()) ?? [];
          io.error(`chatpush: there is no command '${[...parent, word].join(' ')}'.${didYouMean(word, names)} Run 'chatpush ${parent.map((w) => `${w} `).join('')}--help' for the list.`);
          return EXIT_USAGE;
        }
        if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
          return EXIT_OK;
        }
        let message = err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
        // A mistyped choice (`--expect clik`, `completion bsh`): name the one that was probably meant (issue 11).
        const choice = /(?:argument|value) '([^']*)' is invalid.*Allowed choices are (.+)\.$/.exec(message);
        if (choice) {
          const { didYouMean } = await import('./suggest.js');
          message = `${message}${didYouMean(choice[1]!, choice[2]!.split(', '))}`;
        }
        io ??= await makeIO(peekGlobals(argv));
        io.error(`chatpush: ${sentence(message)} Run 'chatpush ${subcommandPath(program, argv)}--help' for usage.`);
        return EXIT_USAGE;
      }
      throw err;
    }
    return exitCode();
  } catch (err) {
    // The reader went away and the command stopped because of it: what it found before decides the code, and
    // a command that had found nothing bad ends as it would have (exit 0), as `| head` expects.
    if (stdoutClosed && (err as { exitCode?: number }).exitCode === EXIT_INTERRUPTED) return EXIT_OK;
    const [{ report }, reportIO] = await Promise.all([import('./report-error.js'), io ?? makeIO(peekGlobals(argv))]);
    return report(err, reportIO);
  } finally {
    if (ownsProcess) process.off('SIGINT', onSigint);
  }
}

/**
 * The (sub)command words of argv that name commands of the program (for the "Run 'chatpush trace --help'"
 * hint); option values and positionals are left out.
 */
function subcommandPath(program: Command, argv: string[]): string {
  const path: string[] = [];
  let cmd = program;
  for (const word of argv.slice(2).filter((a) => !a.startsWith('-'))) {
    const sub = cmd.commands.find((c) => c.name() === word);
    if (!sub && cmd === program) continue; // a global option's value, as in `--profile work trace`
    if (!sub) break;
    path.push(word);
    cmd = sub;
  }
  return path.map((w) => `${w} `).join('');
}

/** Ends a message with a full stop unless it already ends with punctuation. */
function sentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}
