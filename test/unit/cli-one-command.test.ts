/**
 * buildProgram(…, argv) defines only the command argv runs (src/cli.ts commandNamed). Whatever argv is, the
 * program must behave exactly as the whole one does: same help, same errors, same action with the same options.
 */
import type { Command } from 'commander';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProgram, commandNamed } from '../../src/cli.js';

/** Thrown by ctxFor: which action commander chose, and with what. */
class Ran extends Error {
  constructor(readonly detail: { path: string; args: unknown[]; opts: Record<string, unknown> }) {
    super('ran');
  }
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** What `chatpush …args` does: its output, and the action it runs or the error commander throws. */
async function outcome(args: string[], oneCommand: boolean) {
  let out = '';
  let err = '';
  const argv = ['node', 'chatpush', ...args];
  const { program } = buildProgram(
    '0.0.0',
    (cmd) => {
      throw new Ran({ path: commandPath(cmd), args: cmd.args, opts: cmd.optsWithGlobals() });
    },
    { writeOut: (s) => (out += s), writeErr: (s) => (err += s), helpWidth: () => 80 },
    oneCommand ? argv : undefined,
  );
  let result: unknown = 'returned';
  try {
    await program.parseAsync(argv);
  } catch (e) {
    result = e instanceof Ran ? e.detail : `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  return { out, err, result, commands: program.commands.map((c) => c.name()) };
}

describe('commandNamed', () => {
  const cases: Array<[string[], string | undefined]> = [
    [['usersig', 'gen'], 'usersig'],
    [['trace', 'x_y'], 'trace'],
    [['--json', '-q', '--no-color', 'explain', '70001'], 'explain'],
    [['-v', '--verbose', '--quiet', 'config', 'list'], 'config'],
    [['--profile', 'usersig', 'trace'], 'trace'],
    [['--profile=work', 'replay', 'f.json'], 'replay'],
    [[], undefined],
    [['--help'], undefined],
    [['-h', 'trace'], undefined],
    [['-qh', 'trace'], undefined],
    [['--bogus', 'trace'], undefined],
    [['help', 'trace'], undefined],
    [['completion', 'bash'], undefined],
    [['usersg', 'gen'], undefined],
    [['--', 'trace'], undefined],
    [['--profile'], undefined],
  ];
  for (const [args, expected] of cases) {
    it(`${JSON.stringify(args)} -> ${expected ?? 'every command'}`, () => {
      expect(commandNamed(['node', 'chatpush', ...args])).toBe(expected);
    });
  }
});

describe('a program with one command behaves as the whole one', () => {
  const argvs: string[][] = [
    ['usersig', 'gen'],
    ['usersig', 'gen', '--expire', '60', '--sdkappid', '1400000001'],
    ['usersig', 'gen', '--expire', '0'],
    ['usersig', 'gen', '--bogus'],
    ['usersig', '--help'],
    ['usersig'],
    ['usersig', 'verify'],
    ['--json', 'usersig', 'verify', 'abc', '--identifier', 'ops'],
    ['--profile', 'staging', 'trace', 'a_b', '--expect', 'click'],
    ['trace', '--expect', 'nowhere', 'a_b'],
    ['trace', '--watch-timeout', '-1', 'a_b'],
    ['replay', 'f.json'],
    ['replay', 'f.json', '--url', 'http://127.0.0.1:1', '--set', 'a=1', '--set', 'b=2'],
    ['config'],
    ['config', 'set'],
    ['config', 'get', 'region', 'extra'],
    ['explain', '70001'],
    ['explain'],
    ['sandbox', '--port', '70000'],
    ['listen', '--reply', 'maybe'],
    ['demo', 'extra'],
    ['-q', 'demo'],
    ['--help', 'usersig'],
    ['-h', 'trace'],
    ['--bogus', 'usersig', 'gen'],
    ['usersg', 'gen'],
    ['help', 'config'],
    ['completion', 'zsh'],
  ];
  for (const args of argvs) {
    it(args.join(' '), async () => {
      const [whole, one] = await Promise.all([outcome(args, false), outcome(args, true)]);
      expect({ ...one, commands: undefined }).toEqual({ ...whole, commands: undefined });
    });
  }

  it('defines only the named command', async () => {
    expect((await outcome(['--json', 'usersig', 'gen'], true)).commands).toEqual(['usersig']);
    expect((await outcome(['usersg', 'gen'], true)).commands).toHaveLength(15);
  });
});

/**
 * bin/chatpush.js picks the bundle before any of src/ is loaded, so it has its own copy of commandNamed's rule
 * (commandWord): dist/chatpush-<word>.cjs when that file exists, the whole program otherwise. Whenever
 * commandNamed names a command, commandWord must name the same one (or that command's bundle would be missing its
 * modules); when commandNamed names none, the word must name no command that has a bundle.
 */
describe('bin/chatpush.js routes argv to the bundle of the command commandNamed finds', () => {
  const require = createRequire(import.meta.url);
  const { commandWord } = require('../../bin/chatpush.js') as { commandWord(argv: readonly string[]): string };
  // Every command has a bundle but completion (scripts/build.mjs).
  const bundled = new Set(['trace', 'stats', 'loss', 'online', 'doctor', 'replay', 'fixtures', 'webhook', 'usersig', 'config', 'explain', 'sandbox', 'listen', 'demo']);
  const agrees = (args: string[]): void => {
    const argv = ['node', 'chatpush', ...args];
    const named = commandNamed(argv);
    const word = commandWord(argv);
    if (named !== undefined) expect(word).toBe(named);
    else expect(bundled.has(word)).toBe(false);
  };

  it('on the commandNamed table and every command word', () => {
    for (const args of [
      ['usersig', 'gen'],
      ['--json', '-q', '--no-color', 'explain', '70001'],
      ['--profile', 'usersig', 'trace'],
      ['--profile=work', 'replay', 'f.json'],
      ['-qh', 'trace'],
      ['--bogus', 'trace'],
      ['help', 'trace'],
      ['completion', 'bash'],
      ['--', 'trace'],
      ['--profile'],
      ['../dist/chatpush', 'x'],
      [],
      ...[...bundled].map((c) => [c]),
    ])
      agrees(args);
  });

  it('on random argv made of command words, global flags and other words', () => {
    const word = fc.oneof(
      fc.constantFrom(...bundled, 'completion', 'help', '--json', '-q', '--quiet', '-v', '--verbose', '--no-color', '--profile', '--profile=x', '--', '-h', '--help', '-qv'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(fc.property(fc.array(word, { maxLength: 6 }), (args) => agrees(args)), { numRuns: 2000 });
  });
});
