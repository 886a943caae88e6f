/**
 * `chatpush fixtures list|show`: the built-in callback catalogue (spec.md v2 "Callback catalogue"). The list and
 * the samples are data in fixtures/ (src/callbacks/catalogue.ts); this module only reads and prints them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { fixturesDir } from '../paths.js';
import { findEntry, loadCatalogue, suggestCommands, type Catalogue, type CatalogueEntry } from '../callbacks/catalogue.js';
import { fitTable, wrapBlock } from '../render/fit.js';
import { columns } from '../render/replay-report.js';
import { displayWidth } from '../render/width.js';

export interface FixturesListOptions {
  protocol?: 'tencent' | 'openim' | undefined;
}

/** The package-relative path of a sample (what `replay` takes). */
function samplePath(e: CatalogueEntry): string {
  return `fixtures/callbacks/${e.file}`;
}

/** The JSON form of one entry (spec: command, protocol, kind, file; plus what the reply can do). */
function entryJson(e: CatalogueEntry): Record<string, unknown> {
  return {
    command: e.command,
    protocol: e.protocol,
    kind: e.kind,
    file: samplePath(e),
    schema: `fixtures/schemas/${e.schema}`,
    reply: e.reply,
    source: e.source,
    confirmed: e.confirmed,
    ...(e.notification ? { notification: true } : {}),
    ...(e.webhook !== undefined && e.webhook !== '(docs)' ? { webhook: e.webhook } : {}),
  };
}

/**
 * Lays the table out for a terminal of `width` columns (issue 11: no line wider than the terminal). Command names
 * are never cut or broken (they are typed back into `fixtures show` and `replay --command`): REPLY CAN wraps, then
 * moves under its row; on a terminal narrower than the longest name plus PROTOCOL and KIND, all three go under it.
 */
function fitFixtureTable(rows: readonly (readonly string[])[], width: number): string[] {
  // COMMAND, PROTOCOL and KIND whole, two spaces apart, and at least 16 columns left for REPLY CAN.
  const fixed = [0, 1, 2].reduce((sum, c) => sum + Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))) + 2, 0);
  if (fixed + 16 <= width) return fitTable(rows, { width, flex: { 3: { mode: 'wrap', min: 16 } } });
  const whole = { mode: 'wrap', min: Infinity } as const;
  const stacked = fitTable(rows, { width, flex: { 1: whole, 2: whole, 3: whole } });
  // The header row keeps only COMMAND; name the columns that moved under each row.
  stacked.splice(1, 0, `    ${rows[0]!.slice(1).join(' · ')}`);
  return stacked;
}

/** The human table: COMMAND, PROTOCOL, KIND, REPLY (what a reply can do). Pure. `width`: the terminal's, if any. */
export function renderFixtureTable(entries: readonly CatalogueEntry[], bold: (s: string) => string = (s) => s, width?: number): string {
  const rows = entries.map((e) => [
    e.command + (e.confirmed ? '' : ' (?)'),
    e.protocol,
    e.notification ? 'notify' : e.kind,
    e.reply,
  ]);
  const all = [['COMMAND', 'PROTOCOL', 'KIND', 'REPLY CAN'].map(bold), ...rows];
  const lines = width === undefined ? columns(all) : fitFixtureTable(all, width);
  const unconfirmed = entries.filter((e) => !e.confirmed).length;
  lines.push('');
  lines.push(wrapBlock(`${entries.length} commands${unconfirmed > 0 ? `; (?) = known only from a third-party SDK, UNCONFIRMED (${unconfirmed})` : ''}. 'chatpush fixtures show <command>' prints a sample.`, width));
  return `${lines.join('\n')}\n`;
}

/** Lists the catalogue; exit 0. */
export async function runFixturesList(opts: FixturesListOptions, ctx: Context): Promise<number> {
  const cat = await loadCatalogue(fixturesDir);
  const entries = cat.commands.filter((e) => opts.protocol === undefined || e.protocol === opts.protocol);
  if (ctx.globals.json) ctx.io.outJson({ fixtures: entries.map(entryJson) });
  else ctx.io.write(renderFixtureTable(entries, (s) => ctx.io.chalk.bold(s), ctx.io.outWidth));
  return 0;
}

/** The entry for a command typed by a person, or a usage error with "did you mean". */
export function entryOrUsage(cat: Catalogue, command: string): CatalogueEntry {
  const e = findEntry(cat, command) ?? cat.commands.find((c) => c.command.toLowerCase() === command.toLowerCase());
  if (e) return e;
  const near = suggestCommands(cat, command);
  throw new UsageError(`no built-in sample for "${command}".`, {
    hint: near.length > 0 ? `Did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : "Run 'chatpush fixtures list' to see every command.",
  });
}

/** Prints a command's sample exactly as shipped (a valid fixture file); exit 0. */
export async function runFixturesShow(command: string, ctx: Context): Promise<number> {
  const cat = await loadCatalogue(fixturesDir);
  const e = entryOrUsage(cat, command);
  const text = readFileSync(join(fixturesDir, 'callbacks', e.file), 'utf8');
  if (ctx.globals.json) {
    ctx.io.outJson({ fixture: { ...entryJson(e), body: JSON.parse((await import('jsonc-parser')).stripComments(text)) as unknown } });
  } else {
    ctx.io.write(text.endsWith('\n') ? text : `${text}\n`);
  }
  return 0;
}
