/** The CLI surface end to end: help, version, and every kind of usage error (exit 2, one line, no stack). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, ROOT, runCli } from '../helpers/cli.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const COMMANDS = ['trace', 'replay', 'usersig', 'config', 'explain', 'completion', 'sandbox', 'listen', 'demo'];

describe.concurrent('chatpush CLI surface', () => {
  it('--help lists all nine commands on stdout and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(r.stdout).toContain('Exit codes:');
  });

  it.each([['usersig'], ['config'], ['help', 'config']])('help for %s lists its subcommands', async (...args) => {
    const r = await runCli([...args.filter(Boolean), ...(args[0] === 'help' ? [] : ['--help'])]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(args.includes('usersig') ? /gen[\s\S]*verify/ : /get[\s\S]*set[\s\S]*unset[\s\S]*list[\s\S]*path/);
  });

  it.each([['--version'], ['-V']])('%s prints the package version', async (flag) => {
    const r = await runCli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
    expect(r.stderr).toBe('');
  });

  it.each([
    ['unknown command', ['frobnicate'], /^chatpush: unknown command 'frobnicate'\. Run 'chatpush --help' for usage\.$/],
    ['unknown command with a suggestion', ['explian', '70009'], /unknown command 'explian'.*Did you mean explain\?/],
    ['unknown flag', ['config', 'list', '--bogus'], /^chatpush: unknown option '--bogus'\. Run 'chatpush config list --help' for usage\.$/],
    ['unknown flag before the command', ['--bogus', 'explain', '1'], /unknown option '--bogus'/],
    ['unknown flag after a global option value', ['--profile', 'work', 'trace', '--zz'], /^chatpush: unknown option '--zz'\. Run 'chatpush trace --help' for usage\.$/],
    ['missing argument', ['explain'], /^chatpush: missing required argument 'code'\. Run 'chatpush explain --help' for usage\.$/],
    ['missing subcommand argument', ['config', 'get'], /missing required argument 'key'.*chatpush config get --help/],
    ['too many arguments', ['config', 'path', 'extra'], /too many arguments/],
    ['bad option value (not a number)', ['usersig', 'gen', '--expire', 'abc'], /option '--expire <s>' argument 'abc' is invalid\. expected a whole number of seconds from 1 to 2147483647/],
    ['bad option value (negative)', ['usersig', 'gen', '--expire=-5'], /argument '-5' is invalid/],
    ['bad option value (not a choice)', ['trace', '--expect', 'nowhere', 'x'], /argument 'nowhere' is invalid\. Allowed choices are im, offline, channel, device, click\./],
    ['bad argument value (not a choice)', ['completion', 'powershell'], /value 'powershell' is invalid for argument 'shell'\. Allowed choices are bash, zsh, fish\./],
    ['option missing its value', ['--profile'], /option '--profile <name>' argument missing/],
  ])('%s → exit 2, one line on stderr, nothing on stdout, no stack', async (_n, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('help for a command that does not exist is a usage error (exit 2), help for one that does is not', async () => {
    const bad = await runCli(['help', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    // One line: no screenful of root help before it.
    expect(bad.stderr).toBe("chatpush: there is no command 'nope'. Run 'chatpush --help' for the list.\n");
    const typo = await runCli(['usersig', 'help', 'gn']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("chatpush: there is no command 'usersig gn'. Did you mean 'gen'? Run 'chatpush usersig --help' for the list.\n");
    const good = await runCli(['help', 'trace']);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Usage: chatpush trace');
  });

  it('a command group without its subcommand prints its help on stdout and exits 0 (as gh does)', async () => {
    for (const group of ['usersig', 'config', 'fixtures', 'webhook']) {
      const r = await runCli([group]);
      expect(r.code, group).toBe(0);
      expect(r.stderr, group).toBe('');
      expect(r.stdout, group).toMatch(new RegExp(`^Usage: chatpush ${group} \\[options\\] \\[command\\]`));
    }
  });

  it("every command's help lists the global options, and defaults are written one way", async () => {
    const r = await runCli(['trace', '--help']);
    expect(r.stdout).toMatch(/^Global Options:\n[\s\S]*--json[\s\S]*--profile <name>/m);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('(default: "administrator")');
    expect(text).toContain('(default: 120)');
    expect(text).not.toMatch(/; default |default [0-9a-z"]/);
  });

  it.each([
    [['trace', '--expect', 'clik', 'x'], "Did you mean 'click'?"],
    [['config', 'set', 'regoin', 'sgp'], "Did you mean 'region'?"],
    [['config', 'set', 'region', 'singapur'], "Did you mean 'singapore'?"],
    [['completion', 'bsh'], "Did you mean 'bash'?"],
  ])('%j suggests what was meant (exit 2)', async (args, suggestion) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(suggestion);
  });

  it('a usage error with --json still prints nothing on stdout', async () => {
    const r = await runCli(['--json', 'explain', 'not-a-code']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^chatpush: "not-a-code" is not an error code\./);
  });

  it('--verbose adds the stack trace of a typed error; without it there is none', async () => {
    const quiet = await runCli(['usersig', 'gen']);
    expect(quiet.code).toBe(3);
    expect(quiet.stderr.trimEnd().split('\n')).toHaveLength(1);
    const loud = await runCli(['usersig', 'gen', '--verbose']);
    expect(loud.code).toBe(3);
    expect(loud.stderr).toMatch(/ConfigError: SDKAppID is not set\.\n\s+at /);
  });

  it('global options work after the subcommand too', async () => {
    const env = baseEnv();
    const r = await runCli(['config', 'path', '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ schemaVersion: 1, path: join(env.CHATPUSH_CONFIG_DIR!, 'config.json') });
  });

  it('NO_COLOR output carries no escape codes; FORCE_COLOR brings them back', async () => {
    const plain = await runCli(['explain', '90102']);
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await runCli(['explain', '90102'], { env: baseEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }) });
    expect(forced.stdout).toContain('\u001b[');
    const off = await runCli(['--no-color', 'explain', '90102'], { env: baseEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }) });
    expect(off.stdout).not.toContain('\u001b[');
  });
});
