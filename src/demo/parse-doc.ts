/** A document a command printed on a captured stdout, without its schemaVersion (the demo's sections read them). */
export function parseDoc(text: string): Record<string, unknown> {
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    delete doc.schemaVersion;
    return doc;
  } catch {
    return { output: text };
  }
}
