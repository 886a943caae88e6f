/** The one JSON document `--json` prints: schemaVersion 1 first, two-space indented, newline-terminated. */
import { escapeUnsafeJson } from './sanitize.js';

export const SCHEMA_VERSION = 1;

/** Serialises a --json document; DEL, C1 and bidi controls are written as \uXXXX (render/sanitize.ts). */
export function renderJson(doc: Record<string, unknown>): string {
  return escapeUnsafeJson(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...doc }, null, 2)}\n`);
}
