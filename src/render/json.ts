/** The one JSON document `--json` prints: schemaVersion 1 first, two-space indented, newline-terminated. */
export const SCHEMA_VERSION = 1;

/** Serialises a --json document. */
export function renderJson(doc: Record<string, unknown>): string {
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...doc }, null, 2)}\n`;
}
