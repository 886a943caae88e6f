/**
 * The callback catalogue: every Tencent Chat callback command and every OpenIM webhook chatpush ships a sample
 * and a JSON Schema for (reference/callbacks.md §A5, §B5). The list is data — fixtures/catalogue.json,
 * written by scripts/gen-callbacks.mjs — so adding a command touches no code. Reading the file is the one I/O
 * here (loadCatalogue); the rest is pure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoStruct } from './go-json.js';

export type Protocol = 'tencent' | 'openim';

/** One command of the catalogue. */
export interface CatalogueEntry {
  command: string;
  protocol: Protocol;
  /** before: the reply can stop or change the operation; after: the reply is ignored. */
  kind: 'before' | 'after';
  /** Tencent notifications and alerts (reply ignored). */
  notification?: boolean;
  /** What a reply can do, in words. */
  reply: string;
  /** Where the facts come from (doc page, or open-im-server file:line). */
  source: string;
  /** False for Tencent commands known only from a third-party SDK (reference §A5 rows 54–57). */
  confirmed: boolean;
  note?: string;
  /** OpenIM: the yml key in webhooks.yml. */
  webhook?: string;
  /** Tencent: which query parameters the URL carries ('full', 'push', 'member-state', 'alert'). */
  url?: string;
  /** OpenIM: extra query parameters the server adds (e.g. ["key"]). */
  query?: string[];
  /** OpenIM: the response struct's fields beyond CommonCallbackResp (JSON key → Go type). */
  response?: GoStruct;
  /** Sample file, relative to fixtures/callbacks/. */
  file: string;
  /** Schema file, relative to fixtures/schemas/. */
  schema: string;
}

export interface Catalogue {
  commands: CatalogueEntry[];
  /** Go struct types referred to by OpenIM response fields. */
  goTypes: Record<string, GoStruct>;
}

let cached: Promise<Catalogue> | undefined;

/**
 * Reads fixtures/catalogue.json once. Synchronously (a local file of ~50 KB, read once): node:fs/promises costs
 * ~2 ms to load, a tenth of what `fixtures list` spends beyond `node -e 0` (issue 15, --cpu-prof).
 */
export function loadCatalogue(fixturesDir: string): Promise<Catalogue> {
  cached ??= Promise.resolve().then(() => {
    const doc = JSON.parse(readFileSync(join(fixturesDir, 'catalogue.json'), 'utf8')) as { commands: CatalogueEntry[]; goTypes: Record<string, GoStruct> };
    return { commands: doc.commands, goTypes: doc.goTypes };
  });
  return cached;
}

/** The entry for a command (exact name), or undefined. */
export function findEntry(cat: Catalogue, command: string): CatalogueEntry | undefined {
  return cat.commands.find((c) => c.command === command);
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Up to three commands close to `name` (case-insensitive; substring matches first). */
export function suggestCommands(cat: Catalogue, name: string): string[] {
  const n = name.toLowerCase();
  const scored = cat.commands.map((c) => {
    const l = c.command.toLowerCase();
    return { c: c.command, d: l.includes(n) || n.includes(l) ? 0 : distance(n, l) };
  });
  const limit = Math.max(3, Math.floor(name.length / 3));
  const best = Math.min(...scored.map((s) => s.d));
  return scored
    .filter((s) => s.d <= limit && s.d <= best + 2)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, 3)
    .map((s) => s.c);
}

/** The rule decide-openim needs (kind and response struct) for a command; unknown commands get the common one. */
export function openImRule(cat: Catalogue, command: string): { command: string; kind: 'before' | 'after'; response: GoStruct } {
  const e = findEntry(cat, command);
  if (e) return { command, kind: e.kind, response: e.response ?? {} };
  // Not in the catalogue (a legacy or new name): before-hooks by their name, decoded into CommonCallbackResp.
  return { command, kind: /^callbackBefore/.test(command) || /^callback(Offline|Online|SuperGroupOnline)PushCommand$/.test(command) ? 'before' : 'after', response: {} };
}

/** The rule decide-tencent needs for a command; unknown commands are judged by their name. */
export function tencentRule(cat: Catalogue, command: string): { command: string; kind: 'before' | 'after' } {
  const e = findEntry(cat, command);
  if (e) return { command, kind: e.kind };
  return { command, kind: /\.Callback(Before|Prev)/.test(command) ? 'before' : 'after' };
}
