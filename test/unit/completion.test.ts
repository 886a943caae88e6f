/**
 * Keeps completions/ in sync with the commander program: the committed scripts must equal freshly generated
 * output (regenerate with `npm run build && node scripts/gen-completions.mjs`), every command and long option
 * must appear in each, and each script must be valid for its shell (and actually complete, where the shell
 * is installed).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, EXPECT_STAGES } from '../../src/cli.js';
import { COMPLETION_FILES, generateCompletion, SHELLS } from '../../src/completion/index.js';
import { describeProgram, valuedOptionNames } from '../../src/completion/model.js';
import { CONFIG_KEYS } from '../../src/config/resolve.js';
import { loadCatalogue } from '../../src/callbacks/catalogue.js';

const ROOT = join(import.meta.dirname, '..', '..');
const noop = (): void => {};
const { program } = buildProgram('0.0.0', () => {
  throw new Error('not run');
}, { writeOut: noop, writeErr: noop, helpWidth: () => 80 });

const committed = (shell: (typeof SHELLS)[number]): string => readFileSync(join(ROOT, 'completions', COMPLETION_FILES[shell]), 'utf8');

/** Every command (by path) and its long options, straight from commander, independent of the generator. */
function walk(cmd: Command, path: string[] = []): { path: string[]; longs: string[] }[] {
  const here = { path, longs: cmd.options.map((o) => o.long).filter((l): l is string => !!l) };
  return [here, ...cmd.commands.flatMap((c) => walk(c, [...path, c.name()]))];
}
const TREE = walk(program);
const CALLBACK_COMMANDS = (await loadCatalogue(join(ROOT, 'fixtures'))).commands.map((e) => e.command);

function has(binary: string): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

describe.each(SHELLS)('%s completion', (shell) => {
  const script = committed(shell);

  it('equals freshly generated output (run scripts/gen-completions.mjs after changing commands)', () => {
    expect(script).toBe(generateCompletion(shell, program, { callbackCommands: CALLBACK_COMMANDS }));
  });

  it('mentions every command and every long option of the program', () => {
    const longs = new Set(TREE.flatMap((n) => n.longs));
    longs.add('--help');
    for (const n of TREE) for (const word of n.path) expect(script, `command ${n.path.join(' ')}`).toContain(word);
    for (const long of longs) {
      const spelled = shell === 'fish' ? `-l ${long.slice(2)} ` : long;
      expect(script, `option ${long}`).toContain(spelled);
    }
  });

  it('offers the fixed values: --expect stages, --reply modes, shells, config keys, regions', () => {
    for (const words of [EXPECT_STAGES, ['ok fail slow'], [SHELLS.join(' ')], [CONFIG_KEYS.join(' ')], ['cn sgp kr ger usa idn']]) {
      expect(script).toContain(words.join(' '));
    }
  });
});

describe('the program description', () => {
  const spec = describeProgram(program);

  it('lists the fifteen commands plus help, and the usersig / config subcommands', () => {
    expect(spec.root.subcommands.map((c) => c.name)).toEqual(['trace', 'stats', 'loss', 'online', 'doctor', 'replay', 'fixtures', 'webhook', 'usersig', 'config', 'explain', 'completion', 'sandbox', 'listen', 'demo', 'help']);
    expect(spec.root.subcommands.find((c) => c.name === 'config')?.subcommands.map((c) => c.path)).toEqual(['config get', 'config set', 'config unset', 'config list', 'config path']);
  });

  it('knows which options take values (the same way in every command) and which take files', () => {
    const valued = valuedOptionNames(spec);
    expect(valued).toContain('--profile');
    expect(valued).toContain('--expect');
    expect(valued).not.toContain('--json');
    const trace = spec.root.subcommands.find((c) => c.name === 'trace')!;
    expect(trace.options.filter((o) => o.files).map((o) => o.long)).toEqual(['--secret-key-file', '--from-file', '--response-file', '--from-callbacks', '--resume', '--report-html', '--report-markdown', '--junit']);
    const replay = spec.root.subcommands.find((c) => c.name === 'replay')!;
    expect(replay.arguments[0]).toMatchObject({ name: 'fixtures', variadic: true, files: true });
    expect(replay.options.find((o) => o.long === '--set')?.repeatable).toBe(true);
  });
});

describe('the scripts run', () => {
  it('bash -n accepts the bash script', () => {
    const r = spawnSync('bash', ['-n', join(ROOT, 'completions', 'chatpush.bash')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each([
    ['', 'trace stats loss online doctor replay fixtures webhook usersig config explain completion sandbox listen demo help'],
    ['tr', 'trace'],
    ['--profile work us', 'usersig'],
    ['usersig ', 'gen verify'],
    ['config set ', CONFIG_KEYS.join(' ')],
    ['config set secretKey ', ''],
    ['--json config get re', 'region'],
    ['trace --expect ', EXPECT_STAGES.join(' ')],
    ['trace --expect = d', 'device'],
    ['trace --region ', 'cn sgp kr ger usa idn'],
    ['trace --ex', '--expect'],
    ['usersig gen --ex', '--expire'],
    ['completion ', 'bash zsh fish'],
    ['listen --reply s', 'slow'],
    ['help co', 'config completion'],
    // The catalogue's names (issue 13) complete where a callback command is asked for.
    ['replay --command C2C.CallbackBeforeS', 'C2C.CallbackBeforeSendMsg'],
    ['fixtures show callbackBeforeOffl', 'callbackBeforeOfflinePushCommand'],
  ])('bash completes "chatpush %s" with %j', (line, expected) => {
    const words = ['chatpush', ...line.split(' ')];
    const script = `source completions/chatpush.bash
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _chatpush; echo "\${COMPREPLY[*]}"`;
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(expected);
  });

  it.skipIf(!has('zsh'))('zsh -n accepts the zsh script', () => {
    const r = spawnSync('zsh', ['-n', join(ROOT, 'completions', '_chatpush')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!has('fish'))('fish --no-execute accepts the fish script', () => {
    const r = spawnSync('fish', ['--no-execute', join(ROOT, 'completions', 'chatpush.fish')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!has('fish')).each([
    // From the program, not a literal: this list went stale while fish was not installed on the test machines.
    ['chatpush ', [...program.commands.map((c) => c.name()), ...(program.commands.some((c) => c.name() === 'help') ? [] : ['help'])].sort().join(' ')],
    ['chatpush --profile work us', 'usersig'],
    ['chatpush config set ', [...CONFIG_KEYS].sort().join(' ')],
    ['chatpush config set secretKey ', ''],
    ['chatpush trace --expect=d', '--expect=device'],
    ['chatpush completion ', 'bash fish zsh'],
    ['chatpush fixtures show Group.CallbackAfterGroupF', 'Group.CallbackAfterGroupFull'],
  ])('fish completes %j with %j', (line, expected) => {
    const r = spawnSync('fish', ['-c', `source completions/chatpush.fish; complete -C'${line}'`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const got = r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort().join(' ');
    expect(got).toBe(expected);
  });
});
