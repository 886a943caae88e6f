/**
 * The README is part of the product: its exit-code table must match src/errors.ts, and every command and long
 * option the CLI declares must be documented in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { ExitCode } from '../../src/errors.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

function exitCodeTable(): Map<number, string> {
  const section = README.slice(README.indexOf('## Exit codes'));
  const rows = new Map<number, string>();
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const m = /^\|\s*(\d+)\s*\|\s*(.+?)\s*\|$/.exec(line);
    if (m) rows.set(Number(m[1]), m[2]!);
  }
  return rows;
}

function walk(cmd: Command, path: string[] = []): { path: string[]; options: string[] }[] {
  const here = { path, options: cmd.options.map((o) => o.long).filter((l): l is string => !!l) };
  return [here, ...cmd.commands.filter((c) => c.name() !== 'help').flatMap((c) => walk(c, [...path, c.name()]))];
}

const { program } = buildProgram('0.0.0', () => {
  throw new Error('not run');
}, { writeOut: () => {}, writeErr: () => {}, helpWidth: () => 80 });

describe('README', () => {
  it('has an exit-code table with exactly the codes of src/errors.ts', () => {
    const table = exitCodeTable();
    expect([...table.keys()].sort((a, b) => a - b)).toEqual(Object.values(ExitCode).sort((a, b) => a - b));
  });

  it.each([
    [ExitCode.OK, /success/],
    [ExitCode.NEGATIVE, /negative outcome/],
    [ExitCode.USAGE, /usage or input error/],
    [ExitCode.CONFIG, /configuration missing/],
    [ExitCode.AUTH, /authentication rejected/],
    [ExitCode.SERVICE, /service error/],
    [ExitCode.NETWORK, /network error or timeout/],
    [ExitCode.NOT_FOUND, /not found/],
    [ExitCode.PENDING, /still pending/],
    [ExitCode.INTERRUPTED, /interrupted/],
  ])('describes exit code %i as in the spec', (code, meaning) => {
    expect(exitCodeTable().get(code)).toMatch(meaning);
  });

  it.each(walk(program).filter((c) => c.path.length > 0).map((c) => [c.path.join(' '), c] as const))(
    'documents `chatpush %s` and each of its options',
    (name, { options }) => {
      expect(README).toContain(`chatpush ${name}`);
      const missing = options.filter((o) => !README.includes(o));
      expect(missing).toEqual([]);
    },
  );

  it('documents the global options', () => {
    const missing = walk(program)[0]!.options.filter((o) => !README.includes(o));
    expect(missing).toEqual([]);
  });

  it('shows both set-up commands and the timeline picture', () => {
    expect(README).toContain('npm ci && npx chatpush demo');
    expect(README).toContain('npm ci && npm test');
    expect(README).toMatch(/!\[[^\]]*\]\(docs\/timeline\.(svg|png)\)/);
  });

  // GitHub's heading anchors: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens,
  // repeats numbered -1, -2… Code fences are skipped: '# in another terminal' is not a heading.
  function anchors(markdown: string): Set<string> {
    const seen = new Map<string, number>();
    const out = new Set<string>();
    let fenced = false;
    for (const line of markdown.split('\n')) {
      if (line.startsWith('```')) fenced = !fenced;
      const m = fenced ? null : /^#{1,6} (.+)$/.exec(line);
      if (!m) continue;
      const base = m[1]!.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.add(n === 0 ? base : `${base}-${n}`);
    }
    return out;
  }

  it('every in-page link of the README goes to a heading', () => {
    const known = anchors(README);
    const links = [...README.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((a) => !known.has(a))).toEqual([]);
  });

  it('the table of contents links every command section', () => {
    const toc = README.slice(README.indexOf('<!-- toc -->'), README.indexOf('<!-- /toc -->'));
    const commands = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
    expect(commands.filter((c) => !new RegExp(`\\[[^\\]]*\\b${c}\\b[^\\]]*\\]\\(#`).test(toc))).toEqual([]);
  });

  it('the exit-code section says what each code means for every command', () => {
    const section = README.slice(README.indexOf('## Exit codes'), README.indexOf('## CI recipes'));
    const commands = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
    expect(commands.filter((c) => !new RegExp(`^\\|[^|]*\`${c}\`[^|]*\\|`, 'm').test(section))).toEqual([]);
  });
});
