import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import * as chalkModule from 'chalk';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { decideColorLevel, IO, type IOOptions } from '../../src/io.js';
import { plainChalk } from '../../src/render/plain-chalk.js';

function sink(isTTY = false): Writable & { isTTY: boolean; text(): string } {
  let data = '';
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      data += chunk.toString();
      done();
    },
  }) as Writable & { isTTY: boolean; text(): string };
  w.isTTY = isTTY;
  w.text = () => data;
  return w;
}

function makeIO(opts: Partial<IOOptions> = {}, env: Record<string, string> = {}, tty = { stdout: false, stderr: false }) {
  const stdout = sink(tty.stdout);
  const stderr = sink(tty.stderr);
  const io = new IO({ stdin: new PassThrough(), stdout, stderr }, env, { json: false, quiet: false, verbose: false, colorFlag: true, Chalk, ...opts });
  return { io, stdout, stderr };
}

describe('decideColorLevel', () => {
  it.each([
    ['TTY, nothing set', {}, true, true, 1],
    ['not a TTY', {}, false, true, 0],
    ['--no-color on a TTY', {}, true, false, 0],
    ['--no-color beats FORCE_COLOR', { FORCE_COLOR: '3' }, true, false, 0],
    ['NO_COLOR on a TTY', { NO_COLOR: '1' }, true, true, 0],
    ['empty NO_COLOR is ignored (no-color.org)', { NO_COLOR: '' }, true, true, 1],
    ['TERM=dumb on a TTY', { TERM: 'dumb' }, true, true, 0],
    ['FORCE_COLOR off a TTY', { FORCE_COLOR: '1' }, false, true, 1],
    ['FORCE_COLOR beats NO_COLOR', { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true, 1],
    ['FORCE_COLOR beats TERM=dumb', { FORCE_COLOR: '', TERM: 'dumb' }, false, true, 1],
    ['FORCE_COLOR=2', { FORCE_COLOR: '2' }, false, true, 2],
    ['FORCE_COLOR=3', { FORCE_COLOR: '3' }, false, true, 3],
    ['FORCE_COLOR=true', { FORCE_COLOR: 'true' }, false, true, 1],
    ['FORCE_COLOR=0 turns colour off on a TTY', { FORCE_COLOR: '0' }, true, true, 0],
    ['FORCE_COLOR=false turns colour off', { FORCE_COLOR: 'false' }, true, true, 0],
    ['COLORTERM=truecolor', { COLORTERM: 'truecolor' }, true, true, 3],
    ['TERM=xterm-256color', { TERM: 'xterm-256color' }, true, true, 2],
  ])('%s → level %i', (_name, env, isTTY, colorFlag, level) => {
    expect(decideColorLevel({ env, isTTY, colorFlag })).toBe(level);
  });
});

describe('IO', () => {
  it('writes results to stdout and messages to stderr, adding missing newlines', () => {
    const { io, stdout, stderr } = makeIO();
    io.out('result');
    io.write('raw');
    io.info('info');
    io.warn('careful');
    io.error('bad');
    expect(stdout.text()).toBe('result\nraw');
    expect(stderr.text()).toBe('info\nwarning: careful\nbad\n');
  });

  it('--quiet drops info but keeps warnings and errors', () => {
    const { io, stderr } = makeIO({ quiet: true });
    io.info('info');
    io.warn('w');
    io.error('e');
    expect(stderr.text()).toBe('warning: w\ne\n');
  });

  it('debug lines appear only with --verbose', () => {
    const quiet = makeIO();
    quiet.io.debug('x');
    expect(quiet.stderr.text()).toBe('');
    const loud = makeIO({ verbose: true });
    loud.io.debug('x');
    expect(loud.stderr.text()).toBe('[debug] x\n');
  });

  it('redacts every registered secret on every channel, ignoring secrets shorter than 4 characters', () => {
    const { io, stdout, stderr } = makeIO({ verbose: true });
    io.addSecret('s3cr3t-key');
    io.addSecret('sig*abc');
    io.addSecret('abc');
    io.addSecret(undefined);
    io.out('key=s3cr3t-key sig=sig*abc abc');
    io.write('s3cr3t-keys3cr3t-key');
    io.info('usersig=sig*abc');
    io.warn('s3cr3t-key');
    io.error('s3cr3t-key');
    io.debug('GET /v4?usersig=sig*abc&x=1');
    io.writeErr('prompt s3cr3t-key');
    expect(stdout.text()).toBe('key=[REDACTED] sig=[REDACTED] abc\n[REDACTED][REDACTED]');
    expect(stderr.text()).not.toContain('s3cr3t-key');
    expect(stderr.text()).not.toContain('sig*abc');
    expect(stderr.text()).toContain('usersig=[REDACTED]');
    expect(io.redact('no secret here')).toBe('no secret here');
  });

  it('outUnredacted writes the one result that is itself a credential', () => {
    const { io, stdout } = makeIO();
    io.addSecret('eJyrVgr');
    io.outUnredacted('eJyrVgrxCdYr');
    expect(stdout.text()).toBe('eJyrVgrxCdYr\n');
  });

  it('colours only when the level allows, and never in --json', () => {
    const tty = { stdout: true, stderr: true };
    expect(makeIO({}, {}, tty).io.chalk.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(makeIO({ json: true }, {}, tty).io.chalk.red('x')).toBe('x');
    expect(makeIO({}, { NO_COLOR: '1' }, tty).io.chalk.red('x')).toBe('x');
    expect(makeIO({ colorFlag: false }, {}, tty).io.chalkErr.red('x')).toBe('x');
    expect(makeIO({}, {}, tty).io.chalkErr.red('x')).toBe('\u001b[31mx\u001b[39m');
  });

  it('needs chalk only when a stream gets colour; made without it, prints plain', () => {
    const tty = { stdout: true, stderr: true };
    expect(makeIO({}, {}, tty).io.needsChalk).toBe(true);
    expect(makeIO({}, { NO_COLOR: '1' }, tty).io.needsChalk).toBe(false);
    expect(makeIO({}, {}, { stdout: false, stderr: false }).io.needsChalk).toBe(false);
    expect(makeIO({ json: true }, {}, { stdout: true, stderr: false }).io.needsChalk).toBe(false);
    expect(makeIO({ Chalk: undefined }, {}, tty).io.chalk.red('x')).toBe('x');
    expect(makeIO({}, {}, { stdout: false, stderr: false }).io.chalk).toBe(plainChalk());
  });

  it('decides TTY-ness from the isTTY hint when given, without asking the streams', () => {
    const io = new IO(
      { stdin: new PassThrough(), stdout: sink(false), stderr: sink(false), isTTY: { stdin: true, stdout: true, stderr: false } },
      {},
      { json: false, quiet: false, verbose: false, colorFlag: true },
    );
    expect([io.stdinIsTTY, io.stdoutIsTTY, io.stderrIsTTY]).toEqual([true, true, false]);
    expect(io.colorLevel).toBe(1);
    expect(io.stderrColorLevel).toBe(0);
  });

  it.each([
    ['stderr a TTY', { stderr: true, stdout: false }, {}, true],
    ['stderr not a TTY', { stderr: false, stdout: true }, {}, false],
    ['--json', { stderr: true, stdout: true }, { json: true }, false],
    ['--quiet', { stderr: true, stdout: true }, { quiet: true }, false],
  ])('spinner allowed with %s: %s', async (_n, tty, opts, can) => {
    const { io } = makeIO(opts, {}, tty);
    expect(io.canSpin).toBe(can);
  });

  it.each([
    [0, false],
    [1, true],
    [120, true],
  ])('spinner on a TTY stderr reporting %i columns allowed: %s (ora never ends a line on 0 columns)', (columns, can) => {
    const stderr = Object.assign(sink(true), { columns });
    const io = new IO({ stdin: new PassThrough(), stdout: sink(false), stderr }, {}, { json: false, quiet: false, verbose: false, colorFlag: true });
    expect(io.canSpin).toBe(can);
  });

  it.each([
    ['NO_COLOR', { NO_COLOR: '1' }, true, false],
    ['--no-color', {}, false, false],
    ['FORCE_COLOR', { FORCE_COLOR: '1' }, true, true],
  ])('spinner frames on a TTY with %s are coloured: %s', async (_n, env, colorFlag, coloured) => {
    // ora is interactive only without CI and TERM=dumb in the process environment.
    vi.stubEnv('CI', undefined);
    vi.stubEnv('TERM', 'xterm');
    try {
      const stderr = Object.assign(sink(true), { columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
      const io = new IO({ stdin: new PassThrough(), stdout: sink(false), stderr }, env, { json: false, quiet: false, verbose: false, colorFlag, Chalk });
      const s = await io.spinner('working');
      s.stop();
      expect(stderr.text()).toContain('⠋');
      expect(/\x1b\[\d+m/.test(stderr.text())).toBe(coloured);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('hands out a no-op spinner when it cannot spin', async () => {
    const { io, stderr } = makeIO();
    const s = await io.spinner('working');
    s.text('x');
    s.succeed('done');
    expect(stderr.text()).toBe('');
  });
});

describe('plainChalk', () => {
  const chalk0 = new Chalk({ level: 0 });
  const names = [...chalkModule.modifierNames, ...chalkModule.foregroundColorNames, ...chalkModule.backgroundColorNames, 'visible'] as const;
  type Painter = ((...a: unknown[]) => string) & Record<string, unknown>;
  const at = (c: unknown, path: readonly string[]): Painter => path.reduce<Painter>((p, n) => p[n] as Painter, c as Painter);

  it('has every style chalk has', () => {
    for (const n of names) expect(typeof (plainChalk() as unknown as Painter)[n], n).toBe('function');
    expect(plainChalk().level).toBe(0);
  });

  it('answers as chalk at level 0 does, for any chain of styles and any arguments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...names), { maxLength: 3 }), fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant(null)), { maxLength: 3 }), (path, args) => {
        expect(at(plainChalk(), path)(...args)).toBe(at(chalk0, path)(...args));
      }),
      { numRuns: 1000 },
    );
  });

  it('answers colour models as chalk does', () => {
    expect(plainChalk().rgb(1, 2, 3)('x')).toBe(chalk0.rgb(1, 2, 3)('x'));
    expect(plainChalk().bgHex('#fff').bold('a', 'b')).toBe(chalk0.bgHex('#fff').bold('a', 'b'));
    expect(plainChalk().visible.ansi256(9)('x')).toBe(chalk0.visible.ansi256(9)('x'));
  });
});
