/**
 * The entry point and the only module that touches `process` [gh ghcmd.Main]: builds the Context, runs the
 * CLI, and maps typed errors to exit codes. It returns the code; bin/chatpush.js sets process.exitCode so
 * piped stdout is flushed before exit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { abortableSleep, cryptoRandomUint32, type Context, type GlobalOptions } from './context.js';
import { ChatpushError, ExitCode, InterruptedError, toExitCode } from './errors.js';
import { IO, type IOStreams } from './io.js';
import { packageRoot } from './paths.js';

/** What main needs from the outside world; tests may pass their own. */
export interface MainDeps {
  streams: IOStreams;
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => number;
  random: () => number;
}

function readVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

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

/** Runs the CLI with argv (as process.argv) and returns the exit code. */
export async function main(argv: string[], deps?: Partial<MainDeps>): Promise<number> {
  const streams = deps?.streams ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  // Fast path: `chatpush --version` needs nothing but package.json.
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
    streams.stdout.write(`${readVersion()}\n`);
    return ExitCode.OK;
  }
  const env = deps?.env ?? process.env;
  const peeked = peekGlobals(argv);
  let io = new IO(streams, env, { json: peeked.json, quiet: peeked.quiet, verbose: peeked.verbose, colorFlag: peeked.color });

  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(ExitCode.INTERRUPTED);
    controller.abort(new InterruptedError());
  };
  const ownsProcess = deps?.streams === undefined;
  // A closed pipe (`chatpush … | head`) is not an error: stop quietly as other CLIs do.
  const onPipeError = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  };
  if (ownsProcess) {
    process.on('SIGINT', onSigint);
    process.stdout.on('error', onPipeError);
    process.stderr.on('error', onPipeError);
  }

  const ctxFor = (cmd: Command): Context => {
    const g = cmd.optsWithGlobals() as { json?: boolean; quiet?: boolean; verbose?: boolean; color?: boolean; profile?: string };
    const globals: GlobalOptions = {
      json: g.json === true,
      quiet: g.quiet === true,
      verbose: g.verbose === true,
      color: g.color !== false,
      profile: g.profile,
    };
    io = new IO(streams, env, { json: globals.json, quiet: globals.quiet, verbose: globals.verbose, colorFlag: globals.color });
    return {
      io,
      env,
      cwd: deps?.cwd ?? process.cwd(),
      globals,
      now: deps?.now ?? Date.now,
      random: deps?.random ?? cryptoRandomUint32,
      signal: controller.signal,
      sleep: abortableSleep(controller.signal),
    };
  };

  try {
    const { buildProgram } = await import('./cli.js');
    const { CommanderError } = await import('commander');
    const { program, exitCode } = buildProgram(readVersion(), ctxFor, {
      writeOut: (s) => streams.stdout.write(s),
      writeErr: (s) => streams.stderr.write(s),
    });
    try {
      await program.parseAsync(argv);
    } catch (err) {
      if (err instanceof CommanderError) {
        if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
          return ExitCode.OK;
        }
        const message = err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
        io.error(`chatpush: ${sentence(message)} Run 'chatpush ${subcommandPath(argv)}--help' for usage.`);
        return ExitCode.USAGE;
      }
      throw err;
    }
    return exitCode();
  } catch (err) {
    return report(err, io);
  } finally {
    if (ownsProcess) process.off('SIGINT', onSigint);
  }
}

const COMMANDS: Readonly<Record<string, readonly string[]>> = {
  trace: [], replay: [], usersig: ['gen', 'verify'], config: ['get', 'set', 'unset', 'list', 'path'],
  explain: [], completion: [], sandbox: [], listen: [], demo: [],
};

/** The subcommand words in argv (for the "Run 'chatpush trace --help'" hint); positionals are left out. */
function subcommandPath(argv: string[]): string {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const first = words[0];
  if (first === undefined || !Object.hasOwn(COMMANDS, first)) return '';
  const second = words[1];
  return second !== undefined && COMMANDS[first]!.includes(second) ? `${first} ${second} ` : `${first} `;
}

/** Ends a message with a full stop unless it already ends with punctuation. */
function sentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

/** Prints an error as one line (plus a stack with --verbose) and returns its exit code. */
function report(err: unknown, io: IO): number {
  if (err instanceof ChatpushError) {
    const line = `${err.message}${err.hint ? ` ${err.hint}` : ''}`.replace(/\s*\n\s*/g, ' ');
    if (err.exitCode !== ExitCode.INTERRUPTED) io.error(`chatpush: ${line}`);
    else io.error('chatpush: interrupted.');
    if (io.verbose && err.stack) io.error(err.stack);
    return toExitCode(err);
  }
  const message = err instanceof Error ? err.message : String(err);
  io.error(`chatpush: internal error: ${message.replace(/\s*\n\s*/g, ' ')}. Re-run with --verbose and report it.`);
  if (io.verbose && err instanceof Error && err.stack) io.error(err.stack);
  return ExitCode.NEGATIVE;
}
