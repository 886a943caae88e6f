/**
 * Loads undici on first use (it costs ~90 ms to import, so only commands that send requests pay for it).
 * undici is CommonJS: its module.exports is the namespace's `default`, which works the same whether the
 * module is loaded by Node (named exports from cjs-module-lexer) or from the bundled build (default only).
 */
export type Undici = typeof import('undici');

let loaded: Promise<Undici> | undefined;

/** The undici module, imported once. */
export function loadUndici(): Promise<Undici> {
  loaded ??= import('undici').then((m) => ((m as unknown as { default?: Undici }).default ?? m) as Undici);
  return loaded;
}
