/**
 * The one JSON document `--json` prints: schemaVersion 1 first, newline-terminated; indented by two spaces on a
 * terminal, compact (one line) when stdout is a pipe or a file, as gh prints it (IO.prettyJson decides; README
 * "JSON output"). A big trace's document is half the size compact, and every consumer (jq, JSON.parse) reads both.
 */
import { escapeUnsafeJson } from './sanitize.js';

export const SCHEMA_VERSION = 1;

/** Serialises a --json document; DEL, C1 and bidi controls are written as \uXXXX (render/sanitize.ts). */
export function renderJson(doc: Record<string, unknown>, pretty: boolean): string {
  return escapeUnsafeJson(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...doc }, null, pretty ? 2 : undefined)}\n`);
}
