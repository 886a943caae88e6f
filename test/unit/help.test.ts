/** Every command's --help shows at least one example, for the commands that exist now and any added later. */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';

const noop = (): void => {};
const build = (out: (s: string) => void, width = 80): Command =>
  buildProgram('0.0.0', () => {
    throw new Error('not run');
  }, { writeOut: out, writeErr: out, helpWidth: () => width }).program;

/** Every command path ("config set", …), walked from the commander tree; commander's own `help` is left out. */
function commandPaths(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands.filter((c) => c.name() !== 'help').flatMap((c) => [[...prefix, c.name()], ...commandPaths(c, [...prefix, c.name()])]);
}

/** The text `chatpush <path> --help` prints (help plus the 'after' text, which helpInformation() leaves out). */
async function helpText(path: string[], width = 80): Promise<string> {
  let text = '';
  const program = build((s) => (text += s), width);
  await program.parseAsync(['node', 'chatpush', ...path, '--help']).catch(noop);
  return text;
}

describe('help', () => {
  const paths = commandPaths(build(noop));

  it('walks every command', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['trace', 'replay', 'usersig gen', 'config set', 'explain', 'completion', 'sandbox', 'listen', 'demo']));
  });

  it.each(paths.map((p) => [p.join(' '), p]))("'chatpush %s --help' shows an example", async (_name, path) => {
    const text = await helpText(path as string[]);
    expect(text).toContain(`Usage: chatpush ${(path as string[]).join(' ')}`);
    expect(text).toMatch(/^Examples?:\n {2}\$ .*\bchatpush\b/m);
  });

  // Example lines are commands to copy whole, so only they may pass the width.
  it.each([[], ...paths].map((p) => [p.join(' ') || '(root)', p]))("'chatpush %s --help' fits 60 columns", async (_name, path) => {
    const text = await helpText(path as string[], 60);
    expect(text.split('\n').filter((l) => !l.startsWith('  $ ') && l.length > 60)).toEqual([]);
  });
});
