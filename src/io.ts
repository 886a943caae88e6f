/**
 * Output plumbing, decided once per run [gh iostreams, ncu getChalk]: which streams are terminals, the
 * colour level, whether a spinner may run, and a redactor that keeps registered secrets out of every line.
 * stdout carries results only; everything else (progress, warnings, errors, --verbose logs) goes to stderr.
 */
import type { Readable } from 'node:stream';
import type { OutStream } from './fd-writer.js';
import type { Chalk, ChalkInstance } from 'chalk';
import { importModule } from './import-module.js';
import { Redactor } from './redact.js';
import { cutStyled, wrapBlock } from './render/fit.js';
import { renderJson } from './render/json.js';
import { plainChalk } from './render/plain-chalk.js';
import { escapeUnsafeJson, stripUnsafeControls } from './render/sanitize.js';
import { displayWidth } from './render/width.js';

export type ColorLevel = 0 | 1 | 2 | 3;
export type Env = Readonly<Record<string, string | undefined>>;

/** What decides the colour level; all of it comes in, nothing is read from globals. */
export interface ColorInputs {
  env: Env;
  isTTY: boolean;
  /** false when --no-color was given. */
  colorFlag: boolean;
}

/**
 * The colour level for a stream. Precedence (documented in README): --no-color > FORCE_COLOR > NO_COLOR >
 * TERM=dumb > not a TTY. FORCE_COLOR=0/false turns colour off; 1/2/3 pick the level; empty/true mean 1.
 */
export function decideColorLevel({ env, isTTY, colorFlag }: ColorInputs): ColorLevel {
  if (!colorFlag) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as ColorLevel;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb') return 0;
  if (!isTTY) return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}

/** A minimal spinner interface; the no-op version is used off-TTY, with --json or --quiet. */
export interface Spinner {
  text(message: string): void;
  succeed(message?: string): void;
  fail(message?: string): void;
  stop(): void;
}

/** ora's default "dots" frames. */
const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** The text with a trailing newline, added when missing. */
function asLine(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

const noopSpinner: Spinner = { text() {}, succeed() {}, fail() {}, stop() {} };

export interface IOStreams {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: OutStream;
  /** A real stream whenever it is a terminal (the spinner draws on it). */
  stderr: OutStream;
  /** TTY-ness when known without touching the streams (main.ts reads it from the file descriptors). */
  isTTY?: { stdin: boolean; stdout: boolean; stderr: boolean };
}

export interface IOOptions {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  colorFlag: boolean;
  /**
   * chalk's class, for a stream that gets colour: main.ts loads chalk only then (see needsChalk). Without it
   * every stream prints without colour.
   */
  Chalk?: typeof Chalk | undefined;
}

/** The output side of the Context. */
export class IO {
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  /** Standard input (created on first use). */
  get stdin(): IOStreams['stdin'] {
    return this.streams.stdin;
  }

  /** Colour level for stdout (results); stderr messages use the same decision for their own stream. */
  readonly colorLevel: ColorLevel;
  readonly stderrColorLevel: ColorLevel;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** The run's one redaction point (src/redact.ts): every byte written below goes through it. */
  readonly redactor: Redactor;
  private chalkOutCache: ChalkInstance | undefined;
  private chalkErrCache: ChalkInstance | undefined;

  constructor(
    private readonly streams: IOStreams,
    private readonly env: Env,
    private readonly opts: IOOptions,
    redactor: Redactor = new Redactor(),
  ) {
    this.redactor = redactor;
    this.stdoutIsTTY = streams.isTTY?.stdout ?? streams.stdout.isTTY === true;
    this.stderrIsTTY = streams.isTTY?.stderr ?? streams.stderr.isTTY === true;
    this.stdinIsTTY = streams.isTTY?.stdin ?? streams.stdin.isTTY === true;
    this.json = opts.json;
    this.quiet = opts.quiet;
    this.verbose = opts.verbose;
    this.colorLevel = opts.json ? 0 : decideColorLevel({ env, isTTY: this.stdoutIsTTY, colorFlag: opts.colorFlag });
    this.stderrColorLevel = decideColorLevel({ env, isTTY: this.stderrIsTTY, colorFlag: opts.colorFlag });
  }

  /** chalk for stdout, at the level decided once (chalk itself ignores NO_COLOR, so we never use its global). */
  get chalk(): ChalkInstance {
    return (this.chalkOutCache ??= this.painter(this.colorLevel));
  }

  /** chalk for stderr messages. */
  get chalkErr(): ChalkInstance {
    return (this.chalkErrCache ??= this.painter(this.stderrColorLevel));
  }

  /**
   * Whether --json documents are indented: on a terminal, where a person reads them. Piped or redirected they are
   * compact, one line, as gh writes them: half the bytes for a big trace, and jq, JSON.parse and every other reader
   * take either (`| jq .` indents).
   */
  get prettyJson(): boolean {
    return this.stdoutIsTTY;
  }

  /** Whether a stream gets colour, so that chalk must be loaded and given as IOOptions.Chalk. */
  get needsChalk(): boolean {
    return this.colorLevel > 0 || this.stderrColorLevel > 0;
  }

  private painter(level: ColorLevel): ChalkInstance {
    return level > 0 && this.opts.Chalk ? new this.opts.Chalk({ level }) : plainChalk();
  }

  /** Registers a secret (key, UserSig, token, Sign) so no later output line can carry it. */
  addSecret(secret: string | undefined): void {
    this.redactor.add(secret);
  }

  /** Replaces every registered secret and secret-shaped value in text with [REDACTED] (src/redact.ts). */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /**
   * The output edge for stdout: redaction, then the one escaping rule - a --json document gets DEL, C1 and
   * bidi controls as \uXXXX; terminal text loses them (render/sanitize.ts).
   */
  private cleanOut(text: string): string {
    const redacted = this.redact(text);
    return this.json ? escapeUnsafeJson(redacted) : stripUnsafeControls(redacted);
  }

  /** The output edge for stderr (never JSON): redaction, then unsafe controls dropped. */
  private cleanErr(text: string): string {
    return stripUnsafeControls(this.redact(text));
  }

  /**
   * Text for a report file (JUnit, later HTML/Markdown): redacted like every output, and without DEL, C1 or bidi
   * controls (a CI viewer shows them as a terminal would; XML/HTML structure never needs them).
   */
  redactFile(text: string): string {
    return stripUnsafeControls(this.redact(text));
  }

  /** Writes a result to stdout (a newline is added when missing). */
  out(text: string): void {
    this.streams.stdout.write(this.cleanOut(asLine(text)));
  }

  /**
   * Writes a result to stdout WITHOUT redaction. Only for the one result that is itself a credential the user
   * asked for (`chatpush usersig gen`); everything else goes through `out`.
   */
  outUnredacted(text: string): void {
    this.streams.stdout.write(asLine(text));
  }

  /** Writes raw text to stderr without adding a newline (prompts); redacted like every stderr line. */
  writeErr(text: string): void {
    this.streams.stderr.write(this.cleanErr(text));
  }

  /** Writes raw text to stdout without adding a newline. */
  write(text: string): void {
    this.streams.stdout.write(this.cleanOut(text));
  }

  /** Writes a command's --json document (render/json.ts), indented on a terminal and compact otherwise (prettyJson). */
  outJson(doc: Record<string, unknown>): void {
    this.write(renderJson(doc, this.prettyJson));
  }

  /** Writes a message to stderr (suppressed by --quiet unless it is an error; use `error` for those). */
  info(text: string): void {
    if (!this.quiet) this.errRaw(text);
  }

  /** Writes a warning line to stderr (shown even with --quiet). */
  warn(text: string): void {
    this.errRaw(`${this.chalkErr.yellow('warning:')} ${text}`);
  }

  /** Writes an error line to stderr. */
  error(text: string): void {
    this.errRaw(text);
  }

  /** A --verbose log line on stderr. */
  debug(text: string): void {
    if (this.verbose) this.errRaw(this.chalkErr.dim(`[debug] ${text}`));
  }

  private errRaw(text: string): void {
    // On a terminal, messages wrap at words rather than wherever the terminal cuts them (issue 11).
    const width = this.errWidth;
    const line = this.cleanErr(text);
    this.streams.stderr.write(asLine(width === undefined ? line : wrapBlock(line, width, '  ')));
  }

  /**
   * A copy of this IO on the same streams with some options changed (the demo runs trace and replay with
   * `quiet` so their progress and per-PushID notes do not read as failures of a demo that succeeds).
   * Registered secrets are shared (one redactor).
   */
  derive(changes: Partial<IOOptions>): IO {
    return new IO(this.streams, this.env, { ...this.opts, ...changes }, this.redactor);
  }

  /**
   * A copy of this IO in --json mode whose stdout is collected in memory; stderr, flags and registered
   * secrets are shared. Used by `demo --json` to fold several commands' documents into one.
   */
  captureStdout(changes: Partial<IOOptions> = {}): { io: IO; text(): string } {
    const parent = this;
    const chunks: Buffer[] = [];
    // node:stream is loaded here, not at the top: a command that only writes a line should not pay for it.
    const { Writable } = process.getBuiltinModule('node:stream');
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    const io = new IO(
      {
        get stdin() {
          return parent.stdin;
        },
        stdout: sink,
        get stderr() {
          return parent.streams.stderr;
        },
        isTTY: { stdin: this.stdinIsTTY, stdout: false, stderr: this.stderrIsTTY },
      },
      {},
      { json: true, quiet: this.quiet, verbose: this.verbose, colorFlag: false, ...changes },
      this.redactor,
    );
    return { io, text: () => Buffer.concat(chunks).toString('utf8') };
  }

  /**
   * The width results must fit on a terminal stdout (issue 11: no line wider than the terminal, down to 60
   * columns); undefined off a terminal and with --json, where columns stay whole for grep, awk and jq.
   */
  get outWidth(): number | undefined {
    if (!this.stdoutIsTTY || this.json) return undefined;
    const columns = this.streams.stdout.columns;
    return typeof columns === 'number' && columns > 0 ? columns : 80;
  }

  /** The width of a terminal stderr (messages wrap at words to it), else undefined. */
  get errWidth(): number | undefined {
    if (!this.stderrIsTTY) return undefined;
    const columns = (this.streams.stderr as { columns?: number }).columns;
    return typeof columns === 'number' && columns > 0 ? columns : 80;
  }

  /** Whether a spinner may run: stderr is a TTY, and neither --json nor --quiet is on. */
  get canSpin(): boolean {
    return this.stderrIsTTY && !this.json && !this.quiet && this.stderrColumns() > 0;
  }

  /**
   * The terminal width of stderr. A pseudo-terminal can report 0 columns (e.g. `script -c` with no size set);
   * ora then loops forever wrapping its line, so no spinner runs there.
   */
  private stderrColumns(): number {
    const columns = (this.streams.stderr as { columns?: number }).columns;
    return typeof columns === 'number' ? columns : 80;
  }

  /** Starts a spinner on stderr (ora is loaded only here, and only when a spinner can run). */
  async spinner(message: string): Promise<Spinner> {
    if (!this.canSpin) return noopSpinner;
    const { default: ora } = await importModule<typeof import('ora')>('ora');
    // ora would colour its frames with the global chalk, which ignores NO_COLOR: colour them with ours instead.
    const frames = SPINNER_FRAMES.map((f) => this.chalkErr.cyan(f));
    // A spinner runs only on a terminal stderr, which is always a real stream (main.ts's processStreams).
    const stream = this.streams.stderr as NodeJS.WritableStream;
    // discardStdin: false — ora's default puts a terminal stdin in raw mode (-isig) to swallow keys while it spins,
    // and nothing reads them: Ctrl-C then never becomes SIGINT and a --watch, replay or demo cannot be stopped
    // (issue 11). chatpush reads nothing from stdin while a spinner runs, so the terminal is left as it is.
    // The frame and a space come first; a line wider than the terminal would wrap (issue 11).
    const fit = (m: string): string => {
      const text = this.redact(m);
      const room = (this.errWidth ?? 80) - 3;
      return displayWidth(text) > room ? cutStyled(text, room) : text;
    };
    const s = ora({ text: fit(message), stream, color: false, discardStdin: false, spinner: { interval: 80, frames } }).start();
    return {
      text: (m) => {
        s.text = fit(m);
      },
      succeed: (m) => {
        s.succeed(m === undefined ? undefined : this.redact(m));
      },
      fail: (m) => {
        s.fail(m === undefined ? undefined : this.redact(m));
      },
      stop: () => {
        s.stop();
      },
    };
  }
}
